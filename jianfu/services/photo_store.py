"""Photos kept in the app's data folder: checked to be images, copied in, thumbnailed.

A photo is recognised by its first bytes (JPEG, PNG, GIF, BMP, WEBP, TIFF), whatever its
name says, and its header is read with Pillow for the size. Huge photos are kept as they
are; thumbnails are made on demand (callers run that off the GUI thread) and cached.

A photo is recorded by its name inside the data folder (``photos/boards/07/<hex>.jpg``), never
by a full path. A stored name comes from the database, which another clerk, another program or
a restored backup may have written, so it is checked every time it is used: a name that is not
of that shape (absolute, ``..``, a drive, a backslash) or that passes through a symbolic link is
refused, and a refused name never leads to a file being read or deleted.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import shutil
import stat
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

from jianfu import files, paths
from jianfu.domain.errors import JianfuError

log = logging.getLogger(__name__)

#: Thumbnails are at most this many pixels wide and high.
THUMB_SIZE = 160

_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "jpg"),
    (b"\x89PNG\r\n\x1a\n", 0, "png"),
    (b"GIF87a", 0, "gif"),
    (b"GIF89a", 0, "gif"),
    (b"BM", 0, "bmp"),
    (b"II*\x00", 0, "tif"),
    (b"MM\x00*", 0, "tif"),
    (b"WEBP", 8, "webp"),
)
_KINDS = "|".join(sorted({kind for _m, _o, kind in _SIGNATURES}))
#: The only shape a stored photo name may have: ``photos/`` + folders + 32 hex digits + kind.
_STORED_NAME = re.compile(rf"photos(?:/[a-z0-9_]{{1,40}}){{1,4}}/[0-9a-f]{{32}}\.(?:{_KINDS})")
#: Folder names ``copy_in`` accepts (``boards/07``).
_FOLDER = re.compile(r"[a-z0-9_]{1,40}(?:/[a-z0-9_]{1,40}){0,3}")
SUPPORTED = "JPG、PNG、GIF、BMP、WEBP、TIFF"


class PhotoError(JianfuError):
    """A photo cannot be taken in, or its file is gone; the message names the file."""


@dataclass(frozen=True)
class StoredPhoto:
    """A photo copied into the store: its path relative to the data folder and its facts."""

    relative: str
    width: int
    height: int
    size_bytes: int


def store_root() -> Path:
    """Where photos are kept (``photos`` in the data folder)."""
    return paths.data_dir() / "photos"


def image_kind(head: bytes) -> str | None:
    """The image format of a file by its first 16 bytes, or ``None``."""
    for magic, offset, kind in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            if kind == "webp" and head[:4] != b"RIFF":
                continue
            return kind
    return None


def _pixel_size(path: Path) -> tuple[int, int]:
    """Width and height from the header (Pillow reads no pixel data here)."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as img:
                return img.size
    except Image.DecompressionBombError:
        return (0, 0)  # bigger than Pillow will decode; the file is kept anyway
    except (OSError, ValueError, SyntaxError) as exc:
        raise PhotoError(f"文件“{path.name}”看起来是图片，但已损坏，无法读取：{exc}") from exc


def check_image(path: Path) -> tuple[str, int, int]:
    """(format, width, height) of an image file, or ``PhotoError`` saying why not."""
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise PhotoError(f"无法打开照片“{path.name}”：{files.os_reason(exc)}") from exc
    if not head:
        raise PhotoError(f"照片“{path.name}”是空文件，未添加。")
    kind = image_kind(head)
    if kind is None:
        raise PhotoError(f"文件“{path.name}”不是图片（支持 {SUPPORTED}），未添加。")
    width, height = _pixel_size(path)
    return kind, width, height


def copy_in(source: Path, folder: str) -> StoredPhoto:
    """Check ``source`` and copy it under ``photos/<folder>/`` with a fresh name."""
    if not _FOLDER.fullmatch(folder):
        raise ValueError(f"bad photo folder {folder!r}")
    kind, width, height = check_image(source)
    relative = f"photos/{folder}/{uuid.uuid4().hex}.{kind}"
    try:
        root = paths.data_dir()
        files.private_dir(root)
        for depth in range(1, len(relative.split("/"))):
            part = root.joinpath(*relative.split("/")[:depth])
            if part.is_symlink():
                raise PhotoError(
                    f"数据文件夹中的“{part.name}”是一个链接，照片不会写到数据文件夹以外。"
                    "请让管理员检查数据文件夹。"
                )
            files.private_dir(part)
        target = root / relative
        files.write_with(target, lambda temp: shutil.copyfile(source, temp))
    except OSError as exc:
        raise PhotoError(
            f"无法把照片“{source.name}”复制到数据文件夹：{files.os_reason(exc)}"
        ) from exc
    return StoredPhoto(relative, width, height, target.stat().st_size)


