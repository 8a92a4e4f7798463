"""General mechanisms of the check: what evidence a 清单内 verdict needs, and from whom.

Each test builds a small list of its own, so that it shows one mechanism and no evaluation
text: an item's leading village word, one common word against two, an area reached through
the thesaurus, an issuer outside the Party and government, and the second route to 清单内 (the
words matched say enough: ``EVIDENCE_LOGIT``).
"""

from __future__ import annotations

import pytest

from jianfu.domain import matching
from jianfu.domain.issuers import issuer_of, outside_government
from jianfu.domain.lists import SEED_KINDS, KindMeaning, ListItem
from jianfu.domain.matching import (
    INSERTED,
    Confidence,
    Matcher,
    Verdict,
    _with_typed_terms,
    conditional_parts,
    item_clauses,
)


def _matcher(*names: str, kind: str = "duty") -> Matcher:
    return Matcher([ListItem(kind=kind, name=n) for n in names], SEED_KINDS)


def test_a_leading_village_is_cut_only_when_it_is_a_word_of_its_own() -> None:
    clauses = item_clauses(
        ListItem(kind="duty", name="召开村民会议、村民代表会议，村规民约、村务公开")
    )
    assert "村民代表会议" in clauses
    assert "村规民约" in clauses
    assert "村务公开" in clauses
    assert "民代表会议" not in clauses and "务公开" not in clauses
    assert item_clauses(ListItem(kind="negative", name="不得要求村代收税费"))[0] == "代收税费"


def test_one_common_word_makes_a_candidate_not_a_verdict() -> None:
    matcher = _matcher("支持和组织村民发展生产、供销、信用、消费等合作经济组织")
    one = matcher.check("请各村推荐信用户名单，组织农户填写采集表。")
    assert one.verdict is Verdict.UNLISTED
    assert one.best is not None and one.best.item.name.startswith("支持和组织")
    assert one.best.score < 50
    two = matcher.check("请各村支持村民组建供销合作社，推广信用合作。")
    assert two.verdict is Verdict.ADMITTED


def test_a_longer_shared_word_is_enough_alone() -> None:
    matcher = _matcher(
        "协助有关部门对被判处管制、缓刑、假释、取保候审等人员进行监督教育", kind="assist"
    )
    result = matcher.check("请各社区掌握辖区内取保候审人员的日常表现。")
    assert result.verdict is Verdict.ADMITTED


def test_an_area_reached_through_one_short_word_is_weak_and_through_two_is_not() -> None:
    matcher = _matcher("社会治安", "公共卫生", kind="assist")
    one = matcher.check("请各社区排查餐饮店是否安装燃气报警器。")  # 报警 -> 社会治安
    assert one.verdict is Verdict.UNLISTED
    assert one.best is not None and one.best.item.name == "社会治安"
    two = matcher.check("近期入室盗窃案件上升，请各村提醒村民看好门户。")  # 入室, 盗窃
    assert two.verdict is Verdict.ADMITTED
    assert two.best is not None and two.best.item.name == "社会治安"


@pytest.mark.parametrize(
    ("text", "issuer", "kind"),
    [
        ("县检察院关于征集公益诉讼线索的通知：请各村……", "县检察院", "司法机关"),
        ("县農商銀行關於開展信用村評定的通知", "县农商银行", "金融机构"),
        ("县人保财险公司：请各村协助统计", "县人保财险公司", "金融机构"),
        ("XX通信有限公司：请村委会协调基站选址", "XX通信有限公司", "企业"),
        ("县民政局关于开展低保复核的通知", "县民政局", ""),
        ("县科学技术协会关于开展科普活动的通知", "县科学技术协会", ""),
        ("各村（社区）：请于本周内上报", "", ""),
        ("关于做好商业保险宣传的通知：请各村", "", ""),
    ],
)
def test_the_issuer_is_read_and_placed(text: str, issuer: str, kind: str) -> None:
    assert issuer_of(text) == issuer
    assert outside_government(issuer_of(text)) == kind


def test_an_issuer_outside_government_cannot_make_a_task_listed() -> None:
    matcher = _matcher("保护和合理利用自然资源，保护和改善生态环境")
    task = "请各村发现破坏生态环境、非法占用自然资源的线索时及时反映。"
    assert matcher.check(f"县自然资源局：{task}").verdict is Verdict.ADMITTED
    outside = matcher.check(f"县人民检察院：{task}")
    assert outside.verdict is Verdict.UNLISTED
    assert "县人民检察院" in outside.note and "报批" in outside.note
    assert outside.best is not None  # the item is still shown to the clerk


