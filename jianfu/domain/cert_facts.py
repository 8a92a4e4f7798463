"""What a resident's certificate request asks the village to vouch for, in the lists' terms.

Residents do not name a certificate ("亲属关系证明"); they say the fact: "开个我是她儿子的证明",
"证明我在村里没有房子". Certificate lists name the *kind of fact* (亲属关系, 财产, 居住, 婚姻
状况). This module reads a few kinds of fact from the way a statement is built, not from a
list of phrases: a kinship noun said of a person ("是她儿子", "和我爸是父子关系"), owning or
not owning an asset ("没有房子", "名下有车"), living somewhere for a time ("在本村住了三年").
The terms it returns are added to the request before it is matched.
"""

from __future__ import annotations

import re

#: Family relations in everyday Mandarin (a closed class of words, not a synonym list).
_KIN = (
    "父亲|母亲|爸爸|妈妈|儿子|女儿|孙子|孙女|外孙女?|爷爷|奶奶|外公|外婆|姥姥|姥爷|"
    "哥哥|姐姐|弟弟|妹妹|丈夫|妻子|老公|老婆|爱人|配偶|公公|婆婆|岳父|岳母|女婿|儿媳|"
    "叔叔|伯伯|姑姑|舅舅|侄子|侄女|外甥女?|子女|父母|亲生|继父|继母|养父|养母|"
    "爸|妈|儿|女|哥|姐|弟|妹|爹|娘"
)
#: Assets a person owns or not.
_ASSET = "房子|住房|房产|房屋|楼房|宅基地|车子|汽车|车辆|存款|财产|资产|门面|商铺"

_FACTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "我是她儿子", "他是我的父亲", "是他亲生女儿": a person said to be someone's relative.
    # (not "是我弟弟的监护人": there the relative only owns what the person is).
    (
        "亲属关系",
        re.compile(
            rf"是(?:[我你他她]|我们|他们|死者|老人)?的?(?:亲生)?(?:{_KIN})"
            r"(?![\u4e00-\u9fff]?的[\u4e00-\u9fff]{0,3}人)"
        ),
    ),
    # "和我爸是父子关系", "跟她的关系": a relation between two people.
    ("亲属关系", re.compile(r"(?:和|跟|与)[^，。,]{0,6}(?:是|的)[^，。,]{0,4}关系")),
    # "没有房子", "名下有一套房", "家里有没有车": owning or not owning an asset.
    (
        "财产",
        re.compile(
            rf"(?:没有|无|有|名下|拥有)[^，。,]{{0,6}}(?:{_ASSET}|房(?![租间东])|车(?![站票间]))"
        ),
    ),
    # "在本村住了三年", "长期居住": where someone lives, and for how long.
    (
        "居住",
        re.compile(
            r"(?:在|于)(?:本村|村里|本社区|社区|这里)[^，。,]{0,6}(?:住|居住|生活)|长期居住|常住"
        ),
    ),
)


def certificate_facts(text: str) -> list[str]:
    """The kinds of fact ``text`` asks to be certified, in the lists' terms, first found first."""
    out: list[str] = []
    for term, pattern in _FACTS:
        if term not in out and pattern.search(text):
            out.append(term)
    return out
