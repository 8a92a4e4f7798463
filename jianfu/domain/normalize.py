"""Normalising Chinese notice text before it is matched against the lists.

A department's notice and a list item say the same thing in different clothes: traditional
or simplified characters, full- or half-width forms, variant characters (台帐/台账), and a
notice wraps the task in salutations, dates, document numbers and deadlines. These functions
take all that away so that only the words that describe the task are compared.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Protocol

#: Variant spellings that t2s conversion leaves alone (phrase -> the form the lists use).
VARIANTS: dict[str, str] = {
    "台帐": "台账",
    "帐目": "账目",
    "帐本": "账本",
    "帐户": "账户",
    "帐号": "账号",
    "记帐": "记账",
    "对帐": "对账",
    "砼": "混凝土",
    "身分证": "身份证",
    "部份": "部分",
    "其它": "其他",
    "象征性": "象征性",
    "截止日期": "截止日期",
    "帐": "账",
    "〇": "零",
    "週": "周",
}
# Words with 帐 that really mean a tent must survive the single-character rule.
_KEEP_TENT = ("帐篷", "蚊帐", "帐幕")

#: "村(社区)" and its spellings, folded to one token so that brackets do not split it ("村居"
#: only as a word: in 本村居住, 村居民 the 居 starts the next word).
_VILLAGE_FORMS = re.compile(
    r"村\s*[(（]\s*(?:社区|居)\s*[)）]|村\s*[、/]\s*社区|村居(?![住民委家所室])"
)

#: Boilerplate of a notice: removed before matching (applied after NFKC and t2s).
_BOILERPLATE: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # salutation: 各村(社区)： / 各有关单位: / 各村党组织、村委会:
        r"(?:^|[\n。])\s*各[^:：。\n]{0,30}[:：]",
        # document numbers: 南委办发〔2025〕18号, [2025]3号
        r"[\u4e00-\u9fff]{0,6}[〔\[【(]\s*(?:19|20)\d{2}\s*[〕\]】)]\s*\d+\s*号",
        # deadlines: 于4月30日前报送…, 在12月31日前完成, 请于本周五前上报
        r"[于在]?\s*(?:\d{4}\s*年)?\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]\s*(?:\d{1,2}\s*[时点])?"
        r"\s*(?:前|之前|以前)?\s*(?:报送|上报|报|提交|反馈|完成)?",
        r"(?:\d{4}\s*年)(?:\s*\d{1,2}\s*月)?(?:度)?",
        r"(?:于|在)?(?:本周|下周|本月|月底|年底)[一二三四五六日天]?(?:前|内)",
        # contacts, phones, attachments, closing formulae
        r"联系人[:：]?\s*[\u4e00-\u9fff]{2,4}",
        r"(?:联系)?电话[:：]?\s*[\d\-\s]{7,}",
        r"\d{3,4}-\d{7,8}|1[3-9]\d{9}",
        r"附件\s*\d*\s*[:：][^\n]*",
        r"特此通知|现将有关事项通知如下|通知如下|请遵照执行|请认真贯彻执行|请抓好落实",
    )
)

#: Anything that is not a letter or a digit (CJK counts as a letter) is a word boundary.
_NON_WORD = re.compile(r"[\W_]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


class _Converter(Protocol):
    """What we use of ``opencc.OpenCC`` (the package ships no types)."""

    def convert(self, text: str) -> str: ...


@lru_cache(maxsize=1)
def _converter() -> _Converter:
    """The OpenCC t2s converter, built once on first use (its dictionaries load slowly)."""
    from opencc import OpenCC

    converter: _Converter = OpenCC("t2s")
    return converter


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Characters that t2s changes; empty when OpenCC's dictionary file cannot be read."""
    try:
        from importlib.resources import files

        table = files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text("utf-8")
    except (OSError, ModuleNotFoundError):
        return frozenset()
    chars = set()
    for line in table.splitlines():
        key, _, value = line.partition("\t")
        if key and value.split(" ")[0] != key:
            chars.add(key)
    return frozenset(chars)


def to_simplified(text: str) -> str:
    """Traditional characters to simplified ones.

    Converting is slow (tens of ms for a long notice), so text with no traditional character
    at all, the usual case, is returned as it is.
    """
    if text.isascii():
        return text
    trad = _traditional_chars()
    if trad and trad.isdisjoint(text):
        return text
    out = _converter().convert(text)
    if "著" in out:
        out = _particle_zhe(text, out)
    return out


def _particle_zhe(text: str, simplified: str) -> str:
    """著 where Taiwan-standard writing uses it for the particle 着 (活著, 寫著, 幫著, 睡著了),
    which t2s leaves as it is: taken from OpenCC's tw2s at those places only (显著, 著名 and
    著作 stay), so that nothing else tw2s does differently (什么 → 什幺) is taken."""
    taiwan = _taiwan_converter().convert(text)
    if len(taiwan) != len(simplified):
        return simplified
    return "".join(
        t if s == "著" and t == "着" else s for s, t in zip(simplified, taiwan, strict=True)
    )


@lru_cache(maxsize=1)
def _taiwan_converter() -> _Converter:
    """OpenCC's tw2s, built on first use (only for a text t2s left a 著 in)."""
    from opencc import OpenCC

    converter: _Converter = OpenCC("tw2s")
    return converter


def fold_width(text: str) -> str:
    """Full-width letters, digits and punctuation to their half-width forms (NFKC)."""
    return unicodedata.normalize("NFKC", text)


def fold_variants(text: str) -> str:
    """Variant characters and phrases to the forms the lists use (台帐 -> 台账)."""
    protected = [w for w in _KEEP_TENT if w in text]
    for i, word in enumerate(protected):
        text = text.replace(word, f"\x00{i}\x00")
    for variant, standard in VARIANTS.items():
        if variant in text:
            text = text.replace(variant, standard)
    for i, word in enumerate(protected):
        text = text.replace(f"\x00{i}\x00", word)
    return text


def strip_boilerplate(text: str) -> str:
    """Remove salutations, dates, deadlines, document numbers and closing formulae."""
    for pattern in _BOILERPLATE:
        text = pattern.sub(" ", text)
    return text


def normalize(text: str, *, boilerplate: bool = True) -> str:
    """Normalise for matching: t2s, NFKC, variants, boilerplate off, punctuation -> one space.

    The result is lower-case, simplified, and its words are separated by single spaces where
    the original had punctuation, so that n-grams never bridge two clauses.
    """
    text = fold_width(text)
    text = to_simplified(text)
    text = fold_variants(text)
    text = _VILLAGE_FORMS.sub("村", text)
    if boilerplate:
        text = strip_boilerplate(text)
    text = _NON_WORD.sub(" ", text)
    return text.strip().lower()


def cjk_count(text: str) -> int:
    """How many Chinese characters the text has."""
    return len(_CJK.findall(text))


def looks_chinese(text: str) -> bool:
    """True when the text is mainly Chinese (not English, Japanese or Korean)."""
    han = cjk_count(text)
    if han < 2:
        return False
    kana = len(_KANA_HANGUL.findall(text))
    latin = sum(len(w) for w in _LATIN_WORD.findall(text)) / 4  # about four letters a word
    return kana < 0.2 * (han + kana) and latin < han