def test_negative_items_and_notices_meet_on_the_form_not_the_words() -> None:
    items = [
        ListItem(kind="negative", name="不得要求村（社区）承办政务投诉处理部门职责事项"),
        ListItem(kind="negative", name="全面清理整治强制下载安装政务APP等问题"),
        ListItem(kind="duty", name="做好政务政策法规宣传、信息发布工作"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    tickets = matcher.check("市民热线转办单由各社区直接承办，按诉求人满意结案。")
    assert tickets.verdict is Verdict.NEGATIVE
    assert tickets.best is not None and "投诉" in tickets.best.item.name
    inventory = matcher.check("请各社区梳理自建的政务小程序和公众号，报送名称清单。")
    assert inventory.verdict is not Verdict.NEGATIVE
    install = matcher.check("请各村组织村民下载安装“平安乡村”APP，每户注册一个账号。")
    assert install.verdict is Verdict.NEGATIVE


_INHERIT = (
    "不能提交不动产继承权公证书的，申请继承不动产登记时，"
    "需提交的公安、民政部门、医疗机构、居委会等开具的关系证明"
)


def test_a_conditional_certificate_is_read_as_condition_and_certificate() -> None:
    assert conditional_parts(_INHERIT) == (
        "不能提交不动产继承权公证书的,申请继承不动产登记时",
        "关系证明",
    )
    clauses = item_clauses(ListItem(kind="cert_allowed", name=_INHERIT))
    assert "关系证明" in clauses
    assert not any("民政部门" in c or "医疗机构" in c for c in clauses)  # issuers left out
    assert conditional_parts("亲属关系证明") is None


def test_a_request_that_meets_the_condition_is_the_exception() -> None:
    items = [
        ListItem(kind="cert_forbidden", name="亲属关系证明"),
        ListItem(kind="cert_forbidden", name="居民财产证明"),
        ListItem(kind="cert_allowed", name=_INHERIT),
        ListItem(
            kind="cert_allowed",
            name="代为无民事行为能力人申请不动产登记时，需要提交的"
            "居委会开具的指定监护人代办的监护关系证明",
        ),
    ]
    matcher = Matcher(items, SEED_KINDS)
    met = matcher.check_certificate(
        "办理继承房产的不动产登记，没有公证书，登记窗口要村里开继承人之间的关系证明。"
    )
    assert met.verdict is Verdict.ALLOWED
    assert met.best is not None and met.best.item.name == _INHERIT
    plain = matcher.check_certificate("银行要村里开个我和我妈的亲属关系证明。")
    assert plain.verdict is Verdict.FORBIDDEN
    no_certificate = matcher.check_certificate("继承不动产没有公证书，要村里开个财产证明。")
    assert no_certificate.verdict is Verdict.FORBIDDEN


def test_two_words_of_the_notice_meet_a_short_area_in_full() -> None:
    matcher = _matcher("农业工作", "社会治安", kind="assist")
    result = matcher.check("请各村通知养殖户，近期将在果园喷施农药，提前做好防护。")  # 养殖, 农药
    assert result.verdict is Verdict.ADMITTED
    assert result.best is not None and result.best.item.name == "农业工作"
    assert result.best.score >= 90


def test_a_bracketed_alternative_character_gives_both_words() -> None:
    assert item_clauses(ListItem(kind="cert_allowed", name="居（租）住证明")) == [
        "居住证明",
        "租住证明",
    ]
    matcher = Matcher(
        [
            ListItem(kind="cert_allowed", name="居（租）住证明"),
            ListItem(kind="cert_forbidden", name="亲属关系证明"),
        ],
        SEED_KINDS,
    )
    for text in ("孩子上学要村里开个居住证明", "我租住在本村，要开个租住证明"):
        result = matcher.check_certificate(text)
        assert result.verdict is Verdict.ALLOWED, text
        assert result.best is not None and result.best.item.name == "居（租）住证明"


def test_a_homophone_typo_finds_its_word_and_a_real_word_does_not() -> None:
    matcher = Matcher(
        [
            ListItem(kind="cert_allowed", name="居（租）住证明"),
            ListItem(kind="cert_forbidden", name="婚姻状况证明"),
        ],
        SEED_KINDS,
    )
    typo = matcher.check_certificate("驾校报名要村委会开个居注的正明")  # 居注 for 居住
    assert typo.verdict is Verdict.ALLOWED
    assert typo.best is not None and typo.best.item.name == "居（租）住证明"
    tasks = _matcher("实行村务公开，做好公示工作")
    assert tasks.check("请各村张贴本月村务公示").verdict is Verdict.ADMITTED
    # 公式 is a word of its own, not a typo of 公示
    assert all("公示" not in c.matched for c in tasks.check("请各村学习数学公式").candidates)


def test_an_abbreviation_typed_as_it_sounds_brings_its_terms() -> None:
    matcher = _matcher("社会保障和社会救助", "调解民间纠纷", kind="assist")
    # 低报户, 低宝户 for 低保户: the abbreviation's terms (最低生活保障, 社会救助) come with it
    for text in ("各村低报户名单请张贴公示七天。", "请各村做好低宝户年度复核。"):
        result = matcher.check(text)
        assert result.verdict is Verdict.ADMITTED, text
        assert result.best is not None and result.best.item.name == "社会保障和社会救助"
    # a stretch that cuts two words of the segmenter (设保 of 建设保障) is no typo of 社保
    assert _with_typed_terms("加强基础设施建设保障") == "加强基础设施建设保障"
    assert INSERTED not in _with_typed_terms("请各村做好低保户年度复核")


def test_the_short_form_of_a_condition_is_read_for_items_that_may_be_issued() -> None:
    guardian = "为被监护人办理不动产登记的监护关系证明"
    assert conditional_parts(guardian) is None
    assert conditional_parts(guardian, short_form=True) == (
        "为被监护人办理不动产登记",
        "监护关系证明",
    )
    matcher = Matcher(
        [
            ListItem(kind="cert_forbidden", name="残疾状况证明"),
            ListItem(kind="cert_forbidden", name="亲属关系证明"),
            ListItem(kind="cert_allowed", name=guardian),
        ],
        SEED_KINDS,
    )
    met = matcher.check_certificate(
        "我是我弟弟的监护人，他有残疾，要给他办不动产登记，需要村里开监护关系证明。"
    )
    assert met.verdict is Verdict.ALLOWED
    assert met.best is not None and met.best.item.name == guardian
    assert matcher.check_certificate("开个残疾状况证明").verdict is Verdict.FORBIDDEN


def test_an_area_named_by_its_own_word_is_admitted_for_the_clerk_to_look() -> None:
    matcher = _matcher("住房保障", "农业工作", "社会治安", "老年人权益保障", kind="assist")
    housing = matcher.check("请各村把本村住房漏雨的户数报给镇上。")  # 住房, the area's own word
    assert housing.verdict is Verdict.ADMITTED
    assert housing.best is not None and housing.best.item.name == "住房保障"
    assert housing.best.score < 65
    assert housing.confidence is Confidence.LOW
    # a task word the thesaurus places in an area is not the area's name: still a candidate
    alarm = matcher.check("请各社区排查餐饮店是否安装燃气报警器。")  # 报警 -> 社会治安
    assert alarm.verdict is Verdict.UNLISTED
    # the lesser part of an area's name (权益 of 老年人权益保障) does not name the area
    rights = matcher.check("请各村提醒商户维护好顾客的合法权益。")
    assert rights.verdict is Verdict.UNLISTED
    # a name's last word says what the area is, not which: 教育 does not name 社区教育
    education = _matcher("社区教育", kind="assist").check(
        "请各村动员适龄青年报名参加成人学历教育。"
    )
    assert education.verdict is Verdict.UNLISTED
    # a word the thesaurus places under that very area names it wherever it stands
    jobs = _matcher("劳动就业", kind="assist").check("请各村把本村想外出就业的人数报给镇上。")
    assert jobs.verdict is Verdict.ADMITTED


def test_an_area_named_in_a_heading_is_named_by_the_words_it_encloses() -> None:
    matcher = _matcher("推进社区救助服务", "加强社区劳动保障和就业服务", kind="assist")
    # 推进社区…服务 says that work is done and where: 救助 is the area
    relief = matcher.check("请各社区协助做好救助对象的入户核实。")
    assert relief.verdict is Verdict.ADMITTED
    assert relief.best is not None and relief.best.item.name == "推进社区救助服务"
    assert relief.confidence is Confidence.LOW
    jobs = matcher.check("请各社区把辖区内想外出就业的人数报给街道。")
    assert jobs.verdict is Verdict.ADMITTED
    assert jobs.best is not None and jobs.best.item.name.startswith("加强社区")
    # the heading's own words are no area: a notice that only asks for a service is none
    service = _matcher("推进社区流动人口管理和服务", kind="assist").check(
        "请各村在便民服务点帮老人网上缴纳电费。"
    )
    assert service.verdict is Verdict.UNLISTED
    # the system built for an area closes a heading too (…服务体系建设)
    care = _matcher("推进社区养老服务体系建设", kind="assist").check(
        "请各社区摸清辖区内需要居家养老上门服务的老人。"
    )
    assert care.verdict is Verdict.ADMITTED
    # two words of the notice cover the area as its core is, not its heading's words
    pensions = _matcher("推进社区社会保障服务", kind="assist").check(
        "请各社区登记辖区内企业退休人员的联系方式，核对养老保险待遇。"
    )
    assert pensions.verdict is Verdict.ADMITTED and pensions.best is not None
    assert pensions.best.score > 80
    # a place not after a heading's verb stays (社区教育 is not any 教育)
    education = _matcher("社区教育", kind="assist").check(
        "请各村动员适龄青年报名参加成人学历教育。"
    )
    assert education.verdict is Verdict.UNLISTED


def test_the_committee_an_item_names_as_its_actor_is_not_what_a_notice_must_say() -> None:
    # a law's sentence names who acts (居民委员会…); a notice to the committee says what
    matcher = _matcher("居民委员会管理本居民委员会的财产", "调解民间纠纷")
    result = matcher.check("请各居委会把名下门面房的租金收入和续租情况报街道。")
    assert result.verdict is Verdict.ADMITTED
    assert result.best is not None and result.best.item.name.endswith("的财产")


def test_a_long_item_holding_the_word_is_not_an_area() -> None:
    matcher = _matcher("做好住房困难群众的摸底、申请受理和资格审核等保障工作", kind="assist")
    result = matcher.check("请各村把本村住房漏雨的户数报给镇上。")
    assert result.verdict is Verdict.UNLISTED
    assert result.best is not None and result.best.score < 50


def test_the_sender_is_a_second_word_for_an_area_of_its_own_field() -> None:
    matcher = _matcher("征兵工作", "社会治安", kind="assist")
    # 兵役 alone is one short word: a candidate, not a verdict.
    plain = matcher.check("请各村通知适龄男青年按时完成兵役登记。")
    assert plain.verdict is Verdict.UNLISTED
    assert plain.best is not None and plain.best.item.name == "征兵工作"
    # The same words from the armed-forces department: its field is 征兵, a second word.
    sent = matcher.check("县人武部：请各村通知适龄男青年按时完成兵役登记。")
    assert sent.verdict is Verdict.ADMITTED and sent.best.item.name == "征兵工作"
    assert sent.sender == "县人武部" and plain.sender == ""
    # The sender alone, with nothing of the field in the notice, admits nothing.
    alone = matcher.check("县人武部：请各村统计办公用房面积。")
    assert alone.verdict is Verdict.UNLISTED


def test_a_word_of_the_senders_own_name_is_not_evidence_twice() -> None:
    matcher = _matcher("社区教育", kind="assist")
    # 教育 stands only in 县教育局: who sends, not what is asked.
    result = matcher.check("县教育局：请各社区排查辖区居民楼内的无证托管班。")
    assert result.verdict is Verdict.UNLISTED


def test_a_body_outside_government_that_the_list_names_is_admitted() -> None:
    listed = _matcher("法院工作", kind="assist")
    result = listed.check("县人民法院：请协助查找被告现住址，通知其到院领取传票。")
    assert result.verdict is Verdict.ADMITTED
    unnamed = _matcher("社会治安", kind="assist")
    other = unnamed.check("县人民法院：请各村组织夜间巡逻，防范入室盗窃。")
    assert other.verdict is Verdict.UNLISTED
    assert "不属于党政群机构" in other.note


def test_inserted_terms_take_up_no_room_between_a_notices_words() -> None:
    matcher = _matcher("法律政策和市场信息等咨询服务", kind="assist")
    # 化肥 and 种子 insert their area's name; 市场 and 信息 must stay as close as written.
    result = matcher.check(
        "县农业农村局：请各村便民服务站将最新化肥、种子、农药、农机价格信息和农产品市场行情张贴。"
    )
    assert result.best is not None and result.best.item.name.startswith("法律政策")
    assert result.verdict is Verdict.ADMITTED


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("县人民武装部 某武〔2026〕6号 关于开展兵役登记的通知\n各村：请通知。", "县人民武装部"),
        ("各村：秋收后粮食被盗多发，请发动村民轮流值守。——城东派出所", "城东派出所"),
    ],
)
def test_the_sender_is_read_before_a_document_number_and_after_a_dash(text, issuer) -> None:
    assert issuer_of(text) == issuer


