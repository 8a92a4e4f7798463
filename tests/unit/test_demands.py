"""Reading what a notice demands of the villages (the form of the work)."""

from __future__ import annotations

import pytest

from jianfu.domain.demands import Demand, find_demands, item_demands
from jianfu.domain.normalize import normalize
from jianfu.domain.tasks import TaskDemand, task_demands


def demands(text: str) -> dict[Demand, int]:
    return {d: h.strength for d, h in find_demands(normalize(text)).items()}


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("请各村每天在镇工作群内打卡，并上传巡查照片", Demand.TRACE),
        ("各村要在村部门口悬挂“关爱服务站”标牌", Demand.SIGNBOARD),
        ("各村须成立工作领导小组，明确一名专职联络员", Demand.MECHANISM),
        ("年底对各村进行考核排名，结果全镇通报", Demand.ASSESSMENT),
        ("组织村民下载注册“平安守护”APP，注册率纳入考评", Demand.APPS),
        ("各村与镇政府签订安全生产目标责任书", Demand.PLEDGE),
        ("每村完成不少于30份商业保险认购", Demand.QUOTA),
        ("请各村代收本村农户的有线电视费", Demand.COLLECTION),
        ("12345热线工单由村(社区)直接承办并回复", Demand.TICKETS),
        ("各村年内引进项目1个以上，完成招商任务", Demand.INVESTMENT),
        ("请村委会为其出具无犯罪记录证明", Demand.CERTIFICATE),
        ("请各村对违法建设予以查处并处以罚款", Demand.ENFORCEMENT),
        ("配合做好征地拆迁和房屋征收签约腾退", Demand.DEMOLITION),
        ("每月5日前填报附件统计表并建立工作台账", Demand.FORMS),
    ],
)
def test_each_demand_is_read_from_plain_wording(text: str, demand: Demand) -> None:
    assert demand in demands(text)


def test_traditional_and_full_width_text_is_read_after_normalising() -> None:
    assert Demand.TRACE in demands("請各村每天在工作群內打卡，上傳照片")
    assert Demand.APPS in demands("請下載ＡＰＰ並註冊")


def test_a_plain_task_demands_nothing_strong() -> None:
    got = demands("组织群众开展春季爱国卫生运动，清理房前屋后卫生死角")
    assert all(strength < 2 for strength in got.values())


def test_demands_pre_tick_the_intake_boxes_in_form_order() -> None:
    found = (Demand.CERTIFICATE, Demand.TRACE, Demand.FORMS, Demand.INVESTMENT)
    assert task_demands(found) == (
        TaskDemand.FORMS,
        TaskDemand.CERTIFICATES,
        TaskDemand.INVESTMENT,
        TaskDemand.TRACE,  # its own box (it ticked 工作群/APP), the last of the form
    )
    assert task_demands(()) == ()


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("请每户下载注册“平安守护”APP", Demand.APPS),
        ("组织全体村民关注公众号", Demand.APPS),
        ("不得强制下载安装政务APP", Demand.APPS),
        ("热线工单由社区直接承办", Demand.TICKETS),
        ("不得要求承办政务投诉处理部门职责事项", Demand.TICKETS),
        ("接市民热线转办单后请社区办结回复", Demand.TICKETS),
        ("不得将部门的投诉事项转交社区", Demand.TICKETS),
        ("请村干部录制一段巡查视频发送到镇工作群", Demand.TRACE),
        ("请各村建立安全生产台账8本", Demand.FORMS),
        ("请各村每天下午5点前上报排查进度", Demand.FORMS),
        ("不得要求村（社区）突击报送、重复报送各类数据", Demand.FORMS),
        ("不得要求同一情况在多个系统重复上报", Demand.FORMS),
        ("下周市里观摩团到村考察，请做好迎检准备", Demand.ASSESSMENT),
    ],
)
def test_an_act_on_its_object_is_a_clear_demand(text: str, demand: Demand) -> None:
    assert demands(text).get(demand) == 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("请梳理本社区自建的电子台账和小程序，填报资源目录", Demand.APPS),
        ("村级河长在河长制APP上记录巡河情况", Demand.APPS),
        ("群众有疑问可拨打12345热线咨询", Demand.TICKETS),
        ("组织村民向红十字会捐款", Demand.QUOTA),
        ("请提供近期拍的短视频素材", Demand.TRACE),
        ("请各村建立一本工作台账", Demand.FORMS),
        ("请在村部布置一块宣传展板", Demand.ASSESSMENT),
    ],
)
def test_an_object_or_an_act_alone_is_only_a_sign(text: str, demand: Demand) -> None:
    assert demands(text).get(demand) == 1


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("各社区参保人数不得低于常住人口的95%", Demand.QUOTA),
        ("今年的造林任务分配到村，每村须完成造林30亩", Demand.QUOTA),
        ("每季度评出先进村和后进村", Demand.ASSESSMENT),
        ("完成情况纳入年终考评", Demand.ASSESSMENT),
    ],
)
def test_quotas_by_share_or_area_and_rankings_by_rank_are_clear(text: str, demand: Demand) -> None:
    assert demands(text).get(demand) == 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("请各村党支部书记周三上午到县委党校参加推进会，不得请假", Demand.MEETING),
        ("领导下周来调研，请各村准备好工作餐", Demand.HOSPITALITY),
        ("办公设备由各村自行采购，费用从村集体收入列支", Demand.COSTS),
        ("活动经费请村里先行垫付", Demand.COSTS),
        ("违建的那户社区自己去拆，拆不掉责任算社区的", Demand.ENFORCEMENT),
        ("各社区今年要完成入会指标30人", Demand.QUOTA),
        ("请协助催缴辖区商户欠缴的税款", Demand.INVESTMENT),
        ("县局每周二、四到各村督查进度，请村干部全程陪同", Demand.ASSESSMENT),
    ],
)
def test_meetings_meals_costs_and_escorts_are_read(text: str, demand: Demand) -> None:
    assert demands(text).get(demand) == 2


@pytest.mark.parametrize(
    "text",
    ["上个月工单不满意的村扣了绩效分", "材料迟报一天扣2分", "未按时完成的扣考核分"],
)
def test_points_taken_off_said_apart_are_an_assessment(text: str) -> None:
    assert demands(text).get(Demand.ASSESSMENT) == 2


@pytest.mark.parametrize("text", ["村里扣除分配给农户的费用", "扣掉分给各组的那部分"])
def test_a_deduction_that_is_no_points_is_not_an_assessment(text: str) -> None:
    assert Demand.ASSESSMENT not in demands(text)


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("调研组明天到村，午饭在村里安排，钱村里先出", Demand.COSTS),
        ("请各村派车接送检查组，油费和司机补贴村里承担", Demand.COSTS),
        ("市里调研组明天中午到，午饭在村里安排", Demand.HOSPITALITY),
        ("请各村派车接送检查组", Demand.HOSPITALITY),
        ("来村里参观的团很多，两委排好班，来一拨陪一拨", Demand.HOSPITALITY),
        ("每天上午9点前在镇工作群发实时位置", Demand.TRACE),
        ("值班人员每两小时在群里发一次所在位置", Demand.TRACE),
        ("接到群消息后五分钟内发定位", Demand.TRACE),
    ],
)
def test_visitors_costs_and_a_location_sent_as_presence_are_read(text: str, demand: Demand) -> None:
    assert demands(text).get(demand) == 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("防返贫监测信息除了录国家系统，还要录省平台和县里的小程序，三个都要录完", Demand.FORMS),
        ("数据请在医保系统录入后，再在APP和县医保小程序各填报一次", Demand.FORMS),
        ("已在省平台录过的，请再在县里的系统录一遍", Demand.FORMS),
        ("请各村分别在危房系统、农房系统和整治平台录入同一批农户信息", Demand.FORMS),
        ("上月的会议照片太模糊，请重新补拍，要能看清会标", Demand.TRACE),
        ("各村干部每日须在系统填写工作日志，不少于200字", Demand.TRACE),
        ("安全感满意度线上投票，每村任务不少于1000票", Demand.QUOTA),
    ],
)
def test_entries_made_again_photos_taken_again_and_logs_are_read(text: str, demand: Demand) -> None:
    assert demands(text).get(demand) == 2


def test_one_system_named_is_no_entry_made_again() -> None:
    assert demands("请各村在防返贫监测系统中录入新增监测户").get(Demand.FORMS) != 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("省里那个文件转给你们了，各村对照落实，周五前报落实情况", Demand.RELAY),
        ("转发《关于加强民用机场净空保护工作的通知》，请各村认真贯彻执行", Demand.RELAY),
        ("档案越详实得分越高", Demand.ASSESSMENT),
        ("看各村的检查记录本和照片，本子记得满的算合格", Demand.ASSESSMENT),
        ("镇里按各村装机数排队，垫底的要挨批评", Demand.ASSESSMENT),
    ],
)
def test_documents_handed_on_and_records_judged_by_bulk_are_read(text: str, demand: Demand) -> None:
    assert demands(text).get(demand) == 2


def test_a_notice_forwarded_for_information_is_no_relay() -> None:
    assert demands("转发《防汛工作简报》供各村参阅").get(Demand.RELAY) != 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("下周市里来检查，各村沿检查路线把临街墙面统一刷白", Demand.ASSESSMENT),
        ("检查组走县道那一线，两边看得见的房子外墙周五前刷完", Demand.ASSESSMENT),
        ("没发现问题的也要交零报告，一周一报", Demand.FORMS),
        ("记录已经上平台了，县里又要一份纸质的", Demand.FORMS),
        ("会上宣读已下发的文件，会后每人交一份心得体会", Demand.MEETING),
        ("开完拍个照就行，不用布置具体事", Demand.MEETING),
        ("上面没有专项资金，请各村自己想办法筹钱，借款也要先干起来", Demand.COSTS),
        ("宣传牌请各村自费制作，费用从村级运转经费里出", Demand.COSTS),
        ("每个村干部转发推文并拉满50个阅读", Demand.QUOTA),
        ("各村在村道路口设卡，查扣超限超载货车", Demand.ENFORCEMENT),
        ("请各村对养殖户下达限期关停通知", Demand.ENFORCEMENT),
    ],
)
def test_show_work_zero_reports_meetings_for_show_borrowing_and_seizures_are_read(
    text: str, demand: Demand
) -> None:
    assert demands(text).get(demand) == 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("请各村摸排村民开设的自媒体账号，登记账号名称和粉丝数", Demand.QUOTA),
        ("检查路线由县里定", Demand.ASSESSMENT),
        ("请把心得和建议反馈给我们", Demand.MEETING),
    ],
)
def test_counts_registered_and_routes_named_are_no_such_demand(text: str, demand: Demand) -> None:
    assert demands(text).get(demand) != 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("防火期前各村预缴防火风险金1万元，发生山火的直接扣除", Demand.COSTS),
        ("保证金还没交的村抓紧，交齐了才发补助", Demand.COSTS),
        ("各村先交5000元押金，出了事从押金里扣", Demand.COSTS),
        ("防汛值班查岗不在岗的村，扣村办公经费1000元", Demand.ASSESSMENT),
        ("河道出现垃圾漂浮的，从村级运转经费里扣", Demand.ASSESSMENT),
        ("巡山轨迹不足5公里的，当日补助不发", Demand.ASSESSMENT),
        ("巡查员须用APP上传轨迹，巡查时长低于15分钟的不认定", Demand.TRACE),
        ("网格员每天在平台上的巡查里程要满3公里", Demand.TRACE),
        ("护林巡查台账纸质、电子各一套，年底一起交", Demand.FORMS),
        ("巡查记录实行双报送", Demand.FORMS),
    ],
)
def test_deposits_money_docked_tracks_measured_and_paper_twice_are_read(
    text: str, demand: Demand
) -> None:
    assert demands(text).get(demand) == 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("请各村排查拖欠农民工工资的线索", Demand.COSTS),
        ("扣好安全带再出发", Demand.ASSESSMENT),
        ("请把巡查的时长和发现的问题记下来", Demand.TRACE),
        ("路肩垮了的发个位置给镇交通站", Demand.TRACE),  # where a thing is, not a cadre
        ("拍照上报位置", Demand.TRACE),
        ("请各村报告辖区排污口位置", Demand.TRACE),
        ("钱由县财政出", Demand.COSTS),
        ("村里先出个方案", Demand.COSTS),
    ],
)
def test_a_place_reported_or_money_from_above_is_no_such_demand(text: str, demand: Demand) -> None:
    assert demands(text).get(demand) != 2


