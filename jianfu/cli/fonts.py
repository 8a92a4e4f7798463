"""The ``jianfu fonts`` command: which font file each role of the official documents uses."""

from __future__ import annotations

import argparse

from jianfu.cli.output import print_json

COMMANDS = ("fonts",)


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``fonts`` to the ``jianfu`` parser."""
    fonts = sub.add_parser(
        "fonts",
        help="列出公文各用途（标题、正文、黑体标题、楷体标题、数字和字母）所用的字体文件",
    )
    fonts.add_argument("--json", action="store_true", help="以 JSON 输出")


def run(args: argparse.Namespace) -> int:
    """``jianfu fonts``: the rows of the settings' 公文字体 and the notes."""
    from jianfu.services.fonts import FontService

    service = FontService()
    rows = service.effective()
    notes = service.notes()
    if args.json:
        data = {
            "roles": [
                {
                    "role": r.role,
                    "label": r.label,
                    "family": r.family,
                    "path": r.path,
                    "chosen": r.chosen,
                    "note": r.note,
                }
                for r in rows
            ],
            "notes": notes,
        }
        print_json(data)
        return 0
    for r in rows:
        print(f"{r.label}：{r.family or '—'}（{r.note}）{r.path}")
    for note in notes:
        print(f"注意：{note}")
    return 0