def test_each_part_of_a_name_joining_areas_is_an_area() -> None:
    matcher = _matcher("社会治安和安全保卫", kind="assist")
    plain = matcher.check("各村：秋收后粮食被盗多发，请发动村民轮流值守。")
    sent = matcher.check("各村：秋收后粮食被盗多发，请发动村民轮流值守。——城东派出所")
    assert plain.verdict is Verdict.UNLISTED
    assert sent.verdict is Verdict.ADMITTED


def test_a_term_spelt_out_meets_the_lists_abbreviation() -> None:
    matcher = _matcher("城乡低保办理", kind="assist")
    result = matcher.check("县民政局：请各村开展城乡最低生活保障对象年度复核。")
    assert result.verdict is Verdict.ADMITTED
    assert result.best is not None and result.best.item.name == "城乡低保办理"


def test_a_sender_is_matched_to_one_known_department() -> None:
    from jianfu.domain.departments import department_named

    names = ["南屏县民政局", "南屏县人力资源和社会保障局", "南屏县委宣传部", "民政局机关服务中心"]
    short = {"南屏县人力资源和社会保障局": "人社局"}
    assert department_named("南屏县民政局", names, short) == "南屏县民政局"
    assert department_named("人社局", names, short) == "南屏县人力资源和社会保障局"
    assert department_named("县委宣传部", names, short) == "南屏县委宣传部"
    assert department_named("县公安局", names, short) == ""  # not known: left to the clerk
    assert department_named("", names, short) == ""
    # departments entered as the county's list writes them (自动新增 at an import: 县民政局),
    # a notice from the county's own bureau (云溪县民政局), not a city's (宁川市民政局)
    entered = ["县民政局", "县人力资源和社会保障局", "县委宣传部"]
    assert department_named("云溪县人力资源和社会保障局", entered, {}) == "县人力资源和社会保障局"
    assert department_named("云溪县民政局", entered, {}) == "县民政局"
    assert department_named("宁川市民政局", entered, {}) == ""
    assert department_named("云溪县委宣传部", entered, {}) == "县委宣传部"


@pytest.mark.parametrize(
    ("area", "text"),
    [
        # Housing: a building's safety and who rents a public flat are housing work.
        ("房屋管理", "请各村排查辖区危房，对经营性自建房逐户登记结构安全情况。"),
        ("环境卫生", "请各村督促农户完成户厕改造，定期清掏粪污，清理房前屋后乱堆乱放。"),
        ("疫情防治", "辖区出现手足口病例，请村医配合做好流调和密接人员排查。"),
        ("防灾减灾", "汛期请各村及时上报灾情，组织受威胁群众疏散到避难场所。"),
        ("殡葬管理", "清明前请各村劝导村民文明祭扫，制止乱埋乱葬，引导骨灰进公墓。"),
        ("社会治安", "请各村排查出租屋治安隐患，发现聚赌的及时报告派出所。"),
        ("社会保障", "请各社区核对离退休人员名单，提醒按时完成领取待遇认证。"),
        ("社会救助", "请各村把慈善捐赠的米面油分给困难家庭。"),
        ("社会福利", "请各村核实辖区孤儿和福利院送养儿童情况。"),
        ("养老服务", "请各村摸底敬老院、日间照料中心的床位。"),
        ("计划生育", "请各村通知育龄夫妻参加免费孕前优生检查。"),
        ("集体财产管理", "请各村把门面房的租金收入和续租情况报镇三资办。"),
        ("人口管理", "节前人员流动大，请各村摸清外出人员和外来人口的底数。"),
    ],
)
def test_the_everyday_words_of_an_area_meet_its_item(area: str, text: str) -> None:
    matcher = _matcher(area, "农业工作", kind="assist")
    result = matcher.check(text)
    assert result.verdict is Verdict.ADMITTED
    assert result.best is not None and result.best.item.name == area


def test_a_village_committee_named_by_its_short_name_brings_its_work() -> None:
    # 监委会 is the village's 村务监督委员会, whose work is 监督; 调委会 mediates (调解).
    matcher = _matcher("监督村级工程项目建设情况", "调解民间纠纷")
    told = matcher.check("请各村监委会对村道工程项目的施工和验收全程跟踪。")
    assert told.best is not None and told.best.item.name == "监督村级工程项目建设情况"
    assert "监督" in told.best.matched
    sent = matcher.check("两户邻居为地界争吵，请村调委会出面处理。")
    assert sent.best is not None and sent.best.item.name == "调解民间纠纷"


def test_the_verb_of_an_enumeration_governs_each_of_its_parts() -> None:
    item = ListItem(kind="duty", name="宣传宪法、法律、法规和国家的政策")
    clauses = item_clauses(item, shared_verbs=True)
    assert {"宣传法律", "宣传法规", "宣传国家的政策"} <= set(clauses)
    assert {"法律", "国家的政策"} <= set(clauses)  # the parts stay too
    assert "宣传法律" not in item_clauses(item)  # only for items that admit a task
    # A verb any task has (开展) is not shared; a part with a verb of its own keeps it.
    common = item_clauses(ListItem(kind="duty", name="开展人口普查、农业普查"), shared_verbs=True)
    assert "开展农业普查" not in common
    matcher = _matcher("宣传宪法、法律、法规和国家的政策", "调解民间纠纷")
    # 宣传 and 政策 of the notice meet 宣传国家的政策 in full (the bare 国家的政策 in part).
    result = matcher.check("请各村利用广播和宣传栏宣传今年新出台的医疗救助政策。")
    assert result.verdict is Verdict.ADMITTED
    assert result.best is not None and result.best.item.name.startswith("宣传宪法")
    assert result.best.score >= 90