def test_a_fraud_warning_is_not_a_levy() -> None:
    assert Demand.COSTS not in demands("请各村开展防范非法集资宣传，提醒群众远离高息理财")


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("请各村按每村不少于30册征订读本", Demand.QUOTA),
        ("不得开展要求乡村和农民出钱出物的达标升级活动", Demand.COSTS),
        ("验收费用由参评村承担", Demand.COSTS),
        ("请各村收取本村农户的卫生费", Demand.COLLECTION),
    ],
)
def test_subscriptions_levies_and_the_village_collecting_are_clear(text, demand) -> None:
    assert demands(text).get(demand) == 2


def test_a_campaigns_name_or_a_parcel_point_is_not_the_village_collecting() -> None:
    # 集中征缴 names the insurer's campaign; the village only mobilises people to pay.
    assert demands("城乡居民医保集中征缴开始，请各村动员村民自愿缴费").get(Demand.COLLECTION) == 1
    assert Demand.COLLECTION not in demands("请各村提供一间闲置房屋做快递代收点")


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("上月已报的名单，现按新模板再报一遍", Demand.FORMS),
        ("上周报的表格式有调整，请按新表重新填报", Demand.FORMS),
        ("同一张表，残联要一份，民政要一份，请分别按各自格式填好", Demand.FORMS),
        ("物资储备表即日起周报改日报", Demand.FORMS),
        ("半小时内报一下辖区独居老人人数", Demand.FORMS),
        ("请提供近五年所有会议记录的照片", Demand.FORMS),
        ("群里发的通知，村干部须在群里回复“收到”", Demand.APPS),
        ("群里临时派个活：各村今天找人拍个短片，晚上发群里", Demand.APPS),
        ("垃圾桶站每天拍照上传，每个桶站早晚各一张", Demand.TRACE),
    ],
)
def test_repeated_and_rushed_reporting_and_the_work_group_are_clear(text, demand) -> None:
    assert demands(text).get(demand) == 2


@pytest.mark.parametrize(
    "text",
    [
        "发现险情马上报告镇里，立即组织群众转移",
        # the incident told at once, said with 报 alone, a clause after its condition, or on
        # the day it is seen
        "大风天请看看各户的棚子，有险情马上报",
        "走访中如发现老人走失的迹象，马上报派出所",
        "监测点有变化当天上报镇里",
        "巡查时看到冒烟马上打电话报火警",
        # told through the channel it goes by (as far from 马上 as figures asked at once may be)
        "看到河堤有渗水的，请马上通过网格平台报上来",
    ],
)
def test_reporting_a_danger_at_once_is_not_rushed_reporting(text: str) -> None:
    assert Demand.FORMS not in demands(text)


@pytest.mark.parametrize(
    "text",
    [
        # setting off (出发), calling people out (发动) and handing out (发放) at once send no
        # figures
        "寒潮将至，请各村干部马上出发去看看各自包片的大棚",
        "请马上发动群众把沟渠里的淤泥清出来",
        "救灾帐篷已到乡里，请马上发放到受灾户手里",
    ],
)
def test_going_out_calling_out_and_handing_out_at_once_are_no_rushed_reporting(text) -> None:
    assert Demand.FORMS not in demands(text)


@pytest.mark.parametrize(
    "text",
    [
        "低保户名单民政办、乡村振兴办、财政所各交一份",
        "同一张摸底表，综治中心和派出所要分开报",
        "安全检查记录应急办一本、消防站一本，各自一本不能合用",
        "党员走访情况按组织部、宣传部、统战部的三套表格来填",
    ],
)
def test_the_same_figures_to_each_office_apart_are_duplicated_reporting(text: str) -> None:
    assert demands(text).get(Demand.FORMS) == 2


@pytest.mark.parametrize(
    "text",
    [
        "县里的卫生村达标创建验收月底进行，各村做好准备",
        "复查不合格的村，扣减当年以奖代补资金",
        # villages rated under a households' title
        "“最美家庭”示范社区评比，各社区报送材料",
    ],
)
def test_contests_and_money_withheld_for_a_check_are_assessments(text: str) -> None:
    assert demands(text).get(Demand.ASSESSMENT) == 2


def test_households_rated_by_the_village_stay_its_own_work() -> None:
    assert Demand.ASSESSMENT not in demands("村里组织“五好家庭”评比，评出的户在公示栏表扬")


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        # (a review's sentences, 2026-12-07) a ban on cadres embezzling residents' money, money
        # not to be withheld, ledgers merged into one, tables not to be added
        ("各村要严禁截留、克扣群众的惠农补助资金", Demand.ASSESSMENT),
        ("对拒不配合的村民，不得随意扣留其补助资金", Demand.ASSESSMENT),
        ("将原来的三套台账合并为一套，减轻村级负担", Demand.FORMS),
        ("不得另搞两套表格", Demand.FORMS),
    ],
)
def test_a_burden_forbidden_or_lifted_is_no_demand_of_it(text: str, demand: Demand) -> None:
    assert demands(text).get(demand, 0) < 2


def test_pictures_of_old_things_collected_are_no_trace() -> None:
    text = "走访民间艺人，收集老物件照片，1月20日前报县文旅局"
    assert Demand.TRACE not in demands(text)
    assert demands("走访独居老人要拍照片发群里").get(Demand.TRACE) == 2


def test_money_docked_and_ledgers_counted_are_still_read() -> None:
    assert demands("不达标的扣村办公经费1000元").get(Demand.ASSESSMENT) == 2
    assert demands("请各村建立三套台账").get(Demand.FORMS) == 2


def test_figures_asked_at_once_are_still_rushed_reporting() -> None:
    assert demands("各村把辖区养殖户名单马上报上来").get(Demand.FORMS) == 2
    assert demands("有关数据请当天上报，逾期通报").get(Demand.FORMS) == 2


def test_money_paid_to_a_card_and_a_party_day_are_not_app_demands() -> None:
    assert Demand.TRACE not in demands("耕地地力保护补贴已打卡发放，请村监委会抽查入户")
    assert Demand.APPS not in demands("下月主题党日活动安排，请各村党支部报活动方案")
    assert demands("要求每天在APP上打卡，日活跃率纳入考核").get(Demand.APPS) == 2


@pytest.mark.parametrize(
    "text",
    [
        "宪法宣传周期间，请各村组织村民观看普法视频。",
        "请通知持证残疾人携带近期彩色照片到村服务点换证。",
        "办证需一寸照片两张。",
    ],
)
def test_a_video_watched_or_a_photo_for_a_card_is_no_trace_of_work(text: str) -> None:
    assert Demand.TRACE not in demands(text)


def test_photos_of_the_work_are_still_a_trace() -> None:
    assert demands("活动结束后请把现场照片发到群里")[Demand.TRACE] == 2
    assert Demand.TRACE in demands("每次走访都要留存照片")


def test_reporting_up_through_the_work_group_is_the_groups_form() -> None:
    assert demands("请各村每周一在平安群里上报矛盾纠纷排查情况")[Demand.APPS] == 2
    assert demands("排查情况于每月5日前在镇工作群内报送")[Demand.APPS] == 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("每个村每天在群里晒一下当天的工作进度", Demand.TRACE),
        ("每个村每天在群里晒一下当天的工作进度", Demand.APPS),
        ("开展文明楼道星级评定，达标的授牌", Demand.ASSESSMENT),
    ],
)
def test_progress_on_show_and_ratings_are_forms(text: str, demand: Demand) -> None:
    assert demands(text)[demand] == 2


def test_an_assessment_of_a_person_is_no_rating_contest() -> None:
    assert Demand.ASSESSMENT not in demands("请村里帮新评定的重度残疾人提交办证申请")


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("周六晚上十点工作群：各村明天早上七点前把情况表报上来", Demand.OFF_HOURS),
        ("各社区值班人员必须全天候盯群，通知当晚落实反馈", Demand.OFF_HOURS),
        ("春节假期第二天，镇里在群里布置各村统计返乡人员", Demand.OFF_HOURS),
        ("参保率分解到村，每村必须达到98%以上", Demand.QUOTA),
        ("信用卡推广每个村分了20张", Demand.QUOTA),
        ("镇里在县下达数的基础上再加两成分到各村", Demand.QUOTA),
        ("这份表组织办、农办、统计站都要，请分别各报一份", Demand.FORMS),
        ("去年交过的档案，今年检查再交一套纸质的", Demand.FORMS),
        ("达到标准的予以命名", Demand.ASSESSMENT),
        ("高龄老人名单已报过的也要重报一次", Demand.FORMS),
        ("请把上半年交过的表格按新格式再整理一遍", Demand.FORMS),
        ("人口信息，公安、民政、卫健各要一份", Demand.FORMS),
        ("请在村部门口挂上“法治宣传站”的牌子", Demand.SIGNBOARD),
        ("把“老年协会”的牌子挂到大门旁", Demand.SIGNBOARD),
    ],
)
def test_more_forms_the_lists_forbid(text: str, demand: Demand) -> None:
    assert demands(text)[demand] == 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("发现情况严重报告派出所", Demand.FORMS),
        ("考核结果与绩效挂钩，牌子统一由县里制作", Demand.SIGNBOARD),
        ("请各村动员村民挂号预约家庭医生", Demand.SIGNBOARD),
    ],
)
def test_a_serious_report_or_a_link_to_pay_is_no_repeated_form(text: str, demand: Demand) -> None:
    assert demands(text).get(demand, 0) < 2


@pytest.mark.parametrize(
    "text",
    [
        "汛期实行24小时值班，发现险情立即报告",
        "春节前请各村走访慰问困难群众",
        "请各村周一前报送名单",
    ],
)
def test_ordinary_duty_and_deadlines_are_not_off_hours_work(text: str) -> None:
    assert Demand.OFF_HOURS not in demands(text)


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        # the 2024 rules against formalism (中办国办《整治形式主义为基层减负若干规定》), read
        # from the item and from a notice alike
        ("对上级精神不刻意搞开会传达不过夜", Demand.RELAY),
        ("省里的会开完了，请各村连夜组织党员传达", Demand.RELAY),
        ("会议精神务必当日传达到每名村民小组长", Demand.RELAY),
        ("不搞层层陪会", Demand.MEETING),
        ("市里的推进会设镇分会场，各村村干部全部到场", Demand.MEETING),
        ("请各村支部书记到县礼堂听会", Demand.MEETING),
        ("上级机关原则上不得从县及以下单位借调干部", Demand.SECONDMENT),
        ("请每村抽调一名文书到县档案馆帮忙整理", Demand.SECONDMENT),
        ("请各社区选派一人到街道跟班学习三个月", Demand.SECONDMENT),
        ("年度述职要看村干部学习笔记", Demand.TRACE),
        ("检查以现场照片为准，没有照片的按未完成计", Demand.TRACE),
        ("省考核组到县期间，安全隐患排查表每日填报", Demand.FORMS),
        ("验收阶段各村的进度表每周报两次", Demand.FORMS),
        ("村级统计月报自下月起改为每周报送", Demand.FORMS),
    ],
)
def test_forms_of_the_rules_against_formalism(text: str, demand: Demand) -> None:
    assert demands(text).get(demand) == 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("请各村向村民传达惠民政策，做到家喻户晓", Demand.RELAY),
        ("村委会可以借用村小学操场举办运动会", Demand.SECONDMENT),
        ("可以拍照片发给社区网格员反映问题", Demand.TRACE),
        ("请各村组织召开村民代表会议", Demand.MEETING),
        ("请各村每周一前报送名单", Demand.FORMS),
    ],
)
def test_a_plain_relay_loan_photo_or_meeting_is_no_such_form(text: str, demand: Demand) -> None:
    assert demands(text).get(demand, 0) < 2


