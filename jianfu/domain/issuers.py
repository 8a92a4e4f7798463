"""Who sends a notice, and whether that body can hand the villages a 清单内 task at all.

The admission lists (履职事项, 协助政府工作事项) say what villages do for the Party and government
bodies of the county and township (党政群机构: Party organs, government departments and the
mass organisations such as 妇联, 共青团, 科协, 残联). A court or procuratorate, a bank or credit
cooperative, an insurer, a company or a trade association is none of those: its request may
touch a listed topic (a procuratorate asks for clues on the environment, a rural bank for a
"信用村" list, a telecom company for a building site) but it is not a task of the list, and the
township decides on it (清单外, approval), unless the list itself names such a body (a county
that lists "法院工作" among the areas villages assist in has decided for its court). Public
institutions of a department (疾控中心, 文化馆, 水利站) are the department's own and are not
set apart here.

The issuer is read from where a notice names it: before "关于" in its title, as a
"县检察院：" at the very start, or as the signature line (see :mod:`jianfu.domain.notices`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from jianfu.domain.normalize import fold_width, to_simplified
from jianfu.domain.notices import read_header

#: Kinds of body outside the Party, government and mass organisations, by how their names end
#: or what they contain. General names of Chinese institutions, not taken from any notice.
_OUTSIDE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("司法机关", re.compile(r"法院|检察院|人民法庭")),
    (
        "金融机构",
        re.compile(r"银行|农商行|农信社|信用社|信用联社|村镇银行|保险|财险|人寿|证券|邮储"),
    ),
    ("企业", re.compile(r"公司|集团|有限|厂$|营业厅")),
    ("社会组织", re.compile(r"(?<!技术)协会|商会|学会|基金会|研究会|促进会")),
)
#: How far into the text an issuer named at the start may reach: "县农商银行关于…", "XX：".
_HEAD = re.compile(r"^\s*((?:(?!关于)[^\s的请要须，。:：]){2,16}?)(?:关于|[:：])")
#: A name, then its 文号, then the title: "县人民武装部 桐武〔2026〕6号 关于…".
_HEAD_NUMBER = re.compile(
    r"^\s*([^\s的请要须，。:：]{2,16})\s+[^\s]{0,8}[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d+\s*号"
)
#: A one-line message signed after a dash: "…请村里发动村民轮流看护。——城东派出所".
_DASH_SIGNATURE = re.compile(r"[—–-]{1,2}\s*([\u4e00-\u9fff（）()]{2,20})\s*$")


@lru_cache(maxsize=32)
def issuer_of(text: str) -> str:
    """The body that sends ``text``, as the notice names it; "" when it names none.

    Cached: one check asks for it up to three times (its evidence, its explanation, whether
    the sender is outside government), and reading a header is most of a short check's time.
    """
    text = to_simplified(fold_width(text or ""))
    first = text.strip().splitlines()[0] if text.strip() else ""
    for pattern in (_HEAD, _HEAD_NUMBER):
        if m := pattern.match(first):
            name = m.group(1)
            if not name.startswith("各"):  # "各村（社区）：" is the salutation
                return name
    if found := read_header(text).department:
        return found
    m = _DASH_SIGNATURE.search(text.strip())
    return m.group(1) if m else ""


def named_in(issuer: str, text: str) -> bool:
    """True when ``text`` (an item of the list) names the kind of body ``issuer`` is.

    A list may admit help to such a body itself ("法院工作", "协助人民法院送达"): then the
    body's request is a task of the list like any other.
    """
    return any(p.search(issuer) and p.search(text) for _, p in _OUTSIDE)


def outside_government(issuer: str) -> str:
    """What kind of body outside Party and government ``issuer`` is ("" when it is not)."""
    for kind, pattern in _OUTSIDE:
        if pattern.search(issuer):
            return kind
    return ""