@pytest.mark.parametrize(
    "text",
    [
        "请各村利用赶集日宣传民法典。",
        "宪法宣传周期间，请各村组织村民学习兵役法。",
        "请各社区在宣传栏开展反电信网络诈骗法宣传。",
    ],
)
def test_a_law_named_in_a_notice_is_a_law_of_the_list(text: str) -> None:
    matcher = _matcher("宣传宪法、法律、法规和国家的政策", "调解民间纠纷")
    result = matcher.check(text)
    assert result.verdict is Verdict.ADMITTED
    assert result.best is not None and "法律" in result.best.matched


@pytest.mark.parametrize("text", ["请各村想办法解决村道照明问题。", "请各村依法依规做好换届工作。"])
def test_a_way_or_by_law_is_not_a_law(text: str) -> None:
    matcher = _matcher("宣传宪法、法律、法规和国家的政策")
    result = matcher.check(text)
    assert result.best is None or "法律" not in result.best.matched


def test_the_verb_shared_is_the_one_before_the_enumeration() -> None:
    # 派出 of 派出机关 is not what is done to 要求; 反映 is.
    clauses = item_clauses(
        ListItem(kind="duty", name="向人民政府或者它的派出机关反映村民的意见和要求"),
        shared_verbs=True,
    )
    assert "反映要求" in clauses and "派出要求" not in clauses


@pytest.mark.parametrize(
    "text",
    [
        "请各村征求村民对村道拓宽方案的意见，汇总后报镇城建办。",
        "请各社区收集居民对菜市场搬迁的诉求，整理后报商务局。",
        "请各社区汇总居民对小区停车的意见建议，报街道。",
        "请各村把村民对新建公厕选址的想法收上来，周五前报镇里。",
    ],
)
def test_asking_what_villagers_think_is_reflecting_their_opinions(text: str) -> None:
    matcher = _matcher("向人民政府反映村民的意见、要求和提出建议", "调解民间纠纷")
    result = matcher.check(text)
    assert result.verdict is Verdict.ADMITTED
    assert result.best is not None and "反映" in result.best.matched


def test_views_passed_on_are_the_residents_not_a_departments_consultation() -> None:
    matcher = _matcher("向人民政府反映村民的意见、要求和提出建议", "调解民间纠纷")
    result = matcher.check("县发改委：请各村汇总辖区企业对营商环境的意见，报县发改委。")
    assert result.verdict is Verdict.UNLISTED


def test_relief_is_relief_whichever_word_the_list_uses() -> None:
    # 社会救济 was renamed 社会救助: a list may keep the old word.
    matcher = _matcher("困难群众救济", "调解民间纠纷", kind="assist")
    result = matcher.check("请各村核实生活困难群众名单，及时发放救助金。")
    assert result.verdict is Verdict.ADMITTED
    assert result.best is not None and result.best.item.name == "困难群众救济"
    assert "救济" in result.best.matched and result.best.score >= 90


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("春节前请各村走访慰问现役军人家属，了解生活困难。", "做好拥军优属工作"),
        ("请各村组织党员宣讲市委全会精神。", "宣传党的方针政策"),
    ],
)
def test_what_a_notice_says_in_its_own_words_meets_the_lists_words(text: str, item: str) -> None:
    matcher = _matcher("做好拥军优属工作", "宣传党的方针政策", "调解民间纠纷")
    result = matcher.check(text)
    assert result.verdict is Verdict.ADMITTED
    assert result.best is not None and result.best.item.name == item


def test_a_negative_item_forbidding_forms_in_the_work_groups_needs_the_work_group() -> None:
    matcher = _matcher("在工作群中，严禁随意摊派任务、索要材料", "调解民间纠纷", kind="negative")
    # A subscription handed down is a share (摊派), but not one made in the work group.
    plain = matcher.check("县委宣传部：请各村订阅明年的县报，每村5份。")
    assert plain.verdict is not Verdict.NEGATIVE
    in_group = matcher.check("请各村在工作群里认领订阅任务，每村5份县报，今天回复。")
    assert in_group.verdict is Verdict.NEGATIVE


def test_village_self_government_is_named_by_its_everyday_acts() -> None:
    # A law's duty names self-government's parts (民主选举, 民主决策, 民主管理, 民主监督); a
    # notice names the act: a by-election, a charter, a consultation, the supervisory committee.
    matcher = _matcher("推进民主选举、民主决策、民主管理、民主监督")
    for text in (
        "请各村做好村委会成员出缺后的补选工作，选民名单提前公示。",
        "请各村修订村规民约，提交村民会议表决。",
        "每个村每季度开一次议事协商会，议题由群众提。",
        "村务监督委员会要对本村工程项目全程跟踪。",
    ):
        assert matcher.check(text).verdict is Verdict.ADMITTED, text
    # a notice board called 村务公开栏 is where anything is posted, not 村务公开 itself
    board = matcher.check("请在村务公开栏张贴医保缴费政策海报。")
    assert board.verdict is Verdict.UNLISTED


def test_a_screening_is_a_public_health_service_and_telling_a_policy_is_publicity() -> None:
    health = _matcher("协助提供公共卫生服务", kind="assist")
    assert health.check("请各村通知适龄老人到卫生院参加免费筛查。").verdict is Verdict.ADMITTED
    policy = _matcher("儿童福利政策宣传", kind="assist")
    told = policy.check("请各村把困境儿童福利新政策告诉每户相关家庭。")
    assert told.verdict is Verdict.ADMITTED
    assert told.best is not None and "宣传" in told.best.matched


def test_unlisted_is_sure_only_when_every_candidate_is_far_below_its_threshold() -> None:
    """A listed task whose words the item does not share often scores 20-35: sent for approval
    with ``high`` confidence, the clerk would not look. ``high`` needs every candidate at least
    ``UNLISTED_CONFIDENT_BY`` below its threshold."""
    from jianfu.domain.lists import KindMeaning
    from jianfu.domain.matching import ACCEPT, UNLISTED_CONFIDENT_BY

    matcher = _matcher("开展群众性文化体育活动", "协助开展适龄儿童入学摸底")
    near = matcher.check("请各村组织村民观看电影下乡放映")
    far = matcher.check("请各村摸排辖区内古树名木情况")
    line = ACCEPT[KindMeaning.ADMITTED] - UNLISTED_CONFIDENT_BY[KindMeaning.ADMITTED]
    assert near.verdict is Verdict.UNLISTED and far.verdict is Verdict.UNLISTED
    assert near.best is not None and line < near.best.score < ACCEPT[KindMeaning.ADMITTED] - 15
    assert near.confidence is Confidence.LOW
    assert far.best is None or far.best.score <= line
    assert far.confidence is Confidence.HIGH


def test_a_common_word_is_no_typo_of_a_longer_one() -> None:
    """The bigram fallback reads typos and unknown words: 组织 (to organise) of a notice does
    not half-meet 党组织, so a notice on the militia is no party-building task for one more
    word the thesaurus placed beside 民兵."""
    matcher = _matcher("加强村(社区)党组织自身建设", "协助开展兵役登记和征兵宣传")
    result = matcher.check("请于12月20日前上报基干民兵人选名单，组织民兵参加集中点验。")
    assert result.verdict is Verdict.UNLISTED
    assert all("党组织" not in c.matched for c in result.candidates)
    # a real typo is still read: 兵疫 for 兵役
    typo = matcher.check("请各村做好兵疫登记和征兵宣传，动员适龄青年报名。")
    assert typo.best is not None and "兵役" in typo.best.item.name