@pytest.mark.parametrize(
    "text",
    [
        "请各村建立河道保洁工作台账，每周更新，检查时查阅",
        "社区消防工作台账按年度装订成册备查",
        "各村准备好帮扶台账迎检",
    ],
)
def test_a_ledger_kept_for_a_check_is_the_burden_itself(text: str) -> None:
    assert demands(text)[Demand.FORMS] == 2


def test_a_ledger_of_the_task_alone_is_only_a_sign() -> None:
    # a list of the people a task concerns, kept by the village: the task's own record
    assert demands("请各村梳理外出务工人员名单，建立务工人员台账")[Demand.FORMS] == 1


def test_a_board_made_and_then_hung_somewhere_is_a_board_demand() -> None:
    # the board named first, the hanging said later with where (挂在…门口)
    assert demands("服务站门牌已统一印制，请各社区挂在办公楼门口")[Demand.SIGNBOARD] == 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        # counts in words, as notices write them
        ("请各社区于周五前填好十五张调查表", Demand.FORMS),
        ("每个社区准备好六类台账迎接验收", Demand.FORMS),
        ("每村至少发展三名新会员", Demand.QUOTA),
        ("每个村任务3000元，月底前交到镇财政所", Demand.QUOTA),
        # the same figures to several offices (多头报送)
        ("低保户名单请报两份，民政办和残联各一份", Demand.FORMS),
        ("县里几个部门都来要村里的人口数据，请分别报给各部门", Demand.FORMS),
        # enforcement and staff borrowed
        ("对无证经营的摊点予以查封", Demand.ENFORCEMENT),
        ("请每个社区抽一名网格员来中心帮忙录入", Demand.SECONDMENT),
    ],
)
def test_forms_said_in_words_and_by_their_effect(text: str, demand: Demand) -> None:
    assert demands(text)[demand] == 2


def test_how_often_in_words_is_no_quota() -> None:
    assert Demand.QUOTA not in demands("每季度至少组织一次居民议事会")


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("周三的培训请各村各派3人参加，凑足人数", Demand.MEETING),
        ("大力压缩要求社区参加的各类会议", Demand.MEETING),
        ("校庆请各村各出资1000元", Demand.QUOTA),
    ],
)
def test_seats_to_fill_and_sums_asked_of_each_village(text: str, demand: Demand) -> None:
    assert demands(text)[demand] == 2


def test_the_senders_own_post_in_the_group_is_no_demand_on_the_village() -> None:
    assert demands("新政策请各村在村民大会上讲一讲，资料我发群里").get(Demand.APPS, 0) < 2
    assert demands("请各村把照片发群里")[Demand.APPS] == 2
    assert demands("资料我们发群里").get(Demand.APPS, 0) < 2
    assert demands("整改完了你们发群里")[Demand.APPS] == 2


@pytest.mark.parametrize(
    "text",
    [
        "县水利局新建了“防汛调度2群”，请各村主任入群",
        "请各社区网格员分别加入民政群、残联群",
        "当日通知当日报，请各村抓紧",
    ],
)
def test_another_group_to_join_and_same_day_reporting_are_clear(text: str) -> None:
    found = demands(text)
    assert max(found.get(Demand.APPS, 0), found.get(Demand.FORMS, 0)) == 2


def test_the_masses_are_no_group() -> None:
    assert demands("请各村建立群众议事会").get(Demand.APPS, 0) < 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("开展“平安示范社区”创建，年底验收", Demand.ASSESSMENT),
        ("各社区年内完成健康型社区创建", Demand.ASSESSMENT),
        ("原则上不再保留各单位自行设置的社区创建项目", Demand.ASSESSMENT),
        ("迎检前请补齐历年安全生产档案", Demand.FORMS),
        ("请在2小时内报送独居老人名单", Demand.FORMS),
    ],
)
def test_model_community_campaigns_and_past_years_papers(text: str, demand: Demand) -> None:
    assert demands(text)[demand] == 2


def test_a_campaign_of_the_residents_own_civility_is_not_a_department_contest() -> None:
    assert demands("开展文明楼组、五好家庭创建活动").get(Demand.ASSESSMENT, 0) < 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("请把残疾人名单分别报送残联和民政办", Demand.FORMS),
        ("三家单位各报一次，数据互不共享", Demand.FORMS),
        ("明早九点前报来，过时不候", Demand.FORMS),
        ("每天巡查，当天填报巡查表", Demand.FORMS),
        ("每处整改都要有前后对比照", Demand.TRACE),
        ("检查组来之前摆个劳动的样子拍下来", Demand.TRACE),
        ("视频会上摄像头要对准本人", Demand.TRACE),
        ("周五下午发的通知，周一上午前报送", Demand.OFF_HOURS),
        ("今晚加班把表格填出来", Demand.OFF_HOURS),
        ("迎检前活动室把工作制度贴满", Demand.SIGNBOARD),
    ],
)
def test_rushed_repeated_staged_and_overnight_forms(text: str, demand: Demand) -> None:
    assert demands(text)[demand] == 2


def test_photos_counted_per_household_are_proof_but_two_of_a_stall_no_more_than_a_sign() -> None:
    assert demands("自建房排查每户拍三张照片")[Demand.TRACE] == 2
    # a stall set out and two photos of it: 照片 is only a sign (摆 is no staging here)
    assert demands("在小区门口摆个宣传摊点，拍两张照片")[Demand.TRACE] == 1


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        # 群 that goes on into another word is no chat group
        ("请各村干部深入群众，摸排困难家庭的生活情况", Demand.APPS),
        ("各村要建立群防群治队伍，组织夜间巡逻", Demand.APPS),
        ("配合建立重点人群健康档案，做好家庭医生签约", Demand.APPS),
        ("请各村组建党群服务中心志愿服务队", Demand.APPS),
        ("村干部要走进群众家中宣讲政策", Demand.APPS),
        # residents asked to take part are no cadres called to a meeting
        ("请各村组织安排村民参加免费健康体检活动", Demand.MEETING),
        ("要求各村组织群众参加新时代文明实践活动", Demand.MEETING),
        # a house number, or a plate for each household, is no board of the village's
        ("新门牌已制作完成，请各村协助将门牌挂到各户门口", Demand.SIGNBOARD),
        # one table is no count of tables; 统一 is no count
        ("请各村把老人信息填进一张登记表，报镇民政办", Demand.FORMS),
        ("请各村统一张贴公示表", Demand.FORMS),
        # time taken to come and fetch something is no one borrowed
        ("请各村抽一个时间来镇农业服务中心领取种子", Demand.SECONDMENT),
        # 千家万户 and 千万 count nothing
        ("每村送到千家万户", Demand.QUOTA),
        ("每村千万要注意防火安全", Demand.QUOTA),
    ],
)
def test_ordinary_wording_that_looks_like_a_form_is_not_a_clear_demand(
    text: str, demand: Demand
) -> None:
    assert demands(text).get(demand, 0) < 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("县民政局又建了个低保核查群，请各村文书进群", Demand.APPS),
        ("各村建群后把户主都拉进来", Demand.APPS),
        ("请各村两委成员加入“秋粮收购”工作群", Demand.APPS),
        ("要求社区干部参加县里的各类推进会议", Demand.MEETING),
        ("“文明实践站”牌子已做好，请各村挂在村部门口", Demand.SIGNBOARD),
        ("请各社区抽两个人来局里帮忙录入三天", Demand.SECONDMENT),
        ("每村填好两张统计表", Demand.FORMS),
    ],
)
def test_the_same_forms_said_plainly_are_still_clear(text: str, demand: Demand) -> None:
    assert demands(text)[demand] == 2


@pytest.mark.parametrize(
    ("text", "many"),
    [
        ("请各村填好附件1张表，周五前报镇民政办", False),
        ("请各村填写1张汇总表报送", False),
        ("请各村填报12张统计表", True),
        ("迎检要准备十二张表", True),
        ("本次共21张表，逐一填报", True),
    ],
)
def test_one_table_is_no_count_of_tables(text: str, many: bool) -> None:
    # one table in figures is as little a burden as 一张表 in words; two and more are a count
    assert (demands(text).get(Demand.FORMS, 0) == 2) is many


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        # a rate set for each village
        ("家庭医生签约率每村要完成85%，名单明天报", Demand.QUOTA),
        ("每个村的接种率必须达到90%", Demand.QUOTA),
        # the village's own money spent on a department's things
        ("宣传展板每块380元，各村从村级运转经费中列支", Demand.COSTS),
        ("所需费用从社区办公经费中开支", Demand.COSTS),
        # an evaluation hosted
        ("请各社区做好环境整治，迎接省里测评", Demand.ASSESSMENT),
    ],
)
def test_rates_per_village_costs_charged_and_an_evaluation_hosted(text, demand) -> None:
    assert demands(text)[demand] == 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        # the rate the task aims at, not one handed to each village
        ("做好医保参保缴费宣传动员，确保参保率达到95%以上", Demand.QUOTA),
        ("协助燃气公司入户检查，检查率达到100%", Demand.QUOTA),
        # a banner is a sign of the form, not the form
        ("请各村悬挂防汛宣传横幅", Demand.SIGNBOARD),
    ],
)
def test_a_rate_aimed_at_or_a_banner_is_no_clear_form(text: str, demand: Demand) -> None:
    assert demands(text).get(demand, 0) < 2


def test_a_banner_put_up_is_a_sign_of_the_signboard_form() -> None:
    assert demands("请各社区在小区出入口悬挂宣传横幅")[Demand.SIGNBOARD] == 1


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("各村把大扫除的现场视频传群里，没传的点名", Demand.TRACE),
        ("农业系统已录过，统计局还要在各自系统里各录一遍", Demand.FORMS),
        ("请社区网格员把居民信息在平台上再录一遍", Demand.FORMS),
        ("明天随机进村检查，各村书记须在村待命，随叫随到", Demand.ASSESSMENT),
        ("由所在村负责核查取证并制作询问笔录", Demand.ENFORCEMENT),
        ("由各村对违法搭建下达停工通知", Demand.ENFORCEMENT),
        ("协会年会要求各村主职干部到场撑场面", Demand.MEETING),
    ],
)
def test_more_forms_as_departments_say_them(text: str, demand: Demand) -> None:
    assert demands(text)[demand] == 2


def test_an_unannounced_visit_alone_is_only_a_sign() -> None:
    assert demands("县里将不打招呼进村查看河道保洁情况")[Demand.ASSESSMENT] == 1


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("县里有广场舞比赛，请村里组织队伍报名，不评比到村", Demand.ASSESSMENT),
        ("各村自行组织春晚，县里不评比、不打分", Demand.ASSESSMENT),
        ("本次走访无需拍照，也不用截图", Demand.TRACE),
        ("今后不再打卡", Demand.TRACE),
    ],
)
def test_a_form_said_not_to_be_wanted_is_no_demand(text: str, demand: Demand) -> None:
    assert demand not in demands(text)


def test_those_who_do_not_are_checked_all_the_same() -> None:
    # 不打卡的 goes on to those who do not: the check-in is demanded
    assert demands("每天在群里打卡，不打卡的村全镇通报")[Demand.TRACE] == 2
    assert demands("不打卡的村干部全镇通报")[Demand.TRACE] == 2


def test_a_negative_item_says_what_it_forbids_with_a_negation() -> None:
    item = normalize("不得对村（社区）评比排名", boilerplate=False)
    assert Demand.ASSESSMENT in item_demands(item)


def test_the_senders_post_and_a_village_publishing_are_no_such_forms() -> None:
    assert demands("倡议书已发群里，请村里在广播和公开栏宣传").get(Demand.APPS, 0) < 2
    assert demands("会后把决议上墙公开").get(Demand.SIGNBOARD, 0) < 2
    # the villages posting, and rules on the wall, still are
    assert demands("各村把照片发群里")[Demand.APPS] == 2
    assert demands("各项工作制度一律上墙")[Demand.SIGNBOARD] == 2


