"""Encryption at rest: the SQLite database file (SQLCipher), and on
PostgreSQL the family address column (AES-GCM).

The database says where hidden children live, so a copied laptop disk or a
stray backup must not say it too. A real database is a SQLCipher file: AES-256
pages, unreadable without the key, including the ``-wal`` journal.

The key is never stored. It is derived from the database passphrase with
argon2id and a random per-database salt kept in a small side file next to the
database (``placement.sqlite.salt``; the salt is not secret, but without it the
passphrase is useless, so back it up with the database: ``placement db
backup`` does). SQLCipher receives the raw 32-byte key as a hex blob literal,
``PRAGMA key = "x'…'"``, built only from validated bytes, never from user text.
"""

from __future__ import annotations

import base64
import os
import secrets
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Dialect, make_url

from catalogue.validation_sentences import Complaint
from placement import environment
from placement.environment import secret
from placement.errors import InputError, PermissionDenied, Problem
from placement.files import write_text_atomic

KEY_BYTES = 32
SALT_BYTES = 16
SALT_SUFFIX = ".salt"
PASSPHRASE_ENV = environment.PASSPHRASE_ENV
MIN_PASSPHRASE_LENGTH = 12
_PLAIN_HEADER = b"SQLite format 3\x00"

# Deriving the key costs about as much as checking a password: slow enough to
# make guessing a stolen file's passphrase expensive.
_KDF = {"time_cost": 2, "memory_cost": 65536, "parallelism": 2}


class WrongPassphrase(PermissionDenied):
    """The key does not open the database (the message never repeats it)."""


class ColumnKeyMissing(PermissionDenied):
    """Encrypted columns were read without the key that decrypts them."""


def dbapi() -> Any:
    """The SQLCipher DB-API module (the same interface as ``sqlite3``)."""
    import sqlcipher3.dbapi2

    return sqlcipher3.dbapi2


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, or ``None`` for other databases and in-memory ones."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def salt_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SALT_SUFFIX)


def is_encrypted(db_path: Path) -> bool:
    """True for an existing SQLCipher file (a plain SQLite file starts with a
    fixed header; an encrypted one with random bytes)."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return False
    with db_path.open("rb") as f:
        return f.read(len(_PLAIN_HEADER)) != _PLAIN_HEADER


def refuse_plain_in_place_of_encrypted(url: str) -> None:
    """An encrypted database has a key file beside it; a plain SQLite file
    next to that key file was put in its place (a copied-in file, an old plain
    backup) and is refused rather than opened without a word."""
    path = sqlite_path(url)
    if path is None or not path.exists() or path.stat().st_size == 0:
        return
    if salt_path(path).exists() and not is_encrypted(path):
        complaint = Complaint("storage.plain_with_key", {"file": path.name, "key_file": salt_path(path).name})
        raise InputError([Problem.of("--db", complaint)])


def derive_key(passphrase: str, salt: bytes) -> bytes:
    if len(salt) != SALT_BYTES:
        raise ValueError("bad salt length")
    return hash_secret_raw(
        passphrase.encode("utf-8"), salt, hash_len=KEY_BYTES, type=Type.ID, **_KDF
    )


def _read_salt(db_path: Path) -> bytes:
    path = salt_path(db_path)
    try:
        salt = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        raise InputError(
            [Problem.of(path.name, Complaint("storage.key_file_missing"))]
        ) from None
    if len(salt) != SALT_BYTES:
        raise InputError([Problem.of(path.name, Complaint("storage.key_file_damaged"))])
    return salt


def new_salt(db_path: Path) -> bytes:
    """A fresh salt for a database about to be created or encrypted."""
    salt = secrets.token_bytes(SALT_BYTES)
    write_text_atomic(salt_path(db_path), salt.hex() + "\n")
    return salt


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise InputError(
            [Problem.of("passphrase", Complaint("text.at_least", {"limit": MIN_PASSPHRASE_LENGTH}))]
        )


def key_for(db_path: Path, passphrase: str, *, new: bool = False) -> bytes:
    """The key of the database at ``db_path``; ``new=True`` makes a new salt
    (for a database that does not exist yet)."""
    if new:
        check_new_passphrase(passphrase)
        return derive_key(passphrase, new_salt(db_path))
    return derive_key(passphrase, _read_salt(db_path))


def key_pragma(key: bytes) -> str:
    """``PRAGMA key`` with the raw key as a hex blob literal."""
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 raw bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _key_literal(key: bytes) -> str:
    key_pragma(key)  # validates
    return f"x'{key.hex()}'"


def apply_key(dbapi_connection: Any, key: bytes) -> None:
    """Key a fresh SQLCipher connection; must run before any other statement."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA cipher_log_level = NONE")
    cursor.execute(key_pragma(key))
    cursor.execute("PRAGMA temp_store = MEMORY")  # no sort or index spill files on disk
    cursor.close()


def keying_listener(key: bytes) -> Callable[[Any, Any], None]:
    """A SQLAlchemy ``connect`` listener that keys each new connection."""
    key_pragma(key)  # fail now, not at the first connection

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        apply_key(dbapi_connection, key)

    return on_connect


def connect(db_path: Path, key: bytes | None) -> Any:
    """A raw DB-API connection (autocommit) for backups and conversions; checks the key."""
    if key is None:
        connection = sqlite3.connect(db_path, isolation_level=None)
    else:
        connection = dbapi().connect(str(db_path), isolation_level=None)
        apply_key(connection, key)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception:
        connection.close()
        raise WrongPassphrase("wrong database passphrase (or not a database file)") from None
    return connection