def test_an_abbreviations_terms_never_cut_a_longer_word_in_two() -> None:
    """贫困 has its terms (经济状况) inserted: after the word that holds it (贫困户), not inside
    it, so that a request for the listed 贫困户证明 meets the item by its own name."""
    from jianfu.domain.matching import expand

    expanded = expand("请社区开个贫困户证明")
    assert "贫困户" in expanded.split(" ")[0]
    assert INSERTED + "经济状况" in expanded
    matcher = _matcher("贫困户证明", kind="cert_allowed")
    result = matcher.check_certificate("请社区开个贫困户证明，孩子申请助学金要用。")
    assert result.verdict is Verdict.ALLOWED
    assert result.best is not None and "贫困户" in result.best.matched


def test_a_stamp_is_asked_of_every_certificate_and_names_none() -> None:
    """盖章 and 签字 are how any certificate is issued: an item that names them (买墓地要求
    社区盖章的证明) is named by what it vouches for (墓地), and a request that wants a stamp on
    something else is no request for it."""
    matcher = Matcher(
        [
            ListItem(kind="cert_allowed", name="贫困户证明"),
            ListItem(kind="cert_forbidden", name="买墓地要求社区盖章的证明"),
        ],
        SEED_KINDS,
    )
    other = matcher.check_certificate(
        "我想给娃办生源地助学贷款，表上有一栏要居委会盖章证明家里经济困难。"
    )
    assert other.verdict is not Verdict.FORBIDDEN
    assert all("盖章" not in c.matched for c in other.candidates)
    grave = matcher.check_certificate("公墓那边说买墓地要社区给盖个章证明，社区能开吗？")
    assert grave.verdict is Verdict.FORBIDDEN


def test_situations_listed_as_examples_are_no_condition() -> None:
    """升学、就业、入党等重要事项的政审证明: the matters before 等 are examples, so a 政审 for
    a military academy or a civil-service post is the certificate the list allows."""
    matcher = _matcher("升学、就业、入党等重要事项的政审证明", kind="cert_allowed")
    for request in (
        "孩子考上了军校，要社区出政审意见，我们该准备啥？",
        "孩子报考警校，政审需要村里出证明。",
    ):
        assert matcher.check_certificate(request).verdict is Verdict.ALLOWED, request


def test_a_list_that_states_funds_follow_the_task_forbids_passing_costs_down() -> None:
    """权随责走、费随事转 is how the policy says a new task brings its funds: a negative item
    that states it forbids making the community pay, and a notice that has the community
    advance a cost is refused, never admitted for its topic. A notice that says 费随事转 of
    itself funds its task."""
    from jianfu.domain.demands import Demand, find_demands, item_demands

    item = "需社区协助的新增事项，原则上落实“权随责走、费随事转”"
    assert Demand.COSTS in item_demands(item)
    assert Demand.COSTS not in find_demands("本项工作按照费随事转原则，经费由县财政保障。")
    matcher = Matcher(
        [
            ListItem(kind="assist", name="协助做好公共卫生、食品安全宣传"),
            ListItem(kind="negative", name=item),
        ],
        SEED_KINDS,
    )
    result = matcher.check("县市场监管局请各社区协助开展食品安全宣传，宣传品印制费用由社区垫付。")
    assert result.verdict is Verdict.NEGATIVE


def test_a_negative_item_forbidding_meetings_held_is_met_by_its_form_and_its_words() -> None:
    """A list forbids a meeting held for its own sake: a notice calling the villages' cadres to
    sit in such a meeting meets it by the form (参加会议), and one making each village hold it
    meets it by its own words, as before the item was read as a form."""
    matcher = Matcher(
        [
            ListItem(kind="duty", name="组织开展森林防火宣传教育"),
            ListItem(kind="negative", name="不得要求村级组织召开走过场的空头会议"),
        ],
        SEED_KINDS,
    )
    attend = matcher.check("镇里周五开森林防火会，各村书记、主任都来参加，会后交一份心得体会。")
    assert attend.verdict is Verdict.NEGATIVE
    hold = matcher.check("请各村每月召开一次走过场的空头会议，会议记录报镇里。")
    assert hold.verdict is Verdict.NEGATIVE


# ------------------------------------------------------------------ the second route
LONG_ITEM = "提供便民服务，如办理低保、医保、养老等事务，协助解决居民实际困难"
NOTICE = "县人社局：养老金资格认证开始了，请各村帮行动不便的老人办理认证。"


@pytest.fixture
def route_on(monkeypatch) -> None:
    """The route is on in the app (EVIDENCE_ROUTE); these tests hold it on whatever it is."""
    monkeypatch.setattr(matching, "EVIDENCE_ROUTE", True)


def _route_matcher() -> Matcher:
    items = [
        ListItem(kind="assist", name=LONG_ITEM),
        ListItem(kind="negative", name="不得要求村（社区）建立工作台账、拍照留痕"),
    ]
    return Matcher(items, SEED_KINDS)


@pytest.fixture
def matcher(route_on) -> Matcher:
    return _route_matcher()


def test_the_route_is_on_in_the_app(monkeypatch) -> None:
    assert matching.EVIDENCE_ROUTE is True
    assert _route_matcher().check(NOTICE).verdict is Verdict.ADMITTED
    monkeypatch.setattr(matching, "EVIDENCE_ROUTE", False)
    assert _route_matcher().check(NOTICE).verdict is Verdict.UNLISTED


def test_two_telling_words_of_a_long_item_admit_it_for_the_clerk_to_look(matcher) -> None:
    result = matcher.check(NOTICE)
    assert result.best is not None and result.best.item.name == LONG_ITEM
    assert result.best.score < matching.ACCEPT[matching.KindMeaning.ADMITTED]
    assert result.verdict is Verdict.ADMITTED
    assert result.confidence is Confidence.LOW
    assert "所指明确" in result.note and "“养老”" in result.note and "请人工确认" in result.note


def test_the_route_is_what_admits_it(matcher, monkeypatch) -> None:
    monkeypatch.setattr(matching, "EVIDENCE_LOGIT", None)
    assert matcher.check(NOTICE).verdict is Verdict.UNLISTED


def test_one_word_stays_a_candidate(matcher) -> None:
    result = matcher.check("县人社局：请各村通知老人养老金资格认证。")
    assert result.best is not None and result.best.item.name == LONG_ITEM
    assert result.verdict is Verdict.UNLISTED


def test_a_demanded_form_of_work_keeps_the_route_shut(matcher) -> None:
    # the same task, reported daily through a work group: never admitted on the words alone
    result = matcher.check(NOTICE.rstrip("。") + "，每天在群里接龙上报进度。")
    assert result.verdict is not Verdict.ADMITTED


def test_a_sender_outside_the_government_keeps_the_route_shut(matcher) -> None:
    result = matcher.check(NOTICE.replace("县人社局", "县移动公司"))
    assert result.verdict is Verdict.UNLISTED
    assert "不属于党政群机构" in result.note


