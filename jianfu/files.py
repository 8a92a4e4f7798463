"""The one way the app writes a file: whole or not at all, private to the user.

Every PDF, workbook, backup and photo goes through :func:`atomic_write` (or
:func:`write_bytes`): the content is written to a temporary file in the target's own folder
(so the final rename never crosses a disk), flushed to the disk with ``fsync``, and renamed
over the target only when complete. A kill, a full disk or an error while writing leaves the
old file (or no file) and no half-written file under the real name. Files are created with mode
0600 and folders with 0700 where the platform has modes: the data holds ID numbers.

Plain Python on purpose: every layer may use it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

#: Mode of every file the app writes (owner read/write only).
FILE_MODE = 0o600
#: Mode of every folder the app creates (owner only).
DIR_MODE = 0o700
#: Temporary files start with this, so a leftover is recognisable (and never a real name).
TEMP_PREFIX = ".jianfu-"
TEMP_SUFFIX = ".part"
#: A temporary file of ours this old is a leftover of a killed write (no write takes this long
#: to finish while the file's time stands still): the next write into its folder removes it.
STALE_AFTER_SECONDS = 3600


#: The operating system's reasons a clerk can meet, in Chinese (the OS says them in English).
_REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "磁盘是只读的",
    errno.ENOENT: "文件夹不存在",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.EBUSY: "文件正被其他程序使用",
    errno.EIO: "磁盘读写出错",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EDQUOT: "磁盘配额已用完",
}


#: The reasons that read otherwise when a file is opened, not written.
_READING_REASONS = {
    errno.EACCES: "没有读取权限",
    errno.ENOENT: "文件不存在（可能已被移动、改名或删除）",
}


def os_reason(exc: OSError, *, reading: bool = False) -> str:
    """Why ``exc`` happened, in Chinese when it is a common reason (else the OS's words).

    ``reading``: the file was being opened, not written (a missing file, not a missing folder).
    """
    if reading and (reason := _READING_REASONS.get(exc.errno or 0)):
        return reason
    if isinstance(exc, PermissionError) and os.name == "nt":
        return "没有写入权限，或文件正在 WPS/Excel 等程序中打开"
    return _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def has_modes() -> bool:
    """Whether this platform has POSIX file modes (not Windows)."""
    return os.name != "nt"


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as folders only the user can open; return it.

    An existing folder is made private too when it is the user's own.
    """
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    make_private(path)
    return path


def make_private(path: Path) -> None:
    """Set 0600 (file) or 0700 (folder) on ``path`` if the user owns it; never follows links."""
    if not has_modes():
        return
    with contextlib.suppress(OSError):
        st = os.lstat(path)
        import stat

        if stat.S_ISLNK(st.st_mode) or st.st_uid != os.getuid():
            return
        mode = DIR_MODE if stat.S_ISDIR(st.st_mode) else FILE_MODE
        if stat.S_IMODE(st.st_mode) != mode:
            os.chmod(path, mode)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (a rename) to the disk; a no-op where that is not possible."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sweep_stale_temps(folder: Path, *, older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Remove our temporary files in ``folder`` untouched for ``older_than`` seconds.

    A kill (power cut, task manager) during a write leaves its temporary file beside the
    target; the next write into that folder clears it. Only names made by :func:`temp_path`
    are touched, never a link, and a file another writer still grows is left alone.
    """
    import stat
    import time

    removed: list[Path] = []
    limit = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not is_temp(Path(entry.name)):
            continue
        with contextlib.suppress(OSError):
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and st.st_mtime < limit:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def temp_path(target: Path) -> Path:
    """A fresh temporary name in ``target``'s folder, created empty with mode 0600.

    Leftovers of killed writes in that folder are removed first (:func:`sweep_stale_temps`).
    """
    target = Path(target)
    sweep_stale_temps(target.parent)
    fd, name = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{target.name[:60]}-", suffix=TEMP_SUFFIX, dir=target.parent
    )
    os.close(fd)
    return Path(name)


def is_temp(path: Path) -> bool:
    """Whether ``path`` is one of our temporary files (left behind by a kill)."""
    name = Path(path).name
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


@contextlib.contextmanager
def atomic_path(target: Path, *, make_parents: bool = True) -> Iterator[Path]:
    """Give a temporary path beside ``target`` to write; rename it over ``target`` on success.

    For writers that want a file name (SQLite's backup, openpyxl). The temporary file is
    fsynced before the rename and removed on any error; ``target`` is then untouched.
    """
    target = Path(target)
    if make_parents and not target.parent.exists():
        private_dir(target.parent)
    temp = temp_path(target)
    try:
        yield temp
        with open(temp, "rb+") as fh:
            os.fsync(fh.fileno())
        make_private(temp)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(target.parent)


@contextlib.contextmanager
def atomic_write(target: Path, *, make_parents: bool = True) -> Iterator[IO[bytes]]:
    """Open a temporary binary file beside ``target``; it replaces ``target`` when complete."""
    with atomic_path(target, make_parents=make_parents) as temp, open(temp, "wb") as fh:
        yield fh
        fh.flush()


def write_bytes(target: Path, data: bytes, *, make_parents: bool = True) -> Path:
    """Write ``data`` to ``target`` atomically and privately; return ``target``."""
    with atomic_write(target, make_parents=make_parents) as fh:
        fh.write(data)
    return Path(target)


def write_with(
    target: Path, writer: Callable[[Path], object], *, make_parents: bool = True
) -> Path:
    """Let ``writer`` write a temporary path, then install it as ``target`` atomically."""
    with atomic_path(target, make_parents=make_parents) as temp:
        writer(temp)
    return Path(target)


def save_bytes(target: Path, data: bytes) -> Path:
    """:func:`write_bytes` for a file the clerk chose: a failure is a Chinese ``JianfuError``.

    The target's folder must exist (a typo in a folder name is reported, not created).
    """
    from jianfu.domain.errors import JianfuError

    target = Path(target)
    try:
        return write_bytes(target, data, make_parents=False)
    except OSError as exc:
        raise JianfuError(
            f"无法写入“{target}”：{os_reason(exc)}。文件可能正在 WPS 或其他程序中打开，"
            "或文件夹不存在、没有写入权限。"
        ) from exc