def key_from_environment(url: str) -> bytes | None:
    """The key of a SQLite file from ``PLACEMENT_DB_PASSPHRASE`` (scripts, CI,
    the command line), or ``None``: for an encrypted file its key, for a file
    that does not exist yet a new key (so it is created encrypted), for an
    existing plain file ``None`` (``placement db encrypt`` converts it)."""
    path = sqlite_path(url)
    passphrase = secret(PASSPHRASE_ENV)
    if path is None or not passphrase:
        return None
    if path.exists() and path.stat().st_size > 0:
        return key_for(path, passphrase) if is_encrypted(path) else None
    return key_for(path, passphrase, new=not salt_path(path).exists())


def check_key(db_path: Path, key: bytes) -> None:
    """Raise :class:`WrongPassphrase` unless ``key`` opens ``db_path``."""
    connect(db_path, key).close()


def encrypt_database(db_path: Path, passphrase: str) -> bytes:
    """Convert a plain SQLite database into a SQLCipher one in place
    (``sqlcipher_export``); returns the new key. The plain file is replaced
    only after the encrypted copy is complete and checked."""
    if is_encrypted(db_path):
        raise InputError([Problem.of(db_path.name, Complaint("storage.already_encrypted"))])
    if not db_path.exists():
        raise InputError([Problem.of(str(db_path), Complaint("storage.no_database_file"))])
    check_new_passphrase(passphrase)
    target = db_path.with_name(db_path.name + ".encrypting")
    target.unlink(missing_ok=True)
    salt = secrets.token_bytes(SALT_BYTES)
    key = derive_key(passphrase, salt)
    plain = dbapi().connect(str(db_path), isolation_level=None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        plain.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(target), _key_literal(key)))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        version = plain.execute("PRAGMA main.user_version").fetchone()[0]
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    check = connect(target, key)
    try:
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise RuntimeError("encrypted copy failed its integrity check")
    finally:
        check.close()
    write_text_atomic(salt_path(db_path), salt.hex() + "\n")
    os.replace(target, db_path)
    for suffix in ("-wal", "-shm", "-journal"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    return key


# --- PostgreSQL: encrypted columns -------------------------------------------
#
# On PostgreSQL the server enforces who reads what (row-level security, see
# the README); on top of that family street addresses are stored encrypted
# with AES-256-GCM under a column key the server never sees, so a dump, a
# replica or the owner's query shows ``enc2:…`` instead of the address. The
# table, column and row id are the ciphertext's authenticated data: a
# ciphertext copied into another family's row does not decrypt there. The
# key is 32 random bytes given as 64 hex digits in ``PLACEMENT_COLUMN_KEY``
# (keep it in the OS keyring or the organisation's secrets store; ``placement
# db column-key`` makes one). On SQLite the whole file is encrypted, so the
# column is stored as plain text inside it.
#
# It fails closed: once the database holds an encrypted address, writing one
# without the key is refused rather than stored as plain text. Plain-text
# addresses from before a key was set are read as they are and encrypted by
# ``placement db encrypt``; ``enc1:`` values (an earlier version, without the
# row in the authenticated data) are still read and re-encrypted by it.

COLUMN_KEY_ENV = "PLACEMENT_COLUMN_KEY"
COLUMN_PREFIX = "enc2:"
LEGACY_PREFIX = "enc1:"
SEALED_PREFIXES = (COLUMN_PREFIX, LEGACY_PREFIX)
_DIALECT_KEY = "placement_column_key"
_LEGACY_AAD = b"placement-planner:column:v1"


def column_key_from_environment() -> bytes | None:
    text = os.environ.get(COLUMN_KEY_ENV)
    if not text:
        return None
    try:
        key = bytes.fromhex(text.strip())
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise InputError([Problem.of(COLUMN_KEY_ENV, Complaint("storage.column_key_shape"))])
    return key


def new_column_key() -> str:
    return secrets.token_bytes(KEY_BYTES).hex()


def set_column_key(dialect: Dialect, key: bytes | None) -> None:
    """Attach the column key to an engine's dialect (each engine has its own)."""
    if key is not None and len(key) != KEY_BYTES:
        raise ValueError("a column key is 32 raw bytes")
    setattr(dialect, _DIALECT_KEY, key)


def column_key(dialect: Dialect) -> bytes | None:
    return getattr(dialect, _DIALECT_KEY, None)


def _aad(table: str, column: str, row_id: int) -> bytes:
    return f"placement-planner:column:v2|{table}|{column}|{int(row_id)}".encode("ascii")


def seal(key: bytes, value: str, *, table: str, column: str, row_id: int) -> str:
    """``value`` as ``enc2:<base64(nonce | ciphertext | tag)>``, bound to its row."""
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(key).encrypt(nonce, value.encode("utf-8"), _aad(table, column, row_id))
    return COLUMN_PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def unseal(key: bytes | None, stored: str, *, table: str, column: str, row_id: int) -> str:
    """The plain text of a stored value (plain text is returned as it is)."""
    if not stored.startswith(SEALED_PREFIXES):
        return stored
    if key is None:
        raise ColumnKeyMissing(f"family addresses are encrypted: set {COLUMN_KEY_ENV}")
    legacy = stored.startswith(LEGACY_PREFIX)
    aad = _LEGACY_AAD if legacy else _aad(table, column, row_id)
    try:
        raw = base64.b64decode(stored[len(COLUMN_PREFIX):], validate=True)
        return AESGCM(key).decrypt(raw[:12], raw[12:], aad).decode("utf-8")
    except (InvalidTag, ValueError):
        raise WrongPassphrase(
            f"{COLUMN_KEY_ENV} does not decrypt a stored address (a wrong key, or a value "
            "copied from another row)"
        ) from None
