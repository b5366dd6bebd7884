"""The one atomic writer every saved file goes through."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from placement.errors import InputError
from placement.files import write_bytes_atomic, write_text_atomic


def test_a_new_file_is_private_and_a_wider_mode_can_be_asked_for(tmp_path: Path) -> None:
    write_bytes_atomic(tmp_path / "a.pdf", b"%PDF")
    write_bytes_atomic(tmp_path / "b.txt", b"x", mode=0o644)
    assert (tmp_path / "a.pdf").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "b.txt").stat().st_mode & 0o777 == 0o644


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.csv"
    target.write_bytes(b"old")

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(InputError, match="No space left on device") as caught:
        write_text_atomic(target, "new")
    assert caught.value.source == os.fspath(target)
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["report.csv"]


def test_text_for_excel_starts_with_a_byte_order_mark(tmp_path: Path) -> None:
    write_text_atomic(tmp_path / "c.csv", "naam\nȘtefan Bălan\n", encoding="utf-8-sig")
    assert (tmp_path / "c.csv").read_bytes() == "\ufeffnaam\nȘtefan Bălan\n".encode()


def test_a_folder_that_does_not_exist_is_an_input_error_not_created(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot write the file"):
        write_bytes_atomic(tmp_path / "typo" / "d.pdf", b"%PDF")
    assert not (tmp_path / "typo").exists()
