"""PostgreSQL: family addresses are stored encrypted (AES-GCM) under the
column key, so the server, its dumps and its DBA see ciphertext."""

from __future__ import annotations

import io
from contextlib import redirect_stdout

import pytest
from sqlalchemy import select, text

from placement.cli.main import main
from placement.storage import encryption
from placement.storage.database import Database
from placement.storage.models import FosterFamily, Role
from tests.placement.cli_login import login
from tests.placement.security_factories import CANARY_ADDRESS, add_family

pytestmark = pytest.mark.postgres
KEY = bytes(range(32))


def _raw_addresses(url: str) -> list[str]:
    plain = Database(url, key=None)
    with plain.engine.connect() as conn:
        rows = conn.execute(text("SELECT address FROM families ORDER BY id")).scalars().all()
    plain.dispose()
    return list(rows)


def test_addresses_are_ciphertext_on_the_server(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(encryption.COLUMN_KEY_ENV, raising=False)
    db = Database(postgres_url, key=KEY)
    with db.session() as s, s.begin():
        family_id = add_family(s, address=CANARY_ADDRESS).id
    with db.session() as s:
        assert s.get_one(FosterFamily, family_id).address == CANARY_ADDRESS
        assert s.execute(select(FosterFamily)).scalar_one().address == CANARY_ADDRESS
    db.dispose()
    [stored] = _raw_addresses(postgres_url)
    assert stored.startswith(encryption.COLUMN_PREFIX) and CANARY_ADDRESS not in stored

    keyless = Database(postgres_url)
    with pytest.raises(encryption.ColumnKeyMissing), keyless.session() as s:
        s.get_one(FosterFamily, family_id)
    keyless.dispose()
    wrong = Database(postgres_url, key=bytes(32))
    with pytest.raises(encryption.WrongPassphrase), wrong.session() as s:
        s.get_one(FosterFamily, family_id)
    wrong.dispose()


def test_db_encrypt_encrypts_plain_addresses(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(encryption.COLUMN_KEY_ENV, raising=False)
    plain = Database(postgres_url)
    with plain.session() as s, s.begin():
        add_family(s, address=CANARY_ADDRESS)
    plain.dispose()
    assert _raw_addresses(postgres_url) == [CANARY_ADDRESS]
    assert main(["--db", postgres_url, "db", "encrypt"]) == 2  # no key configured

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["db", "column-key"]) == 0
    monkeypatch.setenv(encryption.COLUMN_KEY_ENV, out.getvalue().strip())
    assert main(["--db", postgres_url, "db", "encrypt"]) == 0
    [stored] = _raw_addresses(postgres_url)
    assert stored.startswith(encryption.COLUMN_PREFIX) and CANARY_ADDRESS not in stored
    db = Database(postgres_url)  # key from the environment
    with db.session() as s:
        assert s.execute(select(FosterFamily)).scalar_one().address == CANARY_ADDRESS
    db.dispose()
    assert main(["--db", postgres_url, *login(monkeypatch, postgres_url, Role.MANAGER), "audit", "verify"]) == 0


def test_a_ciphertext_copied_to_another_row_is_refused(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(encryption.COLUMN_KEY_ENV, raising=False)
    db = Database(postgres_url, key=KEY)
    with db.session() as s, s.begin():
        hidden = add_family(s, address=CANARY_ADDRESS).id
        decoy = add_family(s, address="Openbaarweg 1").id
    with db.engine.begin() as conn:  # what someone with write access to the table could do
        conn.execute(
            text("UPDATE families SET address = (SELECT address FROM families WHERE id = :a) WHERE id = :b"),
            {"a": hidden, "b": decoy},
        )
    with pytest.raises(encryption.WrongPassphrase, match="copied from another row"), db.session() as s:
        s.get_one(FosterFamily, decoy)
    with db.session() as s:
        assert s.get_one(FosterFamily, hidden).address == CANARY_ADDRESS
    db.dispose()


def test_without_the_key_no_address_is_written_in_plain_text(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(encryption.COLUMN_KEY_ENV, raising=False)
    keyed = Database(postgres_url, key=KEY)
    with keyed.session() as s, s.begin():
        add_family(s, address=CANARY_ADDRESS)
    keyed.dispose()
    keyless = Database(postgres_url)
    with (
        pytest.raises(encryption.ColumnKeyMissing, match=encryption.COLUMN_KEY_ENV),
        keyless.session() as s,
        s.begin(),
    ):
        add_family(s, address="Nieuwstraat 2")
    keyless.dispose()
    stored = _raw_addresses(postgres_url)
    assert len(stored) == 1 and all(a.startswith(encryption.COLUMN_PREFIX) for a in stored)
