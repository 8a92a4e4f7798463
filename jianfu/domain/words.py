"""Words of a Chinese text and how much each one says, for matching notices against lists.

Segmentation uses ``rjieba`` (jieba's dictionary and algorithm in Rust, offline, 0.2 s to
import). A word's weight is its *general-language* information: ``log(total / frequency)``
with the frequency from the segmenter's dictionary, a count over a large general corpus. So
"工作" or "开展" weigh little and "台账" or "最低生活保障" weigh much, whatever list is loaded;
an idf over the few dozen items of one list cannot tell common words from rare ones.

On top of that, words that every village task shares (村, 社区, 群众 …) and the verbs of
administrative prose (开展, 做好, 落实 …) are set low: they say nothing about *which* task.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Protocol

#: Sum of the frequencies in jieba's dictionary (the corpus size the frequencies count in).
_TOTAL = 60_101_967.0
#: Weight of a word the dictionary does not know (a term of art, a compound): as rare as rare.
_UNKNOWN_FREQ = 3
#: Weights are clipped to this range; below the floor a word is dropped as saying nothing.
_MIN_WEIGHT = 4.0
_MAX_WEIGHT = 14.0


def _split(text: str) -> list[str]:
    """Whitespace-separated words of a literal (keeps long word tables readable)."""
    return text.split()


#: Words of every village task and of administrative prose: weight ``LOW_WEIGHT``.
DOMAIN_COMMON: frozenset[str] = frozenset(
    _split(
        """
        村 社区 村民 居民 群众 村居 村级 居委会 村委会 村委 居委 委员会 基层 乡镇 街道 全村 全镇
        辖区 村里 本村 各村 村内 社区内 本社区 各社区 村干部 社区干部 村组干部
        工作 事项 任务 事务 有关 相关 各项 各类 各种 一项 一批 方面 情况 问题 活动 措施 内容
        开展 做好 抓好 落实 推进 推动 加强 强化 深化 组织 实施 进行 执行 完成 负责 承担 协助
        配合 参与 加大 提升 提高 确保 保障 切实 认真 积极 及时 全面 进一步 扎实 持续 严格 通知
        要求 部署 安排 请 各 本 我 贵 单位 部门 县 市 区 镇 乡 省 国家 全国 重点 专项 年度 季度
        月度 每月 每周 每天 每日 日常 定期 期间 目前 当前 今年 明年 近期 截至 前 后 内 中 上 下
        以上 以下 之前 之后 不少 不低于 左右 等 及 和 与 或 并 且 的 了 在 对 为 将 把 由 向 于
        以 按 按照 根据 依据 依法 依规 通过 关于 做到 好 要 应 须 需 必须 可 能 会 是 有 无 不
        不得 禁止 严禁 得 随意 擅自 强制 予以 给予 进行 开 做 抓 建 上报 报送 报 提交 反馈 汇总
        证明 证明书 开具 出具 状况 汇报 情况报告 工作总结 总结 材料 资料
        党中央 国务院 省委 省政府 县委 县政府 县级 镇级 乡级 党委 政府 人民政府 党政群机构
        机构 村级组织 自治组织 基层群众性自治组织 两委 村两委 统一部署 明确规定 法律法规 规定
        未经 同意 事前 征求 一律 坚决 杜绝 简单 明确 相应 实行 全面 各级 有关部门 职能部门
        """
    )
)
LOW_WEIGHT = 1.5

#: How a village helps, whatever the task: contact, go door to door, mobilise, publicise,
#: persuade, spot and report, count (Beijing's definition of 协助, see the domain notes).
#: They say *how*, not *which* task, so they weigh ``MODE_FACTOR`` of their general weight.
ASSIST_MODES: frozenset[str] = frozenset(
    _split(
        """
        宣传 动员 宣讲 告知 发动 引导 劝导 劝阻 走访 入户 上门 联系 摸排 排查 巡查 检查 核实
        核查 核对 统计 登记 采集 收集 报告 上报 发现 反映 报送 张贴 标语 横幅 发放 通知 提醒
        服务 管理 协调 参加 参与 组织 配合 帮助 帮扶 人员 名单 数量 信息 数据 情况 线索 对象
        """
    )
)
MODE_FACTOR = 0.4

#: Parts of speech that never carry a task's meaning (jieba's tag set).
_FUNCTION_TAGS = frozenset(_split("c d e o p q r u w x y z m mq uj ul uv uz ud ug f"))

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"^[\d.]+$")


class _Segmenter(Protocol):
    """What we use of the ``rjieba`` module (its functions are its default Jieba's methods)."""

    def cut(self, text: str, hmm: bool = ...) -> list[str]: ...
    def cut_for_search(self, text: str, hmm: bool = ...) -> list[str]: ...
    def tag(self, text: str, hmm: bool = ...) -> list[tuple[str, str]]: ...
    def suggest_freq(self, segment: str) -> int: ...
    def has_word(self, word: str) -> bool: ...


@lru_cache(maxsize=1)
def _jieba() -> _Segmenter:
    """The segmenter, imported on first use (keeps it out of the app's start-up)."""
    import rjieba

    # the module matches; its stub leaves has_word and suggest_freq out of __all__
    return rjieba  # type: ignore[return-value]


def word_ends(text: str) -> list[int]:
    """Where the segmenter's words of ``text`` end (character offsets, ascending; the last is
    the text's length)."""
    out, at = [], 0
    for word in _jieba().cut(text):
        at += len(word)
        out.append(at)
    return out


def terms_after_words(
    text: str, pattern: re.Pattern[str], terms_of: Callable[[str], Iterable[str]]
) -> dict[int, list[str]]:
    """The terms each match of ``pattern`` in ``text`` brings, gathered where the segmenter's
    word that holds the match ends (ascending): inserted there, never inside a word. Right
    after the match they would cut a longer word in two (贫困 of 贫困户, 食品 of 食品安全), and
    the lists' own word would no longer be met. The thesaurus's terms and the learned words
    are both inserted so."""
    ends: dict[int, list[str]] = {}
    bounds = word_ends(text)
    for m in pattern.finditer(text):
        end = bounds[bisect_left(bounds, m.end())]  # (the last bound is the text's end)
        ends.setdefault(end, []).extend(terms_of(m.group(0)))
    return dict(sorted(ends.items()))


@lru_cache(maxsize=65536)
def weight(word: str) -> float:
    """How much a word says about a task: general-language information, 0 for none."""
    if word in DOMAIN_COMMON:
        return LOW_WEIGHT
    if word in ASSIST_MODES:
        return max(LOW_WEIGHT + 0.1, _general_weight(word) * MODE_FACTOR)
    return _general_weight(word)


def _general_weight(word: str) -> float:
    """``log(total / frequency)`` from the segmenter's dictionary, clipped; 0 for stopwords."""
    if len(word) < 2 or _DIGITS.match(word):
        return 0.0
    jb = _jieba()
    freq = jb.suggest_freq(word) if jb.has_word(word) else _UNKNOWN_FREQ
    w = math.log(_TOTAL / max(freq, 1))
    if w < _MIN_WEIGHT:
        return 0.0
    return min(w, _MAX_WEIGHT)


def segment(text: str) -> list[str]:
    """The words of a normalised text, in order, function words and punctuation left out."""
    out: list[str] = []
    for chunk in _SPACE.split(text):
        if not chunk:
            continue
        if len(chunk) <= 2:
            out.append(chunk)
            continue
        for word, tag in _rejoin(_jieba().tag(chunk)):
            if tag in _FUNCTION_TAGS and word not in DOMAIN_COMMON:
                continue
            out.append(word)
    return out


def _rejoin(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Runs of single characters the segmenter left that make a dictionary word, joined.

    The segmenter's best path sometimes breaks a word between two others: "到居住地报到情况"
    comes out as 居住地 / 报 / 到 / 情况. Two or three single characters in a row that are one
    word of the dictionary (报到) are that word.
    """
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(tagged):
        for n in (3, 2):
            run = tagged[i : i + n]
            if len(run) == n and all(len(w) == 1 for w, _ in run):
                joined = "".join(w for w, _ in run)
                if _jieba().has_word(joined):
                    out.append((joined, "n"))
                    i += n
                    break
        else:
            out.append(tagged[i])
            i += 1
    return out


def content_words(text: str) -> list[str]:
    """The words of ``text`` that carry weight, in order, without repeats."""
    return list(dict.fromkeys(w for w in segment(text) if weight(w) > LOW_WEIGHT))
