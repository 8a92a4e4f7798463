"""The fonts in an official document's PDF on each kind of machine clerks have.

Run:  python tests/bench/font_figures.py

Builds the stand-in machines of ``tests/reports/font_standins.py`` (only Noto CJK, the 方正 _GBK
set, the Windows set; real fonts renamed with fontTools), looks the fonts up through a
fontconfig configuration that lists only that machine's folder (the Windows set also by path,
as Windows reads its font folder), prints a notice letter (title, 黑体 and 楷体 headings, body
with digits and letters) and shows what ``pdffonts`` says about it, with the notes for the clerk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from font_standins import make_machine

from jianfu.reports.fonts import find_fonts
from jianfu.reports.letter import NoticeLetter, build_letter_pdf

LETTER = NoticeLetter(
    title="工作事项不予准入告知书",
    document_number="城组告〔2026〕3号",
    addressee="示范县医疗保障局：",
    paragraphs=[
        "一、审核情况",
        "你单位2026年7月1日提出的事项属于负面事项清单第3项。",
        "（一）处理意见",
        "请你单位依法自行组织实施（联系电话0593-6123456，邮箱ABC@example.cn）。",
    ],
    issuer="示范县城关镇党委组织办",
)


def _show(label: str, font_set, out: Path) -> None:
    out.write_bytes(build_letter_pdf(LETTER, fonts=font_set))
    print(f"== {label}")
    for role, choice in font_set.choices.items():
        print(f"   {role.label}: {choice.family} ({Path(choice.path or '-').name})")
    if font_set.latin:
        print(f"   数字和字母: {font_set.latin.family} ({Path(font_set.latin.path or '-').name})")
    for note in font_set.warnings():
        print(f"   note: {note}")
    if shutil.which("pdffonts"):
        listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True)
        print("   " + listing.stdout.rstrip().replace("\n", "\n   "))


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="jianfu-fonts-"))
    try:
        machines = {
            "noto": make_machine(root, "noto", with_latin=False),
            "founder": make_machine(root, "founder"),
            "windows": make_machine(root, "windows"),
        }
        noto = machines["noto"]
        os.environ["FONTCONFIG_FILE"] = str(noto.fontconfig_file)
        _show(
            "only Noto CJK (CFF), the package's WenQuanYi dependency installed",
            find_fonts(role_paths={}),
            root / "noto.pdf",
        )
        _show(
            "only Noto CJK (CFF), nothing else (a source install without fonts)",
            find_fonts(role_paths={}, fallback_files=()),
            root / "noto-bare.pdf",
        )
        os.environ["FONTCONFIG_FILE"] = str(machines["founder"].fontconfig_file)
        _show(
            "方正 _GBK set + Liberation Serif (fontconfig)",
            find_fonts(role_paths={}),
            root / "founder.pdf",
        )
        del os.environ["FONTCONFIG_FILE"]
        windows = machines["windows"]
        _show(
            "Windows set (宋体, 黑体, 仿宋, 楷体, Times New Roman), by path",
            find_fonts(search_dirs=[windows.fonts], role_paths={}, fallback_files=()),
            root / "windows.pdf",
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