def test_a_meeting_room_lent_is_no_meeting() -> None:
    assert Demand.MEETING not in demands("卫生院到村开展健康讲座，请村委会提前腾出会议室")


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("秸秆综合利用进度每旬排一次名，结果印发各乡镇", Demand.ASSESSMENT),
        ("四个检查组同时到各村，各村书记当天在村部等候", Demand.ASSESSMENT),
        ("“和美乡村”示范的，每村先交3000块评选费", Demand.COSTS),
        ("参评村交1500元版面费，入选后上刊", Demand.COSTS),
        ("医保费每人认领20户，月底前收齐", Demand.QUOTA),
        ("这礼拜的表太多了，各村安排个年轻人专门弄表", Demand.FORMS),
        ("三家的包保表内容差不多，各村还是要各填一份分头报送", Demand.FORMS),
        ("退役军人服务站的牌子要换新的", Demand.SIGNBOARD),
    ],
)
def test_contests_fees_cadres_quotas_tables_and_boards_as_said(text, demand) -> None:
    assert demands(text)[demand] == 2


def test_a_person_named_is_no_ranking() -> None:
    assert Demand.ASSESSMENT not in demands("请各村安排一名路长日常巡路")


def test_a_negative_item_on_fees_for_campaigns_reads_both_forms() -> None:
    found = item_demands(normalize("不得违规开展创建示范等活动并收取费用", boilerplate=False))
    assert found[Demand.COSTS].strength == 2
    assert found[Demand.ASSESSMENT].strength == 2


@pytest.mark.parametrize(
    "text",
    [
        "现将省商务厅的通知原文转发给你们，请各村认真贯彻落实",
        "县发改委将国家部委的意见直接转发至各村，要求各村研究贯彻措施",
    ],
)
def test_a_document_passed_down_unsifted_is_the_relay_form(text: str) -> None:
    assert demands(text)[Demand.RELAY] == 2


def test_a_station_set_up_is_a_mechanism_and_one_named_is_who_does_the_task() -> None:
    assert demands("请各村设立“法律援助工作站”，明确专人值守").get(Demand.MECHANISM) == 2
    assert demands("各社区要挂牌成立心理服务站").get(Demand.MECHANISM) == 2
    # the village's own station asked to do a task, or addressed
    assert demands("请各村退役军人服务站配合核对优抚对象信息").get(Demand.MECHANISM) == 1
    assert demands("@各村服务站站长 节前请走访困难老人").get(Demand.MECHANISM) == 1


def test_enforcement_the_village_helps_with_is_not_the_villages_own() -> None:
    assert Demand.ENFORCEMENT not in demands("请沿河各村配合执法人员排查排污口")
    assert Demand.ENFORCEMENT not in demands("劝导员发现酒驾及时报给交警，协助交警查处")
    assert demands("逾期不改的由村里实施处罚").get(Demand.ENFORCEMENT) == 2


def test_how_often_is_no_count() -> None:
    assert demands("公开栏的内容至少每三个月更新一次").get(Demand.QUOTA) != 2
    assert demands("每村至少三个人报名参加").get(Demand.QUOTA) == 2


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("参保率还差一点，外出的联系不上，请村干部先把钱垫上", Demand.COSTS),
        ("项目资金明年到位，工程款请各村垫付", Demand.COSTS),
        ("经营户情况表今天下午5点前必须报", Demand.FORMS),
        ("系统里已有名单，还得手抄一份纸质的交镇里", Demand.FORMS),
        ("请把系统里的走访记录打印出来，一户一页", Demand.FORMS),
        ("局里借用村干部两名集中办公三个月", Demand.SECONDMENT),
    ],
)
def test_advances_clock_deadlines_paper_copies_and_borrowed_staff(text, demand) -> None:
    assert demands(text).get(demand) == 2


def test_an_emergencys_count_asked_that_night_and_a_handout_printed_are_no_burden() -> None:
    assert Demand.FORMS not in demands("台风明晚登陆，请立即转移危险区群众，转移人数今晚8点前报")
    assert Demand.FORMS not in demands("新政策请便民服务点打印出来，群众来问时讲明白")


@pytest.mark.parametrize(
    "text",
    [
        "发现冒烟半小时内扑灭",
        "河滩那几户今晚6点前必须转到村小学",
        "实行24小时值班巡查，发现火点30分钟内处置完毕",
    ],
)
def test_a_time_limit_for_an_act_is_no_rushed_report(text) -> None:
    """A time limit or a same-day deadline is rushed reporting unless the rest of its clause is
    an act to do on the spot in that time, naming no report, figure or record."""
    assert Demand.FORMS not in demands(text)


@pytest.mark.parametrize(
    "text",
    [
        "半小时内回传处理结果",
        "10分钟内没回的点名",
        "今晚8点前把本村低收入人口名单报上来",
        "请于今天下午5点前在群里接龙",
        "各村务必一小时内",
        # a review's sentences: figures asked in plain speech, a report said far off or before
        "今晚8点前各村把低保、特困人员摸底排查情况弄好给我，县里明天一早要。",
        "县医保局急：各村一小时内把城乡居民医保参保缴费人数整理出来。",
        "各村今天下午5点前把本村农业普查底册在平台上录完。",
        "今天下午5点前请各村党支部书记会同网格员逐户核实后上报。",
        "各村的返乡人员名单报送须在一小时内完成，逾期的点名。",
        "今天下午5点前把清理情况报上来",
        "半小时内赶到现场并回传处理结果",
    ],
)
def test_a_time_limit_for_a_report_or_a_reply_stays_rushed(text) -> None:
    assert demands(text).get(Demand.FORMS) == 2


def test_a_duty_handed_to_the_village_is_not_its_cost() -> None:
    """An item that forbids handing a duty down (监管责任交由村(社区)承担) forbids no cost: a
    notice that has the village advance money must not be refused by it."""
    duty = item_demands(
        normalize("不得将企业安全检查等监管责任交由村(社区)承担", boilerplate=False)
    )
    assert Demand.COSTS not in duty
    cost = item_demands(normalize("不得将项目费用交由村集体承担", boilerplate=False))
    assert Demand.COSTS in cost


@pytest.mark.parametrize(
    "text",
    [
        "农技站建了种植户群和植保群，两个群都得进，每村至少两人。",
        "@各村 还没进禁毒宣传的群的文书，今天把他拉进去。",
        "扶贫项目验收已完，该群暂不解散，请各村联络员留在群里备用。",
        "防疫工作群以后改作联络用，各村人员一律不得退群。",
    ],
)
def test_staff_kept_in_a_group_named_before_the_verb_is_a_clear_demand(text: str) -> None:
    assert demands(text).get(Demand.APPS) == 2


@pytest.mark.parametrize(
    "text",
    [
        "请各村组织群众参加消防演练，个别群众要进行登记。",
        "请各村对重点人群进行随访，该群体要入户核实。",
        "群防群治队伍要加强夜间巡逻。",
    ],
)
def test_people_in_general_are_no_chat_group(text: str) -> None:
    assert Demand.APPS not in demands(text)


@pytest.mark.parametrize(
    "text",
    [
        "每村选派2名村医参加县里的急救技能培训。",
        "每个村明确三名护林员，名单报林业站。",
        "每个村配备不少于2名网格员，姓名电话报街道。",
        "各村组建一支不少于12人的护村队，负责夜间值守。",
        "确保每个网格有2名联络员。",
    ],
)
def test_people_a_village_names_or_sends_are_no_quota(text: str) -> None:
    assert Demand.QUOTA not in demands(text)


@pytest.mark.parametrize(
    "text",
    [
        "请各村组织村民观看惠民演出，每场不少于80人。",
        "每村动员不少于30人参加健步走活动。",
        "每村推荐人数不少于10人的，年底通报表扬。",
        "每个村征订报刊不少于20份，各村摊派3人订阅。",
    ],
)
def test_people_turned_out_or_counted_stay_a_quota(text: str) -> None:
    assert demands(text).get(Demand.QUOTA) == 2


@pytest.mark.parametrize(
    "text",
    [
        "每村招募不少于10名志愿者参加禁毒宣传活动。",
        "每村推荐不少于5人报名参加禁毒宣传培训。",
        "每村确定不少于30名群众参加观摩活动",
        "每村至少有50名群众参加活动",
        "每村确定30名群众参加观摩活动。",
        "每村推荐不少于20名学员参加培训。",
    ],
)
def test_volunteers_trainees_and_turnout_named_are_still_a_quota(text: str) -> None:
    # Naming people is staffing only when they are the village's own roles or a number of
    # places; a floor of volunteers, trainees or residents turned out is the 摊派 itself.
    assert demands(text).get(Demand.QUOTA) == 2


def test_the_police_station_sends_no_one() -> None:
    # 派出所 is the police station, not 派出 people: the count after it is not staffing.
    assert demands("派出所通知：每村不少于5名群众参加反诈讲座。").get(Demand.QUOTA) == 2


@pytest.mark.parametrize(
    "text",
    [
        "林业站给村里的古树名木统一挂牌，请村里派人配合。",
        "请各村为新入伍战士家庭上门悬挂光荣牌。",
        "今年的文明户评出来了，在各户门口挂上“文明之家”的牌子。",
    ],
)
def test_a_plate_on_a_tree_or_a_households_door_is_no_board_of_the_village(text: str) -> None:
    assert demands(text).get(Demand.SIGNBOARD, 0) < 2


@pytest.mark.parametrize(
    "text",
    [
        "请各村在村委会门口挂上“古树保护工作站”的牌子。",
        "县里要求各村统一悬挂“平安家庭创建办公室”标牌。",
        "各村村部门前挂牌，月底前完成。",
    ],
)
def test_a_board_on_the_villages_office_stays_a_board(text: str) -> None:
    assert demands(text).get(Demand.SIGNBOARD) == 2


@pytest.mark.parametrize(
    "text",
    [
        "入户核查的结果请在民政平台和乡村振兴平台分别上传。",
        "同一份巡查记录，网格系统上传后还要在小程序里重复上传。",
        "新平台启用后旧系统不关，两边都得填，数据要一致。",
        "防汛巡查情况请在三个平台同时上报。",
    ],
)
def test_the_same_record_uploaded_in_several_places_is_repeated_reporting(text: str) -> None:
    assert demands(text).get(Demand.FORMS) == 2


@pytest.mark.parametrize(
    "text",
    ["请各村将巡查照片上传至平台。", "发现险情的，请立即上报乡镇。"],
)
def test_one_upload_or_one_report_is_no_repetition(text: str) -> None:
    assert demands(text).get(Demand.FORMS, 0) < 2


@pytest.mark.parametrize(
    "text",
    [
        "本季度垃圾清运进度全乡倒数的两个村，主任到乡里作说明。",
        "疫苗接种进度与年度评先评优挂钩，请各村抓紧。",
        "未按期完成的村，取消年终评优资格。",
        "各村护林巡查完成情况纳入村两委成员绩效。",
    ],
)
def test_an_assessment_told_by_what_it_does_to_the_village(text: str) -> None:
    assert demands(text).get(Demand.ASSESSMENT) == 2


@pytest.mark.parametrize(
    "text",
    [
        "距离春节倒数十天，请各村做好返乡人员登记。",
        "县里开展优秀网格员评选，请各村推荐人选。",
        "请各村把困难党员名单纳入慰问范围。",
    ],
)
def test_a_countdown_a_nomination_or_a_list_widened_is_no_assessment(text: str) -> None:
    assert demands(text).get(Demand.ASSESSMENT, 0) < 2


@pytest.mark.parametrize(
    "text",
    [
        "系统里已有的残疾人信息，请各村在省平台单独录一遍。",
        "除上报的名单外，还请另外填一份纸质登记表交来。",
        "与去年口径不同，各村须另行重新填写，旧数据不能用。",
    ],
)
def test_the_same_figures_entered_again_apart_are_repeated_reporting(text: str) -> None:
    assert demands(text).get(Demand.FORMS) == 2


@pytest.mark.parametrize(
    "text",
    ["如有变动，另行通知。", "请各村填写一份申报表。", "填错的请重新核对后提交。"],
)
def test_one_form_or_a_notice_to_follow_is_no_second_entry(text: str) -> None:
    assert demands(text).get(Demand.FORMS, 0) < 2


