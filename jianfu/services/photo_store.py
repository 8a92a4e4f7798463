"""Photos kept in the app's data folder: checked to be images, copied in, thumbnailed.

A photo is recognised by its first bytes (JPEG, PNG, GIF, BMP, WEBP, TIFF), whatever its
name says, and its header is read with Pillow for the size. Huge photos are kept as they
are; thumbnails are made on demand (callers run that off the GUI thread) and cached.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

from jianfu import paths
from jianfu.domain.errors import JianfuError

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
        raise PhotoError(f"无法打开照片“{path.name}”：{exc.strerror or exc}") from exc
    if not head:
        raise PhotoError(f"照片“{path.name}”是空文件，未添加。")
    kind = image_kind(head)
    if kind is None:
        raise PhotoError(f"文件“{path.name}”不是图片（支持 {SUPPORTED}），未添加。")
    width, height = _pixel_size(path)
    return kind, width, height


def copy_in(source: Path, folder: str) -> StoredPhoto:
    """Check ``source`` and copy it under ``photos/<folder>/`` with a fresh name."""
    kind, width, height = check_image(source)
    target_dir = store_root() / folder
    relative = f"photos/{folder}/{uuid.uuid4().hex}.{kind}"
    target = paths.data_dir() / relative
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        shutil.copyfile(source, partial)
        partial.replace(target)
    except OSError as exc:
        raise PhotoError(
            f"无法把照片“{source.name}”复制到数据文件夹：{exc.strerror or exc}"
        ) from exc
    return StoredPhoto(relative, width, height, target.stat().st_size)


def absolute(relative: str) -> Path:
    """The full path of a stored photo."""
    return paths.data_dir() / relative


def discard(relative: str) -> None:
    """Delete a stored photo and its thumbnails (missing files are fine)."""
    path = absolute(relative)
    path.unlink(missing_ok=True)
    for thumb in _thumb_dir().glob(_thumb_stem(relative) + "-*.png"):
        thumb.unlink(missing_ok=True)


def _thumb_dir() -> Path:
    return store_root() / "thumbs"


def _thumb_stem(relative: str) -> str:
    return hashlib.sha1(relative.encode("utf-8")).hexdigest()[:20]


def thumbnail(relative: str, size: int = THUMB_SIZE) -> bytes:
    """A PNG at most ``size`` pixels wide and high, cached beside the photos.

    Slow for huge photos (seconds): call it off the GUI thread.
    """
    from PIL import Image, ImageOps

    cached = _thumb_dir() / f"{_thumb_stem(relative)}-{size}.png"
    if cached.is_file():
        return cached.read_bytes()
    source = absolute(relative)
    if not source.is_file():
        raise PhotoError(f"照片文件“{source.name}”不在本机的数据文件夹中（可能在其他电脑上添加）。")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(source) as img:
                img.draft("RGB", (size * 2, size * 2))  # JPEG: decode at a fraction of the size
                img = ImageOps.exif_transpose(img)
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
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(data)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return data
