"""Reading the fact a resident asks the village to vouch for (是她儿子 → 亲属关系)."""

from __future__ import annotations

import pytest

from jianfu.domain.cert_facts import (
    absences,
    absent_in,
    certificate_facts,
    matters_in,
    matters_served,
    misprinted_kind,
    named_certificates,
    other_matter,
    statuses_in,
    without_issuer_place,
)
from jianfu.domain.lists import SEED_KINDS, ListItem
from jianfu.domain.matching import Confidence, Matcher, Verdict, _misprint_read, item_clauses


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("银行让村里开个我是她儿子的证明", "亲属关系"),
        ("要证明他是我的亲生父亲", "亲属关系"),
        ("证明我和我爸是父子关系", "亲属关系"),
        ("开发商要村委会证明我在村里没有房子", "财产"),
        ("证明我名下有一辆车", "财产"),
        ("驾校要村里证明我在本村住了半年", "居住"),
        ("证明我一直住在这边", "居住"),
        ("我们租的是他家的房子", "居住"),
        ("这块地是怎么来的", "权属 来源"),
        ("那间老房子是当年分的", "权属 来源"),
        ("老伴上个月走了", "死亡"),
        ("在厂里干了八年", "工作 经历"),
        ("证明我的工龄", "工作 经历"),
        ("他离过一次婚", "婚姻状况"),
        ("结过两次婚、生过三个孩子", "婚育"),
        ("儿子读大二，续贷要社区盖章", "学生"),
        ("孩子考上大学了，要办助学贷款", "学生"),
        ("学校要村里开个证明", "学生"),
        ("开一个我和我哥是亲兄弟的证明", "亲属关系"),
        ("证明我和我妈是母女关系", "亲属关系"),
        ("要村里写明我俩是夫妻", "婚姻状况"),
        ("申请法律援助要证明收入低", "低收入"),
        ("家里收入比较低", "低收入"),
        ("我现在没单位，要社区证明", "无工作"),
        ("辞职在家，要开证明", "无工作"),
        ("我有高血压，保险公司要村里证明我的病情", "疾病"),
        ("我外婆在家洗澡滑倒了，保险公司要证明是在家摔的", "跌倒 意外伤害"),
        ("我在院子里摔伤了腿", "跌倒 意外伤害"),
        ("我儿子读大二，续贷要社区盖章", "大学生"),
        # which relation: parent and child, a grandparent (the direct line)
        ("保险公司要证明我是他女儿", "亲子关系 直系血亲"),
        ("派出所要证明孩子是我亲生的", "亲子关系 直系血亲"),
        ("要证明我是老人的孙子", "直系血亲"),
        ("证明家里没房没车", "财产"),
        ("民政要看看我家的家底", "财产"),
        ("家里遭了灾，要开个证明", "遭遇 困难"),
        ("家里遇上了难处，想申请救助", "遭遇 困难"),
        ("我们想领养个孩子", "收养"),
        ("法院要村里写一下他平时的表现", "司法"),
        ("办假释，需要村里的意见", "司法"),
        ("入党外调要村里出材料", "政审"),
        ("征兵政考要村里盖章", "政治考核"),
        ("想把老伴的名字加到承包合同上", "变更"),
        ("户口本上的生日登错了", "更正 变更"),
        ("楼下的狗要办证", "养犬"),
        ("我弟出去打工后就失联了", "失踪"),
        ("院里那棵老树想砍了", "树木 砍伐 采伐"),
        ("门前的树要移到别处", "树木 移植"),
        ("想把户口从爷爷户里分出去", "分户"),
        ("助学贷款要续贷", "贷款"),
        ("孩子要换学校", "转学"),
        ("我俩本来就是两口子", "婚姻状况"),
        ("体检要证明我身体一直很好", "健康"),
        ("我是高中毕业的", "学历"),
        ("隔壁老人无儿无女", "孤寡老人"),
        ("我们家就生了一个女儿", "独生 生育 婚育"),
        ("证明这两个名字是同一个人", "身份信息"),
        ("他以前吸过毒", "戒毒"),
        ("我常年吃药", "疾病"),
        ("我爸腿瘸了", "残疾"),
        ("我想在家开个店，要办营业执照", "市场主体 住所"),
        ("孩子寒假去做义工", "社会实践 志愿服务 活动"),
        ("老二是在路上生的", "出生"),
        ("保险公司要证明她是其亲妹妹", "亲属关系"),
        ("银行要证明她是我老婆", "夫妻关系"),
        ("老家的房子一直空着", "无人居住"),
        ("贷款要证明我一个月能挣多少", "收入"),
        ("我家里比较穷", "困难 贫困"),
        ("应聘保安要证明我没有前科", "犯罪记录"),
        ("我要改名字，派出所让村里开证明", "变更"),
        ("照片太旧了，要证明这就是我本人", "身份信息"),
        ("我要改名字，派出所让村里出个证明", "户口 登记 项目 变更"),
        ("户口本上的民族写错了", "户口 登记 项目 变更"),
        ("他出去打工后一直没有音讯", "失踪"),
        ("证明我家就一个孩子", "独生 生育 婚育"),
        ("我无儿无女，养老院要村里证明", "孤寡老人"),
        ("我要和我爸分开立户", "分户"),
        ("楼顶漏雨了要修", "房顶 维修"),
        ("证明我俩是直系亲属", "直系血亲"),
        ("银行要证明这房子是我家的", "房屋 产权"),
        ("我现在没有工作", "无工作 失业 就业"),
        ("家里出了车祸", "遭遇"),
        ("领我爸的抚恤金", "待遇"),
        ("证明我还没有结婚", "婚姻状况"),
        ("应聘要证明我品行端正", "无违法违纪"),
        # the village addressed; a register's entry put back; no child borne
        ("在你们社区住了四年", "居住"),
        ("户口上的出生日期要改回来", "户口 登记 项目 变更"),
        ("把承包合同上的名字改回我爸", "变更"),
        ("结婚八年了一直没生过孩子", "生育 婚育"),
        ("我们到现在也没要孩子", "生育 婚育"),
        # more of the national list's kinds in everyday words
        ("证明这辆车是我自己花钱买的", "财产"),
        ("他出去打工五年一直没回来", "失踪"),
        ("她妈妈昨天夜里没了", "死亡"),
        ("我现在在家待着，没上班", "无工作 失业 就业"),
        ("交警扣了摩托，要证明车是我家的", "车主"),
        ("想在自家门面开个小卖部", "市场主体 住所"),
        ("孩子要转回老家上学", "转学"),
        ("要证明我们生了几个孩子", "生育 婚育"),
        ("我和父母分开单过了", "分户"),
        ("出国要证明我没犯过罪", "犯罪记录"),
        ("我的腿残了", "残疾"),
        ("征地补偿要证明我算咱村的人", "集体 成员"),
        ("村集体分红要证明我有份", "集体 成员"),
        ("那几亩地是承包的", "土地承包经营权"),
        ("银行要证明我是继承人", "遗产 继承权"),
        ("保险要证明我爸是病死的", "死亡"),
        ("证明我有高血压", "疾病"),
        ("交电费的单子丢了", "票据"),
        ("派出所要证明我以前叫什么名字", "身份信息"),
        ("出国留学要证明家里的存款", "财产"),
        ("孩子在学校被开水烫伤了", "意外伤害"),
        ("党员报到要证明我的工作单位", "就业"),
        # a pupil's practice: hours served, a part taken that the school asks about
        ("学校要填志愿服务时长", "社会实践 志愿服务 活动"),
        ("孩子读五年级，暑假在社区做了志愿者", "中小学生"),
        ("暑假作业要社区盖章，女儿参与了村里的防溺水宣传", "社会实践 志愿服务 活动 中小学生"),
        # how long and where someone has lived, and being a villager
        ("办入学要证明我们在这儿住了三年多", "居住 年限"),
        ("打哪年开始住这儿的也要写上", "居住 年限"),
        ("证明上要写清楚我家住哪儿", "居住 地址"),
        ("我本来就是这村的人，要开个证明", "村民 身份"),
        ("村里要我证明是不是本村人", "村民 身份"),  # asking is no denial
        # who asks: a company, a bank, an insurer (非政府机构), a body of another province
        ("快递公司入职要村里出个证明", "非政府 机构"),
        ("广东那边的学校要个证明", "省外 机构"),
        ("跟邻居打官司，要村里证明地界", "涉法 涉诉"),
        # odd certificates of the national list, in residents' words
        ("开个理发店，要证明不会吵到楼上", "扰民"),
        ("钱被洗衣机洗烂了，银行要证明", "人民币 损坏"),
        ("医院让证明这个手术是我自己同意做的", "自愿"),
        ("自来水公司要社区证明电表要换", "拆卸"),
        ("考上事业单位了，要社区写一下我的平时表现", "政审 政治审查"),
        ("银行贷款要我的在职证明", "就业"),
        ("医保卡找不着了，要开个证明", "遗失"),
        ("户口本弄丢了，村里能开证明吗", "证件"),
        ("养老金年审，要证明人还在", "健在"),
        ("证明我外婆还活着，领抚恤金用", "健在"),
        ("公积金贷款要一份婚否的证明", "婚姻状况"),
        ("要证明我和孩子他爸已经离了", "婚姻状况"),
        ("公证处让先弄个亲戚关系的证明", "亲属关系"),
        ("我养的柯基要办犬证", "养犬"),
        ("出国签证要无犯罪证明", "犯罪记录"),
        ("要砍自留山上的两方木料自己用", "树木 砍伐 采伐"),
        ("想在自己山上间伐一点杂木", "树木 砍伐 采伐"),
        ("孩子两岁了还没上户口", "未落户 落户"),
        ("户口还没报，派出所要证明", "未落户 落户"),
        ("证明孩子没在外地落过户", "未落户 落户"),
        ("我承包的杉木林要间伐一部分卖钱", "树木 砍伐 采伐"),
        ("孩子准备送给亲戚家养", "送养"),
        ("银行让我证明取这五万块是给儿子交学费的", "取款 用途"),
        ("银行要村里开证明写明取钱干什么用", "取款 用途"),
        ("我们两口子都残疾，孩子养不了", "无力抚养"),
    ],
)
def test_the_fact_is_read_from_how_the_statement_is_built(text: str, fact: str) -> None:
    assert fact in certificate_facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "我是我弟弟的监护人，要办房产登记",  # the relative owns what he is: not kinship
        "我爸上个月去世了，要开死亡证明",  # a relative named, no relation vouched for
        "银行要证明我家房子没有邻里纠纷",  # the house is the subject, not owned or not
        "我是村里的保洁员",
        "去年在县城住了几天院",  # a stay in hospital, no residence
    ],
)
def test_other_statements_are_no_such_fact(text: str) -> None:
    assert certificate_facts(text) == [] or "亲属关系" not in certificate_facts(text)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("我家的羊被狼咬死了", "死亡"),  # an animal's death is not a person's
        ("我家房子租给别人了", "居住"),  # letting a house is not living in it
        ("他走了三里路", "死亡"),  # walking
        ("我做过手术", "工作 经历"),
        ("我家有两间出租房", "居住"),  # letting rooms
        ("在外地打工，要证明收入来源", "权属 来源"),  # 地 of 外地 holds nothing
        ("孩子上幼儿园减免要证明", "学生"),  # a kindergarten child is not a student
        ("我在大学城开了家店", "学生"),
        ("我们兄弟俩分家了，要办承包经营权变更", "亲属关系"),  # who asks, not what
        ("申请廉租房要社区开个证明", "居住"),  # public housing, not renting
        ("单位要开个证明", "无工作"),
        ("家里老人看病花了很多钱", "疾病"),
        ("摔跤比赛报名要证明", "跌倒 意外伤害"),
        ("证明我和我哥是亲兄弟", "亲子关系 直系血亲"),  # siblings: not parent and child
        ("她是女子篮球队的", "亲子关系 直系血亲"),
        ("证明我们是夫妻", "亲子关系 直系血亲"),
        ("车子遇到了堵车", "遭遇 困难"),
        ("派出所要证明我住在这里", "司法"),  # the police of residence is not a court
        ("这老屋是我爷爷盖的", "直系血亲"),  # the grandfather built it: not a relation
        ("这老屋是我爷爷盖的", "亲属关系"),
        ("我妈领养老金的", "收养"),  # 领养老金: drawing a pension
        ("我把菜价改成了新的", "变更"),  # a change said of no record
        ("装电表要单独立户", "分户"),  # a meter's account
        ("我在村里生活了十年", "出生"),
        ("承包证上的名字写错了", "户口 登记 项目 变更"),  # a land certificate, not the register
        ("老人一个人去镇上赶集", "孤寡老人"),
        ("户口迁走后，承包合同上的名字要改", "户口 登记 项目 变更"),  # not the register
        ("没要孩子帮忙，自己搬的家", "生育 婚育"),
        ("他去年走了三里路才到", "死亡"),
        ("我的车子是从他那借的", "财产"),
        ("孩子在镇上转了一圈", "转学"),
        ("孩子自己过生日", "分户"),
        ("买了股票，等着分红", "集体 成员"),
        ("这事我也有份参与", "集体 成员"),
        ("今天干了一天活，累死了", "死亡"),
        ("我家的猪得了病死了", "死亡"),  # an animal's death
        ("领独生子女奖励扶助金要证明", "独生 生育 婚育"),  # a programme's name, no births told
        ("参加活动时受伤了，学校要证明", "社会实践 志愿服务 活动 中小学生"),
        ("我没有工作单位", "就业"),
        ("体检要证明我没有传染病", "疾病"),
        ("他有病房的钥匙", "疾病"),
        ("存款单丢了", "财产"),
        # a part taken is a practice only when the school asks it to be vouched for
        ("孩子在学校参加活动时摔伤了", "社会实践 志愿服务 活动 中小学生"),
        ("儿子读大一，学校要证明他在社区做过志愿者", "中小学生"),  # a university student
        # a denial, and the 是 of 于是, are no villager; 记住哪天 asks no address
        ("他不是本村人，能开居住证明吗", "村民 身份"),
        ("他不是本村人，能开居住证明吗", "集体 成员"),
        ("于是村里人都说要开证明", "村民 身份"),
        ("我记住哪天搬来的了，要开个证明", "居住 地址"),
        ("人还在外地打工，回不来", "健在"),  # away, not alive
        ("孩子人还在上学，要开证明", "健在"),
        ("婚礼在村里办，要证明场地", "婚姻状况"),  # a wedding, no status told
        ("木工师傅锯了块板子", "树木 砍伐 采伐"),  # a board sawn, no tree felled
        ("我上过户口本的那一页丢了", "未落户 落户"),  # 上过户口本: no registration denied
        ("他没当过户主", "未落户 落户"),
    ],
)
def test_near_statements_are_not_the_fact(text: str, fact: str) -> None:
    assert fact not in certificate_facts(text)