@pytest.mark.parametrize(
    "item",
    [
        "不得随意要求村干部召开各类动员会议",
        "已印发文件部署的工作不再专门开会部署",
        "不得让村干部一天之内连续赶三个会",
    ],
)
def test_a_negative_item_forbidding_a_meeting_held_names_the_meeting_form(item: str) -> None:
    found = item_demands(normalize(item, boilerplate=False))
    assert found[Demand.MEETING].strength == 2


def test_a_notice_holding_a_meeting_asks_no_one_to_sit_in_it() -> None:
    assert Demand.MEETING not in demands("村民委员会召开村民代表会议，讨论本年度一事一议项目。")


@pytest.mark.parametrize(
    "text",
    [
        "请各村于月底前报送人口、住房、就业两套报表。",
        "本周要交的表有养老、医保、低保、残联，总共四张，周五前交齐。",
        "各村每周报一张用工统计表、一张返乡人员表。",
    ],
)
def test_tables_counted_are_the_burden_of_forms(text: str) -> None:
    assert demands(text).get(Demand.FORMS) == 2


@pytest.mark.parametrize(
    "text",
    [
        "请各村填写一张申请表，月底前交乡镇。",
        "每户拍摄门前照片，总共三张，发给网格员。",
        "两套房子都要登记，填写登记表。",
    ],
)
def test_one_table_or_photos_counted_are_no_burden_of_forms(text: str) -> None:
    assert demands(text).get(Demand.FORMS, 0) < 2


@pytest.mark.parametrize(
    "text",
    [
        "汛期每村确保不少于3名村干部在村部值班，手机保持畅通。",
        "节日期间各村至少保证两人轮班在岗。",
        "各村灭火器每村至少备足五个，放在村部。",
    ],
)
def test_what_a_village_keeps_ready_for_its_own_work_is_no_quota(text: str) -> None:
    assert Demand.QUOTA not in demands(text)


@pytest.mark.parametrize(
    "text",
    [
        "确保每村发展不少于30名新用户注册。",
        "每村认购应急包不少于20套。",
    ],
)
def test_users_won_and_goods_sold_stay_a_quota(text: str) -> None:
    assert demands(text).get(Demand.QUOTA) == 2


@pytest.mark.parametrize(
    "text",
    [
        "每村组织收看的村民不得少于50人。",
        "各村今年新发展的合作社社员户不能少于五户。",
        "每村安排不得少于10名志愿者参加清洁日活动。",
    ],
)
def test_a_floor_said_with_not_to_fall_under_is_a_quota(text: str) -> None:
    # 不得少于 and 不能少于 say what 不少于 says: a number the village must reach.
    assert demands(text).get(Demand.QUOTA) == 2


@pytest.mark.parametrize(
    "text",
    [
        "请各村安排两名村干部陪同县调查组入户核对。",
        "每个工作日至少一名村干部在党群服务中心办公。",
        "每村配备不得少于2名网格员，名单报镇综治办。",
    ],
)
def test_people_a_village_arranges_or_keeps_at_its_office_are_no_quota(text: str) -> None:
    assert Demand.QUOTA not in demands(text)


@pytest.mark.parametrize(
    "text",
    [
        "请各村在村部大门两侧挂上“新时代文明实践站”“乡村振兴工作站”“网格服务站”三块牌子。",
        "“河长制工作站”的牌子镇里已经统一印好了，请各村周三前来领回去挂好。",
    ],
)
def test_a_board_hung_with_names_or_a_clause_between_verb_and_board(text: str) -> None:
    assert demands(text).get(Demand.SIGNBOARD) == 2


@pytest.mark.parametrize(
    "text",
    [
        "请各村把光荣牌送到军属家里，挂在各户门口。",
        "请各村挂念辖区独居老人，发放爱心联系牌子。",
    ],
)
def test_a_plate_for_households_or_another_hang_is_still_no_board(text: str) -> None:
    assert demands(text).get(Demand.SIGNBOARD, 0) < 2


@pytest.mark.parametrize(
    "text",
    [
        "上报的图片少于三幅的，该次走访一律作废",
        "入户记录不足十页的村，视为未开展",
        "没有照片就等于没去，镇里只认图",
    ],
)
def test_a_record_falling_short_taken_as_work_undone_is_a_clear_trace(text: str) -> None:
    assert demands(text).get(Demand.TRACE) == 2


@pytest.mark.parametrize(
    "text",
    [
        "不得以报送图片的张数考核村级工作",
        "不得将线上学习的时长当作评价村干部的标准",
        "不得以工作记录的厚度评价村（社区）工作",
    ],
)
def test_an_item_forbidding_a_records_measure_as_the_test_forbids_a_trace(text: str) -> None:
    assert item_demands(normalize(text)).get(Demand.TRACE) is not None
    assert item_demands(normalize(text))[Demand.TRACE].strength == 2


def test_a_count_of_people_or_a_visit_without_records_is_no_trace() -> None:
    assert Demand.TRACE not in demands("参加培训的人数少于二十人的，请说明原因")
    assert Demand.TRACE not in demands("低保户家里没有人的，改天再去走访")


@pytest.mark.parametrize(
    "text",
    [
        "督查组周四到，各村把村委会门口的旧宣传栏连夜刷白，再摆上几排盆栽",
        "下月验收前，请把去年的会议记录补写齐全，签名找人代签",
        "市里调研组来看点，村里安排三十人在祠堂前排练迎宾节目",
        "不得为应付上级检查临时搭建景观",
    ],
)
def test_appearances_or_records_made_up_for_an_inspection_are_a_show(text: str) -> None:
    assert demands(text).get(Demand.SHOW) == 2


@pytest.mark.parametrize(
    "text",
    [
        "请各村开展安全隐患检查，发现问题及时整改",
        "验收合格的改厕户，请村里登记后报乡农办",
        "下周开展应急演练，请各村组织群众参加",
        "检查组来时不要摆样子，照常办公即可",
    ],
)
def test_an_inspection_or_a_drill_alone_is_no_show(text: str) -> None:
    assert Demand.SHOW not in demands(text)


@pytest.mark.parametrize(
    "text",
    [
        "开展安全生产突击检查，排查隐患，检查发现问题及时整改。",
        "现场演示灭火器使用方法，检查消防设施。",
        "检查灭火器是否过期，过期的要及时换新。",
        "请各村人员到位，迎接县防汛检查组督查。",
    ],
)
def test_a_surprise_check_or_checking_equipment_is_no_show(text: str) -> None:
    # The village checking its own equipment, or an inspection it hosts with its people
    # present, is no show made up for inspectors (hosting one is the assessment form).
    assert Demand.SHOW not in demands(text)


@pytest.mark.parametrize(
    "text",
    [
        "困难户名单：残联要一份，住建局要一份，乡里也要一份",
        "在省平台登记一次，在县里的小程序再登记一次",
        "请各村分别向卫健、医保两个部门报送慢病人员情况",
        "两个局的表格式又不一样，只能各做一套",
    ],
)
def test_the_same_figures_to_several_offices_are_repeated_reporting(text: str) -> None:
    assert demands(text).get(Demand.FORMS) == 2


def test_an_item_forbidding_reporting_or_collecting_from_many_sides_is_read() -> None:
    assert item_demands(normalize("严禁多头采集村民信息"))[Demand.FORMS].strength == 2
    assert item_demands(normalize("同一户籍信息不得重复采集"))[Demand.FORMS].strength == 2


def test_one_copy_to_one_office_is_no_repeated_reporting() -> None:
    assert demands("名单报乡民政办一份，由乡里汇总").get(Demand.FORMS) != 2
    assert demands("请按统一格式填写后报送").get(Demand.FORMS) != 2


@pytest.mark.parametrize(
    "text",
    [
        "各村在村部显眼位置悬挂“人民调解工作流程图”“调解员职责”两块展板",
        "工作制度做成展板挂在墙上",
        "把站长、指导员名单做成展板，挂在村部",
    ],
)
def test_a_display_board_of_a_bodys_rules_or_people_hung_is_a_board(text: str) -> None:
    assert demands(text).get(Demand.SIGNBOARD) == 2


@pytest.mark.parametrize(
    "text",
    [
        "请各村在村委会门口挂两块展板，宣传防诈骗知识。",
        "展板挂出来接受群众监督",
        "请在活动室墙上挂起“家风家训”“文明公约”三块宣传展板",
        "做好的消防知识展板统一挂在村部走廊",
    ],
)
def test_a_publicity_display_board_hung_is_no_nameplate(text: str) -> None:
    # The lists' 挂牌 are bodies' nameplates and rules put on the wall, not a campaign's board.
    assert demands(text).get(Demand.SIGNBOARD, 0) < 2


def test_a_display_board_shown_or_lent_is_no_board_hung() -> None:
    assert demands("县图书馆到村开展图书巡展，带展板，村里腾出场地").get(Demand.SIGNBOARD) != 2


@pytest.mark.parametrize(
    "text",
    [
        "深夜十二点半，@全体网格员 明天八点前把独居老人名单核一遍发过来",
        "【23:10】@各社区书记 明早报送辖区门店排查情况",
        "元旦晚上，@各村 把返乡人员表今晚补齐",
        "不得在节假日通过工作群派发任务",
    ],
)
def test_a_message_sent_off_hours_or_an_item_forbidding_it_is_read(text: str) -> None:
    assert demands(text).get(Demand.OFF_HOURS) == 2


@pytest.mark.parametrize(
    "text",
    [
        "春节前后，请各村做好留守老人走访慰问",
        "国庆期间请各村加强森林防火巡查",
        "10:30 各村书记到镇会议室开会",
    ],
)
def test_a_holiday_the_task_is_about_is_no_off_hours_message(text: str) -> None:
    assert Demand.OFF_HOURS not in demands(text)


def test_a_ticket_handed_over_or_its_slip_returned_is_a_clear_ticket() -> None:
    assert demands("热线工单已派给河滨社区，请跟进").get(Demand.TICKETS) == 2
    assert demands("这张12345工单你们社区看一下，办完回单").get(Demand.TICKETS) == 2


@pytest.mark.parametrize(
    "text",
    [
        "请网格员在手机上装好“安居通”“码上办”两个应用并实名",
        "又上线了一个小程序，旧的也留着，村干部都要用",
        "人社、医保各配一部手机到村，分开使用",
        "不得要求村干部同时使用多部工作终端",
    ],
)
def test_several_tools_for_the_same_work_are_a_clear_app_burden(text: str) -> None:
    assert demands(text).get(Demand.APPS) == 2


def test_one_phone_or_an_application_form_is_no_app_burden() -> None:
    assert demands("请村干部带一部手机现场核实").get(Demand.APPS) != 2
    assert demands("收到两个应用程序开发项目的申请材料").get(Demand.APPS) != 2


@pytest.mark.parametrize(
    "text",
    [
        "另一部分村民对反诈知识不了解，要加强宣传。",
        "多部门联合治理手机卡涉诈问题",
        "推进数字乡村建设，拓展多个场景应用。",
        "推广两个以上农业新技术应用",
    ],
)
def test_another_part_departments_and_uses_are_no_app_burden(text: str) -> None:
    assert demands(text).get(Demand.APPS, 0) < 2


def test_the_other_phone_of_a_pair_is_still_an_app_burden() -> None:
    assert demands("巡查签到用一部，信息上报用另一部，不能混用").get(Demand.APPS) == 2
    assert demands("打卡用另一部手机").get(Demand.APPS) == 2


@pytest.mark.parametrize(
    "text",
    [
        "以后镇里发的每一条通知，各村都要在下面回个“收到”",
        "所有村干部看到就回，不回的点名",
        "每个通知下面回一声1，方便统计",
    ],
)
def test_every_message_answered_is_a_clear_group_burden(text: str) -> None:
    assert demands(text).get(Demand.APPS) == 2


def test_a_reply_to_one_request_or_a_return_home_is_no_group_burden() -> None:
    assert demands("每条线路的客车回村时间请登记").get(Demand.APPS) != 2
    assert demands("请将意见回执于周五前交乡政府").get(Demand.APPS) != 2


