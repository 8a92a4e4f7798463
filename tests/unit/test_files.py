"""The one file writer: whole or nothing, and leftovers of killed writes cleared."""

from __future__ import annotations

import os
import sys
import time

import pytest

from jianfu import files


def _age(path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "统计表.pdf"
    target.write_bytes(b"old")

    def write_half() -> None:
        with files.atomic_write(target) as fh:
            fh.write(b"half")
            raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        write_half()
    assert target.read_bytes() == b"old"
    assert not [p for p in tmp_path.iterdir() if files.is_temp(p)]


def test_the_next_write_clears_stale_leftovers_only(tmp_path):
    stale = files.temp_path(tmp_path / "备份.db")
    fresh = files.temp_path(tmp_path / "统计表.xlsx")  # another writer may still be at work
    mine = tmp_path / ".jianfu-notes.txt"  # not one of our temporary names
    mine.write_text("clerk's")
    for p in (stale, mine):
        _age(p, files.STALE_AFTER_SECONDS + 60)
    files.write_bytes(tmp_path / "证明.pdf", b"%PDF")
    assert not stale.exists()
    assert fresh.exists() and mine.exists()
    assert (tmp_path / "证明.pdf").read_bytes() == b"%PDF"


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need rights on Windows")
def test_a_link_named_like_a_leftover_is_not_followed_or_removed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    folder = tmp_path / "out"
    folder.mkdir()
    link = folder / f"{files.TEMP_PREFIX}x-abc{files.TEMP_SUFFIX}"
    link.symlink_to(outside)
    _age(link, files.STALE_AFTER_SECONDS + 60)
    assert files.sweep_stale_temps(folder) == []
    assert link.is_symlink() and outside.read_text() == "keep"
