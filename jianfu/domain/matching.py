"""Checking a department's notice (or a certificate request) against the admission lists.

How it scores (measured on ``tests/data/*.jsonl``, see ``tests/bench/matcher_figures.py``):

* Both sides are normalised (:mod:`jianfu.domain.normalize`); the notice is also expanded with
  a small table of abbreviations and everyday words (爱卫 -> 爱国卫生, 单身证明 -> 婚姻状况).
* Each item is cut into *phrases*: its name (without generic words such as 协助开展, 不得要求村)
  and each clause of its content. A phrase is a set of character bigrams weighted by idf over
  the item set, so words every item shares count for little.
* A phrase scores by how much of its weight the notice covers; short phrases are damped, so a
  single common word cannot carry a match. An item's score is its best phrase plus a little for
  a second one, 0–100.
* A verdict needs a convincing score; otherwise the answer is ``unlisted`` (a wrong "admitted"
  lets a burden through). A negative item that matches convincingly wins over an admitted one
  that is not clearly better, and among certificates the more specific item wins (收养人婚姻状况…
  beats 婚姻状况证明 when the request covers everything the general one matched and more).

All lookups go through an inverted index built once per item set, so a check against 1,000
items touches only the postings of the notice's bigrams.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.lists import ItemStatus, KindMeaning, ListItem, ListKind
from jianfu.domain.normalize import cjk_count, looks_chinese, normalize

#: Longest text that is scored; the rest of a very long notice is ignored (bounded time).
MAX_CHARS = 20_000
TOP_N = 5

#: A verdict needs at least this score (0–100) for its best candidate.
ACCEPT = 52.0
#: A negative (or forbidden) item with at least this score wins unless an admitted one is
#: clearly better (by ``NEGATIVE_MARGIN`` points).
NEGATIVE_ACCEPT = 45.0
NEGATIVE_MARGIN = 12.0

#: Abbreviations and everyday words -> the words the lists use. Applied to the notice only.
SYNONYMS: dict[str, str] = {
    "爱卫": "爱国卫生",
    "大扫除": "环境卫生整治",
    "医保": "医疗保险",
    "社保": "社会保险",
    "养老金": "养老保险待遇",
    "退休金": "养老保险待遇",
    "低保": "最低生活保障",
    "五保": "特困人员",
    "两项补贴": "困难残疾人生活补贴 重度残疾人护理补贴",
    "反诈": "电信网络诈骗",
    "电诈": "电信网络诈骗",
    "防台": "防台风",
    "台风": "防台风",
    "地灾": "地质灾害",
    "社矫": "社区矫正",
    "刑满释放": "安置帮教",
    "两违": "违法建设",
    "违建": "违法建设",
    "违章建筑": "违法建设",
    "违章建房": "违法建设",
    "拆违": "拆除违法建设",
    "处罚": "行政处罚 执法",
    "罚款": "行政处罚 执法",
    "强制拆除": "行政强制 执法",
    "三务公开": "村务公开 党务公开 财务公开",
    "普法": "法治宣传",
    "宪法宣传": "法治宣传",
    "换届": "换届选举",
    "参军": "兵役 征兵",
    "计生": "计划生育",
    "奖扶": "奖励扶助",
    "特扶": "特别扶助",
    "防返贫": "防止返贫动态监测",
    "村ba": "体育活动",
    "村晚": "文化活动",
    "广场舞": "文化活动",
    "运动会": "体育活动",
    "最美家庭": "家庭家教家风",
    "儿童主任": "未成年人关爱保护",
    "留守儿童": "未成年人关爱保护",
    "彩礼": "移风易俗",
    "红白喜事": "移风易俗",
    "非农化": "耕地保护",
    "非粮化": "耕地保护",
    "占用耕地": "违法占地",
    "自建房": "农房安全",
    "流感疫苗": "疫苗接种",
    "禁毒日": "禁毒宣传",
    "失业登记": "就业失业登记",
    "招聘": "就业援助",
    "入学": "入学摸底",
    "辍学": "控辍保学",
    "打卡": "工作群打卡",
    "签到": "打卡",
    "截图": "拍照留痕",
    "晒": "拍照留痕",
    "上传照片": "拍照留痕",
    "投票": "点赞投票",
    "拉票": "点赞投票",
    "点赞": "点赞投票",
    "转发": "点赞投票",
    "下载": "下载政务app",
    "挂牌": "挂牌子",
    "领导小组": "建机制",
    "专人专岗": "建机制",
    "工作站": "建机制 挂牌子",
    "迎检": "考核评比 督查检查",
    "观摩": "考核评比 督查检查",
    "评比": "考核评比",
    "示范村": "创建示范",
    "征收": "征地拆迁",
    "腾退": "征地拆迁",
    "交地": "征地拆迁",
    "房屋拆迁": "征地拆迁",
    "责任状": "安全生产责任状",
    "责任书": "安全生产责任状",
    "消防检查": "消防监督检查",
    "代收": "代收税费",
    "代缴": "代收税费",
    "推销": "推销商业保险和商品",
    "订阅": "推销商业保险和商品",
    "统计报表": "填报报表",
    "报表": "填报报表",
    # certificates
    "单身": "婚姻状况",
    "未婚": "婚姻状况",
    "离婚": "婚姻状况",
    "已婚": "婚姻状况",
    "活着": "健在",
    "在世": "健在",
    "生存": "健在",
    "去世": "死亡",
    "过世": "死亡",
    "病故": "死亡",
    "死者": "死亡",
    "丧葬费": "丧葬补助金",
    "公证书": "公证文书",
    "房产": "不动产",
    "房产证": "不动产",
    "监护人": "监护关系",
    "入社": "加入农民专业合作社",
    "合作社": "农民专业合作社",
    "承包地": "土地承包经营权",
    "父子": "亲属关系",
    "父女": "亲属关系",
    "母子": "亲属关系",
    "母女": "亲属关系",
    "兄弟": "亲属关系",
    "姐妹": "亲属关系",
    "夫妻关系": "亲属关系",
    "贫困证明": "家庭经济状况",
    "困难证明": "家庭经济状况",
    "经济困难": "家庭经济状况",
    "收入低": "家庭经济状况",
    "无业": "就业状况",
    "失业证明": "就业状况",
    "政审": "政治审查",
    "入党": "发展党员",
    "营业执照": "市场主体住所",
    "经营场所": "市场主体住所",
    "丢了": "遗失",
    "丢失": "遗失",
    "养狗": "养犬",
    "联系不上": "失踪",
    "下落不明": "失踪",
    "病情": "疾病状况",
    "患病": "疾病状况",
    "残疾人": "残疾状况",
    "曾用名": "居民身份信息",
    "同一人": "居民身份信息",
    "违法犯罪": "无犯罪记录",
    "生育": "婚育状况",
    "实践": "社会实践活动",
    "志愿服务": "社会实践活动",
}

#: Words every item of a kind shares; cut from item names and contents before indexing.
_GENERIC = re.compile(
    r"不得要求村|不得以|不得强制要求村|不得|协助开展|协助做好|协助|组织开展|开展|做好|"
    r"推进|加强|依法|工作|事项|村民委员会|居民委员会|证明$|证明|情况|承担|任务"
)
#: Where a content text splits into clauses.
_CLAUSE = re.compile(r"[,，。；;、:：]|和|及|等|或")
#: A phrase with less than this idf weight is damped in proportion (one common bigram is
#: not enough to match); content clauses need more weight than the name.
_MIN_MASS = 6.0
_MIN_MASS_CONTENT = 10.0
#: Content clauses count a little less than the name.
_CONTENT_WEIGHT = 0.85
#: Further phrases of the same item that match add this share of their score.
_MORE_PHRASES_BONUS = (0.3, 0.15)
#: A more specific item (its matched words hold all those of the best one) needs this score.
SPECIFIC_ACCEPT = 40.0


class Verdict(StrEnum):
    """The outcome of a check; the label is what the clerk reads."""

    ADMITTED = "admitted"
    NEGATIVE = "negative"
    UNLISTED = "unlisted"
    ALLOWED = "allowed"
    FORBIDDEN = "forbidden"

    @property
    def label(self) -> str:
        """The verdict in Chinese."""
        return {
            Verdict.ADMITTED: "清单内事项（准入）",
            Verdict.NEGATIVE: "负面清单事项（拒绝）",
            Verdict.UNLISTED: "清单外事项（需报批）",
            Verdict.ALLOWED: "可出具证明",
            Verdict.FORBIDDEN: "不应出具证明",
        }[self]


@dataclass(frozen=True)
class Candidate:
    """One list item that resembles the text, with the words that made it resemble."""

    item: ListItem
    kind: str
    score: float
    matched: tuple[str, ...]


@dataclass(frozen=True)
class CheckResult:
    """The verdict, the best candidates (best first) and the words that matched."""

    verdict: Verdict
    candidates: tuple[Candidate, ...] = ()
    matched_words: tuple[str, ...] = ()
    note: str = ""

    @property
    def best(self) -> Candidate | None:
        """The candidate the verdict rests on (the first), if any."""
        return self.candidates[0] if self.candidates else None


@dataclass
class _Phrase:
    """A name or content clause of one item, as weighted bigrams."""

    item: int
    text: str
    weight: float  # 1 for the name, less for content clauses
    mass: float = 0.0
    grams: dict[str, float] = field(default_factory=dict)


def _bigrams(text: str) -> set[str]:
    """Character bigrams inside each space-separated word (single-character words too)."""
    grams: set[str] = set()
    for word in text.split():
        if len(word) == 1:
            grams.add(word)
        else:
            grams.update(word[i : i + 2] for i in range(len(word) - 1))
    return grams


def _item_phrases(item: ListItem) -> list[str]:
    """The name and content clauses of an item, normalised and with generic words cut."""
    name = _GENERIC.sub(" ", normalize(item.name, boilerplate=False))
    phrases = [" ".join(name.split())]
    for raw in _CLAUSE.split(item.content):
        clause = " ".join(_GENERIC.sub(" ", normalize(raw, boilerplate=False)).split())
        if cjk_count(clause) >= 2 and clause not in phrases:
            phrases.append(clause)
    return phrases


def expand(text: str) -> str:
    """The normalised text plus the list words for its abbreviations and everyday words."""
    extra = [target for word, target in SYNONYMS.items() if word in text]
    return text + (" " + " ".join(extra) if extra else "")


def validate_text(text: str | None) -> str:
    """The text stripped; raise ``ValidationError`` when there is nothing to check."""
    raw = (text or "").strip()
    if not raw:
        raise ValidationError(FieldProblem("text", "请输入或粘贴要审核的通知内容"))
    letters = normalize(raw, boilerplate=False).replace(" ", "")
    if not letters:
        raise ValidationError(FieldProblem("text", "文本只有标点符号，没有可审核的内容"))
    if len(letters) < 2:
        raise ValidationError(
            FieldProblem("text", f"文本只有一个字（“{letters}”），请输入完整的事项或通知内容")
        )
    return raw


class Matcher:
    """An index over one item set; build it once and call :meth:`check` per notice."""

    def __init__(self, items: Iterable[ListItem], kinds: Iterable[ListKind]) -> None:
        self.kinds = {k.code: k for k in kinds}
        self.items: list[ListItem] = [
            i for i in items if i.status == ItemStatus.VALID and i.kind in self.kinds
        ]
        self._phrases: list[_Phrase] = []
        self._by_item: list[list[int]] = [[] for _ in self.items]
        docs: list[set[str]] = []
        for idx, item in enumerate(self.items):
            grams_of_item: set[str] = set()
            for n, text in enumerate(_item_phrases(item)):
                phrase = _Phrase(idx, text, 1.0 if n == 0 else _CONTENT_WEIGHT)
                phrase.grams = dict.fromkeys(_bigrams(text), 0.0)
                if not phrase.grams:
                    continue
                grams_of_item.update(phrase.grams)
                self._by_item[idx].append(len(self._phrases))
                self._phrases.append(phrase)
            docs.append(grams_of_item)
        df: dict[str, int] = defaultdict(int)
        for grams in docs:
            for g in grams:
                df[g] += 1
        n_docs = max(len(docs), 1)
        self._idf = {g: math.log((n_docs + 1) / (c + 0.5)) for g, c in df.items()}
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for p_idx, phrase in enumerate(self._phrases):
            for g in phrase.grams:
                w = self._idf[g] if len(g) == 2 else self._idf[g] * 0.5
                phrase.grams[g] = w
                phrase.mass += w
                self._postings[g].append((p_idx, w))

    # ------------------------------------------------------------------ scoring
    def _score(self, text: str, meanings: set[KindMeaning]) -> tuple[list[Candidate], list[str]]:
        """All candidates of the given meanings with a score above zero, best first."""
        query = expand(normalize(text[:MAX_CHARS]))
        q_grams = _bigrams(query)
        hit: dict[int, float] = defaultdict(float)
        matched: dict[int, set[str]] = defaultdict(set)
        for g in q_grams:
            for p_idx, w in self._postings.get(g, ()):
                hit[p_idx] += w
                matched[p_idx].add(g)
        per_item: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for p_idx, got in hit.items():
            phrase = self._phrases[p_idx]
            coverage = got / phrase.mass
            floor = _MIN_MASS if phrase.weight == 1.0 else _MIN_MASS_CONTENT
            damp = min(1.0, phrase.mass / floor)
            per_item[phrase.item].append((coverage * damp * phrase.weight, p_idx))
        candidates: list[tuple[Candidate, frozenset[str]]] = []
        for idx, scores in per_item.items():
            item = self.items[idx]
            if self.kinds[item.kind].meaning not in meanings:
                continue
            scores.sort(reverse=True)
            best = scores[0][0]
            extra = sum(w * s for w, (s, _) in zip(_MORE_PHRASES_BONUS, scores[1:], strict=False))
            score = min(1.0, best + extra) * 100.0
            used = [p for s, p in scores if s >= 0.3 * best]
            words = _matched_words([(self._phrases[p], matched[p]) for p in used])
            grams = frozenset().union(*(matched[p] for p in used))
            candidates.append((Candidate(item, item.kind, round(score, 1), words), grams))
        candidates.sort(key=lambda c: (-c[0].score, c[0].item.number))
        return _prefer_specific(candidates), sorted(q_grams)

    def _result(
        self,
        text: str,
        meanings: set[KindMeaning],
        yes: Verdict,
        no: Verdict,
        no_meaning: KindMeaning,
        prefer_specific_yes: bool,
    ) -> CheckResult:
        """Shared verdict logic of tasks (admitted/negative) and certificates."""
        raw = validate_text(text)
        note = ""
        if len(raw) > MAX_CHARS:
            note = f"文本超过{MAX_CHARS}字，只审核了前{MAX_CHARS}字"
        if not looks_chinese(raw):
            return CheckResult(Verdict.UNLISTED, note="文本不是中文，无法与清单比对，请人工审核")
        ranked, _ = self._score(raw, meanings)
        top = tuple(c for c in ranked[:TOP_N])
        best_yes = next((c for c in ranked if self._meaning(c) != no_meaning), None)
        best_no = next((c for c in ranked if self._meaning(c) == no_meaning), None)
        verdict = Verdict.UNLISTED
        chosen: Candidate | None = None
        yes_score = best_yes.score if best_yes else 0.0
        if best_no and best_no.score >= NEGATIVE_ACCEPT:
            if (
                prefer_specific_yes
                and best_yes
                and best_yes.score >= SPECIFIC_ACCEPT
                and _covers(best_yes, best_no)
            ):
                verdict, chosen = yes, best_yes
            elif yes_score < best_no.score + NEGATIVE_MARGIN:
                verdict, chosen = no, best_no
        if chosen is None and best_yes and yes_score >= ACCEPT:
            verdict, chosen = yes, best_yes
        if chosen is not None and top and top[0] is not chosen:
            top = (chosen, *(c for c in top if c is not chosen))[:TOP_N]
        words = chosen.matched if chosen else ()
        if chosen is None and not note:
            note = "未找到足够相近的清单事项" if not top else "有相近事项但相似度不足，请人工确认"
        return CheckResult(verdict, top, words, note)

    def _meaning(self, cand: Candidate) -> KindMeaning:
        return self.kinds[cand.kind].meaning

    def check(self, text: str) -> CheckResult:
        """A task notice: ``admitted``, ``negative`` or ``unlisted``."""
        return self._result(
            text,
            {KindMeaning.ADMITTED, KindMeaning.REFUSE},
            Verdict.ADMITTED,
            Verdict.NEGATIVE,
            KindMeaning.REFUSE,
            prefer_specific_yes=False,
        )

    def check_certificate(self, text: str) -> CheckResult:
        """A certificate request: ``allowed``, ``forbidden`` or ``unlisted``."""
        return self._result(
            text,
            {KindMeaning.MAY_ISSUE, KindMeaning.MAY_NOT_ISSUE},
            Verdict.ALLOWED,
            Verdict.FORBIDDEN,
            KindMeaning.MAY_NOT_ISSUE,
            prefer_specific_yes=True,
        )


def _covers(specific: Candidate, general: Candidate) -> bool:
    """True when ``specific`` matched every word ``general`` matched, and more."""
    words = "".join(specific.matched)
    return all(w in words for w in general.matched) and len(words) > len("".join(general.matched))


def _prefer_specific(
    ranked: list[tuple[Candidate, frozenset[str]]],
) -> list[Candidate]:
    """Move a candidate ahead of a better-scored one whose matched bigrams it strictly holds."""
    out = [c for c, _ in ranked]
    if len(ranked) < 2:
        return out
    top, top_grams = ranked[0]
    for cand, grams in ranked[1:4]:
        if top_grams < grams and cand.score >= ACCEPT and cand.score >= top.score - 15:
            out.remove(cand)
            out.insert(0, cand)
            break
    return out


def _matched_words(phrases: Sequence[tuple[_Phrase, set[str]]]) -> tuple[str, ...]:
    """Runs of at least two characters of each phrase that the text covered, for the clerk."""
    words: list[str] = []
    for phrase, got in phrases:
        for word in phrase.text.split():
            covered = [False] * len(word)
            for i in range(len(word) - 1):
                if word[i : i + 2] in got:
                    covered[i] = covered[i + 1] = True
            run = ""
            for ch, ok in zip(word, covered, strict=True):
                if ok:
                    run += ch
                elif run:
                    words.append(run)
                    run = ""
            if run:
                words.append(run)
    longest = [w for w in words if len(w) >= 2]
    return tuple(dict.fromkeys(w for w in longest if not any(w in o and w != o for o in longest)))


def check_task(text: str, items: Iterable[ListItem], kinds: Iterable[ListKind]) -> CheckResult:
    """Check one notice against ``items``; builds a throw-away :class:`Matcher`."""
    return Matcher(items, kinds).check(text)


def check_certificate(
    text: str, items: Iterable[ListItem], kinds: Iterable[ListKind]
) -> CheckResult:
    """Check one certificate request against ``items``; builds a throw-away :class:`Matcher`."""
    return Matcher(items, kinds).check_certificate(text)
