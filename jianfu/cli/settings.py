"""The ``jianfu settings …`` commands: show and change the settings of a township or the
defaults every township falls back to (names and people on the print-outs, deadlines)."""

from __future__ import annotations

import argparse
from dataclasses import fields

from jianfu.domain.errors import FieldProblem, JianfuError, ValidationError

COMMANDS = ("settings",)

_UNIT_HELP = (
    "哪个乡镇(街道)的设置；重名时写成 上级名称/乡镇名称，如 南屏县/城关镇。不写时：乡镇经办人员是"
    "本乡镇的设置，管理员是各乡镇的默认设置（单机文件是本乡镇的设置）"
)


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``settings`` to the ``jianfu`` parser."""
    settings = sub.add_parser(
        "settings",
        help="乡镇设置：查看或修改某个乡镇的设置，或各乡镇的默认设置",
        description="每个乡镇(街道)有自己的设置；乡镇没有自行设置的项目采用各乡镇的默认设置。\n"
        "例如：jianfu settings show --unit 清溪镇\n"
        "　　　jianfu settings set 填表人 张三 --unit 清溪镇\n"
        "　　　jianfu settings set phone --default --unit 清溪镇（改回默认设置）",
    )
    cmds = settings.add_subparsers(
        dest="settings_command", title="设置命令", metavar="设置命令", required=True
    )
    show = cmds.add_parser("show", help="列出设置，并注明哪些是乡镇自己的、哪些沿用默认设置")
    show.add_argument("--unit", metavar="乡镇名称", help=_UNIT_HELP)
    show.add_argument("--json", action="store_true", help="只输出一个 JSON 对象")
    put = cmds.add_parser("set", help="修改一项设置")
    put.add_argument(
        "key",
        metavar="项目",
        help="设置项目：中文名称（如 填表人）或英文键名（如 preparer）；"
        "jianfu settings show 列出全部",
    )
    put.add_argument("value", metavar="值", nargs="?", help='新的值；清空写 ""')
    put.add_argument(
        "--default",
        action="store_true",
        help="乡镇的这一项改回沿用各乡镇的默认设置（不给值）",
    )
    put.add_argument("--unit", metavar="乡镇名称", help=_UNIT_HELP)


def _field(key: str) -> str:
    """The ``TownshipSettings`` field a key or Chinese label names."""
    from jianfu.domain.settings import TownshipSettings

    labels = TownshipSettings.LABELS
    wanted = key.strip()
    for name, label in labels.items():
        if wanted in (name, label):
            return name
    known = "、".join(f"{label}（{name}）" for name, label in labels.items())
    raise ValidationError(FieldProblem("key", f"没有设置项目“{wanted}”。可用的项目：{known}。"))


def _value(name: str, text: str) -> object:
    from jianfu.domain.settings import TownshipSettings

    kinds = {f.name: f.type for f in fields(TownshipSettings)}
    if kinds[name] in (int, "int"):
        try:
            return int(text.strip())
        except ValueError:
            label = TownshipSettings.LABELS[name]
            raise ValidationError(
                FieldProblem(name, f"{label}应是一个整数，如 15；“{text}”不是。")
            ) from None
    return text


def run(args: argparse.Namespace) -> int:
    """Run ``jianfu settings …``."""
    from jianfu.services.database import open_app
    from jianfu.services.settings import SettingsService

    if args.settings_command == "set":
        name = _field(args.key)  # a wrong key is told before the database is opened
        if args.default == (args.value is not None):
            raise JianfuError("请给出新的值，或用 --default 改回默认设置（两者选一）。")
    ctx = open_app(args.database)
    try:
        service = SettingsService(ctx)
        town_id, where = (None, "") if args.unit is None else service.township_named(args.unit)
        if args.settings_command == "show":
            _show(service, town_id, where, as_json=args.json)
            return 0
        return _set(service, town_id, where, name, args)
    finally:
        ctx.database.close()


def _heading(service, town_id: int | None, where: str) -> str:
    from jianfu.services.settings import DEFAULTS_LABEL

    if service.edits_defaults(town_id):
        return DEFAULTS_LABEL
    return where or service.load(town_id).township_name or "本乡镇"


def _show(service, town_id: int | None, where: str, *, as_json: bool) -> None:
    from dataclasses import asdict

    from jianfu.domain.settings import TownshipSettings

    values = asdict(service.load(town_id))
    scope = service.scope(town_id)
    defaults = scope is None
    own = service.own_fields(town_id)
    heading = _heading(service, town_id, where)
    if as_json:
        from jianfu.cli.output import print_json

        out = {
            "unit": heading,
            "township_id": scope,
            "defaults": defaults,
            "settings": [
                {
                    "key": key,
                    "label": label,
                    "value": values[key],
                    "source": "defaults" if defaults or key not in own else "township",
                }
                for key, label in TownshipSettings.LABELS.items()
            ],
        }
        print_json(out)
        return
    if defaults:
        print(f"{heading}（乡镇没有自行设置的项目采用这里的值）：")
    else:
        print(f"{heading} 的设置（标 [默认] 的项目沿用各乡镇的默认设置）：")
    width = max(_width(label) for label in TownshipSettings.LABELS.values())
    for key, label in TownshipSettings.LABELS.items():
        value = values[key]
        shown = "（空）" if value == "" else str(value)
        source = "" if defaults else ("  [本乡镇]" if key in own else "  [默认]")
        print(f"  {label}{' ' * (width - _width(label))}  {shown}{source}")


def _width(text: str) -> int:
    """Columns ``text`` takes on a console (a Chinese character: two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _set(service, town_id: int | None, where: str, name: str, args: argparse.Namespace) -> int:
    from dataclasses import replace

    from jianfu.domain.settings import TownshipSettings

    label = TownshipSettings.LABELS[name]
    before = service.load(town_id)
    heading = _heading(service, town_id, where)
    if args.default:
        if service.edits_defaults(town_id):
            raise JianfuError("--default 只用于某个乡镇的设置：各乡镇的默认设置本身没有“默认”。")
        if name == "township_name":
            raise JianfuError("乡镇名称是每个乡镇自己的，没有默认值。")
        value = getattr(service.defaults(), name)
    else:
        value = _value(name, args.value)
    saved = service.save(replace(before, **{name: value}), expected=before, township_id=town_id)
    now = getattr(saved, name)
    shown = "（空）" if now == "" else str(now)
    if args.default:
        print(f"已将 {heading} 的{label}改回沿用默认设置：{shown}")
    elif getattr(before, name) == now:
        print(f"{heading} 的{label}本来就是 {shown}，未改动。")
    else:
        print(f"已将 {heading} 的{label}改为 {shown}")
    return 0