@pytest.mark.parametrize(
    "text",
    [
        "2026年12月5日晚上，镇农业办：请各村组织农户做好秋冬种工作。",
        "晚上好！请各村做好森林防火巡查。",
        "国庆假期第一天 请各村做好森林防火巡查。",
        "周六上午，镇卫生院到各村开展免费义诊。",
        "中秋节上午 各村组织慰问留守老人",
        "凌晨一点，请各村立即上报受灾情况",
        "1 30 前各村报送材料",
    ],
)
def test_a_notice_s_date_a_greeting_or_the_event_s_time_is_no_off_hours_stamp(text: str) -> None:
    assert demands(text).get(Demand.OFF_HOURS, 0) < 2


@pytest.mark.parametrize(
    "text",
    [
        "对群众提出的防汛意见建议逐条回应",
        "对巡察反馈问题逐条整改、逐条回复",
        "每条道路回填平整",
        "看到就回家吃饭",
        "每个通知下面的附件请下载后回传",
    ],
)
def test_a_point_answered_a_road_or_a_file_sent_back_is_no_message_answered(text: str) -> None:
    assert demands(text).get(Demand.APPS, 0) < 2


@pytest.mark.parametrize(
    "text",
    [
        "各村要将衔接资金项目纳入全过程绩效管理",
        "表格倒数第二列填写低保对象身份证号",
        "受处分的村干部当年不得评先评优",
    ],
)
def test_performance_management_a_column_or_a_cadre_s_discipline_is_no_assessment(
    text: str,
) -> None:
    assert demands(text).get(Demand.ASSESSMENT, 0) < 2


@pytest.mark.parametrize(
    "text",
    [
        "各村申报材料格式不同的，请按附件模板修改后上报低保对象材料",
        "请各村于12月10日前报送材料，在镇里报一次即可，在县里不用再报一次。",
    ],
)
def test_one_format_asked_or_a_second_entry_waived_is_no_repeated_reporting(text: str) -> None:
    assert demands(text).get(Demand.FORMS, 0) < 2


@pytest.mark.parametrize(
    "text",
    ["周日下午，@各村书记 把本周巡河记录补齐", "【凌晨0:40】请各村把明早检查的台账整理好"],
)
def test_an_off_hours_stamp_before_the_ones_it_is_sent_to_is_still_read(text: str) -> None:
    assert demands(text).get(Demand.OFF_HOURS) == 2


def test_the_bottom_of_a_ranking_is_still_an_assessment() -> None:
    assert demands("@各村主任 本月卫生评比倒数第一的是东坡村").get(Demand.ASSESSMENT) == 2


@pytest.mark.parametrize(
    "text",
    [
        "各村召开村民代表会议投票表决修路筹资方案，结果张榜公布。",
        "换届选举投票站设在村部，请通知外出务工的选民回村投票。",
        "组长人选由本组村民开会举手或者投票产生。",
    ],
)
def test_a_vote_the_village_holds_itself_is_no_app_burden(text: str) -> None:
    assert Demand.APPS not in demands(text)


@pytest.mark.parametrize(
    "text",
    [
        "网络评选开始了，请各村发动群众每天投票。",
        "请各村发动村民在县融媒体App上为本村投票。",
    ],
)
def test_residents_sent_to_vote_in_a_contest_stay_an_app_burden(text: str) -> None:
    assert Demand.APPS in demands(text)


@pytest.mark.parametrize(
    "text",
    [
        "请各村发动村民积极参与网络投票，为我县争光。",
        "请各村召开会议传达部署，发动群众每天投票。",
        "本次大会评选采用网络投票，请各村积极动员。",
    ],
)
def test_a_contest_vote_beside_residents_or_a_meeting_stays_an_app_burden(text: str) -> None:
    # Only the 投票 of the village's own meeting or election is set aside, within its clause.
    assert Demand.APPS in demands(text)


def test_the_words_around_a_vote_the_village_holds_still_count() -> None:
    assert demands("请各村组织村民进群，每天投票。").get(Demand.APPS) == 2
    assert demands("村民代表会议投票结果在村微信群公布。").get(Demand.APPS, 0) < 2


@pytest.mark.parametrize(
    "text",
    [
        "每村安排20名村民到镇卫生院参加免费体检。",
        "每村安排15名观众收看直播。",
        "每村至少动员30名群众参加，报名表交镇党政办公室。",
    ],
)
def test_residents_arranged_and_an_office_named_after_a_floor_stay_a_quota(text: str) -> None:
    assert demands(text).get(Demand.QUOTA) == 2


@pytest.mark.parametrize(
    "text",
    ["公示期不得少于5个工作日，公示无异议后上报。", "征求意见时间不得少于3个月。"],
)
def test_how_long_is_no_quota(text: str) -> None:
    assert Demand.QUOTA not in demands(text)


def test_the_villages_own_people_arranged_are_still_staffing() -> None:
    assert Demand.QUOTA not in demands("每村安排两名网格员带领群众排查隐患。")


def test_an_app_named_beside_a_meeting_keeps_the_vote_an_app_burden() -> None:
    assert demands("请村民代表会议后组织大家在App上投票。").get(Demand.APPS) == 2


@pytest.mark.parametrize(
    "text",
    [
        "入户核查时工作人员不得少于2人，并出示证件。",
        "执法检查人员不得少于两人。",
        "每户补助标准不得少于2000元，由县财政直接发放到户。",
        "各网格不得少于1名专职网格员。",
    ],
)
def test_the_officers_a_procedure_takes_and_a_households_aid_are_no_quota(text: str) -> None:
    assert Demand.QUOTA not in demands(text)


@pytest.mark.parametrize("text", ["每月入户走访不得少于2次。", "村务公开栏每季度更新不得少于1次。"])
def test_a_few_times_in_a_span_is_how_often_not_a_quota(text: str) -> None:
    assert Demand.QUOTA not in demands(text)


def test_many_times_in_a_span_is_still_a_count_asked() -> None:
    assert demands("每个村每月至少填80次借阅，不够的自己补上。").get(Demand.QUOTA) == 2


@pytest.mark.parametrize(
    "text",
    [
        "社区把老年人满意度调查表统一勾成“满意”后交街道",
        "请各村替外出农户把医保知晓率问卷填完，每村不少于300份",
        "平安建设测评前，村干部逐户上门，把参考答案念给老人听",
        "请各村在群里发一段话，提醒大家回访时回答“非常满意”",
        "接到电话测评说满意的村民，凭截图到村委会领洗衣粉一袋",
    ],
)
def test_a_survey_answered_or_coached_for_the_residents(text: str) -> None:
    assert Demand.SURVEY in demands(text)


@pytest.mark.parametrize(
    "text",
    [
        "请各村通知群众注意接听县统计局的安全感电话调查",
        "协助开展人口抽样调查，普查员入户时村干部带路",
        "请村里组织村民参加健康知识问卷调查，问卷由卫生院收回",
        "12345工单回访不满意的，请村里再上门了解诉求",
    ],
)
def test_a_survey_the_residents_answer_themselves_is_no_such_form(text: str) -> None:
    assert Demand.SURVEY not in demands(text)


@pytest.mark.parametrize(
    "text",
    [
        # the village's own data form, or people answering for themselves
        "请各村（社区）于3月15日前填好《农村人居环境整治情况调查表》并报镇农办",
        "请各村组织党员填好党员满意度测评表",
        "请村民认真回答满意度调查问卷",
        "请各村都选派一名网格员参加群众满意度调查培训",
        # a service and its follow-up in two clauses
        "请各村帮残疾人填写两项补贴申请表，做好回访",
        "请各村对12345工单做好回访，帮助群众解答政策疑问",
        # a notice forbidding the form itself
        "本次测评严禁村干部代填代答，一经发现通报批评",
    ],
)
def test_a_form_filled_a_service_followed_up_or_a_survey_forbidden_is_no_coaching(
    text: str,
) -> None:
    assert Demand.SURVEY not in demands(text)


def test_answers_in_quotes_and_answering_in_the_residents_place_are_coaching() -> None:
    assert Demand.SURVEY in demands("各村要确保电话调查时群众回答“满意”“很满意”")
    assert Demand.SURVEY in item_demands(normalize("要求村（社区）干部代替群众接受电话回访"))


def test_a_survey_named_first_then_filled_in_for_the_residents_is_coaching() -> None:
    assert Demand.SURVEY in demands("老年人满意度问卷每个社区150份，请社区代居民填好后交街道")
    # the village's own data form named first is still its own form
    assert Demand.SURVEY not in demands("经费使用情况调查表已下发，请村里统一填写后报财政所")


@pytest.mark.parametrize(
    "text",
    [
        "周五县司法局开法治讲座，请各村安排20人参加",
        "请各村组织三十人到镇文化站观看廉政戏曲，按时到场",
        "每个社区发动15人参与周六的全民健身展演",
    ],
)
def test_a_turnout_told_as_a_bare_head_count_is_a_quota(text: str) -> None:
    assert demands(text).get(Demand.QUOTA) == 2


@pytest.mark.parametrize(
    "text",
    ["每村选派2名网格员参加培训", "请各村安排一名干部带路", "请每村派3人参加应急演练培训"],
)
def test_a_few_of_the_villages_own_people_sent_is_no_turnout(text: str) -> None:
    assert Demand.QUOTA not in demands(text)


@pytest.mark.parametrize(
    "text",
    [
        "村里闲置的仓库要出租，按规定到镇农村产权交易站挂牌招租",
        "对这处重大隐患由县里挂牌督办，请村里配合整改",
    ],
)
def test_listing_on_an_exchange_or_under_supervision_is_no_board(text: str) -> None:
    assert Demand.SIGNBOARD not in demands(text)


def test_households_the_village_rates_itself_are_no_assessment_of_the_village() -> None:
    assert Demand.ASSESSMENT not in demands("请各村开展庭院卫生评比，每季度评出十户美丽庭院")
    assert Demand.ASSESSMENT not in demands("村里每月对各户门前三包情况打分，上红黑榜")
    # villages ranked by their households' figures are still assessed
    assert Demand.ASSESSMENT in demands("镇里按各村农户垃圾分类参与率排名通报")


def test_figures_asked_again_in_an_offices_own_terms_are_a_form() -> None:
    assert demands("请各村按本局口径重新统计一遍低保户家庭成员，民政系统里的数据不算") == {
        Demand.FORMS: 2
    }
    assert (
        demands("各村另行填报一份残疾人名单，此前已报送的名单不作为本次依据").get(Demand.FORMS) == 2
    )
    # a notice waiving it asks nothing again (a weak sign of figures at most)
    assert demands("此前已上报的数据不再重复报送").get(Demand.FORMS, 0) < 2


@pytest.mark.parametrize(
    "text",
    [
        "村文书被县农业农村局借走快半年了，村里的报表没人弄",
        "请各村派一名年轻干部来街道帮忙筹备创建工作，为期两个月",
        "新选的村委委员一直在镇里协助写材料，村民找不到人",
    ],
)
def test_a_cadre_taken_or_kept_away_by_an_office_is_a_secondment(text: str) -> None:
    assert demands(text).get(Demand.SECONDMENT) == 2


@pytest.mark.parametrize(
    "text", ["请各村干部明天到镇里协助做好征兵体检工作", "村里借到了镇里的抽水泵"]
)
def test_a_days_help_or_a_thing_borrowed_is_no_secondment(text: str) -> None:
    assert Demand.SECONDMENT not in demands(text)


@pytest.mark.parametrize(
    "text",
    [
        "镇里把拆旧任务分到各村民小组，年底前拆不完组长担责",
        "那几栋危旧房月底前必须拆掉，村里自己想办法",
    ],
)
def test_old_houses_to_pull_down_are_demolition(text: str) -> None:
    assert demands(text).get(Demand.DEMOLITION) == 2


def test_surveying_unsafe_houses_is_no_demolition() -> None:
    assert Demand.DEMOLITION not in demands("请各村协助做好危房改造户的入户核查和资料收集")