def test_a_compound_of_the_lists_is_met_by_its_own_words() -> None:
    """夫妻 and 贫困 are most of 夫妻关系 and 贫困学生: a request saying them finds the item;
    申请人 is not made of 申请 alone, and 关系 is too little of 夫妻关系."""
    items = [
        ListItem(kind="cert_forbidden", name="夫妻关系证明"),
        ListItem(kind="cert_allowed", name="贫困学生证明"),
        ListItem(kind="cert_allowed", name="申请人身份证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    spouses = matcher.check_certificate("医院要村里证明我们俩是夫妻。")
    assert spouses.verdict is Verdict.FORBIDDEN
    assert spouses.best is not None and spouses.best.item.name == "夫妻关系证明"
    poor = matcher.check_certificate("孩子上学家里贫困，学校要村里开个证明。")
    assert poor.best is not None and poor.best.item.name == "贫困学生证明"
    assert matcher.check_certificate("我要申请补贴，开个证明。").verdict is Verdict.UNLISTED
    assert matcher.check_certificate("证明我和他的关系很好。").verdict is Verdict.UNLISTED


def test_a_colloquial_request_finds_its_certificate() -> None:
    items = [
        ListItem(kind="cert_forbidden", name="亲属关系证明"),
        ListItem(kind="cert_forbidden", name="居民财产证明"),
        ListItem(kind="cert_allowed", name="居（租）住证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    kin = matcher.check_certificate("我想去银行取我妈存折里的钱，银行让村里开个我是她儿子的证明。")
    assert kin.verdict is Verdict.FORBIDDEN
    assert kin.best is not None and kin.best.item.name == "亲属关系证明"
    house = matcher.check_certificate("我在城里买房，开发商要村委会证明我在村里没有房子。")
    assert house.verdict is Verdict.FORBIDDEN
    assert house.best is not None and house.best.item.name == "居民财产证明"


DEATH_RELATION = (
    "参保人或老年保障待遇领取人死亡的受益人或法定继承人，申请享受相关待遇时，"
    "需提交的户籍地公安部门或街道办事处、居委会开具的与死亡人员关系证明"
)
INHERITANCE = (
    "不能提交不动产继承权公证书或生效法律文书的，申请继承不动产登记时，"
    "需提交的公安、民政部门、医疗机构、被继承人或继承人单位、居委会等开具的关系证明"
)


def test_the_exception_met_is_found_among_the_allowed_items() -> None:
    """A request for a relation to a dead pensioner meets the death item's condition, though
    the inheritance item scores higher on 关系证明: the exception is the death item."""
    items = [
        ListItem(kind="cert_forbidden", name="亲属关系证明"),
        ListItem(kind="cert_forbidden", name="死亡证明"),
        ListItem(kind="cert_allowed", name=INHERITANCE),
        ListItem(kind="cert_allowed", name=DEATH_RELATION),
    ]
    matcher = Matcher(items, SEED_KINDS)
    got = matcher.check_certificate("我爸领养老待遇的，他上个月走了，社保局要开我们是父子的证明。")
    assert got.verdict is Verdict.ALLOWED
    assert got.best is not None and got.best.item.name == DEATH_RELATION
    plain = matcher.check_certificate("银行要村里开个我和我爸是父子关系的证明。")
    assert plain.verdict is Verdict.FORBIDDEN


def test_an_allowed_item_far_better_than_a_forbidden_one_wins() -> None:
    items = [
        ListItem(kind="cert_forbidden", name="家庭关系证明"),
        ListItem(kind="cert_allowed", name="贫困学生证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    got = matcher.check_certificate("学校要村里开一个家庭贫困学生的证明，评助学金。")
    assert got.verdict is Verdict.ALLOWED
    assert got.best is not None and got.best.item.name == "贫困学生证明"
    assert matcher.check_certificate("开个家庭关系证明。").verdict is Verdict.FORBIDDEN


def test_the_lighter_word_of_a_two_word_name_is_not_enough() -> None:
    matcher = Matcher([ListItem(kind="cert_allowed", name="权属来源证明")], SEED_KINDS)
    assert matcher.check_certificate("要村里证明这笔钱的来源。").verdict is Verdict.UNLISTED
    land = matcher.check_certificate("办证要村里写个说明，这块宅基地是怎么来的。")
    assert land.verdict is Verdict.ALLOWED


def test_more_specific_means_more_that_the_request_says() -> None:
    """学生家庭经济困难情况证明 (allowed) covers 家庭困难情况证明 (forbidden) only for a student:
    经济 that the abbreviation table puts after 困难 is not more than 困难."""
    items = [
        ListItem(kind="cert_forbidden", name="家庭困难情况证明"),
        ListItem(kind="cert_allowed", name="学生家庭经济困难情况证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    charity = matcher.check_certificate("老人看病花了很多钱，慈善会要村委会开家庭困难的证明。")
    assert charity.verdict is Verdict.FORBIDDEN
    loan = matcher.check_certificate("银行要村委会开一个家里困难情况的证明。")
    assert loan.verdict is not Verdict.ALLOWED
    student = matcher.check_certificate("闺女读高中评助学金，要村里证明家庭经济困难。")
    assert student.verdict is Verdict.ALLOWED


def test_an_exception_needs_its_situation_in_the_requests_own_words() -> None:
    """婚姻登记档案丢失的婚姻状况证明 may be issued when the records are lost; 单身 gives
    婚姻状况, whose 婚姻 is half of 婚姻登记: that is not the situation."""
    items = [
        ListItem(kind="cert_forbidden", name="证明居民婚姻状况"),
        ListItem(kind="cert_allowed", name="婚姻登记档案丢失的婚姻状况证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    assert matcher.check_certificate("买房办贷款，银行要居委会开单身证明。").verdict is (
        Verdict.FORBIDDEN
    )
    lost = matcher.check_certificate("补领结婚证，登记处说档案遗失，要村里出具婚姻状况证明。")
    assert lost.verdict is Verdict.ALLOWED


def test_the_issuing_villages_place_is_not_what_is_vouched_for() -> None:
    assert without_issuer_place("政审表需要户籍所在社区盖章") == "政审表需要社区盖章"
    assert without_issuer_place("要家庭所在地村里出具") == "要村里出具"
    assert without_issuer_place("报名要户籍所在地证明") == "报名要户籍所在地证明"


@pytest.mark.parametrize(
    ("name", "compounds"),
    [
        ("无工作证明", {"无工作": "工作"}),
        ("无房证明", {"无房": "房"}),
        ("证明居民无正式工作单位", {"无工作": "工作"}),
        ("无宅基地证明", {"无宅基地": "宅基地"}),
        ("居民财产证明", {}),
        ("且无其他材料可证明", {}),
        ("无论何种情况均不出具的证明", {}),
    ],
)
def test_a_certificate_of_having_none_names_what_is_absent(
    name: str, compounds: dict[str, str]
) -> None:
    assert absences(name) == compounds


def test_a_request_says_it_has_none_in_its_own_way() -> None:
    named = {"无工作": "工作", "无房": "房", "无宅基地": "宅基地"}
    assert absent_in("办签证要社区证明我目前没有工作", named) == ["无工作"]
    assert absent_in("要证明本人名下没有住房", named) == ["无房"]
    assert absent_in("老家没宅基地，开个证明", named) == ["无宅基地"]
    assert absent_in("我有房子也有工作", named) == []
    items = [
        ListItem(kind="cert_forbidden", name="无工作证明"),
        ListItem(kind="cert_allowed", name="无宅基地证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    jobless = matcher.check_certificate("我辞职在家，办签证要社区证明我目前没有工作。")
    assert jobless.verdict is Verdict.FORBIDDEN
    assert matcher.check_certificate("老家没有宅基地，要开个证明。").verdict is Verdict.ALLOWED


def test_an_abbreviated_certificate_name_is_met_spelt_out() -> None:
    """计生证明 is 计划生育 for a resident; 申请 of a certificate's name is the procedure."""
    items = [
        ListItem(kind="cert_forbidden", name="计生证明"),
        ListItem(kind="cert_forbidden", name="经适、公租房申请证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    birth = matcher.check_certificate("新单位入职要我交一份计划生育情况证明，让村委会盖章。")
    assert birth.best is not None and birth.best.item.name == "计生证明"
    assert birth.verdict is Verdict.FORBIDDEN
    housing = matcher.check_certificate("经济适用房申请，要居委会出证明。")
    assert housing.verdict is Verdict.FORBIDDEN
    loan = matcher.check_certificate("孩子申请留守儿童补助要村里证明我在外务工。")
    assert loan.verdict is Verdict.UNLISTED


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("村里能开个分户的证明吗？", ["分户"]),
        ("那边要我出一个村里开的未婚证明。", ["未婚"]),
        ("要村委会开家庭困难的证明", ["家庭困难"]),
        ("学校发来政审表，要社区盖章", []),
    ],
)
def test_the_certificate_a_request_names(text: str, named: list[str]) -> None:
    assert named_certificates(text) == named


def test_the_certificate_named_decides_over_the_story_around_it() -> None:
    """分户 is named; 户口 (户籍) is the story: the allowed 分户证明, not 户籍情况证明."""
    items = [
        ListItem(kind="cert_forbidden", name="户籍情况证明"),
        ListItem(kind="cert_allowed", name="分户证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    split = matcher.check_certificate("兄弟两个分家，各自单独立户口，村里能开个分户的证明吗？")
    assert split.verdict is Verdict.ALLOWED
    record = matcher.check_certificate("办分户要先开个户口的证明。")
    assert record.verdict is Verdict.FORBIDDEN


def test_a_conditional_certificate_met_only_in_its_situation_is_not_asked_for() -> None:
    """不动产登记 is the situation of 为被监护人办理不动产登记的监护关系证明; a request about a
    house's origin for the same registration does not ask for the guardianship certificate."""
    matcher = Matcher(
        [ListItem(kind="cert_allowed", name="为被监护人办理不动产登记的监护关系证明")], SEED_KINDS
    )
    got = matcher.check_certificate("证明我的房子是祖上传下来的，办不动产登记用。")
    assert got.verdict is Verdict.UNLISTED
    asked = matcher.check_certificate("我是弟弟的监护人，给他办不动产登记要开监护关系证明。")
    assert asked.verdict is Verdict.ALLOWED


def test_contracted_land_is_the_land_contract_right_and_handling_is_procedure() -> None:
    matcher = Matcher(
        [ListItem(kind="cert_allowed", name="农村土地承包经营权办理变更事项证明")], SEED_KINDS
    )
    for text in (
        "承包地分户后要办新证，村委先出个证明给农经站就行吧？",
        "我把承包的三亩地转让给本村的表弟，去办变更登记，要村委会证明一下这事。",
    ):
        assert matcher.check_certificate(text).verdict is Verdict.ALLOWED, text


def test_a_bracketed_part_of_a_name_is_a_short_name() -> None:
    matcher = Matcher(
        [
            ListItem(
                kind="cert_forbidden",
                name="证明有利害关系的业主同意将住宅改变为经营性用房（不扰民）",
            )
        ],
        SEED_KINDS,
    )
    got = matcher.check_certificate("把一楼住房改成小超市，要社区开个邻居同意、不扰民的证明。")
    assert got.verdict is Verdict.FORBIDDEN


def test_whose_fact_alone_is_not_the_fact() -> None:
    """家庭 and 个人 say whose fact a certificate is (家庭收入证明, 家庭（个人）遭遇困难证明):
    a request that meets an item only by them has not asked for its fact."""
    items = [
        ListItem(kind="cert_forbidden", name="家庭收入证明"),
        ListItem(kind="cert_forbidden", name="家庭（个人）遭遇困难证明"),
        ListItem(kind="cert_allowed", name="政审证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    result = matcher.check_certificate("来函要村里写一下本人及家庭的情况。")
    assert result.verdict is Verdict.UNLISTED
    assert all(c.item.name != "家庭收入证明" for c in result.candidates)
    income = matcher.check_certificate("要村里证明我家一年的收入。")
    assert income.verdict is Verdict.FORBIDDEN
    assert income.best is not None and income.best.item.name == "家庭收入证明"


def test_a_lost_paper_is_what_was_lost() -> None:
    """A loss certificate names what was lost: an identity card lost is not a bankbook lost
    (遗失 alone), nor an identity (身份 of 身份证)."""
    items = [
        ListItem(kind="cert_forbidden", name="银行存折遗失证明"),
        ListItem(kind="cert_forbidden", name="证明居民监护人身份"),
        ListItem(kind="cert_forbidden", name="证件遗失证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    book = matcher.check_certificate("我家老人的折子弄丢了，银行让村里证明一下。")
    assert book.best is not None and book.best.item.name == "银行存折遗失证明"
    card = matcher.check_certificate("驾照丢了，要开个遗失的证明。")
    assert card.best is not None and card.best.item.name == "证件遗失证明"
    without = Matcher(items[:2], SEED_KINDS)
    assert without.check_certificate("驾照丢了，要开个遗失的证明。").verdict is Verdict.UNLISTED
    assert without.check_certificate("身份证丢了，村里能开证明吗").verdict is Verdict.UNLISTED


def test_a_fact_said_not_to_be_is_not_the_fact() -> None:
    """A house where nobody lives (无人居住) is not a residence; an item that names the
    absence (无犯罪记录) is met in full."""
    items = [
        ListItem(kind="cert_forbidden", name="证明居民在本辖区居住"),
        ListItem(kind="cert_forbidden", name="无犯罪记录证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    assert matcher.check_certificate("要开个老屋无人居住的证明。").verdict is Verdict.UNLISTED
    crime = matcher.check_certificate("找工作要证明我没有犯罪记录。")
    assert crime.best is not None and crime.best.item.name == "无犯罪记录证明"
    assert crime.verdict is Verdict.FORBIDDEN
    assert matcher.check_certificate("证明我在这居住").verdict is Verdict.FORBIDDEN
    # having none of a thing still asks about it: the topic a list names
    income = Matcher([ListItem(kind="cert_forbidden", name="收入证明")], SEED_KINDS)
    assert income.check_certificate("证明我家没有收入").verdict is Verdict.FORBIDDEN


def test_the_thing_a_fact_is_said_of_is_not_asked_for() -> None:
    """ "把户口从…户里分出去" is a household split: 户口 is what is split, not a 户籍
    certificate asked for."""
    items = [
        ListItem(kind="cert_allowed", name="分户证明"),
        ListItem(kind="cert_forbidden", name="户籍情况证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    split = matcher.check_certificate("想把户口从我爷爷户里分出去，村里能开证明吗")
    assert split.verdict is Verdict.ALLOWED
    assert split.best is not None and split.best.item.name == "分户证明"
    register = matcher.check_certificate("上户口要村里证明一下户籍情况")
    assert register.verdict is Verdict.FORBIDDEN


def test_the_story_told_before_asking_is_not_what_is_asked() -> None:
    """A death told first (老伴走了) and a change asked after (开个证明，把…改成我): the
    change's certificate; a death asked for stays forbidden."""
    items = [
        ListItem(kind="cert_allowed", name="土地承包合同变更证明"),
        ListItem(kind="cert_forbidden", name="死亡证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    change = matcher.check_certificate("老伴去年走了，村里给开个证明，把承包合同上的户主改成我。")
    assert change.verdict is Verdict.ALLOWED
    death = matcher.check_certificate("老伴去年走了，殡仪馆要村里开个证明。")
    assert death.verdict is Verdict.FORBIDDEN


def test_what_cases_of_a_certificate_share_is_not_one_of_them() -> None:
    """A list naming 入党 and 研究生 political reviews, and no bare one: a review for the civil
    service is neither (清单外); one for party membership is the first."""
    items = [
        ListItem(kind="cert_allowed", name="入党政审证明"),
        ListItem(kind="cert_allowed", name="研究生复试录取政审证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    civil = matcher.check_certificate("考上事业编了，政审要村里出个证明。")
    assert civil.verdict is Verdict.UNLISTED
    party = matcher.check_certificate("我要入党，政审要村里出个证明。")
    assert party.verdict is Verdict.ALLOWED
    assert party.best is not None and party.best.item.name == "入党政审证明"
    alone = Matcher([*items, ListItem(kind="cert_allowed", name="政审证明")], SEED_KINDS)
    assert alone.check_certificate("考上事业编了，政审要村里出个证明。").verdict is Verdict.ALLOWED


def test_a_term_an_abbreviation_brought_is_one_word() -> None:
    """医保 brings 医疗保险, a kind of insurance of its own: not the 保险 of 社会保险."""
    matcher = Matcher([ListItem(kind="cert_allowed", name="社保证明")], SEED_KINDS)
    assert matcher.check_certificate("医保报销要村里证明一下我的情况。").verdict is Verdict.UNLISTED
    assert matcher.check_certificate("社保转移要村里证明一下。").verdict is Verdict.ALLOWED


def test_an_exception_is_met_by_its_situation_not_by_its_certificate() -> None:
    """死亡 of "与死亡人员关系证明" is the certificate asked, not the situation (benefits
    drawn): a relation for a bank deposit stays forbidden, one for a funeral grant is the
    exception."""
    items = [
        ListItem(
            kind="cert_allowed",
            name="参保人死亡的受益人，申请享受相关待遇时，需提交的居委会开具的与死亡人员关系证明",
        ),
        ListItem(kind="cert_forbidden", name="亲属关系证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    deposit = matcher.check_certificate("我爸去世了，银行取存款要证明我是他儿子。")
    assert deposit.verdict is Verdict.FORBIDDEN
    grant = matcher.check_certificate("我爸去世了，领丧葬费要证明我是他儿子。")
    assert grant.verdict is Verdict.ALLOWED


def test_an_exception_is_told_apart_by_its_situation() -> None:
    """继承 alone is also the forbidden inheritance right's, 不动产 alone also the guardian's
    exception: an inheritance of a deposit, or a house handed over, is neither; 继承 and a
    house together are the inheritance of real estate."""
    items = [
        ListItem(
            kind="cert_allowed",
            name="不能提交不动产继承权公证书的，申请继承不动产登记时，需提交的居委会开具的关系证明",
        ),
        ListItem(
            kind="cert_allowed",
            name="代为无民事行为能力人申请不动产登记时，需要提交的居委会开具的监护关系证明",
        ),
        ListItem(
            kind="cert_allowed",
            name="参保人死亡的受益人，申请享受相关待遇时，需提交的居委会开具的与死亡人员关系证明",
        ),
        ListItem(kind="cert_forbidden", name="亲属关系证明"),
        ListItem(kind="cert_forbidden", name="遗产继承权证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    house = matcher.check_certificate("继承我爸的房子，登记要证明我是他儿子。")
    assert house.verdict is Verdict.ALLOWED
    deposit = matcher.check_certificate("继承我爸的存款，银行要证明我是他儿子。")
    assert deposit.verdict is Verdict.FORBIDDEN
    handed = matcher.check_certificate("我爸的宅子要过户给我，要证明我是他儿子。")
    assert handed.verdict is Verdict.FORBIDDEN


def test_who_asks_is_not_what_is_vouched() -> None:
    """社保局 asks (社保证明 may be issued), but the income is what is vouched (收入证明 may
    not): forbidden, whatever the scores."""
    items = [
        ListItem(kind="cert_allowed", name="社保证明"),
        ListItem(kind="cert_forbidden", name="收入证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    assert matcher.check_certificate("社保局要村里证明我一年的收入。").verdict is Verdict.FORBIDDEN
    assert matcher.check_certificate("社保局要村里证明我的参保情况。").verdict is Verdict.ALLOWED
    # a fact read from what follows 证明 is vouched too (没存款: 财产)
    adopt = Matcher(
        [
            ListItem(kind="cert_allowed", name="收养证明"),
            ListItem(kind="cert_forbidden", name="财产状况证明"),
        ],
        SEED_KINDS,
    )
    assert adopt.check_certificate("收养登记要证明我家有多少存款。").verdict is Verdict.FORBIDDEN
    # and an exception asked for another fact is no exception
    lost = Matcher(
        [
            ListItem(kind="cert_allowed", name="婚姻登记档案丢失的婚姻状况证明"),
            ListItem(kind="cert_forbidden", name="证明居民生育状况"),
            ListItem(kind="cert_forbidden", name="证明居民婚姻状况"),
        ],
        SEED_KINDS,
    )
    births = lost.check_certificate("婚姻档案丢了，要证明我们生了几个孩子。")
    assert births.verdict is Verdict.FORBIDDEN
    marriage = lost.check_certificate("婚姻档案丢了，补结婚证要证明我俩是夫妻。")
    assert marriage.verdict is Verdict.ALLOWED


def test_a_misprinted_kind_in_the_list_is_read_as_the_kind() -> None:
    """A list that printed its one fact word with a character wrong (财政 for a resident's
    财产) is read as the kind it stands for; a name that is a kind, or says more, is not."""
    assert misprinted_kind("财政") == "财产"
    assert misprinted_kind("财产") is None
    assert misprinted_kind("住房") is None  # a kind of its own, not 住所
    assert misprinted_kind("经历") is None  # 工作经历, not 学历
    assert _misprint_read("居民财政证明") == ["居民财产证明"]
    assert _misprint_read("财政补贴资金发放情况证明") == []
    matcher = Matcher(
        [
            ListItem(kind="cert_forbidden", name="居民财政证明"),
            ListItem(kind="cert_allowed", name="居住证明"),
        ],
        SEED_KINDS,
    )
    own = matcher.check_certificate("办贷款，银行要居委会证明我名下的存款和房产。")
    assert own.verdict is Verdict.FORBIDDEN
    assert own.best is not None and own.best.item.name == "居民财政证明"
    assert matcher.check_certificate("我在这住了三年，开个证明。").verdict is Verdict.ALLOWED


def test_an_only_child_is_a_fact_of_births() -> None:
    """Having one child is what a certificate of births (生育状况) vouches for."""
    matcher = Matcher(
        [
            ListItem(kind="cert_forbidden", name="生育状况证明"),
            ListItem(kind="cert_allowed", name="居住证明"),
        ],
        SEED_KINDS,
    )
    one = matcher.check_certificate("单位发独生子女费，要证明我只生了一个女儿。")
    assert one.verdict is Verdict.FORBIDDEN
    none = matcher.check_certificate("办证要证明我们结婚后没生过孩子。")
    assert none.verdict is Verdict.FORBIDDEN


def test_a_pupils_practice_is_read_from_what_the_school_asks() -> None:
    """Hours served and a part taken that the school asks to be vouched for are a primary or
    middle school pupil's practice; an injury at a school activity is not."""
    matcher = Matcher(
        [
            ListItem(kind="cert_allowed", name="为中小学生参加社区实践活动出具证明"),
            ListItem(kind="cert_forbidden", name="疾病状况证明"),
        ],
        SEED_KINDS,
    )
    hours = matcher.check_certificate("女儿上初一，学校的综合素质评价要填公益时长。")
    assert hours.verdict is Verdict.ALLOWED
    part = matcher.check_certificate("寒假作业要社区盖章，孩子在村里参加了扫雪劳动。")
    assert part.verdict is Verdict.ALLOWED
    hurt = matcher.check_certificate("孩子在学校参加活动时摔伤了，保险公司要村里证明。")
    assert hurt.verdict is Verdict.UNLISTED


def test_joining_the_army_and_the_maintenance_fund_as_residents_say_them() -> None:
    """当兵, 参军 are the enlistment lists name (应征入伍); 维修基金, 维修金 the housing
    maintenance fund (维修资金)."""
    matcher = Matcher(
        [
            ListItem(kind="cert_allowed", name="应征青年入伍政治审查意见"),
            ListItem(kind="cert_allowed", name="住宅专项维修资金使用证明"),
            ListItem(kind="cert_forbidden", name="无犯罪记录证明"),
        ],
        SEED_KINDS,
    )
    army = matcher.check_certificate("侄子今年要去当兵，武装部让村里出个政审材料。")
    assert army.verdict is Verdict.ALLOWED
    assert army.best is not None and army.best.item.name == "应征青年入伍政治审查意见"
    fund = matcher.check_certificate("小区要动用维修基金换水泵，物业让社区出证明。")
    assert fund.verdict is Verdict.ALLOWED
    assert fund.best is not None and fund.best.item.name == "住宅专项维修资金使用证明"


def test_an_exception_met_only_in_its_certificate_is_another_case() -> None:
    """An allowed conditional item is the certificate in its situation: the same kind of
    certificate asked for in another case (how many mu are farmed) is not listed."""
    matcher = Matcher(
        [
            ListItem(
                kind="cert_allowed",
                name="拥有本市农村土地承包经营权证的非农业户籍人员，申请以农民身份入社登记时，"
                "需提交的户籍地居委会开具的有土地承包经营权的身份证明",
            ),
            ListItem(kind="cert_forbidden", name="居民财产证明"),
        ],
        SEED_KINDS,
    )
    acreage = matcher.check_certificate("申请种粮补贴，要村里证明我家承包地有几亩。")
    assert acreage.verdict is Verdict.UNLISTED
    entry = matcher.check_certificate(
        "我是非农业户口，想以农民身份入社，要开个有承包经营权的证明。"
    )
    assert entry.verdict is Verdict.ALLOWED


@pytest.mark.parametrize(
    ("name", "request_text"),
    [
        (
            "人员失纵证明",
            "我哥出去打工失踪了，要开个证明。",
        ),  # 失踪 or 失业: the one it sounds like
        ("居往证明", "在本村住了三年，要开居住证明。"),  # a misprint cut to characters
        ("健在正明", "证明老人还健在。"),  # 证明 typed as it sounds
    ],
)
def test_a_list_typed_as_it_sounds_is_read_as_meant(name: str, request_text: str) -> None:
    matcher = Matcher(
        [
            ListItem(kind="cert_forbidden", name=name),
            ListItem(kind="cert_allowed", name="权属来源证明"),
        ],
        SEED_KINDS,
    )
    got = matcher.check_certificate(request_text)
    assert got.verdict is Verdict.FORBIDDEN
    assert got.best is not None and got.best.score >= 60


def test_who_asks_is_not_what_is_asked_after_the_story() -> None:
    """学校要村里证明 says who asks (a school), not what is asked: a lost receipt told before it
    is what the request wants vouched, and may not be issued."""
    matcher = Matcher(
        [
            ListItem(kind="cert_allowed", name="学生参加活动情况反馈证明"),
            ListItem(kind="cert_forbidden", name="缴费票据遗失证明"),
        ],
        SEED_KINDS,
    )
    lost = matcher.check_certificate("交学费的收据丢了，学校要村里证明一下。")
    assert lost.verdict is Verdict.FORBIDDEN
    took_part = matcher.check_certificate("孩子在社区参加了活动，学校要村里开证明。")
    assert took_part.verdict is Verdict.ALLOWED


def test_births_alone_meet_a_certificate_of_marriage_and_births() -> None:
    """A list that names no 生育 certificate names births with marriage (婚育状况)."""
    matcher = Matcher(
        [
            ListItem(kind="cert_forbidden", name="婚育状况证明"),
            ListItem(kind="cert_allowed", name="居住证明"),
        ],
        SEED_KINDS,
    )
    births = matcher.check_certificate("办准生手续，单位要村里证明我们生了几个孩子。")
    assert births.verdict is Verdict.FORBIDDEN


def test_membership_household_split_and_work_in_everyday_words() -> None:
    """村里的人 for a share is the collective's membership, 分开单过 a household split, 没有
    工作 the employment status the national list names."""
    matcher = Matcher(
        [
            ListItem(kind="cert_allowed", name="村集体经济组织成员身份证明"),
            ListItem(kind="cert_allowed", name="分户证明"),
            ListItem(kind="cert_forbidden", name="居民就业状况证明"),
            ListItem(kind="cert_forbidden", name="遗产继承权证明"),
        ],
        SEED_KINDS,
    )
    member = matcher.check_certificate("我算咱村的人，征地补偿要证明我有份。")
    assert member.verdict is Verdict.ALLOWED
    split = matcher.check_certificate("我和爸妈分开过了，派出所让村里开个证明。")
    assert split.verdict is Verdict.ALLOWED
    jobless = matcher.check_certificate("办贷款要村里证明我现在没有工作。")
    assert jobless.verdict is Verdict.FORBIDDEN
    heir = matcher.check_certificate("取我妈的存款，银行要村里证明我是继承人。")
    assert heir.verdict is Verdict.FORBIDDEN


def test_a_part_inside_another_word_of_the_request_is_not_said() -> None:
    """保险 of 保险公司 (an insurer) is no part of 社会保险: an insurer's request is not a
    social-insurance certificate; 社保 and 夫妻 still meet theirs."""
    matcher = Matcher(
        [
            ListItem(kind="cert_allowed", name="社保证明"),
            ListItem(kind="cert_allowed", name="夫妻关系证明"),
        ],
        SEED_KINDS,
    )
    insurer = matcher.check_certificate("车险理赔，保险公司要村里出个证明。")
    assert insurer.verdict is Verdict.UNLISTED
    assert matcher.check_certificate("交社保要村里证明。").verdict is Verdict.ALLOWED
    assert matcher.check_certificate("我们是夫妻，要证明。").verdict is Verdict.ALLOWED


def test_a_story_of_volunteering_does_not_make_a_deposit_a_practice() -> None:
    """The deposits asked about after a story of volunteering are property: never the
    student's practice the story names."""
    matcher = Matcher(
        [
            ListItem(kind="cert_allowed", name="学生参加社会实践活动证明"),
            ListItem(kind="cert_forbidden", name="居民财产证明"),
        ],
        SEED_KINDS,
    )
    got = matcher.check_certificate("孩子在社区做过志愿者，现在出国留学要证明家里的存款。")
    assert got.verdict is Verdict.FORBIDDEN


def test_a_compound_typed_as_it_sounds_is_met_whole() -> None:
    """婚因状况 (婚姻 typed as it sounds) meets 婚姻状况 as a typo; its 状况, a word every
    request holds, does not make it a compound met only in part."""
    matcher = Matcher(
        [
            ListItem(kind="cert_forbidden", name="婚姻状况证明"),
            ListItem(kind="cert_allowed", name="居住证明"),
        ],
        SEED_KINDS,
    )
    assert matcher.check_certificate("证明我的婚因状况。").verdict is Verdict.FORBIDDEN


@pytest.mark.parametrize(
    ("request_text", "item"),
    [
        ("养老院让社区开证明，说明我爷爷还健在", "“我还活着”的证明"),
        ("领退休金要证明我母亲仍然在世", "“我还活着”的证明"),
        ("办婚姻登记，对方家里要村里证明我一直单身", "证明“结婚前未婚”"),
    ],
)
def test_the_nationally_named_odd_certificates_are_met_in_everyday_words(
    request_text: str, item: str
) -> None:
    items = [
        ListItem(kind="cert_forbidden", name="“我还活着”的证明"),
        ListItem(kind="cert_forbidden", name="证明“结婚前未婚”"),
        ListItem(kind="cert_allowed", name="注明居住年限及地址的居住证明"),
    ]
    result = Matcher(items, SEED_KINDS).check_certificate(request_text)
    assert result.verdict is Verdict.FORBIDDEN
    assert result.best is not None and result.best.item.name == item


@pytest.mark.parametrize(
    "request_text",
    ["孩子申请助学金，学校要村里开个家庭困难的证明", "社区能给开个家里生活困难的证明吗"],
)
def test_a_households_hardship_is_the_poor_households_certificate(request_text: str) -> None:
    # 贫困户: a household of that status, met by the status (户 is whose, not what)
    items = [
        ListItem(kind="cert_allowed", name="贫困户证明"),
        ListItem(kind="cert_forbidden", name="无犯罪记录证明"),
    ]
    result = Matcher(items, SEED_KINDS).check_certificate(request_text)
    assert result.verdict is Verdict.ALLOWED
    assert result.best is not None and result.best.item.name == "贫困户证明"


def test_a_certificates_uses_in_brackets_are_no_part_of_what_it_vouches_for() -> None:
    items = [
        ListItem(kind="cert_allowed", name="居住证明（办理居住证、申请公租房、孩子入学）"),
        ListItem(kind="cert_allowed", name="贫困证明（教育资助、医疗救助等）"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    # a use named, and the fact: the item
    asked = matcher.check_certificate("孩子入学，学校要村里开个居住证明")
    assert asked.verdict is Verdict.ALLOWED
    assert asked.best is not None and asked.best.item.name.startswith("居住证明")
    # a use's word alone (医疗 of 医疗救助) for another fact: no certificate of the list
    other = matcher.check_certificate("城乡居民医保要证明我是务农人员")
    assert other.verdict is Verdict.UNLISTED


def test_the_facts_enumerated_after_a_person_are_that_persons() -> None:
    """收养人婚姻状况、家庭成员、经济收入: the family and the income are the adopter's, so a request
    for an income certificate alone meets them only in part."""
    clauses = item_clauses(
        ListItem(kind="cert_allowed", name="收养人婚姻状况、家庭成员、经济收入和职业情况证明"),
        certificate=True,
    )
    assert "收养人家庭成员" in clauses and "收养人经济收入" in clauses
    assert "经济收入" not in clauses and "家庭成员" not in clauses
    # uses or kinds enumerated with no person before them stay clauses of their own
    kinds = item_clauses(
        ListItem(kind="cert_allowed", name="计生、户籍、新生儿等情况证明"), certificate=True
    )
    assert "户籍" in kinds


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("外婆上周在家中过世了，要去销户", True),
        ("老舅在家里病逝的，火化前要开证明", True),
        ("他父亲前年在家没的", True),
        ("姥爷在家里咽的气，没来得及送医", True),
        ("他在家里走了一圈才出门", False),
        ("辞职以后在家没了收入", False),
        ("舅舅在医院病逝了，要开证明", False),
        ("我家养的猪在家里死了，保险公司要村里开证明", False),  # a beast's, not a resident's
        ("奶奶是在自己家里咽的气", True),
        ("大爷在他家过世的，要销户", True),
    ],
)
def test_a_death_at_home_is_read_with_where_it_happened(text: str, home: bool) -> None:
    """Where a death happened, said with it (在家里过世, 在家没的), is the home of the lists'
    在家中正常死亡; 走, 没 say a death only where the clause ends (在家里走了一圈 is a walk)."""
    assert ("死亡 家中" in certificate_facts(text)) is home


def test_a_death_at_home_is_the_exception_not_the_unnatural_death() -> None:
    """A death told as happening at home meets the village's certificate of a natural death at
    home, not the police's of an unnatural one, though both name 死亡; a death in hospital is
    not the village's to certify."""
    items = [
        ListItem(
            kind="cert_allowed",
            name="居民在家中正常死亡、无法取得医疗机构证明的，村（居）委会出具的死亡情况说明",
        ),
        ListItem(kind="cert_forbidden", name="非正常死亡或死因不明者的死亡证明（由公安机关出具）"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    for text in (
        "外婆上个月在家里过世了，派出所注销户口要村里写个情况。",
        "老舅在家病逝的，殡仪馆让村里出一个证明。",
    ):
        assert matcher.check_certificate(text).verdict is Verdict.ALLOWED, text
    hospital = matcher.check_certificate("舅舅在医院病逝了，殡仪馆让村里出一个证明。")
    assert hospital.verdict is not Verdict.ALLOWED


@pytest.mark.parametrize(
    ("text", "hospital"),
    [
        ("舅舅在县医院抢救无效去世了，要开证明", True),
        ("老人在镇卫生院住院期间走的", True),
        ("我爸在医院没的，火化要证明", True),
        ("外公在家里过世的，走之前去过医院", False),
        ("去医院看病的证明丢了", False),
        ("在医院上班的儿子要开收入证明", False),
    ],
)
def test_a_death_in_hospital_is_read_with_where_it_happened(text: str, hospital: bool) -> None:
    """A death said to happen in a hospital (在医院抢救无效, 住院期间走的) is the lists'
    死于医疗卫生机构, whose certificate the hospital issues; a hospital named with no death after
    it is not."""
    assert ("死亡 医疗卫生机构" in certificate_facts(text)) is hospital


def test_where_a_death_happened_tells_the_village_s_paper_from_the_hospital_s() -> None:
    """A list that lets the village certify a death at home and forbids it for a death in
    hospital: each request meets the item of the place it names."""
    items = [
        ListItem(
            kind="cert_allowed",
            name="村民在家中正常死亡、无法取得医院死亡证明的，村委会出具死亡情况证明",
        ),
        ListItem(
            kind="cert_forbidden",
            name="死于医疗卫生机构者的死亡医学证明（由医疗机构出具）",
        ),
    ]
    matcher = Matcher(items, SEED_KINDS)
    home = matcher.check_certificate("我妈在自己家里过世的，派出所销户让村里开个死亡证明。")
    assert home.verdict is Verdict.ALLOWED
    hospital = matcher.check_certificate("我爸在县医院抢救无效走的，村里能先开个死亡证明吗？")
    assert hospital.verdict is Verdict.FORBIDDEN


@pytest.mark.parametrize(
    ("text", "paper"),
    [
        ("献血证找不着了，要补", True),
        ("老年卡弄丢了", True),
        ("水费本丢了，自来水公司让开证明", True),
        ("孩子的笔记本丢了", False),
        ("课本找不到了", False),
        ("证明丢了，再开一张", False),
        ("孩子作业本丢了", False),
        ("我交的保证金丢了找不到", False),
        ("低保证丢了", True),
    ],
)
def test_a_paper_named_by_its_shape_and_lost_is_a_document(text: str, paper: bool) -> None:
    """A 证, 卡, 簿 or 本 of something said lost is a paper (证件) whatever its name, as the
    papers the lists name are; a notebook or a book is not, nor a certificate (证明)."""
    assert ("证件" in certificate_facts(text)) is paper


def test_a_lost_paper_of_any_name_meets_the_lost_papers_certificate() -> None:
    items = [
        ListItem(kind="cert_forbidden", name="证件遗失证明"),
        ListItem(kind="cert_allowed", name="居民在社区居住证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    lost = matcher.check_certificate("献血证找不着了，献血办让村里开个遗失的证明。")
    assert lost.verdict is Verdict.FORBIDDEN
    assert lost.candidates[0].item.name == "证件遗失证明"


@pytest.mark.parametrize(
    ("name", "served"),
    [
        ("高校新生申请生源地信用助学贷款的家庭经济困难证明", {"助学贷款"}),
        ("应征入伍青年现实表现情况证明（征兵政治考核用）", {"征兵"}),
        ("申请廉租房的家庭住房困难证明", {"住房保障"}),
        ("临时生活救助申请表上的村委会意见", {"临时救助"}),
        # matters left open serve any matter: 等, 各类, 相关
        ("升学、就业、入党等事项的政审证明", set()),
        ("为申请各类救助的困难家庭出具的证明", set()),
        # a matter had not is a fact, not what the certificate is for
        ("本人无宅基地的证明", set()),
        ("居住证明", set()),
    ],
)
def test_the_matter_an_allowed_certificate_is_listed_for(name: str, served: set[str]) -> None:
    assert matters_served(name) == served


def test_the_matter_a_request_wants_a_certificate_for() -> None:
    # the narrower matter's words are that matter, not also the wider one
    assert matters_in("申请临时救助要村里写个意见") == {"临时救助"}
    assert matters_in("女儿读职高申请国家助学金") == {"助学金"}
    assert matters_in("开个居住证名") == frozenset()  # a certificate typed wrong, no 居住证
    assert matters_in("开个证明") == frozenset()
    # a house residents built (自建房) is no application to build one
    assert matters_in("老家的自建房想改成农家乐，要村里出个证明") == frozenset()
    assert matters_in("我家申请建房，审批表上要村里签意见") == {"宅基地"}


def test_a_matter_that_says_who_the_resident_is_is_not_the_matter_asked() -> None:
    # 低保户, 五保对象: who asks, not what for; the matter asked is still read
    assert matters_in("我家是低保户，房子漏雨想申请危房改造") == {"危房改造"}
    assert matters_in("本人系五保对象，申请临时救助") == {"临时救助"}
    assert matters_in("申请低保要村里出个证明") == {"低保"}
    assert statuses_in("我家是低保户，房子漏雨想申请危房改造") == {"低保"}
    # the status the item certifies is the resident's own: no other matter
    assert not other_matter(frozenset({"低保"}), frozenset({"上学"}), frozenset({"低保"}))
    assert other_matter(frozenset({"收养"}), frozenset({"危房改造"}), frozenset({"低保"}))
    loan = Matcher(
        [ListItem(kind="cert_allowed", name="农村危房改造对象评议意见（危房改造申请用）")],
        SEED_KINDS,
    )
    said = loan.check_certificate("我是五保户，申请危房改造，要村委会的评议意见")
    assert said.verdict is Verdict.ALLOWED


def test_a_status_said_in_a_matters_own_words_is_who_the_resident_is() -> None:
    """特困人员 is a word of 五保供养 itself: 我是特困人员 says who the resident is, as 我是五保户
    and 我是特困户 do; 申请特困人员供养 is still that matter asked."""
    said = "我是特困人员，镇里要村里开个家庭经济状况证明。"
    assert matters_in(said) == frozenset()
    assert statuses_in(said) == {"五保供养"}
    assert matters_in("我是特困人员，要开个证明申请临时救助") == {"临时救助"}
    assert matters_in("申请特困人员供养要村里出证明") == {"五保供养"}
    assert matters_in("申请特困人员救助供养") >= {"五保供养"}
    assert matters_in("低保对象认定要村里出证明") == {"低保"}
    # 特困户, 特困家庭: the same status in other words
    assert statuses_in("我是特困户，要开个证明申请临时救助") == {"五保供养"}
    assert matters_in("我是特困户，要开个证明申请临时救助") == {"临时救助"}
    assert statuses_in("我家是特困家庭，申请危房改造") == {"五保供养"}
    repair = Matcher(
        [
            ListItem(kind="cert_allowed", name="申请危房改造的农户家庭经济状况证明"),
            ListItem(kind="cert_forbidden", name="居民财产证明"),
        ],
        SEED_KINDS,
    )
    poor = repair.check_certificate(said)
    assert poor.best is not None and poor.best.other_matter is None
    assert "五保供养" not in poor.note
    five = repair.check_certificate("我是五保户，镇里要村里开个家庭经济状况证明。")
    assert five.best is not None and poor.best.score == five.best.score


@pytest.mark.parametrize(
    ("served", "asked", "other"),
    [
        ({"助学贷款"}, {"助学金"}, True),
        ({"征兵"}, {"入党"}, True),
        ({"收养"}, {"低保"}, True),
        ({"救助"}, {"低保"}, False),  # a wider matter serves the narrower one
        ({"临时救助"}, {"救助"}, False),  # a wider word asked does not say another matter
        ({"助学贷款"}, {"贷款"}, False),
        ({"助学贷款"}, {"上学"}, False),
        ({"征兵"}, {"入党", "征兵"}, False),
        (set(), {"低保"}, False),  # no matter listed: any
        ({"低保"}, set(), False),  # no matter said: nothing against it
    ],
)
def test_a_matter_asked_is_another_when_no_lineage_joins_them(
    served: set[str], asked: set[str], other: bool
) -> None:
    assert other_matter(frozenset(served), frozenset(asked)) is other


def test_an_allowed_certificate_asked_for_another_matter_is_not_allowed() -> None:
    """The list allows the certificate for one matter; asked for another (a bursary, not the
    student loan; a party member's review, not a conscript's) it is not that item, and the
    clerk is told why."""
    loan = Matcher(
        [
            ListItem(kind="cert_allowed", name="高校新生申请生源地信用助学贷款的家庭经济困难证明"),
            ListItem(kind="cert_forbidden", name="无犯罪记录证明"),
        ],
        SEED_KINDS,
    )
    bursary = loan.check_certificate("女儿读职高申请国家助学金，要村里开家庭经济困难证明")
    assert bursary.verdict is Verdict.UNLISTED
    assert "助学贷款" in bursary.note and "助学金" in bursary.note
    assert bursary.best is not None and bursary.best.other_matter == (("助学贷款",), ("助学金",))
    for text in (
        "高校新生办生源地助学贷款，要村里开家庭经济困难证明",
        "高校新生，要村里开家庭经济困难证明",  # no matter said: nothing against it
    ):
        assert loan.check_certificate(text).verdict is Verdict.ALLOWED, text
    army = Matcher(
        [
            ListItem(kind="cert_allowed", name="应征入伍青年现实表现情况证明（征兵政治考核用）"),
            ListItem(kind="cert_forbidden", name="亲属关系证明"),
        ],
        SEED_KINDS,
    )
    party = army.check_certificate("入党积极分子政治考核，要村委会出现实表现情况证明")
    assert party.verdict is Verdict.UNLISTED
    conscript = army.check_certificate("应征青年政治考核，要村委会出现实表现情况证明")
    assert conscript.verdict is Verdict.ALLOWED


def test_a_request_naming_the_matter_an_allowed_item_serves_is_that_item() -> None:
    """Residents ask for the village's part in a procedure by naming the procedure; the list's
    name spends its words on the paper's conditions and form. The very matter named is enough
    from a low score, unless a forbidden item stands at its threshold."""
    felling = Matcher(
        [
            ListItem(
                kind="cert_allowed",
                name="农户自有林木采伐经村民小组核实、公示后由村委会在申报表上签注的意见",
            ),
            ListItem(kind="cert_allowed", name="发展党员政治审查中申请人本人在村表现的证明"),
            ListItem(kind="cert_forbidden", name="个人财产状况证明"),
        ],
        SEED_KINDS,
    )
    own = felling.check_certificate("林业站说我屋后那片杉树要办砍伐手续，让村里也签个字")
    assert own.verdict is Verdict.ALLOWED
    assert own.best is not None and "采伐" in own.best.item.name
    # another matter than the one served: not that item
    army = felling.check_certificate("孩子报名参军，政审要村里出本人在村表现的证明")
    assert army.verdict is Verdict.UNLISTED
    # a forbidden item at its threshold: the matter does not lift the allowed one over it
    told = felling.check_certificate("要办砍伐手续，林业站要村里开我的个人财产状况证明")
    assert told.verdict is Verdict.FORBIDDEN


def test_a_person_alive_asked_in_taiwan_standard_characters_is_found() -> None:
    """活著 (Taiwan-standard writing of 活着) is the fact of a person alive, as 活着 is."""
    alive = Matcher(
        [
            ListItem(kind="cert_forbidden", name="老年人健在证明"),
            ListItem(kind="cert_allowed", name="居住情况证明"),
        ],
        SEED_KINDS,
    )
    assert alive.check_certificate("請村裡證明我奶奶還活著").verdict is Verdict.FORBIDDEN


PENSION_ALIVE = "为每年须向社保经办机构办理领取资格认证的离退休老年人出具健在证明"
PENSION_CHECKED = "领取养老金老人的健在情况核实"


def test_a_forbidden_certificate_is_told_by_the_facts_asked() -> None:
    """A request that says every fact a forbidden item vouches for, in its own words and few
    of the item's, is that forbidden certificate (low confidence, with a note); not when the
    facts are those of two items, nor when the item with them may be issued, nor for a
    relation with no word of which, nor for a fact named only in its absence."""
    items = [
        ListItem(kind="cert_forbidden", name=PENSION_ALIVE),
        ListItem(kind="cert_allowed", name="经村民代表会议评议的困难家庭临时救助申请初审意见"),
    ]
    asked = "我爸跟我在广州住，老家发退休金那边要他还活着的证明。"
    alive = Matcher(items, SEED_KINDS).check_certificate(asked)
    assert alive.verdict is Verdict.FORBIDDEN
    assert alive.best is not None and alive.best.item.name == PENSION_ALIVE
    assert alive.best.score < 30
    assert alive.confidence is Confidence.LOW
    assert "按所证事实判断" in alive.note
    twice = Matcher([*items, ListItem(kind="cert_allowed", name=PENSION_CHECKED)], SEED_KINDS)
    assert twice.check_certificate(asked).verdict is Verdict.UNLISTED
    allowed = Matcher([ListItem(kind="cert_allowed", name=PENSION_CHECKED)], SEED_KINDS)
    assert allowed.check_certificate(asked).verdict is not Verdict.FORBIDDEN
    spouses = Matcher([ListItem(kind="cert_forbidden", name="夫妻关系证明")], SEED_KINDS)
    assert spouses.check_certificate("证明我和他的关系很好。").verdict is Verdict.UNLISTED
    home = Matcher([ListItem(kind="cert_forbidden", name="证明居民在本辖区居住")], SEED_KINDS)
    assert home.check_certificate("要开个老屋无人居住的证明。").verdict is Verdict.UNLISTED


def test_facts_told_beside_or_inside_a_papers_name_do_not_decide() -> None:
    """A fact told as the story around another request (我妈还活着…要开个流转证明), a kind
    inside a paper's name (身份 of 身份证) and text past what is checked do not make a request
    the forbidden certificate."""
    alive = Matcher(
        [
            ListItem(kind="cert_forbidden", name=PENSION_ALIVE),
            ListItem(kind="cert_allowed", name="办理继承公证所需的亲属关系证明"),
        ],
        SEED_KINDS,
    )
    told = "我妈还活着，她那块承包地流转给合作社了，要开个流转证明。"
    assert alive.check_certificate(told).verdict is Verdict.UNLISTED
    identity = Matcher(
        [
            ListItem(
                kind="cert_forbidden", name="应由公安机关依据人口信息系统核实出具的居民身份信息证明"
            )
        ],
        SEED_KINDS,
    )
    card = "我身份证带来了，要开个证明我家的牛是自己养的。"
    assert identity.check_certificate(card).verdict is Verdict.UNLISTED
    from jianfu.domain.matching import MAX_CHARS

    long = "我家在村里住了很多年。" * (MAX_CHARS // 10) + "我爸还活着，要开证明。"
    past = alive.check_certificate(long)
    assert past.verdict is Verdict.UNLISTED
    assert f"只审核了前{MAX_CHARS}字" in past.note


def test_a_verb_after_a_conjunction_shares_the_object_said_before_it() -> None:
    """土地承包经营权登记或变更: 变更 is the contract right's change, not any change."""
    clauses = item_clauses(
        ListItem(kind="cert_allowed", name="农户申请土地承包经营权登记或变更的，村委会出具意见"),
        certificate=True,
    )
    assert "经营权变更的" in clauses
    assert "变更的" not in clauses
    # said with 、 instead of 或, and a bare verb naming its certificate (变更证明)
    listed = item_clauses(
        ListItem(kind="cert_allowed", name="农户申请土地承包经营权登记、变更的，村委会出具意见"),
        certificate=True,
    )
    assert "经营权变更的" in listed and "变更的" not in listed
    marriage = item_clauses(
        ListItem(kind="cert_forbidden", name="婚姻状况登记或变更证明"), certificate=True
    )
    assert "婚姻状况变更证明" in marriage and "变更证明" not in marriage
    # a part with an object of its own keeps it: 采伐 and 运输 are of the same 林木
    assert "林木运输" in item_clauses(ListItem(kind="duty", name="协助核查林木采伐或运输"))


def test_a_change_of_name_is_not_the_change_of_another_register() -> None:
    """A request to change one's name names the forbidden consent to a new name; an allowed item
    on changing a land contract's register shares only 变更 with it."""
    items = [
        ListItem(kind="cert_allowed", name="农户申请土地承包经营权登记或变更的，村委会出具意见"),
        ListItem(kind="cert_forbidden", name="出生日期登记错误需更正的户口登记证明"),
        ListItem(kind="cert_forbidden", name="成年人变更姓名的同意改名证明"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    for text in (
        "我想改个名字，派出所叫我回村里开个同意我改名的证明。",
        "儿子满十八了要改名，村委会能盖章证明同意吗？",
    ):
        assert matcher.check_certificate(text).verdict is Verdict.FORBIDDEN, text


def test_the_forbidden_certificate_named_is_the_one_shown() -> None:
    """Refused, the request is shown the forbidden item it names, not one its story met."""
    items = [
        ListItem(kind="cert_forbidden", name="户口登记的出生日期与实际不符申请更正的出生日期证明"),
        ListItem(kind="cert_forbidden", name="成年人变更姓名的同意改名证明"),
    ]
    result = Matcher(items, SEED_KINDS).check_certificate(
        "我想换个名字，派出所让我准备材料，村委会能给开个同意我改名的证明吗"
    )
    assert result.verdict is Verdict.FORBIDDEN
    assert result.candidates[0].item.name == "成年人变更姓名的同意改名证明"


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("银行要证明我是她唯一的女儿", True),
        ("派出所让证明我是老人的小儿子", True),
        ("我是他大女儿，要开个证明", True),
        ("这是我的大房子，要开个证明", False),
    ],
)
def test_which_child_one_is_still_a_relation(text: str, relation: bool) -> None:
    assert ("亲属关系" in certificate_facts(text)) is relation


@pytest.mark.parametrize(
    "text", ["儿子想随他奶奶改成土家族，派出所要村里的证明", "我想把民族改回来，村里能开证明吗"]
)
def test_an_ethnic_group_changed_is_told_as_residents_say_it(text: str) -> None:
    assert "民族成分" in certificate_facts(text)


def test_a_forbidden_verdict_with_an_allowed_item_as_strong_is_for_the_clerk() -> None:
    """A request that names both a forbidden paper and an allowed one met as strongly (a
    referral letter to the disability federation, asked to have one's disability graded) is
    refused on the check's word only with low confidence: the clerk decides which is asked.
    A request that names only the forbidden paper stays high."""
    items = [
        ListItem(
            kind="cert_allowed",
            name="农村籍村民申请评残时，村委会开具到乡镇残联审核登记的介绍信",
        ),
        ListItem(kind="cert_forbidden", name="残疾类别和等级证明（由县级残联指定的医院评定）"),
    ]
    matcher = Matcher(items, SEED_KINDS)
    both = matcher.check_certificate("孩子耳朵听不见，想评个残疾等级，乡残联要村委会的介绍信。")
    assert both.verdict is Verdict.FORBIDDEN
    assert both.confidence is Confidence.LOW
    only = matcher.check_certificate("开个证明，证明我的残疾等级是二级，办低保要用。")
    assert only.verdict is Verdict.FORBIDDEN
    assert only.confidence is Confidence.HIGH
