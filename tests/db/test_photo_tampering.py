"""A board photo's stored name cannot reach outside the data folder.

The rows are edited behind the app's back (as another program, a clerk with database access
or a restored backup could) to point at ``../``, an absolute path, or through a symbolic link;
removing the photo or the board must delete nothing outside, and opening the photo is refused
with a Chinese message.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import update

from jianfu.db.models_boards import BoardPhotoRow
from jianfu.domain.boards import BoardInput
from jianfu.domain.units import UnitInput
from jianfu.services import photo_store
from jianfu.services.boards import BoardsService
from jianfu.services.photo_store import PhotoError
from jianfu.services.units import UnitsService

symlinks = pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")


@pytest.fixture
def service(ctx):
    return BoardsService(ctx)


@pytest.fixture
def board(ctx, service):
    village = UnitsService(ctx).add_unit(UnitInput("岭下村")).id
    return service.add_board(BoardInput(village, "岭下村村民委员会", category="门牌"))


@pytest.fixture
def outside(tmp_path) -> Path:
    """A colleague's file outside the data folder that must survive."""
    victim = tmp_path / "elsewhere" / "重要文件.png"
    victim.parent.mkdir()
    Image.new("RGB", (8, 8), "red").save(victim)
    return victim


def _photo(service, board, tmp_path):
    source = tmp_path / "门口.png"
    Image.new("RGB", (20, 10), "blue").save(source)
    return service.add_photo(board.id, source)


def _point_at(ctx, photo, stored: str):
    with ctx.unit_of_work() as s:
        s.execute(update(BoardPhotoRow).where(BoardPhotoRow.id == photo.id).values(file=stored))
    return next(p for p in BoardsService(ctx).photos(photo.board_id) if p.id == photo.id)


def _data() -> Path:
    return photo_store.paths.data_dir()


def _references(outside: Path) -> list[str]:
    data = _data()
    return [
        str(outside),  # absolute
        os.path.relpath(outside, data),  # ../elsewhere/重要文件.png
        "photos/../../elsewhere/重要文件.png",
        "photos/boards/00/" + "../" * 4 + "elsewhere/重要文件.png",
        "photos\\..\\..\\elsewhere\\重要文件.png",
        "C:/Windows/win.ini",
        "",
    ]


def test_a_stored_name_leaving_the_data_folder_deletes_nothing(
    ctx, service, board, outside, tmp_path
):
    photo = _photo(service, board, tmp_path)
    for reference in _references(outside):
        tampered = _point_at(ctx, photo, reference)
        with pytest.raises(PhotoError, match="数据文件夹以外"):
            service.photo_path(tampered)
        with pytest.raises(PhotoError, match="数据文件夹以外"):
            service.thumbnail(tampered)
        assert photo_store.discard(reference) is False
        assert outside.read_bytes()[:4] == b"\x89PNG", reference
    service.remove_photo(_point_at(ctx, photo, str(outside)))
    assert outside.exists()
    assert service.photos(board.id) == []


def test_deleting_a_board_with_tampered_photos_deletes_nothing_outside(
    ctx, service, board, outside, tmp_path
):
    first = _photo(service, board, tmp_path)
    second = _photo(service, board, tmp_path)
    kept = service.photo_path(second)
    _point_at(ctx, first, os.path.relpath(outside, _data()))
    _point_at(ctx, second, str(outside))
    service.delete_board(board.id, service.get(board.id).version)
    assert outside.exists()
    assert kept.exists()  # its row no longer names it, so it is not deleted either


@symlinks
def test_a_link_inside_the_data_folder_is_never_followed(ctx, service, board, outside, tmp_path):
    photo = _photo(service, board, tmp_path)
    folder = _data() / "photos" / "boards" / f"{board.id % 100:02d}"
    # The file itself is a link to the outside file.
    link_name = f"{uuid.uuid4().hex}.png"
    (folder / link_name).symlink_to(outside)
    tampered = _point_at(ctx, photo, f"photos/boards/{board.id % 100:02d}/{link_name}")
    with pytest.raises(PhotoError, match="经过链接"):
        service.photo_path(tampered)
    service.remove_photo(tampered)
    assert outside.exists()
    # A folder on the way is a link to the outside folder.
    photo = _photo(service, board, tmp_path)
    (_data() / "photos" / "evil").symlink_to(outside.parent, target_is_directory=True)
    name = outside.with_name(f"{uuid.uuid4().hex}.png")
    name.write_bytes(outside.read_bytes())
    tampered = _point_at(ctx, photo, f"photos/evil/{name.name}")
    with pytest.raises(PhotoError):
        service.thumbnail(tampered)
    service.delete_board(board.id, service.get(board.id).version)
    assert outside.exists() and name.exists()


@symlinks
def test_new_photos_are_not_written_through_a_link(ctx, service, board, outside, tmp_path):
    folder = _data() / "photos" / "boards"
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.symlink_to(outside.parent, target_is_directory=True)
    before = sorted(p.name for p in outside.parent.iterdir())
    source = tmp_path / "新照片.png"
    Image.new("RGB", (20, 10), "green").save(source)
    with pytest.raises(PhotoError, match="链接"):
        service.add_photo(board.id, source)
    assert sorted(p.name for p in outside.parent.iterdir()) == before
    assert service.photos(board.id) == []


def test_photos_are_private_and_named_inside_the_data_folder(service, board, tmp_path):
    photo = _photo(service, board, tmp_path)
    assert photo_store.is_stored_name(photo.file)
    path = service.photo_path(photo)
    assert path.resolve().is_relative_to(_data().resolve())
    if os.name != "nt":
        assert path.stat().st_mode & 0o777 == 0o600
        assert path.parent.stat().st_mode & 0o777 == 0o700
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".part")]