@pytest.mark.parametrize(
    "text",
    [
        "卫健、民政、医保各要一次老人名单，村里把同样的信息填了三遍",
        "上个月刚报过的表，这次又要重新填，只是表头不一样",
    ],
)
def test_the_same_figures_filled_again_are_repeated_reporting(text: str) -> None:
    assert demands(text).get(Demand.FORMS) == 2


def test_the_last_digit_of_an_id_number_is_no_ranking() -> None:
    assert Demand.ASSESSMENT not in demands("身份证号末位是X的要大写")
    assert Demand.ASSESSMENT in demands("考核末位的村要在全镇大会上表态发言")


@pytest.mark.parametrize(
    "text",
    [
        "镇农业执法大队通知：请各村护渔员轮流上堤，看到下地笼的立即报告。",
        "县综合行政执法局：请各村协助宣传垃圾不落地。",
        "县征地拆迁办：请各村在宣传栏张贴补偿政策。",
        "县招商局：请各村把闲置厂房的面积和位置报过来。",
        "发现露天焚烧的，请报告县城管执法中队。",
    ],
)
def test_a_body_named_by_its_work_is_no_demand(text: str) -> None:
    found = find_demands(normalize(text))
    for demand in (Demand.ENFORCEMENT, Demand.DEMOLITION, Demand.INVESTMENT):
        assert demand not in found, (demand, text)


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("县综合执法局：请各村对违建户下达处罚决定书，由村里执法。", Demand.ENFORCEMENT),
        ("请各村配合执法大队，村里负责拆除违建。", Demand.ENFORCEMENT),
        ("县征地拆迁办：请各村干部包户做好拆迁动员，月底前签约。", Demand.DEMOLITION),
        ("县招商局：每村今年引进项目不少于两个。", Demand.INVESTMENT),
    ],
)
def test_the_work_itself_asked_beside_a_body_is_still_read(text: str, demand: Demand) -> None:
    assert demand in find_demands(normalize(text))


@pytest.mark.parametrize(
    "text",
    [
        "看到有人电鱼的，拍照报镇农业站。",
        "发现乱倒建筑垃圾的，拍下来发给镇城管。",
        "请村里先去现场看看，拉上警戒线、立牌子，提醒别靠近。",
        "在塘边立个牌子，写上禁止下水游泳。",
    ],
)
def test_a_wrong_photographed_or_a_warning_put_up_is_no_form(text: str) -> None:
    found = find_demands(normalize(text))
    assert Demand.TRACE not in found and Demand.SIGNBOARD not in found, text


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("巡河要拍照上传打卡，每天一次。", Demand.TRACE),
        ("发现问题要拍照留痕，每天发群里。", Demand.TRACE),
        ("各村要在村部门口挂上禁毒工作站的牌子。", Demand.SIGNBOARD),
    ],
)
def test_photos_as_proof_and_boards_on_the_office_are_still_forms(
    text: str, demand: Demand
) -> None:
    assert demand in find_demands(normalize(text))


@pytest.mark.parametrize(
    "text",
    [
        "@各村文书 这批困难户名单发群里了，打印出来贴在公开栏。",
        "本周的放映安排已发工作群，请村里用广播通知一下。",
        "补贴申请表已经上传到群里，请通知村民来村部填写。",
    ],
)
def test_material_the_sender_put_in_the_group_is_no_work_group(text: str) -> None:
    assert Demand.APPS not in find_demands(normalize(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "请各村每天下午把巡查照片发群里。",
        "请各村在群里回复收到。",
        "各村都要进这个群，每天在群里报到。",
    ],
)
def test_the_village_made_to_work_in_the_group_is_still_read(text: str) -> None:
    assert Demand.APPS in find_demands(normalize(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "村里民主评议两委成员的会下周开，群众现场打分。",
        "年终述职会上，村民代表当场给每位村干部打分。",
        "请各组长每月入户打分，看看各家院子干不干净。",
        "今年评“美丽庭院”，院子干净的挂星。",
        "村里推行积分制，参加义务劳动的可以到积分超市换东西。",
    ],
)
def test_the_village_rating_its_households_or_its_cadres_is_no_assessment(text: str) -> None:
    assert Demand.ASSESSMENT not in find_demands(normalize(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "镇里将对各村垃圾分类工作考核打分，末位通报。",
        "群众满意度测评结果将作为村干部考核依据。",
        "各村积分排名后三位的要在大会上表态发言。",
    ],
)
def test_the_village_assessed_from_above_is_still_read(text: str) -> None:
    assert Demand.ASSESSMENT in find_demands(normalize(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "水库今晚泄洪，下游几户老人谁去转移、转到哪里，马上报给我。",
        "刚才地震了，请各村看看有没有房屋倒塌、人员受伤，立即报镇里。",
    ],
)
def test_figures_asked_at_once_in_an_emergency_are_no_rushed_report(text: str) -> None:
    assert Demand.FORMS not in find_demands(normalize(text)), text


def test_figures_asked_at_once_otherwise_are_rushed() -> None:
    assert Demand.FORMS in find_demands(normalize("请各村马上把低保户名单报上来。"))


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("各村网格员明早去核一遍低保户，收到请回复，不回复视为没看到。", Demand.APPS),
        ("节日值班表各村重报一份，收到的在群里回“收到+村名”。", Demand.APPS),
        ("各村监测员每天要在APP里挂满3小时，后台看得到。", Demand.APPS),
        ("请各村每天下班前把当天工作的图文发给宣传办。", Demand.TRACE),
        ("综治中心新做的铜牌明天送到各村，挂在村部大门一侧。", Demand.SIGNBOARD),
        ("县里要看墙上的制度牌，没有挂全的这周挂上。", Demand.SIGNBOARD),
    ],
)
def test_answering_at_once_hours_online_and_boards_in_other_words(
    text: str, demand: Demand
) -> None:
    assert demand in find_demands(normalize(text)), text


def test_a_reply_received_is_no_answer_demanded() -> None:
    assert Demand.APPS not in find_demands(normalize("收到回复后再给群众办理。"))


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("每周统计各村干部的在线率，低于九成的在全镇会上点名。", Demand.ASSESSMENT),
        ("值班电话三声不接的村，书记写检查。", Demand.ASSESSMENT),
        ("上周报的耕地面积口径不对，作废，今天重新报一遍。", Demand.FORMS),
        ("三个部门都要残疾人底数，表格各不一样，今晚都交。", Demand.FORMS),
        ("推介会请各村书记到会场坐满前三排。", Demand.MEETING),
        ("市里来调研，请各村主任全天到镇里陪同听汇报。", Demand.MEETING),
        ("本周四个会都要求村支书参加。", Demand.MEETING),
        ("关爱对象每村按人口百分之二报，凑不够数的从别的组找。", Demand.QUOTA),
        ("满意度调查的答案要让每户都记住，接到电话照着说。", Demand.SURVEY),
        ("短信提醒群众测评时别说“不清楚”。", Demand.SURVEY),
        ("领导下周要路过，路边那块空地先栽点苗做做样子。", Demand.SHOW),
    ],
)
def test_forms_said_in_plain_words(text: str, demand: Demand) -> None:
    assert demand in find_demands(normalize(text)), text


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("请通知老人下周到卫生室做检查。", Demand.ASSESSMENT),
        ("表彰大会上点名表扬了三个村。", Demand.ASSESSMENT),
        ("请记住防诈骗热线号码。", Demand.SURVEY),
        ("春节前村里插满彩旗，挂上灯笼。", Demand.SHOW),
    ],
)
def test_like_words_of_other_things_are_no_form(text: str, demand: Demand) -> None:
    assert demand not in find_demands(normalize(text)), text


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("满意度电话下周开始打，答题口径已经发了，请各村照着教老人。", Demand.SURVEY),
        ("回访时请群众说村里宣传到位、服务满意。", Demand.SURVEY),
        ("要跟每家每户签不乱埋乱葬的承诺，一户一份。", Demand.PLEDGE),
        ("各村与所有农户签订不建坟的保证书，存档备查。", Demand.PLEDGE),
        ("请于今天17:00前报送各村秋粮种植面积。", Demand.FORMS),
    ],
)
def test_coaching_pledges_and_clock_deadlines_in_other_words(
    text: str, demand: Demand
) -> None:
    assert demand in find_demands(normalize(text)), text


# A review's sentences of its own (2026-12-07) on the day's rules: like words of other things
# and forms said near them.
_REVIEW_NOT_READ = {
 '请各村安全员每月对液化气使用户上门检查一次，并填写检查记录表。': Demand.ASSESSMENT,
 '各村对辖区小作坊开展一次消防检查，写检查记录，存村备查。': Demand.ASSESSMENT,
 '明天上午的党员大会上点名，请各支部提前通知党员按时参加。': Demand.ASSESSMENT,
 '各村的会计都要到镇三资中心报账，月底前完成。': Demand.MEETING,
 '村里周日召开的会议，在家党员都要到，讨论村规民约修订。': Demand.MEETING,
 '县医院专家下乡义诊，请村医和村主任陪同检查，做好秩序维护。': Demand.MEETING,
 '新农合住院费用按百分之七十报销，请各村宣传到户。': Demand.QUOTA,
 '请提醒群众记住反诈专线96110，接到电话不要轻信，及时挂断。': Demand.SURVEY,
 '群众打电话咨询政策，村干部接到电话不要说不知道，要耐心解答。': Demand.SURVEY,
 '请各村组织党员记住入党誓词，年底支部开展党员民主测评。': Demand.SURVEY,
 '村民逾期交的申请一律作废，请各村提前通知到户。': Demand.FORMS,
 '今年造林各村要确保见苗见绿，县林业局秋季验收。': Demand.SHOW,
 '请各村广泛宣传：接到自称公检法的电话要求转账，立即挂机，拨打110。': Demand.APPS,
 '一事一议筹资方案入户征求意见，农户不回复的视为同意。': Demand.APPS,
 '村里的留言箱每周开一次，群众来信收到后及时回复。': Demand.APPS,
 '各村要在宣传栏张贴垃圾分类知识，做好宣传工作，图文并茂，通俗易懂。': Demand.TRACE,
 '群众对收到的回复不满意的，可以向镇纪委反映。': Demand.APPS,
 '村里评“最美庭院”，每季度入户打分一次，评上的挂星级牌。': Demand.ASSESSMENT,
 '今晚水库泄洪，下游沿河住户的转移情况马上报给我。': Demand.FORMS,
 '昨天的会议纪要发群里了，各村自行学习。': Demand.APPS,
 '镇综合行政执法办：请各村协助宣传禁止占道经营。': Demand.ENFORCEMENT,
 '发现有人在河边钓鱼的，拍下来发给镇渔政站。': Demand.TRACE,
 '看到野外用火的，拍张照发给镇护林办。': Demand.TRACE,
 '请村里在落水危险的塘边立警示牌，写明禁止游泳。': Demand.SIGNBOARD,
 '村民代表现场打分，结果当场公布。': Demand.ASSESSMENT,
 '请各村推行积分制，积分超市每月开放一次。': Demand.ASSESSMENT,
 '请通知65岁以上老人到卫生院做检查。': Demand.ASSESSMENT,
 '乡村振兴表彰会上点名表扬了五个村。': Demand.ASSESSMENT,
}
_REVIEW_READ = {
 '镇里征收所涉及的房屋，由各村负责入户丈量登记。': Demand.DEMOLITION,
 '区里拆迁所有的签约工作由村干部包户完成。': Demand.DEMOLITION,
 '乡里征地所需的青苗补偿款由各村先行垫付。': Demand.DEMOLITION,
 '各村要成立村级征地拆迁指挥部，确保月底前完成清表交地。': Demand.DEMOLITION,
 '县里要求各村在辖区主要路口设立城管执法检查站，安排人员24小时值守。': Demand.ENFORCEMENT,
 '镇拆迁办抽调各村干部组成工作组，每人包5户，月底前全部签约腾房。': Demand.DEMOLITION,
 '各村发现的问题，整改后的照片报镇里。': Demand.TRACE,
 '看到县领导来检查，各村要拍照发给宣传办，多拍几张。': Demand.TRACE,
 '县里要看到实效，各村每天拍照报送工作进度。': Demand.TRACE,
 '各村建设禁毒警示教育室，统一设置标牌，挂在村部二楼。': Demand.SIGNBOARD,
 '各村要成立消防安全隐患排查工作站，设站挂牌，配齐人员。': Demand.SIGNBOARD,
 '从明天起各村的日报一律发群里了，纸质的不用再交。': Demand.APPS,
 '今天的巡查照片各村都发群里了没有？没发的抓紧。': Demand.APPS,
 '市检查组将随机入户打分，各村要提前把环境卫生搞好。': Demand.ASSESSMENT,
 '今年县里评星级文明村，每村都要申报，没评上的村书记要说明原因。': Demand.ASSESSMENT,
 '县里要防汛值班表，另外低保户名单也马上报过来。': Demand.FORMS,
 '今年汛期已过，请各村把防汛工作总结马上报上来。': Demand.FORMS,
 '各村书记收到请回复，不回复的视为没看到，后果自负。': Demand.APPS,
 '各村网格员每天要在平安APP里在线不少于1小时，后台每周统计。': Demand.APPS,
 '民政、残联、卫健要的老人底数格式各不相同，各村分别报一份。': Demand.FORMS,
 '下周四市里来验收，各村在路边临时栽一排花，看着像样就行。': Demand.SHOW,
 '满意度电话回访时，让群众都说"满意"，别说"不清楚"。': Demand.SURVEY,
 '全县大会上点名批评了三个村，这三个村书记要写书面检查。': Demand.ASSESSMENT,
 '请各村由村干部包片做好拆迁动员，每人每天不少于5户。': Demand.DEMOLITION,
 '县综合行政执法局通知：请各村对占道经营户进行罚款，收据交执法局。': Demand.ENFORCEMENT,
 '各村村部门口要挂上新时代文明实践站的牌子，本周挂好拍照上传。': Demand.SIGNBOARD,
 '巡河发现问题要立即整改，整改前后都要拍照发到群里。': Demand.TRACE,
 '模板已发群里，请各村每天下午5点前在群里接龙报送。': Demand.APPS,
 '镇里推行积分卡制度，各村积分情况每月报镇里排名通报。': Demand.ASSESSMENT,
 '镇里将根据群众测评结果，对各村书记进行约谈。': Demand.ASSESSMENT,
 '县里对各村秸秆禁烧工作考核打分，后三名通报。': Demand.ASSESSMENT,
 '请各村马上把低保户名单报过来。': Demand.FORMS,
}


