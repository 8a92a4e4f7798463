"""The bad-file corpus (tests/data/make_bad_files.py) against the three imports.

Every file must give a clear Chinese message (an error, or problems in the preview that
block the import) and leave the database exactly as it was: no table gains or loses a row.
Nothing may escape as another exception (a traceback on the clerk's screen).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, table, text

from jianfu.domain.errors import JianfuError
from jianfu.interchange import table_reader
from jianfu.services.boards import BoardsService
from jianfu.services.burdens import BurdensService
from jianfu.services.lists import ListsService

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
from make_bad_files import KINDS, ROW_CAP, make_corpus

from tests.conftest import once_per_run

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: The row cap while "too-many-rows.csv" is read (the reader's is 300,000): the file has one
#: row more, so it is refused by the same check after 2,001 rows instead of 300,001.
SMALL_ROW_CAP = 2_000


def _counts(ctx) -> dict[str, int]:
    """Rows per table: what 'nothing changed' is checked against."""
    with ctx.unit_of_work() as s:
        names = inspect(s.get_bind()).get_table_names()
        if s.get_bind().dialect.name == "sqlite":
            # A full-text index is a virtual table (a contentless one cannot be scanned); its
            # shadow tables, real tables counted here, change whenever it does.
            virtual = set(
                s.execute(
                    text("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
                ).scalars()
            )
            names = [n for n in names if n not in virtual]
        return {
            name: s.execute(select(func.count()).select_from(table(name))).scalar_one()
            for name in names
        }


def _preview(ctx, kind: str, path: Path):
    if kind == "boards":
        return BoardsService(ctx).preview_import(path)
    if kind == "burdens":
        return BurdensService(ctx).preview_import(path)
    return ListsService(ctx).preview_import(path)


def _items(kind: str, preview) -> list:
    return {"boards": "boards", "burdens": "items", "lists": "items"}[kind], preview


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[Path, str]:
    """Written once per run (by one worker under xdist; about 10 s): the tests only read it."""
    return once_per_run(
        tmp_path_factory, "bad-files", lambda folder: make_corpus(folder, row_cap=SMALL_ROW_CAP)
    )


def test_the_corpus_knows_the_readers_row_cap():
    """Run by hand, make_bad_files.py writes a file one row past the reader's real cap."""
    assert ROW_CAP == table_reader.MAX_ROWS


@pytest.mark.parametrize("kind", KINDS)
def test_every_bad_file_gives_a_clear_message_and_changes_nothing(
    demo_ctx, corpus, kind, monkeypatch
):
    before = _counts(demo_ctx)
    failures: list[str] = []
    timings: list[tuple[float, str]] = []
    cases = 0
    for path, target in corpus.items():
        if target not in ("all", kind):
            continue
        cases += 1
        too_many = "too-many-rows" in path.name
        began = time.perf_counter()
        try:
            with monkeypatch.context() as patch:
                if too_many:  # every other file is read under the real cap
                    patch.setattr(table_reader, "MAX_ROWS", SMALL_ROW_CAP)
                preview = _preview(demo_ctx, kind, path)
        except JianfuError as exc:
            message = str(exc)
            if not _CJK.search(message) or "Traceback" in message:
                failures.append(f"{path.name}: unclear message {message!r}")
            if too_many and kind == "boards" and f"超过 {SMALL_ROW_CAP:,} 行" not in message:
                # the one import whose header the file has: refused by the row cap
                failures.append(f"{path.name}: not refused for its rows: {message!r}")
        except Exception as exc:  # noqa: BLE001 - what the clerk would see as a traceback
            failures.append(f"{path.name}: {type(exc).__name__}: {exc}"[:300])
        else:
            if too_many and kind == "boards":
                failures.append(f"{path.name}: read past the row cap")
            problems = [str(p) for p in preview.problems]
            if problems:
                unclear = [p for p in problems if not _CJK.search(p)]
                if unclear:
                    failures.append(f"{path.name}: unclear problem {unclear[0]!r}")
                if len(problems) > 201:
                    failures.append(f"{path.name}: {len(problems)} problems listed (not capped)")
            elif kind == "burdens" and "control-chars" in path.name:
                # Burdens strip control characters instead of refusing them.
                if any(_CONTROL.search(repr(i)) for i in preview.items):
                    failures.append(f"{path.name}: control characters kept")
            else:
                failures.append(f"{path.name}: accepted without a problem")
        timings.append((time.perf_counter() - began, path.name))
        after = _counts(demo_ctx)
        if after != before:
            changed = {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}
            failures.append(f"{path.name}: the database changed {changed}")
            before = after
    worst = max(timings)
    print(
        f"\n{kind}: {cases} files, {cases - len(failures)} clear and unchanged; "
        f"slowest {worst[0]:.1f} s ({worst[1]})"
    )
    assert not failures, "\n".join(failures)