def is_stored_name(relative: object) -> bool:
    """Whether ``relative`` has the shape of a name ``copy_in`` gives (nothing else is used)."""
    return isinstance(relative, str) and _STORED_NAME.fullmatch(relative) is not None


def resolve(relative: str) -> Path | None:
    """The full path of a stored photo, or ``None`` when the name may not be used.

    ``None`` when the name is not of the stored shape, or when any folder on the way or the
    file itself is a symbolic link (links are never followed), or when the resolved path is
    not inside the data folder. A missing file is fine (the path is returned).
    """
    if not is_stored_name(relative):
        log.warning("refused a photo reference that is not a stored name: %r", str(relative)[:200])
        return None
    root = paths.data_dir()
    current = root
    for part in relative.split("/"):
        current = current / part
        try:
            st = os.lstat(current)
        except FileNotFoundError:
            break
        except OSError:
            return None
        if stat.S_ISLNK(st.st_mode):
            log.warning("refused a photo reference through a link: %s", relative)
            return None
    path = root / relative
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except OSError:
        return None
    if not inside:
        log.warning("refused a photo reference leaving the data folder: %s", relative)
        return None
    return path


def absolute(relative: str) -> Path:
    """The full path of a stored photo; ``PhotoError`` if the stored name may not be used."""
    path = resolve(relative)
    if path is None:
        raise PhotoError(
            "这张照片的记录指向数据文件夹以外或经过链接，已拒绝打开（可能是数据被其他程序改动过）。"
        )
    return path


def discard(relative: str) -> bool:
    """Delete a stored photo and its thumbnails (missing files are fine).

    Only a regular file inside the data folder with a stored name is ever deleted; a reference
    that leaves the folder or passes through a link deletes nothing. Returns whether the name
    was accepted.
    """
    path = resolve(relative)
    if path is None:
        return False
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError:
        return False
    if st is not None and stat.S_ISREG(st.st_mode):
        path.unlink(missing_ok=True)
    thumbs = _thumb_dir()
    if thumbs.is_dir() and not thumbs.is_symlink():
        for thumb in thumbs.glob(_thumb_stem(relative) + "-*.png"):
            if not thumb.is_symlink():
                thumb.unlink(missing_ok=True)
    return True


def _thumb_dir() -> Path:
    return store_root() / "thumbs"


def _thumb_stem(relative: str) -> str:
    return hashlib.sha1(relative.encode("utf-8")).hexdigest()[:20]


def thumbnail(relative: str, size: int = THUMB_SIZE) -> bytes:
    """A PNG at most ``size`` pixels wide and high, cached beside the photos.

    Slow for huge photos (seconds): call it off the GUI thread.
    """
    from PIL import Image, ImageOps

    source = absolute(relative)
    cached = _thumb_dir() / f"{_thumb_stem(relative)}-{size}.png"
    if cached.is_file() and not cached.is_symlink() and not _thumb_dir().is_symlink():
        return cached.read_bytes()
    if not source.is_file():
        raise PhotoError(f"照片文件“{source.name}”不在本机的数据文件夹中（可能在其他电脑上添加）。")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(source) as opened:
                opened.draft("RGB", (size * 2, size * 2))  # JPEG: decode at a fraction of the size
                img = ImageOps.exif_transpose(opened)
                img.thumbnail((size, size))
                if img.mode not in ("RGB", "RGBA", "L", "LA"):
                    img = img.convert("RGBA")
                out = io.BytesIO()
                img.save(out, "PNG")
    except Image.DecompressionBombError as exc:
        raise PhotoError(
            f"照片“{source.name}”像素太多，无法生成缩略图；原图已保存，可用其他软件打开。"
        ) from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise PhotoError(f"照片“{source.name}”已损坏，无法生成缩略图：{exc}") from exc
    data = out.getvalue()
    try:
        if not store_root().is_symlink() and not cached.parent.is_symlink():
            files.private_dir(cached.parent)
            files.write_bytes(cached, data)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return data