@pytest.mark.parametrize(("text", "demand"), list(_REVIEW_NOT_READ.items()))
def test_a_review_s_sentences_read_no_such_form(text: str, demand: Demand) -> None:
    assert demand not in find_demands(normalize(text)), text


@pytest.mark.parametrize(("text", "demand"), list(_REVIEW_READ.items()))
def test_a_review_s_sentences_read_the_form(text: str, demand: Demand) -> None:
    assert demand in find_demands(normalize(text)), text


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("年中请各村把水电费的收支明细上墙，让群众看得明白。", Demand.SIGNBOARD),
        ("村民要求查看补偿款的原始单据，请村委会安排会计接待、当面答复。", Demand.HOSPITALITY),
        ("请村里召开村民代表会议，通报征地补偿方案。", Demand.ASSESSMENT),
    ],
)
def test_accounts_published_residents_received_plans_told_are_no_forms(
    text: str, demand: Demand
) -> None:
    assert demand not in find_demands(normalize(text)), text


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("各村要把工作制度上墙。", Demand.SIGNBOARD),
        ("明天市里领导来调研，请村里安排好接待和午餐。", Demand.HOSPITALITY),
        ("对各村工作进展情况进行通报排名。", Demand.ASSESSMENT),
        ("新上线的防汛APP，各村两委成员必须装，明天报装好的人数。", Demand.APPS),
        ("平台填完了，自然资源所的表也得填，三份都要交。", Demand.FORMS),
    ],
)
def test_boards_visitors_rankings_apps_and_copies_are_still_read(
    text: str, demand: Demand
) -> None:
    assert demand in find_demands(normalize(text)), text


def test_residents_paying_their_own_premium_is_no_collection_by_the_village() -> None:
    paying = find_demands(normalize("请各村动员符合条件的城乡居民按时参保缴费，缴纳标准不变。"))
    assert Demand.COLLECTION not in paying
    collecting = find_demands(normalize("请各村干部上门收取今年的卫生保洁费。"))
    assert Demand.COLLECTION in collecting
    on_behalf = find_demands(normalize("由村里统一代缴医保个人缴费部分。"))
    assert on_behalf[Demand.COLLECTION].strength == 2


def test_old_pictures_collected_are_no_trace_of_work() -> None:
    museum = find_demands(
        normalize("县博物馆面向各村征集反映乡村变迁的老照片、老物件，请广泛宣传。")
    )
    assert Demand.TRACE not in museum
    traced = find_demands(normalize("各村每天把入户走访的照片发到工作群里。"))
    assert Demand.TRACE in traced


@pytest.mark.parametrize(
    "text",
    [
        "请各村本月完成星级文明户评定，评出的五星户在村务公开栏公示。",
        "村里的积分超市下月开张，请各村把村民积分卡上的加分扣分核对一遍。",
        "新修订的积分办法里，请把乱扔垃圾的扣分标准写清楚。",
        "各村道德积分每季度评议一次，评得好的家庭上红榜。",
    ],
)
def test_a_village_rating_its_households_by_a_scheme_is_no_assessment(text: str) -> None:
    assert Demand.ASSESSMENT not in find_demands(normalize(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "星级文明户评定工作纳入各村年度考核，评得少的村要通报。",
        "各村积分超市建设情况镇里每月排名。",
        "请各村上报星级文明户评比结果，镇里据此评选十个星级文明村。",
        "县里将组织检查组，对各村积分制推行情况逐村打分。",
    ],
)
def test_villages_rated_over_their_households_scheme_are_still_assessed(text: str) -> None:
    assert Demand.ASSESSMENT in find_demands(normalize(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "镇里对各村农户卫生评比打分，结果排名通报。",
        "农户庭院评比结果纳入各村年度考核。",
        "县里评选十个先进村，各村把先进户评比材料报上来。",
        # a review's sentences (a rating of villages through their households or a programme
        # named for them: 先进户数量, 城乡居民医保, 监测户)
        "组织村民开展村庄清洁行动，各村评出的清洁先进户数量作为年终评优依据。",
        "县医保局对各村城乡居民医保参保缴费工作实行月评比打分。",
        "镇扶贫办对各村防返贫监测户帮扶工作进行评比打分。",
    ],
)
def test_households_rated_for_a_rating_of_villages_are_still_assessed(text: str) -> None:
    assert Demand.ASSESSMENT in find_demands(normalize(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "镇纪委下周开始不定期到村查坐班，村干部必须在村部坐满八小时。",
        "推行村干部坐班考勤制度，各村配置人脸考勤终端。",
        "请各村明天前把考勤机安装到村部门口。",
        "各村干部考勤改为每天四次刷脸。",
    ],
)
def test_the_cadres_attendance_clocked_is_the_check_in_the_lists_forbid(text: str) -> None:
    assert Demand.TRACE in find_demands(normalize(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "每月5号、15号村两委干部轮流坐班，群众有事来说，干部记下来。",
        "请通知领养老金的老人本月内用手机刷脸认证。",
        "这个月各村把保洁员考勤报上来。",
        "各村法律顾问每月到村坐班一次。",
        # a review's sentences: attendance the village keeps, its own office hours, a flood
        # season's duty, the township's own staff, pupils and trainees
        "公益性岗位人员的考勤由村干部负责，每月底前报镇社保所。",
        "乡村公益性岗位人员统一实行刷脸考勤，各村每月核对一次在岗情况。",
        "落实村干部轮流坐班制度，确保便民服务站工作日有人在岗办事。",
        "主汛期村两委干部值班出勤情况记入值班日志，镇防办将电话抽查值班在岗情况。",
        "防汛期间镇机关干部考勤从严，包村干部要到村指导落实值班值守制度。",
        "请各村配合学校做好控辍保学，开学后关注本村学生出勤率，连续三天缺课的要上门劝返。",
        "村医每月到村卫生室坐满四个小时，为群众提供基本公共卫生服务。",
    ],
)
def test_turns_in_the_office_a_pensioners_face_check_or_a_workers_hours_are_no_check_in(
    text: str,
) -> None:
    assert Demand.TRACE not in find_demands(normalize(text)), text


def test_a_same_day_clock_time_in_words_is_a_deadline_as_in_figures() -> None:
    for text in ("危房存量数据今天中午十二点前报，请马上填。", "返乡人员名单今天下午五点前报"):
        assert demands(text).get(Demand.FORMS) == 2, text
    # an act due by then, or an emergency's count, stays none
    assert Demand.FORMS not in demands("河滩那几户今晚八点前必须转到村小学")
    assert Demand.FORMS not in demands("台风明晚登陆，转移人数今晚八点前报")


def test_a_warning_plate_at_a_hazard_is_no_office_board() -> None:
    for text in ("鱼塘边上请塘主装好护栏，再挂一块水深危险的牌子。", "河边设一块禁止游泳的牌子。"):
        assert Demand.SIGNBOARD not in find_demands(normalize(text)), text
    for text in (
        "各村在村委会门口挂一块禁毒工作站的牌子。",
        "各村统一挂上“危险化学品监管站”的标牌。",
    ):
        assert Demand.SIGNBOARD in find_demands(normalize(text)), text


@pytest.mark.parametrize(
    ("text", "assessed"),
    [
        ("有村民在河边私搭棚子，村里按村规民约约谈了，他还是不拆。", False),
        ("村里先约谈当事人，调解不成再上报镇里。", False),
        ("请网格员约谈违建户，劝其自行拆除。", False),
        ("工作落后的村，镇里将约谈村党支部书记。", True),
        ("对违规的村，约谈其负责人。", True),
        ("县里将对村里干部约谈。", True),
        ("村委会主任不在岗的一律约谈。", True),
    ],
)
def test_a_resident_talked_to_by_the_village_is_no_cadre_called_to_account(
    text: str, assessed: bool
) -> None:
    assert (Demand.ASSESSMENT in find_demands(normalize(text))) is assessed, text


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("请各村逐户上门核查，填写《家庭医生签约入户核查登记表》，每周五前报送镇卫生院。", True),
        ("请各户填好《农村危房改造申请表》交村委会。", True),
        ("请大家填《村民意见征求表》。", True),
        ("请各村每周一报送《人居环境整治周进度表》。", True),
        ("各村于月底前上报《秸秆综合利用情况统计表》。", True),
        ("村里要表扬填写认真的农户。", False),
        ("镇里报请县里表彰先进村。", False),
    ],
)
def test_a_form_named_by_its_title_is_a_form(text: str, form: bool) -> None:
    assert (Demand.FORMS in find_demands(normalize(text))) is form, text


@pytest.mark.parametrize(
    "text",
    [
        # raters from outside, a share the village is held to, a contest's votes (open sets)
        "县妇联、县文明办：“美丽庭院”“文明家庭”两项评比放在同一天进村打分，各村安排人陪同评比组。",
        "@各社区 反诈宣传入户率要达到100%，每户拍一张入户照片上传系统，照片少于户数的按比例扣分。",
        # the cadres or the community judged by residents, a count of households judging villages
        "请各村组织村民对村两委班子成员打分，镇里汇总后按得分高低兑现绩效。",
        "社区居民对网格员服务打分，得分进社区年度目标责任制成绩。",
        "各村年内评出的卫生先进户数量，作为年终评优的主要依据。",
        # a review's (findings53): households named, a rater from outside
        "区农业农村局将上门查看部分住户改厕使用情况，按使用率打分，打分高低决定下批改厕资金分到村里多少。",
        "农户垃圾分类做得好不好，区城管局每周打分，分数按村汇总后在全区大会上公布。",
    ],
)
def test_households_named_beside_villages_judged_keep_the_assessment(text: str) -> None:
    assert Demand.ASSESSMENT in find_demands(normalize(text)), text