def test_a_weak_likeness_to_a_negative_item_keeps_the_route_shut(monkeypatch, route_on) -> None:
    """A proof of each step the patterns do not read (整治完都要留个底…统一上传) shows only as a
    weak likeness to the item that forbids it: the route stays shut (a blind set's negative
    notice, 整治前中后对比照…统一上传, was admitted this way while the route needed only
    NEGATIVE_DOUBT clear; 对比照 is read as a photo demand since)."""
    items = [
        ListItem(kind="assist", name="推动农村人居环境整治（垃圾分类、厕所革命、污水治理）"),
        ListItem(kind="negative", name="现场巡查上传发现前、处理中、整改后照片"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    text = "县环保局：每处垃圾点整治完都要留个底，村里统一上传。"
    result = matcher.check(text)
    assert result.verdict is Verdict.UNLISTED
    negative = next(c for c in result.candidates if c.kind == "negative")
    assert matching.EVIDENCE_NEGATIVE_CLEAR <= negative.score < matching.NEGATIVE_DOUBT
    monkeypatch.setattr(matching, "EVIDENCE_NEGATIVE_CLEAR", matching.NEGATIVE_DOUBT)
    assert matcher.check(text).verdict is Verdict.ADMITTED  # what the looser rule did


_STRAW = "县生态环境局：请各村做好秸秆禁烧巡查，发现焚烧及时制止。"
_STRAW_NEGATIVE = "不得要求村（社区）在秸秆禁烧期间实行24小时值班值守"


def test_a_weak_admission_near_a_negative_item_is_sent_for_approval(monkeypatch) -> None:
    """An admission under the bar of a ``high`` one, beside a negative item met at 30-45, is
    doubt enough: the task goes for approval, the note names the item (NEGATIVE_DOUBT_WEAK)."""
    items = [
        ListItem(kind="assist", name="合理开发利用自然资源，保护和改善生态环境"),
        ListItem(kind="negative", name=_STRAW_NEGATIVE),
    ]
    matcher = Matcher(items, SEED_KINDS)
    result = matcher.check(_STRAW)
    best = next(c for c in result.candidates if c.kind == "assist")
    negative = next(c for c in result.candidates if c.kind == "negative")
    assert best.score < matching.ACCEPT[KindMeaning.ADMITTED] + matching.CONFIDENT_BY
    assert matching.NEGATIVE_DOUBT_WEAK <= negative.score < matching.NEGATIVE_DOUBT
    assert result.verdict is Verdict.UNLISTED
    assert _STRAW_NEGATIVE in result.note and "须报批" in result.note
    monkeypatch.setattr(matching, "NEGATIVE_DOUBT_WEAK", matching.NEGATIVE_DOUBT)
    assert matcher.check(_STRAW).verdict is Verdict.ADMITTED  # what the single bar did


def test_a_clear_admission_near_the_same_negative_item_stays_admitted() -> None:
    items = [
        ListItem(kind="assist", name="协助做好秸秆禁烧巡查"),
        ListItem(kind="negative", name=_STRAW_NEGATIVE),
    ]
    result = Matcher(items, SEED_KINDS).check(_STRAW)
    negative = next(c for c in result.candidates if c.kind == "negative")
    assert matching.NEGATIVE_DOUBT_WEAK <= negative.score < matching.NEGATIVE_DOUBT
    assert result.verdict is Verdict.ADMITTED
    assert "须报批" not in result.note
    # (``high`` only with the negative item well under its bar: here it is near it)
    assert negative.score >= matching.ACCEPT[KindMeaning.REFUSE] - matching.CONFIDENT_BY / 2
    assert result.confidence is Confidence.LOW


def test_the_fit_reproduces_the_shipped_coefficients() -> None:
    """tests/bench/evidence_fit.py fitted on every open set gives what the matcher ships (so
    a change of the matcher's scores or of the sets shows here, and the route is refitted)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import evidence_fit

    beta = evidence_fit.fit(evidence_fit.case_rows())
    assert matching.EVIDENCE_LOGIT is not None
    assert [round(b, 2) for b in beta] == pytest.approx(list(matching.EVIDENCE_LOGIT), abs=0.05)


def test_the_fit_leaves_out_what_an_outside_sender_sends_whatever_the_score() -> None:
    # the matcher's route never speaks for such a sender; under the threshold the note does not
    # say so, and the fit read it from the note
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import evidence_fit

    item = ListItem(kind="assist", name=LONG_ITEM)
    assert evidence_fit._outside(NOTICE.replace("县人社局", "县移动公司"), item)
    assert not evidence_fit._outside(NOTICE, item)
    court = ListItem(kind="assist", name="协助法院送达诉讼文书")
    assert not evidence_fit._outside("县人民法院：请协助送达传票。", court)


@pytest.fixture
def any_odds(monkeypatch, route_on) -> None:
    """The fit made to admit whatever it is asked about: what still keeps a task out is a
    guard of the route, not the coefficients."""
    assert matching.EVIDENCE_LOGIT is not None
    anything = (0.0,) * (len(matching.EVIDENCE_LOGIT) - 1) + (10.0,)
    monkeypatch.setattr(matching, "EVIDENCE_LOGIT", anything)


@pytest.mark.usefixtures("any_odds")
def test_the_routes_guards_hold_whatever_the_fit(matcher) -> None:
    assert matcher.check(NOTICE).verdict is Verdict.ADMITTED  # the guards are open
    one_word = matcher.check("县人社局：请各村通知老人养老金资格认证。")
    assert one_word.verdict is Verdict.UNLISTED
    daily = matcher.check(NOTICE.rstrip("。") + "，每天在群里接龙上报进度。")
    assert daily.demands and daily.verdict is not Verdict.ADMITTED
    outside = matcher.check(NOTICE.replace("县人社局", "县移动公司"))
    assert outside.verdict is Verdict.UNLISTED and "不属于党政群机构" in outside.note


@pytest.mark.usefixtures("any_odds")
def test_a_negative_item_near_keeps_the_route_shut_whatever_the_fit() -> None:
    items = [
        ListItem(kind="assist", name=LONG_ITEM),
        ListItem(kind="negative", name="养老金领取资格认证不得要求村（社区）上门核验"),
    ]
    result = Matcher(items, SEED_KINDS).check(NOTICE)
    assert not result.demands  # no form read: only the negative item's nearness decides
    assert result.verdict is not Verdict.ADMITTED
    assert any(
        c.kind == "negative" and c.score >= matching.NEGATIVE_DOUBT for c in result.candidates
    )


@pytest.mark.usefixtures("any_odds")
def test_one_word_of_the_items_own_keeps_the_route_shut_whatever_the_fit() -> None:
    # 秸秆, 禁烧, 焚烧 bring the area 生态环境; the item meets only its 环境 (治安环境)
    matcher = Matcher(
        [ListItem(kind="assist", name="维护村庄治安环境，协助做好巡逻防范")], SEED_KINDS
    )
    result = matcher.check("县生态环境局：请各村做好秸秆禁烧巡查，发现焚烧及时制止。")
    assert result.best is not None and len(result.best.said) >= 2
    assert result.verdict is Verdict.UNLISTED


def test_the_stretch_a_phrase_rule_read_is_not_a_word_the_notice_says() -> None:
    # 意见汇总上报 brings 反映 and 意见 and rests on the whole stretch: weighed as a word it was
    # an unknown one (the largest weight) and swallowed the 意见 inside it
    matcher = Matcher(
        [ListItem(kind="assist", name="收集并向上级部门反馈居民的意见和建议，促进政策落实")],
        SEED_KINDS,
    )
    result = matcher.check("县民政局：请各社区把居民对停车难的意见汇总上报，提的建议也一并征集。")
    assert result.best is not None
    assert sorted(result.best.said) == ["建议", "意见"]


def test_a_compound_of_a_certificate_is_said_by_its_parts_in_other_words() -> None:
    # 出生证明 is 出生 and 证明; 出生证, which the segmenter also gives, is the same characters
    # again and is not a third part a request must say
    matcher = _matcher("不由村（居）委会开具的出生证明", kind="cert_forbidden")
    result = matcher.check_certificate("派出所叫村里开个孩子出生情况的证明")
    assert result.candidates
    assert result.candidates[0].item.name == "不由村（居）委会开具的出生证明"


def test_a_use_said_with_yongyu_in_brackets_is_no_part_of_the_name() -> None:
    item = ListItem(kind="cert_allowed", name="家庭经济困难情况证明（用于救助和助学）")
    assert item_clauses(item, certificate=True)[0] == "家庭经济困难情况证明"


def test_poverty_asked_for_meets_a_certificate_of_hardship() -> None:
    # 经济困难 is read as 贫困 (a list's 贫困户证明); the way back, 贫困 as 困难, too
    matcher = _matcher("家庭经济困难情况证明（用于救助和助学）", kind="cert_allowed")
    assert matcher.check_certificate("慈善总会要村委会出具的贫困证明").verdict is Verdict.ALLOWED


def test_a_remark_in_brackets_after_a_certificates_name_is_no_part_of_it() -> None:
    item = ListItem(kind="cert_forbidden", name="亲属关系证明（一个户口本就足以证明）")
    assert item_clauses(item, certificate=True)[0] == "亲属关系证明"
    matcher = Matcher([item], SEED_KINDS)
    got = matcher.check_certificate("单位要村里开个证明我和我爸是父子的亲属关系证明")
    assert got.verdict is Verdict.FORBIDDEN
    # a short name in brackets inside the name stays the name's (居（租）住证明)
    assert item_clauses(ListItem(kind="cert_allowed", name="居（租）住证明"), certificate=True)[
        0
    ].startswith("居")


def test_a_condition_in_brackets_holding_a_bracket_is_no_part_of_the_name() -> None:
    # the bracket inside (本村（社区）) hid the outer one: the name stayed 30 characters long and
    # a resident asking for a 居住证明 covered a small part of it
    item = ListItem(
        kind="cert_allowed", name="居住证明（经走访核实在本村（社区）居住满一年的出具）"
    )
    assert item_clauses(item, certificate=True)[0] == "居住证明"
    matcher = Matcher([item], SEED_KINDS)
    got = matcher.check_certificate("我在村里租房住了两年，孩子上学要村里开个居住证明")
    assert got.verdict is Verdict.ALLOWED
    # a committee's written opinion is the certificate such an item names
    opinion = ListItem(
        kind="cert_allowed", name="临时救助申请的村民委员会评议意见（经民主评议公示后出具）"
    )
    assert item_clauses(opinion, certificate=True)[0] == "临时救助申请的村民委员会评议意见"
    # an alternative character in brackets inside a remark is still read as one
    fee = ListItem(kind="cert_allowed", name="初审意见（加盖居（村）委会公章）")
    assert item_clauses(fee, certificate=True)[0] == "初审意见"


def test_a_negative_item_met_by_a_demanded_form_decides_from_a_lower_score(monkeypatch) -> None:
    # the notice asks for photos, the form the item forbids, in no other word of the item
    matcher = Matcher(
        [
            ListItem(kind="duty", name="组织开展森林巡护和河道巡查"),
            ListItem(
                kind="negative",
                name="不得要求村（社区）以工作群打卡、上传照片等方式证明工作开展情况",
            ),
        ],
        SEED_KINDS,
    )
    text = "督查组下周来查禁毒，各村把台账和照片准备好。"
    assert matching.ACCEPT[KindMeaning.REFUSE] > matching.REFUSE_DEMANDED
    best = matcher.check(text).candidates[0]
    assert best.item.kind == "negative" and best.demands == ("照片",)
    monkeypatch.setattr(matching, "REFUSE_DEMANDED", best.score + 1)
    assert matcher.check(text).verdict is Verdict.UNLISTED
    monkeypatch.setattr(matching, "REFUSE_DEMANDED", best.score)
    assert matcher.check(text).verdict is Verdict.NEGATIVE


def test_an_allowed_certificate_two_words_of_the_request_meet_is_allowed_under_the_threshold(
    monkeypatch,
) -> None:
    # the long name leaves a request that names it in a few of its words a small share (40)
    matcher = Matcher(
        [
            ListItem(
                kind="cert_allowed",
                name="大学生寒暑假返乡在本村（社区）参加社会实践、志愿服务的活动证明",
            ),
            ListItem(kind="cert_forbidden", name="居民身份信息证明"),
        ],
        SEED_KINDS,
    )
    text = "我是大学生，暑假回来在社区做了一个月志愿服务，学校要社会实践鉴定盖章。"
    got = matcher.check_certificate(text)
    assert got.verdict is Verdict.ALLOWED
    best = got.candidates[0]
    assert len(best.said) >= 2
    assert matching.CERT_ACCEPT_SAID <= best.score < matching.ACCEPT[KindMeaning.MAY_ISSUE]
    monkeypatch.setattr(matching, "CERT_ACCEPT_SAID", matching.ACCEPT[KindMeaning.MAY_ISSUE])
    assert matcher.check_certificate(text).verdict is Verdict.UNLISTED
    monkeypatch.undo()
    # one word of the request (政审 brings 政治 and 审查: still one word) is not enough:
    # tests/unit/test_cert_facts.py's 政审 of another purpose stays 清单外


def test_what_a_village_puts_up_to_be_seen_is_made_public() -> None:
    matcher = _matcher("公开本村需要长期重点帮扶的人员及帮扶方案", kind="assist")
    result = matcher.check("村里列入重点帮扶的几户，帮扶人是谁、怎么帮，贴出来让村民监督。")
    assert result.verdict is Verdict.ADMITTED


def test_the_negative_item_named_for_the_form_ranks_above_one_naming_it_in_passing() -> None:
    matcher = Matcher(
        [
            ListItem(
                kind="negative",
                name="不得以建机制、挂牌子方式向村(社区)派任务",
                content="不得要求村(社区)设置专人专岗或悬挂牌子，不得以挂牌数量作为考核内容",
            ),
            ListItem(kind="negative", name="不得要求村(社区)单独参加部门考核评比和创建示范"),
        ],
        SEED_KINDS,
    )
    result = matcher.check("下周县里四个检查组同时到村，各村书记在村部等候，检查结果全县排一次名。")
    assert result.verdict is Verdict.NEGATIVE
    assert result.candidates[0].item.name == "不得要求村(社区)单独参加部门考核评比和创建示范"


@pytest.mark.parametrize("name", ["村里", "本村", "各村", "村内", "本社区", "村干部", "社区干部"])
def test_the_village_named_in_everyday_words_weighs_what_村_weighs(name: str) -> None:
    from jianfu.domain.words import weight

    assert weight(name) == weight("村")


def test_a_negative_item_is_not_met_by_the_village_it_names_alone() -> None:
    matcher = Matcher(
        [
            ListItem(kind="assist", name="放映当日用村广播通知村民公益电影放映地点、时间和内容"),
            ListItem(kind="negative", name="要求村里补做、编造农家书屋借阅记录应付检查"),
        ],
        SEED_KINDS,
    )
    result = matcher.check("镇文化站：下次放电影之前，请村里提前用大喇叭通知一下村民。")
    negative = [c for c in result.candidates if c.kind == "negative"]
    assert not negative or negative[0].score < matching.NEGATIVE_DOUBT_WEAK


@pytest.mark.parametrize(
    ("notice", "item"),
    [
        ("@各村 大喇叭早中晚各放一遍通知", "村广播每天宣传"),
        ("下周配合镇里入户看改厕，化粪池有没有渗漏", "入户排查农村户厕使用情况"),
        ("各村要安排人盯住，不准烧秸秆", "秸秆禁烧期间巡查"),
        ("村集体要砍伐后山那片松林", "村集体申请采伐集体林木"),
    ],
)
def test_everyday_words_meet_the_lists_terms(notice: str, item: str) -> None:
    from jianfu.domain.matching import content_words, expand

    expanded = expand(matching.normalize(notice)).replace(matching.INSERTED, "")
    assert set(content_words(item)) & set(content_words(expanded)) - set(
        content_words(notice)
    )


@pytest.mark.parametrize(
    ("notice", "item"),
    [
        ("后山那个滑坡点裂缝又大了，请村里马上转移下面五户", "地质灾害临灾时组织群众转移"),
        ("本月的巡河还没做的抓紧", "村级河长每月对责任河湖巡查"),
        ("有几个初中生在大桥下面游泳", "劝离私自下河游泳的未成年人"),
    ],
)
def test_kinds_and_members_meet_their_kind(notice: str, item: str) -> None:
    from jianfu.domain.matching import content_words, expand

    expanded = expand(matching.normalize(notice)).replace(matching.INSERTED, "")
    assert set(content_words(item)) & set(content_words(expanded)) - set(
        content_words(notice)
    )


def test_a_task_handed_down_without_a_document_meets_the_item_against_it() -> None:
    from jianfu.domain.matching import content_words, expand

    notice = "没有文件，领导口头交代的：各村这个星期把闲置房屋数一下"
    expanded = expand(matching.normalize(notice)).replace(matching.INSERTED, "")
    assert {"电话通知", "便签"} <= set(content_words(expanded)) | set(expanded.split())


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("@各村 水渠边堆了不少落叶淤泥，周末请组织党员清一清。", "清理"),
        ("请各村晚饭后安排人到水塘边转一转，有人夜钓的劝回去。", "巡查"),
        ("@各村 山林防火期，护林员每天上午巡一巡。", "巡查"),
        ("请村里给赶集的摊主劝一劝，别占着路口卖菜。", "劝阻"),
        ("请各村把外出务工人员摸一摸，周五前报数。", "摸排"),
    ],
)
def test_a_verb_in_its_tentative_form_is_the_lists_verb(text: str, item: str) -> None:
    read = matching._with_tentative_verbs(text)
    assert f"{INSERTED}{item}" in read


@pytest.mark.parametrize(
    "text",
    [
        "请把情况说清清楚楚。",
        "请各村看看附件。",
        "扫一扫二维码即可报名。",
        "请转发到各村民小组群。",
    ],
)
def test_a_verb_said_once_or_another_verb_brings_nothing(text: str) -> None:
    assert matching._with_tentative_verbs(text) == text


def test_a_place_to_tidy_said_in_the_tentative_form_meets_the_clearing_item() -> None:
    matcher = _matcher("组织村民清理沟渠淤泥和路边杂物", "调解民间纠纷")
    result = matcher.check("@各村 路边和沟渠里堆的杂物、淤泥，这周末请组织人清一清。")
    assert result.best is not None and result.best.item.name.startswith("组织村民清理")
    assert "清理" in result.best.matched


def test_what_a_negative_item_excepts_is_not_what_it_is_about() -> None:
    # 在…之外: the bodies whose signs are allowed are named only as the exception
    matcher = Matcher(
        [
            ListItem(
                kind="negative",
                name="要求村部在村党组织、村委会、村务监督委员会牌子之外加挂其他牌子",
            ),
            ListItem(kind="duty", name="村务监督委员会监督村级工程建设和村级财务收支"),
        ],
        SEED_KINDS,
    )
    assert item_clauses(matcher.items[0])[0] == "村部加挂其他牌子"
    result = matcher.check("请村务监督委员会下月查看一次村里新修水渠的工程进度和用钱情况。")
    assert result.verdict is not Verdict.NEGATIVE
    signs = matcher.check("请各村在村部门口再加挂一块老年协会的牌子。")
    assert signs.verdict is Verdict.NEGATIVE


# From a review's sentences (its own, not of any evaluation set).

INSURANCE = [
    ListItem(kind="assist", name="协助做好城乡居民基本养老保险参保登记和缴费动员"),
    ListItem(kind="assist", name="协助做好城乡居民基本医疗保险参保宣传动员"),
    ListItem(
        kind="negative",
        name="不得要求村（社区）代收代缴各类税费、保费",
        content="村（社区）不承担代收代缴税费、保险费等工作",
    ),
    ListItem(kind="negative", name="不得要求村（社区）推销商业保险和商品"),
]


@pytest.mark.parametrize(
    "notice",
    [
        "各村要做好城乡居民基本养老保险参保登记和缴费动员，群众的保费由村报账员统一代为缴纳，"
        "月底前把缴费名单报镇社保所。",
        "做好2027年度城乡居民医保参保缴费工作，各村可设立临时缴费点，现场收钱后统一缴纳，并做好登记。",
        "各村外出务工人员较多的，由村干部先行代为缴纳2027年度城乡居民养老保险费，年底前向本人收回。",
        "各村组织群众把今年的医保钱交到村委会，村里统一缴费后将收据发给群众。",
    ],
)
def test_the_village_paying_or_taking_the_money_is_collection(notice: str) -> None:
    assert Matcher(INSURANCE, SEED_KINDS).check(notice).verdict is Verdict.NEGATIVE


def test_residents_paying_their_own_premium_is_admitted() -> None:
    notice = "请各村引导城乡居民于12月31日前通过微信或银行自行缴纳基本养老保险费，做好参保登记。"
    assert Matcher(INSURANCE, SEED_KINDS).check(notice).verdict is Verdict.ADMITTED


def test_the_first_negative_item_stays_the_best_scored() -> None:
    # which negative item comes first sets the bar a negative verdict needs: a topic-only one
    # with heavier words said is not put before one that names the form demanded
    from jianfu.domain.matching import Candidate, _prefer_said

    meaning = {k.code: k.meaning for k in SEED_KINDS}
    yes = Candidate(
        ListItem(kind="assist", name="协助做好农村饮水安全宣传和供水设施日常巡查"),
        "assist", 90.0, ("饮水", "供水"), (), ("饮水", "供水"),
    )  # fmt: skip
    fee = Candidate(
        ListItem(kind="negative", name="不得要求村（社区）代收代缴水费"),
        "negative", 46.5, (), ("收费",), (),
    )  # fmt: skip
    repair = Candidate(
        ListItem(kind="negative", name="不得要求村（社区）承担供水设施维修"),
        "negative", 44.0, ("供水", "设施"), (), ("供水", "设施"),
    )  # fmt: skip
    out = _prefer_said([yes, fee, repair], lambda c: meaning[c.kind], {KindMeaning.ADMITTED})
    assert next(c for c in out if c.kind == "negative") is fee


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("协助做好小型水库除险加固期间坝体以外区域的安全巡查", "除险加固"),
        ("协助做好除夕、春节期间城区以外区域烟花爆竹燃放安全巡查", "除夕"),
        ("协助开展在城镇开发边界以外区域的农村建房巡查", "城镇开发边界"),
        ("不得要求村（社区）在正常工作时间以外组织村干部参加各类培训会议", "工作时间"),
        ("不得要求村（社区）在防汛值班之外安排村干部夜间值守", "防汛值班"),
    ],
)
def test_only_an_exception_is_cut_from_an_item_name(name: str, kept: str) -> None:
    kind = "negative" if name.startswith("不得") else "assist"
    assert kept in item_clauses(ListItem(kind=kind, name=name))[0]


def test_a_school_holiday_is_the_lists_jiaqi() -> None:
    matcher = Matcher(
        [ListItem(kind="cert_allowed", name="学生假期在本村参加社会实践活动的情况证明")],
        SEED_KINDS,
    )
    result = matcher.check_certificate(
        "儿子暑假在村里的文化室帮忙值了十天班，学校要交社会实践材料，请村里盖个章。"
    )
    assert result.verdict is Verdict.ALLOWED
