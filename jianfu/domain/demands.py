"""What a notice asks of the villages, read from its wording (the *form* of a demand).

Negative lists mostly forbid a form of work, not a topic: quotas, 打卡/截图留痕, 挂牌,
责任状, APP downloads, 12345 tickets, 招商 quotas. A notice that simply *does* one of those
things shares few words with the item that forbids it ("不得以拍照留痕、工作群打卡等方式考核村"
against "每天在镇工作群上传巡查照片"), so the check reads the demands from both texts with the
same patterns and compares them. The same demands pre-tick the intake form's boxes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from enum import StrEnum


class Demand(StrEnum):
    """A form of work a notice may demand of the villages."""

    FORMS = "报表台账"
    TRACE = "拍照留痕/打卡"
    SIGNBOARD = "挂牌"
    MECHANISM = "工作机制/专人专岗"
    ASSESSMENT = "考核评比/排名/通报"
    APPS = "工作群/APP下载注册"
    PLEDGE = "责任状"
    QUOTA = "指标/任务数/摊派"
    COSTS = "转嫁费用"
    COLLECTION = "代收代缴"
    TICKETS = "12345工单承办"
    INVESTMENT = "招商引资"
    CERTIFICATE = "证明"
    ENFORCEMENT = "执法"
    DEMOLITION = "征地拆迁"
    MEETING = "参加会议"
    HOSPITALITY = "招待接待"
    OFF_HOURS = "非工作时间派活"
    RELAY = "会议文件层层传达"
    SECONDMENT = "借调抽调"
    SHOW = "迎检作秀"
    SURVEY = "代答测评/代填问卷"


#: A count in figures or in words (12, 十二). Not one (1, 一): one table is no burden, and 一
#: ends words (统一张贴…公示表 is no count of tables).
_NUM = (
    r"(?:(?<!\d)(?:[2-9]|[1-9]\d+)"
    r"|(?:一[十百]|[二两三四五六七八九十百])[一二两三四五六七八九十百]*)"
)
#: People a notice asks to take part who are not the villages' staff (安排村民参加体检活动).
_RESIDENTS = r"村民|居民|群众|农户|农民|老人|儿童|学生|家长|妇女"
#: Ten people or more (20人, 三十名) sent to sit in or attend something: a turnout.
#: (the count and what it is for, after the verb that sends them: read after 安排 too, where a
#: few of the village's own are staffing)
_TURNOUT_COUNT = (
    r"\s*(?:[1-9]\d+|十[一二三四五六七八九]?"
    r"|[二三四五六七八九]十[一二三四五六七八九]?)\s*(?:名|个?人)(?!次|数)"
    r"[^。，,；;]{0,8}?(?:参加|参与|听课|听讲|观看|收看|到场|出席|捧场)"
)
_TURNOUT = r"(?:组织|安排|动员|发动|抽|出|派)" + _TURNOUT_COUNT
#: A chat group's name ends at 群 (调度1群, 春耕备耕专班群, 拉进群): not 群众, 群防群治, 重点人群
#: 健康档案, 党群服务中心, whose 群 goes on into another word.
_CHAT_GROUP = r"群(?=$|[ \d一二三四五六七八九十]|聊|里|内|中|主|后|成员)"
#: A group named by what stands before it (三个群, 市场监管的群, 本群, 专项工作群), whatever
#: follows: not 群众, 群体, 群防.
_A_GROUP = r"(?:[个的本该此]|工作|微信|专项|专班)群(?![众体防])"

#: The ones a chat message is sent to, a word of its own where the normaliser dropped the @
#: (@各村 , @全体网格员 , @各社区书记 ); not 各村组织…, which goes on with what they do.
_ADDRESSEE = (
    r"(?:各|全体|所有)[^ ]{0,6}"
    r"(?:主任|书记|干部|网格员|网格长|支书|文书|会计|专干|同志|人|委员|两委|村|社区|组)(?:\s|$)"
)

#: What a body's board on the village's wall bears: its rules, workflow, duties, structure or
#: people (制度, 流程图, 职责, 组织架构, 人员名单, 站长).
_A_BODYS = r"(?:制度|流程|职责|章程|架构|名单|站长|工作站|服务站)"

#: What a time limit or a same-day deadline is for: a rushed report, unless the rest of its
#: clause (normalised text: a space is a stop) is an act to do on the spot in that time and
#: names no report, figure, list or record (发现冒烟半小时内扑灭, 今晚6点前必须转到村小学, 30分钟内
#: 处置完毕): an act done fast is the task. Whatever else follows stays rushed (半小时内回传处理
#: 结果, 一小时内把人数整理出来, 今晚8点前弄好给我, 10分钟内没回的点名, 一小时内), since townships
#: ask for figures in words no list of verbs holds.
_REPORTED = (
    r"报|回复|回传|回个|反馈|汇总|填|表|名单|数据|数|情况|照片|拍|录|台账|统计|上传|交|告诉|给我"
)
_ACT_ON_SPOT = (
    r"扑灭|扑救|灭火|赶到|赶赴|到达|到场|转移|转到|带到|送到|撤离|疏散|处置|清理|清运|清走|抢修"
    r"|抢险|救援|劝离|劝阻|安置"
)
_DUE_NOT_AN_ACT = (
    rf"(?!(?:(?!{_REPORTED})[^ ])*?(?:{_ACT_ON_SPOT})(?:(?!{_REPORTED})[^ ])*(?: |$))"
)

#: Patterns per demand; each pattern has a strength: 2 = the notice clearly demands this form,
#: 1 = a word that often goes with it. Applied to normalised text (simplified, lower case).
_PATTERNS: dict[Demand, tuple[tuple[str, int], ...]] = {
    Demand.FORMS: (
        (r"报表|统计表|表格|填报|填表|报数|填写.{0,6}表|台账|建档|档案|花名册|明细表", 1),
        # a form named by its title, to be filled in or sent (填写《家庭医生签约入户核查登记表》,
        # 报送《人居环境整治周进度表》: a space where 《 was)
        (
            r"(?:填写|填好|填完|填|报送|上报|报|提交|交)\s[^ ]{2,24}(?:表|册)"
            r"(?![扬彰示态演明达述现率决])",
            1,
        ),
        (r"(?:报送|提供|上报|提交).{0,8}(?:材料|资料|数据|报告|总结|信息)", 1),
        (rf"{_NUM}\s*张.{{0,4}}表|装订成册|纸质.{{0,4}}(?:版|材料)|盖章版", 2),
        # the same record on paper and electronically (纸质、电子各一套, 双报送)
        (r"纸质[^。]{0,12}电子|电子[^。]{0,12}纸质|双报送", 2),
        # the same figures entered again in another system (除了录国家系统，还要录省平台;
        # 再在县里的系统录一遍; APP和小程序各填报一次; 三处数据要一致)
        (
            r"(?:再|还要|另外?|又)[^。，,]{0,12}(?:系统|平台|app|小程序|表格?)[^。，,]{0,8}"
            r"(?:录|填|报)[^。，,]{0,3}(?:一遍|一次|一份)"
            r"|各(?:填报|填写|录入|录|报)(?:一遍|一次|一份)|分别(?:填报|填写|录入|上传|上报)"
            r"|重复上传|两边都(?:要|得)(?:填|录|报|上传)"
            r"|分别在[^。]{0,30}(?:录入|填报|填写)|(?:三|两|多|几)个(?:系统|平台)"
            r"|(?:三|两|多|几)(?:个|处|套)[^。，,]{0,2}(?:都要|分别|同时)?(?:录|填|上报|上传)"
            r"|(?:三|两|多)处数据|同时录入|反复录入|重复录入|重复填报"
            r"|多(?:套|个)(?:系统|平台|app|客户端)[^。，,]{0,8}(?:录|填|报)",
            2,
        ),
        # a report of nothing found, and a paper copy of what is already in a system (零报告,
        # 又要一份纸质的)
        (r"零报告|无问题报告|(?:又要|再要|再交|还要)[^。，,]{0,2}(?:一份|一套|一本)纸质", 2),
        # paper copies made of what is kept in a system (手抄一份纸质的, 打印出来…装订)
        (
            r"纸质的?[^ ]{0,2}(?:一份|一本|一套|台账|记录)|手抄"
            r"|(?:记录|台账|材料|名单|报表|月报)[^ ]{0,8}打印(?:出来|一式)|打印一式",
            2,
        ),
        # past years' papers gathered again (the lists' 索要材料, 迎检材料)
        (r"(?:近|过去)\s*[\d一二三四五六七八九十]+\s*年[^ ]{0,12}(?:资料|材料|记录)", 2),
        (r"历年[^ ]{0,8}(?:档案|资料|材料|台账)|补齐[^ ]{0,10}(?:档案|资料|材料|台账)", 2),
        # daily, rushed, repeated or multiple reporting (the lists' 突击/多头/重复报送)
        (
            r"(?:每日|每天|一日一报|日报制|实时).{0,8}(?:报送|上报|更新|报告|填报|前报)"
            # a routine made more frequent while a check lasts (改为每周一报, 周报改日报)
            r"|改为每(?:日|天|周)|(?:检查|督查|督导|暗访|验收)(?:期间|阶段)[^ ]{0,16}每(?:日|天|周)"
            r"|多头报送|重复报送|重复上报|重复提交|突击报送|重复填报"
            # the same figures entered again in each office's own system (各录一遍, 重复录入)
            r"|(?:各|再|重新)录(?:入)?一(?:遍|次)|重复录入"
            # entered or filled once more apart from what is kept (单独录一遍, 另填一张,
            # 须单独重新填写): a second copy of the same figures
            r"|(?:单独|另外?|另行)(?:重新)?(?:录入?|填写?|填报)一(?:遍|次|份|张|套)"
            r"|(?:单独|另外?|另行)重新(?:录入|填写|填报)"
            r"|各填一份|分头(?:报送|填报|上报)|表(?:太多|很多|多得)|专门(?:弄|填|做|报)表"
            r"|专人(?:填|报|弄)表",
            2,
        ),
        # the same figures asked again or by several offices, or at once (the lists'
        # 重复/多头/突击报送): 再报一遍, 按新表重新填报, 各自格式, 周报改日报, 半小时内报
        (
            r"再(?:按[^ ]{0,8})?(?:报|填报|填|报送|交)一(?:次|遍|套|份)"
            r"|重新(?:填报|报送|上报|报一遍|报一次|填一遍)"
            # the same figures in several copies (三份都要交, …的表也得填)
            r"|[两三四五六\d]\s?份都(?:要|得)(?:交|报|填)|的表也(?:得|要)填"
            r"|(?:上次|上周|之前|前期|已经)[^ ]{0,2}(?:报|交|填)的[^ ]{0,6}作废"
            r"|(?:表格?|格式|模板)(?:都|又|也)?各不(?:一样|相同)|各报各的|(?:分别|各自)各?报一份|各报一份|电子版不算"
            r"|要一份[^ ]{0,12}要一份|各自(?:的)?(?:格式|表格|模板)|新模板|上次报的作废"
            r"|周报改日报|改为日报|一日一报|(?:\d+\s*分钟内|半小时内|一小时内)"
            + _DUE_NOT_AN_ACT
            + r"|\d+\s*小时内报送"
            # what was handed in once, asked for again (已报过的也要重报, 交过的材料再交)
            r"|(?<![严加隆沉郑慎])重报(?![告警道])|(?:报|交|填|提供)过的?.{0,12}(?:再|重新|也要|还要)"
            r"|(?:各要|都要|分别要)一份"
            # the same figures to several offices, each its own way (报三份, 分别报给三家,
            # 几个部门都来要, 格式各不一样)
            r"|报[两三四五六七八九十\d]+份|分别报给|(?:几个|多个|[两三四五六七八九十\d]+个)部门都来?要"
            r"|格式各不(?:一样|相同)|(?:一份|一套)[^ ]{0,12}(?:一份|一套)[^ ]{0,12}(?:一份|一套)"
            # each office its copy, across the list that names them (甲要一份、乙要一份; 在
            # 甲系统报一次，在乙平台报一次), to several offices (分别向三个部门), in formats of
            # their own (两个局的表格式又不一样), the lists' 多头填报 and 重复采集; a copy with
            # no object of its own (not 交一份总结…再交一份计划), a second entry not waived
            # (not 报一次即可…不用再报一次), a format that differs between offices' tables
            # (not 材料格式不同的…按模板修改)
            r"|(?:要|报|交)一份(?:\s|$).{0,16}(?:要|报|交)一份(?:\s|$)"
            r"|在[^ ]{1,10}(?:报|填|录|登记)一次(?!即可|就行|就可)"
            r".{0,16}在(?![^ ]{0,10}(?:不用|无需|不必|不需|不再|免))[^ ]{1,10}(?:报|填|录|登记)一次"
            r"|分别向.{0,8}(?:部门|单位)"
            r"|(?:表|表格|系统|平台|部门|单位|局)的?格式(?:都|又|也|各)不(?:一样|同|相同)"
            r"|多头(?:填报|上报|采集)|重复采集"
            # an office's own format for figures others already hold (按本局口径另行填报, 其他
            # 部门已采集的数据不作为依据): the same roll asked again
            r"|(?:按|以)(?:本|我)(?:局|部门|单位|委|办|中心)的?口径"
            r"|另行(?:填报|报送|上报|采集)"
            # the same figures filled several times or in several heads (填三遍, 又要重新填,
            # 就是表头不一样)
            r"|填[了过]?[两三四五六七八九十\d]+遍|(?:又|还)要?重新填|表头(?:都|又|也|各)?不(?:一样|同)"
            r"|已(?:采集|填报|报送|上报)的[^ ]{0,10}(?:不作为|不算|作废|不予采用)"
            r"|(?:立刻|马上)[^ ]{0,8}(?:报|(?<!出)发(?!动|放))(?!告|警|案|现)"
            r"|今天(?:下班|中午|晚上)前[^ ]{0,2}(?:报|交)"
            r"|(?:当日|当天|今天)通知(?:当日|当天|今天)报"
            # the same table to each office in turn, not shared (分别报送…各一份, 三家各报一次,
            # 互不共享); a deadline with no grace (过时不候); a form every single day
            # (当天填写…上报, 一天不落); called in the afternoon for the evening (下午催晚上报)
            r"|分别(?:报送|上报)|各报一次|互不共享|过时不候"
            # a copy to each office, kept apart (农办、统计站、派出所…各交一份, 分开报; 三条线…
            # 各自一本), and a format for each (三套格式): offices named before it, not
            # residents applying apart or things kept apart (分开交到回收点, 证件各自一本)
            r"|(?:(?:办|所|站|局|中心|部|委|科)[^。]{0,12}?(?:办|所|站|局|中心|部|委|科)"
            r"|[两三四五六2-6](?:个|条)?(?:部门|单位|条线|口子))"
            r"[^。]{0,20}?(?:各(?:交|报|送|填)一份|分开(?:报|填)|各(?:自|做)一本)"
            r"|[两三四五2-5]套(?:格式|模板)"
            r"|当天(?:填写|填报|上报)|一天不落|天天(?:报|填)|下午[^。]{0,4}催[^。]{0,4}晚上(?:报|交)",
            2,
        ),
        # a number of ledgers, books or forms: many forms are the burden itself
        (
            # (not ledgers merged into one: 三套台账合并为一套 lifts the burden)
            rf"(?:台账|档案|簿册|表册)\s*{_NUM}\s*(?:本|套|册|份|类)"
            rf"|{_NUM}\s*(?:本|套|册|类)\s*台账(?![^ ]{{0,2}}(?:合并|整合|归并|精简))"
            # tables counted: several sets of reports (三套报表), the day's tables added up
            # (一共六张), one table and another asked together (一张…表、一张…表)
            rf"|{_NUM}\s*(?:套|本|类|份)\s*(?:报表|表格|统计表)"
            rf"|表[^。]{{0,30}}(?:一共|总共|共计)\s*{_NUM}\s*张"
            r"|一张[^ ]{0,8}表\s?[和及与]?\s?一张[^ ]{0,8}表",
            2,
        ),
        # a ledger kept to be shown at a check, bound, or updated on a schedule (the lists'
        # 迎检台账, 留痕台账): the ledger is the burden, whatever the task it records
        (
            # (.: the text is normalised, every stop is a space, so these windows cross
            # clauses and sentences alike; 台账…检查 meets a check said in the next sentence)
            r"台账.{0,20}(?:备查|检查|迎检|查阅|装订|每(?:日|天|周|月)(?:更新|登记))"
            r"|(?:备查|迎检|装订).{0,10}台账|检查时.{0,6}台账",
            2,
        ),
    ),
    Demand.TRACE: (
        # photos as proof of each step or staged for the camera (整改前后对比照, 每户拍三张,
        # 摆个打扫的样子, 照片备查); a camera kept on each cadre in a video meeting
        (
            r"对比照|摆拍|摆[^。]{0,4}样子|照片备查|拍照备查"
            # the day's work sent up in pictures and words (当天工作的图文发给宣传办)
            r"|工作[^ ]{0,4}图文(?!并茂)|图文[^ ]{0,2}(?:发给|报给|报送)"
            r"|每(?:户|处|个点位?|村)[^。]{0,2}拍[^。]{0,2}[一二两三四五六\d]+张"
            r"|摄[像象]头[^。]{0,6}对准|离开画面",
            2,
        ),
        # 打卡发放 is money paid into a bank card, not a check-in
        (r"打卡(?!发放|到户|到账|发到)|签到|截图|留痕|晒图|晒出|接龙|合影", 2),
        # the cadres' presence clocked and checked (考勤机, 人脸考勤, 查坐班, 坐班考勤, 村干部…
        # 坐满八小时, 村干部…考勤/出勤率): the 打卡 the lists forbid, said as attendance; not
        # cadres taking turns in the office to receive residents (两委干部轮流坐班, 坐班制度), a
        # pensioner's 刷脸认证, the township's own staff (机关干部考勤), cadres who keep or log
        # others' attendance (干部负责…考勤, 值班出勤情况); others' attendance the village keeps
        # is read out first (``_NOT_TRACE``: 保洁员, 公益性岗位, 学生 …)
        (
            r"考勤(?:机|终端|设备)|人脸(?:识别)?(?:考勤|打卡|签到)|刷脸(?:打卡|签到|考勤)"
            r"|查坐班|坐班(?:考勤|打卡)"
            r"|(?:村干部|两委|村书记|(?<![机关镇乡县])干部)[^ ]{0,8}"
            r"坐满[一二三四五六七八九十两\d]+个?小时"
            r"|(?:村干部|两委(?!会议)|村书记|(?<![机关镇乡县])干部|社区工作者)"
            r"(?:(?!值班|负责|登记|统计|汇总|带领|组织)[^ ]){0,8}(?:考勤|出勤率?)"
            r"|考勤[^ ]{0,4}(?:结果|情况)?[^ ]{0,4}与[^ ]{0,4}(?:村干部|两委|村书记)",
            2,
        ),
        # progress or results put on show (晒进度, 晒一下成绩)
        (r"晒(?:一下|一晒)?[^ ]{0,6}(?:成绩|进度|数据|成果|亮点|结果)", 2),
        (r"(?:拍照|照片|图片|视频|影像)", 1),
        (r"上传.{0,8}(?:照片|图片|视频|截图|定位)", 2),
        # photos or videos sent into the group (现场视频传群里, 照片发到群里)
        (
            rf"(?:照片|图片|视频|截图)[^ ]{{0,6}}(?:传|发|上传|发送)(?:到|至|在|进)?"
            rf"[^ ]{{0,4}}{_CHAT_GROUP}",
            2,
        ),
        (r"定位|轨迹", 1),
        # photos taken again to a specification (重新补拍, 缺一样重拍, 拍清楚会标, 横幅要完整入镜),
        # a written daily log as proof (工作日志)
        (r"补拍|重拍|重新拍|拍清楚|入镜|工作日志|工作日记", 2),
        # a track's length or time as the measure of a patrol (轨迹不足5公里, 巡查时长低于15分钟)
        (
            r"(?:轨迹|里程|时长|在线时间)[^。，,]{0,8}"
            r"(?:不足|少于|低于|不够|要满|须满|至少|不少于|不得少于)",
            2,
        ),
        # a record's measure as the test of work done: a count of photos, a record's bulk
        # (照片的张数, 登记表厚度, 照片少于五张), a track's time or length taken as the
        # threshold (时长、里程作为门槛), no record meaning no work (没有留痕就等于没干)
        (
            r"(?:照片|图片|截图|记录|登记表)[^。，,；;]{0,3}(?:张数|厚度|页数|少于|不足|不够|低于)"
            r"|(?:张数|时长|里程)[^。；;]{0,12}(?:作为|当作|代替)"
            r"|没有?(?:记录|照片|痕迹|留痕)[^。，,；;]{0,2}(?:就)?(?:等于|算|视为|视同)没",
            2,
        ),
        # presence proved by a location sent or shared (群里发实时位置, 共享位置)
        (
            r"(?:发|共享|发送|晒)[^。，,]{0,4}(?:实时|所在|自己的)(?:位置|定位)"
            r"|(?:发|发送|共享)[^。，,]{0,2}定位|共享[^。，,]{0,2}位置|位置共享|实时位置",
            2,
        ),
        # notes or photos taken as the measure of the work (the lists' 学习笔记, 以照片为准)
        (
            r"学习笔记|读书笔记|笔记[^ ]{0,6}(?:不少于|字数)"
            r"|以[^ ]{0,6}(?:照片|图片|截图)[^ ]{0,2}为(?:准|据|凭)|(?:就看|只看)(?:照片|图片|截图)"
            r"|(?:没有|无|缺)(?:照片|图片)的?[^ ]{0,4}(?:一律|视为|按|不)|(?:照片|图片)不全",
            2,
        ),
    ),
    Demand.SIGNBOARD: (
        # walls covered for an inspection (刷标语, 工作制度贴满)
        (r"刷标语|(?:制度|标语)[^。]{0,4}贴满|贴满[^。]{0,6}(?:制度|标语)", 2),
        # (not 上墙公开/公示: what a village publishes on its board, 决议上墙公开)
        (r"挂牌|上墙(?!公开|公示)|授牌|(?:悬挂|制作|张挂|统一).{0,8}(?:牌|标识)", 2),
        # a board hung, said with the verb and the board apart (挂上“…站”的牌子, 牌子挂出来;
        # 加挂“…”“…”“…”三块牌子, several names between; 牌子做好了，领回去挂上, a clause between)
        (
            r"挂(?!钩|职|号|网|失|靠|念|帅|历|图)(?:上|出|起|一块|块)?.{0,32}"
            r"(?:牌子|牌匾|标牌|标识牌)"
            # (门牌 of a house number, or a plate hung at each household, is no board of the
            # village's: 门牌号, 把门牌挂到各户门口)
            r"|(?:牌子|牌匾|标牌|标识牌|铜牌|制度牌|门牌(?!号)).{0,24}"
            r"挂(?:在|上|出|起|到|好|全)(?![^ ]{0,2}[户家])",
            2,
        ),
        # a display board hung when it bears a body's rules, workflow, duties or people, as the
        # plate and 制度上墙 do (悬挂“…工作流程图”“…职责”两块展板, 工作制度做成展板挂在墙上);
        # a campaign's board (挂两块展板宣传防诈骗, 展板挂出来接受监督) is no nameplate
        (
            rf"挂[^ ]{{0,6}}.{{0,26}}{_A_BODYS}.{{0,12}}(?:展板|宣传板|展牌)"
            rf"|{_A_BODYS}.{{0,12}}(?:展板|宣传板|展牌).{{0,16}}挂(?:在|上|出|起|到|好)",
            2,
        ),
        # a board replaced by another of the department's format (牌子要换新的, 换牌)
        (r"换(?:新)?牌|(?:牌子|牌匾|标牌)[^ ]{0,4}(?:要|得|须)?换", 2),
        (r"牌子|牌匾|标牌|门牌|吊牌|标识牌", 1),
        # banners and slogans put up (the lists' 悬挂横幅标语 for a campaign): a sign, as a
        # notice on a topic may well want them seen
        (r"(?:悬挂|张挂|挂|拉|张贴|刷)[^ ]{0,6}(?:横幅|标语)|(?:横幅|标语)[^ ]{0,4}(?:挂|贴)", 1),
    ),
    Demand.MECHANISM: (
        (r"领导小组|工作专班|专班|专人专岗|专职人员|指挥部", 2),
        # a station or office set up (设立…工作站, 挂牌…服务站); one named as it stands
        # (退役军人服务站配合…, @各村服务站站长) is who does the task, not a form asked
        (
            r"(?:设立|建立|成立|组建|新建|建设|挂牌|加挂|打造).{0,10}"
            r"(?:工作站|服务站|工作室)",
            2,
        ),
        (r"工作站|服务站|工作室", 1),
        (r"(?:成立|设立|组建|建立|明确).{0,10}(?:小组|机构|队伍|站|室|岗)|联络员|信息员|机制", 1),
    ),
    Demand.ASSESSMENT: (
        (r"排名|通报|评比|打分|计分|扣分|积分排|考核|考评|一票否决|问责|约谈", 2),
        # a village named at a meeting or its cadre made to write a self-criticism (在全乡会上
        # 点名, 点名批评, 书记写检查)
        (
            # (a meeting of those above: not a roll call at the branch's 党员大会)
            r"(?:全镇|全乡|全县|全区|全街道|镇|乡|县)[^ ]{0,4}会上[^ ]{0,2}点名(?!表扬)|点名批评"
            r"|(?<!填)写(?:书面)?(?:检查|检讨)(?!组|站|室|工作|设备|记录|表|情况|报告|结果)"
            r"|(?:作|做)(?:书面)?检讨",
            2,
        ),
        # a ranking said apart (每旬排一次名, 排个名), several checks come at once (四个检查组
        # 同时到村)
        (
            r"(?<![安编彩])排[一二两三四五六七八九十\d]*[次个回遍]?名(?!字|单)"
            r"|(?:[二两三四五六七八九\d]+个|多个|几个)(?:检查|督查|考核|暗访)组[^ ]{0,6}同时",
            2,
        ),
        (r"评出|红黑榜|(?<![号码数字])末位(?![数字号码xX])|(?:优秀|先进).{0,8}(?:落后|后进)", 2),
        # an assessment told by what it does to the village: the bottom of a ranking (全镇倒数
        # 的村), honours tied to a count or withheld (与评先评优挂钩, 取消评优资格), a count put
        # into the cadres' performance pay (纳入村干部年度绩效); not a countdown (倒数计时), a
        # table's column (倒数第二列), a cadre's discipline (受处分的…不得评先评优) or a
        # project's performance management (纳入全过程绩效管理)
        (
            r"(?:全镇|全乡|全县|全街道|全区|排名|排在|位列|名次)[^ ]{0,4}倒数"
            r"|倒数(?:第?[一二两三四五六七八九十\d]+(?:名|位|的|是|\s|$)|前[一二两三四五六七八九十\d]+)"
            r"|(?:评先|评优)[^ ]{0,4}(?:挂钩|资格|一票否决)"
            r"|(?:挂钩|取消)[^ ]{0,4}(?:评先|评优)"
            r"|纳入[^ ]{0,10}(?:干部|两委|成员|书记|主任)[^ ]{0,4}绩效(?!管理)",
            2,
        ),
        # work done for the inspectors' eyes only (沿检查路线刷白墙面, 检查组走的那一线两边看得见的)
        (
            r"沿[^。，,]{0,4}(?:检查|参观|考察|调研|观摩)[^。，,]{0,2}(?:路线|线路)"
            r"|(?:检查|参观|考察|观摩)(?:组|团)?[^。]{0,6}(?:走|经过)[^。]{0,12}(?:两边|沿线|一线)"
            r"[^。]{0,10}(?:看得见|看得到|刷|摆)",
            2,
        ),
        # records judged by their bulk (档案越详实得分越高, 本子记得满的算合格); villages put in
        # a queue by a count, the last blamed (按装机数排队，垫底的要挨批评)
        (
            r"越(?:多|厚|详实|齐全|全)[^。，,]{0,4}(?:得分|分数?)越高|记得满|(?:厚|多|满)的算(?:合格|优秀)"
            r"|垫底|挨批评|(?:按|以)[^。，,]{0,8}排队",
            2,
        ),
        # money docked or withheld as a sanction (扣村办公经费1000元, 扣村干部当月绩效报酬,
        # 从村级运转经费里扣, 当日补助不发)
        (
            # (not 克扣, what a cadre is forbidden to do to residents)
            r"(?<!克)扣[^。，,]{0,6}(?:经费|绩效|报酬|工资|补贴|补助|奖金)"
            r"|(?:经费|报酬|补贴|补助)[^。，,]{0,4}(?:里|中)扣"
            r"|(?:补助|补贴|报酬|工资)[^。，,]{0,3}不(?:发|予发放)",
            2,
        ),
        # points taken off said apart (扣了绩效分, 扣3分, 扣考核分)
        (
            r"扣[了掉除减]?[\d一二两三四五六七八九十]*(?:个|点)?(?:绩效|考核|积|年终)?"
            r"分(?![配钟析别开享布给发摊担成])",
            2,
        ),
        # inspections every week or day, and cadres made to escort them
        (r"每(?:周|天|日)[一二三四五六日、\s]{0,8}.{0,8}(?:督查|检查|调研)|全程陪同", 2),
        # hosting a visit or an inspection (the lists' 到村观摩学习活动)
        (r"观摩|迎检|迎接.{0,6}(?:检查|考察|调研|督查|测评|评估|验收)|现场会", 2),
        # cadres kept waiting for whoever comes to check (在村待命, 随叫随到)
        (r"随叫随到|(?:在村|在岗|原地)待命|(?:在村|在村部|在村委会?)(?:里)?(?:等候|等着|候着)", 2),
        (r"不打招呼|随机进村", 1),
        (r"评选|督查|检查验收|验收|暗访|抽查|评估|挂钩|展板", 1),
        # a department's own model-community campaign (示范社区创建, 节水型社区创建, 创建达标;
        # the lists' 社区创建项目): a contest under another name
        (
            r"示范(?:社区|村).{0,4}创建|(?:型|化)(?:社区|村).{0,2}创建"
            r"|创建(?:达标|评比|项目|示范)|(?:社区|村)创建(?:评比|达标|验收)"
            r"|(?:村|社区)[^ ]{0,6}达标创建|达标创建[^ ]{0,4}(?:村|社区)",
            2,
        ),
        # money withheld from the village for what a check found (不达标的扣减年终奖补, 扣发
        # 绩效): an assessment with its penalty; not a resident's (扣减其改厕奖补, 对农户扣发…)
        (
            r"(?<!农户)(?<!群众)(?<!个人)扣(?:减|除|发)?(?:(?!其|农户|群众|个人)[^ ]){0,4}"
            r"(?:年终)?(?:奖补|奖金|绩效|以奖代补)",
            2,
        ),
        # a rating awarded (星级评定, 授星, 达标的授牌): a contest under another name
        (
            r"星级|授星|评比达标|达标评选|创建评选|达标(?:的|后)?[^ ]{0,2}授"
            r"|达到标准的?(?:予以)?(?:命名|授牌|授星|表彰)",
            2,
        ),
    ),
    Demand.APPS: (
        # 日活 as daily active users (not 主题党日活动)
        (rf"(?:建|拉|进|入){_CHAT_GROUP}|一村一群|在线时长|日活(?:跃|量|数|率)|拉票", 2),
        # another group set up, and the villages' staff made to join it (the lists' 一个单位只建
        # 一个工作群): 新建"…调度1群""调度2群", 分别加入社保群、就业群
        (
            rf"(?:新建|各建|组建|另建|建立).{{0,16}}{_CHAT_GROUP}"
            rf"|加入.{{0,12}}{_CHAT_GROUP}|分别加入",
            2,
        ),
        # several tools for the same work (the lists' 多个功能雷同的政务App, 多部专用工作手机):
        # apps counted (三个应用, 多个…App), one more on top of the last (又一个新的…App, 之前那个
        # 也不能卸), phones counted or one for each line (两部都要开机, 各配一部, 用另一部).
        # 应用 counts only right after the count (not 多个场景应用, 两个以上农业新技术应用 of a
        # use); 部 not of 部门; 另一部 only as the phone (not 另一部分)
        (
            r"(?:两|三|四|五|多|几|\d)个[^ ]{0,8}(?:app|客户端|小程序)"
            r"|(?:两|三|四|五|多|几|\d)个(?:手机|政务|移动)?应用(?!程序|场景|领域|示范|案例|技术|成果)"
            r"|又(?:一个|上线|来了)[^ ]{0,6}(?:app|应用|小程序|客户端)"
            r"|(?:之前|原来|以前)的?那个[^ ]{0,4}不(?:能|许|准|要)卸"
            r"|(?:两|三|四|多|几|\d)部(?![门委分队位长署件级属])[^ ]{0,6}(?:手机|终端)"
            r"|(?:各|另)配(?:发)?一部|另一部(?:工作)?(?:手机|终端|电话)|另一部(?= |$)",
            2,
        ),
        # answering in the group at once, tasks handed out in it (the lists' 即时响应, 随意派活)
        (
            r"(?:群里|群内|群中)[^ ]{0,10}(?:回复|接龙|报到)|回复\s?[^ ]{0,2}收到"
            # every message answered, however said (每条消息都回个收到, 每一条文件都回个1,
            # 每个文件下面都回一次, 看到就回); a message answered, not a point of a report
            # (逐条回应, 逐条回复 the inspectors), a road (每条道路回填), a file sent back
            # (附件…回传) or a walk home (看到就回家)
            r"|(?:每条|每一条|每个)(?:消息|通知|文件|信息)[^ ]{0,10}回(?:个|一个|一次|一声|复)"
            r"|回(?:个|一个|一次|一声)\s?[^ ]{0,2}(?:收到|1(?!\d))"
            r"|看到就回(?=复|个|一|收到|\s|$)|看到[^ ]{0,2}(?:立即|马上)回(?=复|个|一|收到|\s|$)"
            r"|(?:群里|群内|群中)[^ ]{0,4}(?:上报|报送|汇报)"
            # told to answer as soon as it is read (收到请回复, 群里回“收到”, 不回复视为没看到)
            # (a message answered, nothing after 回复: not 收到后及时回复群众, 收到的回复不满意)
            r"|(?<!来信)(?<!来电)(?<!信件)收到后?(?:请|要|须|务必)?(?:及时|马上|立即|逐个)?回复(?=\s|$|收到)"
            r"|(?:群里|群内)回\s?收到"
            r"|(?:消息|通知|群|收到)[^。]{0,12}不回复(?:的)?(?:视为|按)"
            # hours kept online in an app (在APP里挂满2小时, 每天在线不少于1小时, 挂机)
            r"|挂满\s*[\d一二两三四五六七八九十]+\s*个?小时"
            # an app everyone must install, said plainly (防汛APP…两委成员必须装, 报装好的人数)
            r"|(?:app|客户端|小程序)[^。]{0,16}(?:必须|都要|都得|一律)装|装好?的人数"
            # (people's, not a device's: 应急广播终端…在线率不低于95%)
            r"|(?:干部|网格员|人员|村)[^ ]{0,10}在线率"
            r"|在线率[^ ]{0,10}(?:排名|通报|考核|点名|扣分|(?<!不)低于)"
            r"|在线[^ ]{0,4}(?:不少于|满|够)\s*[\d一二两三四五六七八九十]+\s*个?(?:小时|分钟)"
            r"|(?:群里|群内|群中)[^ ]{0,6}(?:派|布置|摊派)[^ ]{0,2}(?:活|任务)"
            # the villages posting in the group (not the sender's own 资料我发群里, 我们/局发群里,
            # 倡议书已发群里; 清单发群里了 is read out before, ``_SENT_TO_GROUP``; 你们发群里 is
            # the villages')
            r"|(?<!我)(?<!我们)(?<!局)(?<!已)(?:发|报)(?:在)?群里"
            r"|在群里[^ ]{0,2}(?:发|报|晒)",
            2,
        ),
        # the villages' staff kept in a group, told after it names the group: to join it
        # (三个群都要进, 这个群拉进去), not to leave it, or that it stays once its work is done
        # (本群不解散, 不要退群, 保持在群)
        (
            rf"{_A_GROUP}[^。，,]{{0,6}}(?:都要|都得|必须|要|得)(?:进|加入|入)"
            rf"|{_A_GROUP}[^。]{{0,12}}拉进(?:去|来)"
            rf"|(?:不要|别|不得|不能|不准|不许)退群|保持在群"
            rf"|{_A_GROUP}[^。]{{0,16}}(?:不解散|继续保留|不要退|别退|不能退)",
            2,
        ),
        (r"app|小程序|公众号|视频号|客户端", 1),
        (r"下载|注册|点赞|投票|激活", 1),
        (r"转发|关注|工作群|微信群|钉钉|群内|群里|qq群", 1),
    ),
    Demand.PLEDGE: (
        (r"责任状|责任书|承诺书|保证书|军令状|目标责任", 2),
        # a pledge signed by each household without the word 书 (跟每家每户签…的承诺, 承诺…上门签)
        (r"签(?:订|署)?[^。，,]{0,12}的承诺|承诺[^。]{0,10}(?:上门|挨家挨户|逐户)[^。]{0,4}签", 2),
    ),
    Demand.QUOTA: (
        (r"摊派|认购|订阅|征订|推销|销售任务|任务数|考核指标|指标任务", 2),
        # people or households made up to a number (凑不够数的从邻组找, 按户籍人口百分之三报,
        # 数量要和去年持平)
        (
            r"凑(?:不)?(?:够|齐|满)?数(?!据|字|学)"
            r"|(?:按|以)[^ ]{0,8}(?:百分之|%)[^ ]{0,6}(?:报(?!销|名|到)|确定|认定)"
            r"|数量[^ ]{0,4}(?:和|与|跟)去年持平",
            2,
        ),
        # readers, followers or likes counted (拉满50个阅读, 涨粉, 阅读量)
        (
            r"拉满|涨粉|(?:阅读|粉丝|点赞|浏览)(?:量|数)[^。，,]{0,4}(?:达到|不少于|不低于|要满|指标)"
            r"|\d+\s*个?(?:阅读|点赞|粉丝)",
            2,
        ),
        (r"募捐|捐款|捐助|赞助", 1),
        # a sum asked of each village (各出资2000元, 每村摊500元)
        (r"(?:各|每村|每个村|每社区)(?:出资|出|捐|交|摊|赞助)\s*\d+\s*(?:元|万元|万)", 2),
        (
            # (not 个月 or 个工作日, how long: 公示期不得少于5个工作日)
            r"(?:不少于|不(?:得|能|可)少于|不低于|至少|每村|每个村|每社区|每人|认领|人头).{0,6}\d+\s*"
            r"(?:户|人|份|个(?!月|星期|工作日|小时)|家|名|万|元|件|次|单|亩|株|棵|头|只|吨|公里|册|本"
            r"|套|张|条|票|篇)",
            2,
        ),
        (r"完成.{0,6}\d+\s*(?:户|人|份|个|家|名|万|元|件|单|亩|株|棵|头|只|吨|公里)", 2),
        # a turnout of ten or more told as a bare head count (请各村安排20人参加讲座, 组织30人
        # 到场): people to fill the seats, whoever they are
        (_TURNOUT, 2),
        # the same in words (每村五份, 至少一个项目); not 次: 至少组织一次 is how often, no quota;
        # not 千家万户 or 千万 (每村都要千万注意), which count nothing
        (
            r"(?:不少于|不(?:得|能|可)少于|不低于|至少|每村|每个村|每社区)[^ ]{0,6}"
            r"(?!千家|千万)[一二两三四五六七八九十百千]+"
            # (至少每三个月 is how often: a span of time, no count)
            r"(?:户|人|份|个(?!月|星期|工作日|小时)|家|名|万|元|件|单|亩|株|棵|头|只|吨|公里|册|本|套|张|条)",
            2,
        ),
        # a number handed down as a task: 入会指标30人, 每村任务200张, 注册下载300人的任务
        (
            r"(?:任务|指标)\s*\d+\s*(?:户|人|份|个|家|名|张|件|单|亩|万元|元)"
            r"|\d+\s*(?:户|人|份|个|家|名|张|件|单|亩)的?(?:任务|指标)",
            2,
        ),
        # a share not to fall below (normalising has taken the % sign off)
        (r"(?:不得|不能|不)低于.{0,12}\d+", 2),
        (
            r"(?:任务|指标|率|数)[^ ]{0,4}(?:分配|分解|下达|分)到(?:村|社区|各村|每村|每个村)"
            r"|分解下达|层层加码|随意加码|再加[^ ]{0,2}(?:成|倍)[^ ]{0,4}分",
            2,
        ),
        # a rate set for each village to reach (签约率每村要完成85%; normalising took the %
        # off); a rate the task aims at (参保率达到95%以上) is no share handed to each village
        (
            r"率[^ ]{0,2}(?:每村|每个村|每社区|各村)[^ ]{0,4}(?:要|须|必须|需)?(?:完成|达到)\s*\d+"
            r"|(?:每村|每个村|每社区)[^ ]{0,6}率[^ ]{0,4}(?:要|须|必须|需)?(?:完成|达到)\s*\d+",
            2,
        ),
        (r"指标|覆盖率|参保率|完成率|达到\s*\d+\s*%|\d+\s*%以上", 1),
    ),
    Demand.COSTS: (
        # a fee for a contest, a listing or a page charged to the village (参评村交版面费,
        # 每村先交评选费, 收取费用)
        (
            r"(?:评选|评审|参评|版面|申报|评比|入选|认证|评审服务)费|收取[^ ]{0,4}费用",
            2,
        ),
        (
            r"自筹|自行(?:解决|承担|负担|筹集|出资)|转嫁|出钱出物|"
            r"由(?:村|社区|村集体|村里).{0,6}(?:承担|支付|出资|垫付|负担)|"
            r"(?:费用|经费|资金).{0,8}(?:村|社区|村集体|村里).{0,4}(?:承担|负担|支付)|"
            # what visitors cost borne by the village (钱村里先出, 油费和司机补贴村里承担)
            r"(?:钱|[油车餐饭路住]费|补贴|补助)[^。，,]{0,8}(?:村里|村集体|各村|社区)"
            r"[^。，,]{0,3}(?:承担|负担|支付|先?出(?![去来发面现门])|垫)",
            2,
        ),
        # buying, paying or raising money at the village's cost
        (
            r"由(?:各村|村委会|村集体|村里|社区|村).{0,8}(?:筹措|采购|购置|付款|列支|集资)"
            r"|由[^ ]{0,4}(?:村|社区)[^ ]{0,4}(?:承担|支付|出资|垫付|负担|付款)"
            r"|(?:从|在)(?:村集体|村级|村里|各村|村|社区)[^ ]{0,10}(?:列支|支出|支付|开支)"
            r"|先行垫付|自购|自费|自行(?:采购|购置|购买)"
            # the village to borrow or find the money itself (借款也要先干起来, 自己想办法筹钱)
            r"|(?:借款|借钱|举债|贷款)[^。，,]{0,6}(?:先干|干起来|也要|垫)"
            r"|自己想办法[^。，,]{0,4}(?:筹钱|筹资|解决|凑)"
            r"|(?:村级|村集体|村里)[^。，,]{0,6}经费[^。，,]{0,2}(?:里|中)出"
            # money advanced for others (垫付, 先把钱垫上, 干部先垫一下): a cost passed down
            r"|垫付|垫资|垫支|先[^ ]{0,6}垫(?:上|一下|着|付)"
            r"|(?:村民|农户|群众|村里|各村)集资|集资(?:修建|建设|购买|购置)|自筹资金|村集体出资|(?:书款|款项|费用|餐费).{0,8}由(?:村|社区|村集体|村里|各村)",
            2,
        ),
        # a deposit the village pays in advance, docked when something goes wrong (预缴防火风险金,
        # 防汛责任金转到镇里账户, 先交5000元押金)
        (
            r"(?:预交|预缴|先交|缴纳|交纳|上交|转到|转入)[^。，,]{0,8}"
            r"(?:押金|保证金|风险金|责任金|风险抵押金)"
            r"|(?:押金|保证金|风险金|责任金)[^。，,]{0,12}"
            r"(?:扣|不退|没收|预交|预缴|交|缴|打到|转到|翻倍)",
            2,
        ),
        (r"押金|保证金|风险金|责任金", 1),
    ),
    Demand.COLLECTION: (
        # collecting on another's behalf (not a parcel point: 快递代收点)
        (r"代收(?!点|快递|包裹)|代缴|代征|催缴|催收|代办.{0,4}缴", 2),
        # the village itself collecting: 请各村收取…, 由村干部收缴…
        (
            r"(?:各村|村里|村委会|村干部|社区|网格员|村组).{0,8}(?:收取|收缴|征缴|收齐|上门收)",
            2,
        ),
        # the money passing through the village: paid for the residents (代为缴纳, 垫付缴纳,
        # 村里统一缴费), taken in cash (现场收钱), handed in at the village (交到村委会)
        (
            r"代为(?:缴纳|缴费|交纳|交费)|垫付(?:缴纳|缴费)?|垫缴|收钱|收款|收现金"
            r"|交(?:到|给)(?:村委会?|村里|村部|村干部|社区)"
            r"|(?:村里|村委会?|村干部|村会计|报账员|网格员|组长|村集体|社区)[^。；;]{0,8}"
            r"(?:统一|集中|先行)(?:缴纳|缴费|交纳|交费|上缴)",
            2,
        ),
        # (not 缴费/缴纳 alone: residents paying their own premium, 按时参保缴费, is no
        # collection by the village)
        (r"收缴|征缴|收取|收费", 1),
    ),
    Demand.TICKETS: ((r"12345|工单|热线|诉求件|交办件|转办件", 1),),
    Demand.INVESTMENT: (
        (
            r"招商|引资|项目引进|引进项目|签约.{0,6}项目|落地项目|协税护税|税收(?:任务|指标|增长)"
            r"|固定资产投资|(?:引进|利用)外资|企业入驻"
            r"|(?:催缴|催收|代征|代收|收缴).{0,10}税",
            2,
        ),
    ),
    Demand.CERTIFICATE: ((r"证明|盖章|开具|出具", 2),),
    Demand.MEETING: (
        # a hall filled or a visit escorted (坐满前三排, 坐满会场当听众, 全天到乡里陪同听汇报),
        # several meetings all to be sat in (上午的会、下午的会…都要到)
        (
            r"坐满[^ ]{0,6}(?:会场|前\s?[一二两三四五\d]+\s?排|座位)|会场[^ ]{0,4}坐满"
            r"|(?:书记|主任|村干部|两委)[^ ]{0,10}陪同(?:听汇报|调研|参观|考察|领导)"
            r"|(?:检查组|调研组|考察组|督查组|领导)[^。]{0,16}(?:书记|主任|村干部|两委)"
            r"[^ ]{0,10}陪同"
            r"|(?:[二两三四五六七八九\d]+|几|多)个会[^。]{0,4}(?:都要|都得|全部)[^。]{0,8}(?:参加|到)"
            r"|的(?:视频)?会(?:\s[^ ]{0,8}的(?:视频)?会(?!计|员))+[^ ]{0,4}都要到",
            2,
        ),
        # village cadres called to a meeting (the lists' 与村级关联度不高的会议)
        (
            r"(?:书记|主任|村干部|两委|负责人|驻村).{0,16}(?:参会|参加|出席|列席)"
            rf"|不得请假|准时参会|安排(?:社区|村(?!民))(?:(?!{_RESIDENTS}).){{0,4}}参加"
            # villages required to attend, or to fill a venue (the lists' 凑人数, 陪会); not
            # residents asked to take part (安排村民参加体检活动, 组织群众参加文明实践活动)
            r"|(?:要求|让|安排)(?:社区|村(?!民)|村居|村级|各村|各社区)"
            rf"(?:(?!{_RESIDENTS})[^ ]){{0,6}}参加[^ ]{{0,8}}(?:会议|活动)"
            r"|凑(?:足|够)?人数|凑人头|撑场面|充场面|各派\s*\d+\s*人(?:到场|参加|参会|出席)",
            2,
        ),
        # a meeting held for its own sake (会后每人交一份心得体会, 开完拍个照就行)
        (r"心得体会|开完[^。，,]{0,4}拍[^。，,]{0,3}照", 2),
        # cadres made to sit in another body's meeting (the lists' 层层陪会): everyone of the
        # village's staff called in, a branch venue, a meeting to "listen to"
        (
            r"陪会|听会|分会场"
            r"|(?:全体|所有|全部|全员)[^ ]{0,12}(?:参会|到场|收看|列席|参加会议)"
            r"|(?:两委|干部|书记|主任|会计|报账员|文书)[^ ]{0,16}(?:收看|到场|列席)",
            2,
        ),
        (r"参会|座谈会|推进会|调度会|培训会", 1),
    ),
    Demand.HOSPITALITY: (
        (
            r"招待|(?:准备|安排|做好|负责).{0,6}(?:工作餐|午餐|晚餐|就餐|伙食|接待)"
            r"|(?:工作餐|伙食|就餐).{0,10}由(?:各村|村|社区|村里)",
            2,
        ),
        # visitors fed, driven or shown round by the village (午饭在村里安排, 派车接送,
        # 来一拨陪一拨)
        (
            r"(?:午饭|晚饭|中饭|早饭|饭|住宿)[^。，,]{0,3}(?:在村里|在村|村里|由村)[^。，,]{0,2}安排"
            r"|派车接送|(?:派|出|安排)[^。，,]{0,2}车[^。，,]{0,4}接送"
            r"|(?:参观|考察|调研|观摩)[^。]{0,20}陪(?:同|着|一)"
            r"|陪同[^。，,]{0,6}(?:参观|考察|调研|观摩)",
            2,
        ),
        (r"接待|工作餐|伙食|土特产", 1),
    ),
    Demand.ENFORCEMENT: (
        (r"执法|处罚|罚款|查处|取缔|没收|查封|扣押|强制拆除|责令|吊销|拆违|违建", 2),
        # the steps of a case (核查取证, 询问笔录, 立案, 停工通知)
        (r"取证|询问笔录|立案|停工通知", 2),
        # the village to seize or shut (设卡查扣超载货车, 下达限期关停通知)
        (r"查扣|设卡[^。，,]{0,6}查|(?:限期|责令)[^。，,]{0,2}(?:关停|拆除)|关停通知", 2),
        # the village made to pull down a building itself, and blamed when it cannot
        (r"(?:自己|自行)去?拆|拆不掉|责任(?:算|由|归)(?:社区|村)", 2),
        (r"拆除", 1),
    ),
    Demand.DEMOLITION: (
        (r"征地|拆迁|征收|腾退|腾空|腾房|补偿谈判|搬迁", 2),
        # old houses to pull down handed to the village's cadres (拆旧, 旧房拆不下来)
        (
            r"拆旧|(?:旧房|老房|危旧房)[^。，,]{0,6}拆|拆(?:掉|除)?[^。，,]{0,2}(?:旧房|老房|危旧房)",
            2,
        ),
    ),
    # a meeting's spirit relayed the same day or night (the lists' 传达不过夜)
    Demand.RELAY: (
        (
            r"(?:今晚|当晚|今夜|连夜|当天|当日|今天之内|今日之内|不过夜)[^ ]{0,16}传达"
            r"|传达[^ ]{0,16}(?:不过夜|今晚|当晚|当天|当日|连夜|第二天)",
            2,
        ),
        # an upper body's document passed down whole, unsifted (原文转发, 照抄照转, 层层转发,
        # 不经筛选直接转发: the rules against 以文件落实文件)
        (r"(?:原文|原样|直接|层层|照抄)转发|照抄照转|照转|不经筛选", 2),
        # an upper body's document handed on for the villages to carry out (文件转给你们了，各村
        # 对照落实; 转发《…》，请各村认真贯彻执行; 文件全部转到群里了…写个落实报告)
        (
            r"(?:文件|通知)[^。]{0,8}(?:转给|转到|转发给|一并转|转你们)[^。]{0,24}"
            r"(?:落实|贯彻|执行)"
            r"|转发[^。，,]{0,2}[^。]{2,40}(?:通知|意见|办法|方案|规定|文件)[^。]{0,16}"
            r"(?:贯彻|落实|执行)",
            2,
        ),
    ),
    # staff of the villages borrowed by an upper body (the lists' 借调, 抽调)
    Demand.SECONDMENT: (
        (
            # (抽一个时间来镇里 is no one borrowed: 个 only with 人)
            r"借调|(?:抽调|抽派|抽人|抽[一二两三四五\d]+(?:个人|名))"
            r"[^ ]{0,16}(?:到|至|去|赴|来)[^ ]{0,10}"
            r"(?:局|中心|县|市|部|办|委|窗口|单位|机关)|跟班(?:学习|工作)"
            # a village's staff borrowed to an office (借用村干部, 想借他过来帮忙)
            r"|借用[^ ]{0,6}(?:村干部|干部|会计|文书|人员)"
            r"|借(?:他|她|人)[^ ]{0,2}(?:过来|过去|到)[^ ]{0,8}(?:镇|乡|街道|局|县|办)"
            # taken by an office (被计生办借去了, 借到乡镇各口上) or kept at the township for long
            # (常年在乡里帮着写材料, 到镇里协助…为期三个月，期间不回村, 下个月起来镇里帮忙…村里的
            # 事先放一放): a cadre away from the village
            r"|被[^ ]{1,8}借(?:去|走|过去|调)"
            r"|(?:干部|村官|文书|委员|会计|主任|书记)借(?:到|给)"
            r"[^ ]{0,8}(?:镇|乡|街道|局|县|机关|各口)"
            r"|(?:常年|长期|一直)在(?:镇|乡|街道|县)[^ ]{0,4}(?:帮|协助|写材料|跟班)"
            r"|(?:到|来|去)(?:镇|乡|街道|县)(?:里|上|机关|政府)?[^ ]{0,4}(?:帮忙|帮着|协助)"
            r"(?=[^。]{0,24}(?:为期|期间不回村|不回村|放一放|顾不上村|个月|半年|一年))",
            2,
        ),
        (r"抽调", 1),
    ),
    Demand.OFF_HOURS: (
        # work sent out at night, at the weekend or on a holiday, or a group to watch at all
        # hours (the lists' 非工作时间发布工作信息, 24小时工作媒介)
        (
            r"非工作时间|8小时以外|八小时以外|全天候|盯群|秒回|随时在线"
            # sent on Friday for Monday, work overnight (周五下午发…周一上午前报, 今晚加班整理)
            r"|周五[^。]{0,12}(?:发|通知)[^。]{0,16}周一[^。]{0,8}(?:前|报|交)"
            r"|今晚加班|加班[^。]{0,8}(?:整理|报|填)"
            r"|24小时(?:工作|在线|盯|回复|响应)|二十四小时(?:工作|在线|盯|回复|响应)"
            r"|(?:周六|周日|星期六|星期日|星期天|周末)(?:晚上|中午|上午|下午|早上|夜里)?"
            r"[^ ]{0,6}(?:工作群|群里|群内|通知|布置)"
            r"|(?:晚上|夜里|深夜|凌晨)\s*(?:\d+|十一|十二|十|九)\s*点[^ ]{0,12}(?:群|通知|布置|发)"
            r"|(?:假期|休假|节日)(?:第[一二三四五六七]天|期间|当天).{0,14}(?:群里|群内|布置|通知)"
            # the lists' 下班时间和节假日…派发; a message opening with the hour or day it was
            # sent when that is off hours, then the ones it is sent to (周六晚上九点半，@各村…;
            # 深夜十二点半，@全体…; 元旦晚上，@各村…; 【22:47】@各社区…), the time of a chat
            # message as the lists mean it. Not the notice's own date, whose day the normaliser
            # drops (2026年12月5日晚上，镇农业办：), a greeting (晚上好), the time of the event
            # (周六上午，镇卫生院到各村义诊; 中秋节上午 各村组织慰问), an emergency (凌晨一点，请各
            # 村立即上报灾情) or a deadline (1:30前)
            r"|(?:下班(?:时间|后)|节假日|休息日|双休日)[^。]{0,8}(?:群|派发|派活|布置|通知|发布)"
            r"|^\s*(?:周六|周日|星期[六日天]|周末|除夕|春节|中秋节?|国庆|元旦|端午)[^ ]{0,3}"
            r"(?:晚上|夜里|深夜|凌晨|下午|中午|上午|早上)[^ ]{0,5}\s"
            + _ADDRESSEE
            + r"|^\s*(?:凌晨|深夜|晚上|夜里)[^ ]{0,5}点[^ ]{0,3}\s"
            + _ADDRESSEE
            + r"|^\s*(?:(?:凌晨|深夜)[0-5]|2[1-3]|0[0-5])\s*[0-5]\d\s请?(?:各|全体|所有)",
            2,
        ),
    ),
}

_COMPILED: tuple[tuple[Demand, re.Pattern[str], int], ...] = tuple(
    (d, re.compile(p), s) for d, pats in _PATTERNS.items() for p, s in pats
)

#: Pictures that are no trace of work: a video the villagers watch, the photo a resident brings
#: for a card (近期彩色照片, 一寸照片). Read out of a text before its traces are looked for.
_NOT_TRACE = re.compile(
    # someone else's attendance the village keeps or sees (保洁员考勤表, 公益性岗位人员刷脸考勤,
    # 学生出勤率, 学员出勤率)
    r"(?:保洁|护林|护路|护河|公益(?:性)?岗|学生|学员|老人|群众|村民|值守人员|参训|网格员|村医)"
    r"[^ ]{0,12}(?:考勤|出勤)(?:机|终端|设备|率|表|记录|情况)?|"
    r"(?:观看|收看|播放|放映|学习)[^ ]{0,10}(?:视频|影像|短片)"
    r"|(?:一寸|二寸|两寸|彩色|近期|免冠|证件|标准)[^ ]{0,4}(?:照片|相片|照)"
    # old pictures collected as things of the past (征集老照片、老物件), and pictures of old
    # things (收集老物件照片): objects, no trace
    r"|(?:老|旧|历史|黑白)(?:照片|相片|影像)"
    r"|(?:老|旧)(?:物件|物品|农具|家具|器物|建筑|房子)[^ ]{0,2}(?:照片|相片|影像)"
    # what was found photographed for the office that acts on it (看到多钩的拍照报渔政,
    # 发现乱倒垃圾的拍下来发给城管): the photo shows the wrong, not the village's work done
    # (its clause or the next; not of the work, a visit or its progress: 整改后的照片, 领导来检查)
    r"|(?:发现|看到|遇到|碰到)(?![^。]{0,24}(?:整改|进度|领导|检查|实效|宣传))[^ ]{0,16}?\s?"
    r"[^ ]{0,6}?(?:拍照|拍下来?|拍个照|拍张照|照片)[^ ]{0,4}(?:报|发给|发到|交给|告知)"
)

#: An incident told at once when it happens (发现…迹象 马上报派出所, 有险情马上报, 有变化当天上报,
#: 看到冒烟马上打电话报火警): the telling is the task, not figures rushed in. Read out of a text
#: before its forms are looked for. (Normalised text: each stop is a space, so the condition
#: may stand a clause before.)
_INCIDENT_TOLD = re.compile(
    r"(?:发现|一旦|如有|若有|如遇|遇到|看到|出现|有(?:险情|异常|变化|动静|情况|问题|隐患))"
    r"[^。]{0,20}?(?:马上|立即|立刻|第一时间|及时|当天|当日)"
    # (or the channel it goes by, with no form in it: 马上通过网格平台报上来, not 马上把排查台账
    # 报上来)
    r"(?:[^ ]{0,4}|(?:通过|用|在|打)(?:(?!台账|表|名单|花名册|照片|材料|数据)[^ ]){0,6}?"
    r"(?:平台|系统|电话|微信|群|APP|app|小程序))"
    r"(?:上报|报告|报|打电话|电话|告诉)"
)

#: A clock time the same day or night as a deadline, in figures or in words (今天下午5点前,
#: 今晚10点前, 今天下午三点前), and the emergencies whose counts are rightly asked that fast (see
#: ``find_demands``). Like the minutes of a time limit, it is no rushed report when what is due
#: by it is an act on the spot (``_DUE_NOT_AN_ACT``).
_CLOCK_DEADLINE = re.compile(
    r"(?:今天|今日|当天|当日|今晚|当晚)[^ ]{0,4}"
    r"(?:\d+\s*(?:[点时](?:钟)?|[:：\s]\d\d)|[一二两三四五六七八九十]{1,3}[点时](?:钟)?)(?:前|之前)"
    + _DUE_NOT_AN_ACT
)
_EMERGENCY = re.compile(
    r"台风|暴雨|洪水|汛情|防汛|山洪|泥石流|滑坡|地震|险情|疫情|火情|火灾|人员转移|转移群众"
    r"|泄洪|溃坝|决堤|塌方|崩塌"
)
#: Figures asked at once (马上报, 立刻发过来): rushed reporting, unless an emergency happening
#: is what they are about, said near them (地震了…马上报镇里; 水库要泄洪…马上报给我): then asking
#: at once is the task. A standing word (防汛值班表, 防汛工作总结, 疫情防控补助) is no event.
_AT_ONCE = re.compile(r"(?:立刻|马上|立即)[^ ]{0,8}(?:报|(?<!出)发(?!动|放))(?!告|警|案|现)")
_HAPPENING = re.compile(
    r"今晚|刚才|刚刚|发生|正在|险情|泄洪|地震|溃坝|决堤|塌方|崩塌|山洪|火情|着火|火灾|转移|被困|失联"
)
#: how far from 马上报 the event may be said
_HAPPENING_NEAR = 40


def _at_once_in_emergency_masked(text: str) -> str:
    """``text`` with the figures asked at once about an emergency happening blanked out."""

    def blank(m: re.Match[str]) -> str:
        near = text[max(0, m.start() - _HAPPENING_NEAR) : m.end() + _HAPPENING_NEAR]
        return " " * len(m.group(0)) if _HAPPENING.search(near) else m.group(0)

    return _AT_ONCE.sub(blank, text)


#: A duty handed to the village (监管责任交由村(社区)承担, 执法事项交由村级组织承担): the
#: village made to bear a task, not its cost; read out of a text before costs are looked for
#: (the duty itself is the form its own item names).
_DUTY_HANDED = re.compile(
    r"(?:责任|职责|事项|任务|工作)[^ ]{0,2}(?:交由|交给|转由|由)[^。]{0,10}(?:承担|负责)"
)

#: A vote the village holds itself (村民会议投票通过, 换届选举的投票站, 回村投票, 举手或投票):
#: its own democracy, not residents sent to vote online for a contest (网络投票, 扫码投票, 每天
#: 投票), which is how 投票 is an app burden. Only the word 投票 is set aside (by
#: ``_VOTE_MASK``, not a space: the clause stays one), and only within the clause that names
#: the meeting or the election (normalised text: a space is a stop).
_OWN_VOTE = re.compile(
    r"(?:村民|代表(?!队)|大会|会议|开会|选举|换届|选民|表决|举手|推选|回来|回村)"
    r"(?:(?!app|平台|小程序|公众号|客户端|网络|网上|线上|链接|扫码)[^ ]){0,12}?"
    r"(?<!网络)(?<!网上)(?<!线上)(?<!在线)(?<!每天)(?<!扫码)(?<!链接)(投票)"
    r"|(投票)(?:站|箱|选举|表决)"
)
_VOTE_MASK = "◇◇"


def _own_votes_masked(text: str) -> str:
    """``text`` with the 投票 of each vote the village holds itself masked (``_OWN_VOTE``)."""
    return _OWN_VOTE.sub(
        lambda m: (
            m.group(0).replace("投票", _VOTE_MASK) if m.group(1) else _VOTE_MASK + m.group(0)[2:]
        ),
        text,
    )


#: People a village names or sends for a task: its own staffing, not a quota. A number of
#: places (每村推荐2名, 选派两人, 安排一名干部带路, 确定1至2名监测员) is staffing whoever fills
#: them, unless they are volunteers or residents turned out to an event
#: (确定30名群众参加观摩活动); a floor (不少于, 不得少于, 至少, 以上) or 有 is staffing
#: only for the village's own roles or a team (配备不少于2名网格员, 有3名以上调解员,
#: 组建不少于12人的护村队): a floor of volunteers, trainees or residents
#: (招募不少于10名志愿者, 推荐不少于5人报名, 至少有50名群众参加) is the quota the lists forbid.
#: People counted as an outcome (报名人数, 人次) stay one; 派出所 sends no one.
_NAMING = r"(?:推荐|选派|(?<!摊)派(?!出所)出?|确定|明确|配备|配齐|推选|选出|组建|成立)"
_HEADCOUNT = r"(?:\d+|[一二两三四五六七八九十]+)\s*(?:名|个?人)(?!次|数)"
_FLOOR = r"(?:不少于|不(?:得|能|可)少于|至少|不低于)"
#: The village's own roles and teams (网格员, 村干部, 联络人, 护村队); not 学员, 会员, 党员,
#: 团员, 队员 of a crowd, nor volunteers, residents or people signing up.
_ROLE = (
    r"(?:以上)?的?\s?"
    r"(?:(?!志愿者|志愿服务|报名|参加|参与|参训|群众|村民|居民|学员|会员|用户)[^ ]){0,8}?"
    r"(?:(?<![学会党团社成队])员|干部|主任|书记|路长|河长|队长|组长|联系人|看护人|探访人|代表"
    r"|候选人|负责人|明白人|小分队|队|小组)"
)
_PEOPLE_NAMED = re.compile(
    # places named: no floor before the count, none after it, not volunteers or a turnout
    # (安排 names places only for the village's own people, not residents or an audience
    # turned out: 安排20名村民到镇卫生院体检, 安排15名观众收看)
    rf"(?:{_NAMING}|安排(?!\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:名|个?人)的?(?:村民|居民|群众|党员|观众|听众|学员|家长)))"
    rf"(?!{_TURNOUT_COUNT})"
    rf"(?:(?!人数|{_FLOOR})[^ ]){{0,8}}?{_HEADCOUNT}(?!以上|多)"
    r"(?![^ ]{0,8}?(?:志愿者(?!队长)|志愿服务|活动|观摩|到场|凑))"
    # a floor, or 有: the village's own roles or a team only
    rf"|(?:{_NAMING}|有|(?:各|每个?)网格)(?:(?!人数)[^ ]){{0,8}}?{_FLOOR}?{_HEADCOUNT}{_ROLE}"
    # what a village keeps ready for its own work: people on duty (至少保证一名干部在服务中心
    # 值守, 确保每村至少二十人随叫随到, 至少一名两委成员在村部办公; not 确保发展30名用户) and
    # things stocked (每村至少备两套)
    r"|(?:确保|保证|至少)[^。，,；;]{0,8}?(?:\d+|[一二两三四五六七八九十]+)\s*(?:名|个?人)"
    r"[^。，,；;]{0,16}?(?:值守|值班|在岗|到岗|随叫随到|待命|轮班|办公(?![室楼区])|坐班)"
    r"|(?:备|储备|备齐|备足)(?:不少于|至少)?(?:\d+|[一二两三四五六七八九十]+)\s*(?:套|台|个|件|把|副|具)"
)
#: Floors that are no number asked of the village: the two officers a procedure takes
#: (核查时工作人员不得少于2人, 执法人员不少于两名) and what a household is paid (每户补助标准
#: 不得少于2000元).
_NO_QUOTA_FLOOR = re.compile(
    r"(?:人员|执法|检查|核查|调查员)[^ ]{0,4}(?:不少于|不(?:得|能|应)少于)"
    r"\s*(?:2|两|二)\s*(?:人|名)"
    r"|(?:补助|补贴|奖补|抚恤)(?:金|款)?(?:标准)?[^ ]{0,4}"
    r"(?:不少于|不(?:得|能|应)(?:少|低)于|不低于)"
    # how often in a span (每月入户走访不得少于2次, 每季度至少3次): a few times, no count of
    # things done (每月至少填80次借阅 stays one)
    r"|每(?:年|半年|季度?|月|周|天|日)[^ ]{0,8}?(?:不少于|不(?:得|能|应)少于|至少)"
    r"\s*[1-4一二两三四]\s*次"
)

#: A plate on what is not the village's office: a tree listed for protection (古树名木挂牌),
#: an honour plate at a household's door (光荣牌, 值班户门前挂…牌子). The lists forbid the boards
#: of bodies on the village's office, not these.
_NOT_OFFICE_BOARD = re.compile(
    # assets listed for sale or lease on an exchange (挂牌竞价, 挂牌公告20天, 挂牌出租) and a case
    # put under supervision (挂牌督办): 挂牌 in their own senses, no board at all
    r"挂牌(?:竞价|竞拍|拍卖|交易|出让|转让|出租|招租|公告|上市|成交|价|督办|整治)"
    r"|(?:古树|名木|树木)[^。，,；;]{0,8}挂(?:牌|上?[^。，,；;]{0,4}牌)|挂牌[^。，,；;]{0,4}(?:古树|名木)"
    r"|光荣(?:之家)?牌|(?:户|家|家庭)(?:门口|门前|门上)[^。，,；;]{0,8}挂[^。，,；;]{0,12}"
    # accounts put on the wall (明细上墙, 账目上墙): the village's affairs published, the lists'
    # 村务公开, not a board
    r"|(?:账|明细|收支|账目|财务|开支|花销|花费)[^ ]{0,6}上墙"
    # a warning put up at a hazard (拉警戒、立牌子; 立个牌子写上禁止下水)
    # (the clause or the next: not a room or station set up with its plate, 警示教育室…设置标牌)
    r"|(?:警戒|警示(?!教育)|危险|隐患|禁止|严禁)[^ ]{0,6}\s?[^ ]{0,4}(?:立|竖|插)[^ ]{0,2}牌子?"
    r"|(?:立|竖|插)[^ ]{0,2}牌子[^ ]{0,2}\s?[^ ]{0,6}(?:警示|禁止|严禁|危险|注意)"
    # a plate that says the warning, hung or set up (挂一块水深危险的牌子, 设一块禁止游泳的标牌)
    # (not an office's plate whose name holds a warning word: 警示教育基地, 危险品管理站)
    r"|(?:挂|立|竖|插|设|放)[^ ]{0,3}(?:一块|块|个)?[^ ]{0,6}"
    r"(?:警示(?!教育)|危险|禁止|严禁|注意安全)"
    r"(?![^ ]{0,6}(?:站|室|中心|基地|馆|所|点|办)的?(?:牌子|标牌))"
    r"[^ ]{0,4}(?:牌子|标牌|警示牌)"
)
#: Households the village rates itself (各户院落卫生评比, 文明户评选, 庭院红黑榜, 给农户打分):
#: the village's own work with its residents, as the lists' 红黑榜 of households and 门前三包
#: items say, not an assessment of the village.
_HOUSEHOLDS_RATED = re.compile(
    # (not villages rated under a households' title: 五好家庭示范村评比 rates the villages)
    r"(?:各户|农户|户户|每户|家庭|文明户|星级户|示范户|庭院|院落)[^。，,；;]{0,10}"
    r"(?<!示范村)(?<!文明村)(?<!先进村)(?<!模范村)(?<!示范社区)(?<!文明社区)(?<!先进社区)"
    r"(?:评比|评选|评出|打分|红榜|黑榜|红黑榜|红蓝榜|星级评定)"
    r"|(?:评比|评选|评出|打分|红榜|黑榜|红黑榜|红蓝榜|星级评定)[^。，,；;]{0,10}"
    r"(?:各户|农户|户户|每户|家庭|文明户|星级户|示范户|庭院|院落)"
    # households scored at their doors, or rated by stars and titles (入户打分, 打分评星,
    # 评"美丽庭院"星级户, 最清洁户), and a points scheme kept for them (积分制, 积分超市, 积分兑换)
    # (入户打分 of the village's own, see ``_households_masked``; not a village starred:
    # 评星级文明村)
    r"|(?:打分|评分)评星|评星(?!级?(?:文明|示范|先进)?(?:村|社区|支部|党组织))"
    r"|星级(?:户|牌)|美丽庭院|清洁户|卫生户"
    r"|积分(?:制|办法|超市|兑换|存折|卡)"
    # the residents or their representatives judging their cadres (代表现场打分, 群众当场测评):
    # the village's own democratic review
    r"|(?:群众|村民|代表|党员|居民)[^。，,；;]{0,4}(?:现场|当场|逐一|无记名)?"
    r"(?:给[^。，,；;]{0,4}(?:干部|书记|主任|成员|两委))?(?:打分|评议|测评|考评)"
)
#: Material the sender has put in the group (名单发群里了, 表格已发到工作群): how the notice
#: travels, not a group the village is made to work in. Read out before apps are looked for.
_SENT_TO_GROUP = re.compile(
    r"(?:已经?|已)?(?:发|发到|发在|放在|传到|上传到)(?:了)?(?:工作群|微信群|群)(?:里|内|中)?了"
    r"|(?:已经?|已)(?:发|发到|发在|放在|传到|上传到)(?:工作群|微信群|群)(?:里|内|中)?"
)
#: ... unless the villages are who sent it (各村的日报一律发群里了, 你们都发群里了没有): a
#: subject of theirs before it in its clause, or a question after it.
_VILLAGES_SENDING = re.compile(r"各村|你们|村里|一律|每天|都")
_ASKED_AFTER = re.compile(r"没有|没|吗|\?|？")


def _sent_to_group_masked(text: str) -> str:
    """``text`` with the material the sender has put in the group blanked out."""

    def blank(m: re.Match[str]) -> str:
        clause = text[: m.start()].rsplit(" ", 1)[-1]
        if _VILLAGES_SENDING.search(clause) or _ASKED_AFTER.match(text, m.end()):
            return m.group(0)
        return " " * len(m.group(0))

    return _SENT_TO_GROUP.sub(blank, text)


#: Households scored at their doors (入户打分): the village's own rating, unless those who check
#: the village do it (市检查组将随机入户打分, 第三方入户评分).
_SCORED_AT_DOORS = re.compile(r"入户[^。，,；;]{0,4}(?:打分|评分|评比)")
_CHECKERS = re.compile(r"检查|考核|督查|暗访|第三方|验收|测评组")


#: 通报 as telling a plan or a policy to those concerned (向村民代表通报征地补偿方案): no
#: circular naming a village.
_INFORMED = re.compile(r"通报(?=[^ ]{0,8}(?:方案|政策|进展))|(?<=向)[^ ]{0,8}通报")


#: A scheme by which the village rates its own households (积分存折, 积分卡, 积分超市,
#: 星级文明户, 道德积分): where a notice works one and rates no village, its ratings (评出星级,
#: 扣分标准, 评得差的上黑榜) are the scheme's, the village's own work with its residents.
_HOUSEHOLD_SCHEME = re.compile(
    r"积分(?:制|办法|超市|兑换|存折|卡)|星级(?:文明)?(?:户|家庭)|文明(?:家)?户|道德(?:积分|银行)"
    r"|(?:爱心|积分|道德)超市"
)
_SCHEME_RATINGS = re.compile(r"评出|评定|评选|评比|评议|星级|扣分|加分|打分|红黑榜|黑榜|红榜")
#: ... unless villages are rated in it (纳入各村年度考核, 排名通报, 示范村, 验收).
_VILLAGES_RATED = re.compile(
    r"考核|考评|排名|排序|通报|督查|抽查|检查组|评估|验收|暗访|一票否决|问责|倒数|末位|挂钩"
    r"|(?:示范|文明|先进|星级|达标)(?:村|社区)"
    r"|(?:各村|村与村|每个村|各社区)[^ ]{0,4}(?:评比|打分|评分|比拼|比(?!照|对|例))"
    # the township or county as the rater (镇里评比打分), villages or their branches as the
    # rated (落后村, 哪个村, 五星支部, 村书记), the village's working of the scheme as what is rated
    # (推行情况, 兑换率), standings put on show (晒, 前三名)
    r"|(?:镇|乡|县|街道)(?:里|党委|政府|纪委|文明办|党建办)?[^ ]{0,12}"
    r"(?:评比|评选|评定|打分|扣分|加分|星级|红黑榜|黑榜|红榜)"
    r"|(?:的|个|落后|后进|优秀|红旗|哪个|到)村(?!民|里|规|务)|村(?:书记|干部|党组织|支部)"
    r"|星(?:级)?(?:支部|党组织)|前[一二三四五六七八九十\d]+名|晒|比一比"
    r"|(?:推行|推进|建设|运营|执行|发放)(?:情况|得)|兑换(?:率|量)"
)
#: Who is rated in a clause of a scheme's: a household or a resident (the clause's ratings are
#: the scheme's only where it names the scheme or them, or follows the scheme's clause).
_HOUSEHOLD_NAMED = re.compile(r"户|家庭|村民|农户|居民")


#: A resident talked to by the village (村里按村规民约约谈了, 约谈违规户主): the village's own
#: persuasion, not those above calling its cadres to account.
_RESIDENT_TALKED_TO = re.compile(
    r"(?<![对向把将让被])(?:村里|村委会?|村两委)(?:已经?|先|也|又)?"
    r"(?:(?:按|依照|根据|依据)[^ 被]{0,6})?约谈"
    r"|约谈(?:了)?(?:村民|居民|户主|当事人|农户|业主|商户|摊主|违规户|违建户)"
)


def _scheme_ratings_masked(text: str, rated: str) -> str:
    """``rated`` with the ratings of a households' scheme blanked out: in a clause of ``text``
    that names the scheme or a household, or follows the scheme's clause (clauses are the
    spaces' stretches of the normalised text)."""
    chars = list(rated)
    scheme_before = False
    for clause in re.finditer(r"[^ ]+", text):
        start, end = clause.span()
        schemed = bool(_HOUSEHOLD_SCHEME.search(text, start, end))
        if schemed or scheme_before or _HOUSEHOLD_NAMED.search(text, start, end):
            for m in _SCHEME_RATINGS.finditer(rated, start, end):
                chars[m.start() : m.end()] = " " * (m.end() - m.start())
        scheme_before = schemed
    return "".join(chars)


def _households_masked(text: str) -> str:
    """``text`` with the households the village rates itself, and plans told, blanked out."""

    def blank(m: re.Match[str]) -> str:
        clause = text[: m.start()].rsplit(" ", 1)[-1]
        return m.group(0) if _CHECKERS.search(clause) else " " * len(m.group(0))

    rated = _HOUSEHOLDS_RATED.sub(lambda m: " " * len(m.group(0)), text)
    rated = _RESIDENT_TALKED_TO.sub(lambda m: " " * len(m.group(0)), rated)
    if _HOUSEHOLD_SCHEME.search(text) and not _VILLAGES_RATED.search(text):
        rated = _scheme_ratings_masked(text, rated)
    return _INFORMED.sub(lambda m: " " * len(m.group(0)), _SCORED_AT_DOORS.sub(blank, rated))


#: A resident received by the village (村民要求查看单据…安排会计接待): a service, not visitors
#: to host, unless those who visit from above are named near it.
_RECEIVED = re.compile(r"接待")
_RESIDENT_ASKING = re.compile(r"村民|群众|居民|信访|来访|查询|咨询|办事")
_VISITORS = re.compile(r"检查|考察|参观|调研|领导|观摩|督查|客人|来宾")


def _residents_received_masked(text: str) -> str:
    """``text`` with 接待 of residents blanked out."""

    def blank(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 40) : m.start()]
        if _RESIDENT_ASKING.search(before) and not _VISITORS.search(before):
            return " " * len(m.group(0))
        return m.group(0)

    return _RECEIVED.sub(blank, text)


#: A body named by the form of work it does (县综合行政执法局, 镇农业执法大队, 县征地拆迁办,
#: 县招商局): its name says who sends or helps, not what the village is asked to do. Read out of
#: a text before any demand is looked for. A name needs a place before it (县, 镇, 市 …) or
#: ends in a unit no verb ends in (大队, 中队, 支队, 分局, 指挥部); 办 not of 办理, 办案 ….
_BODY_NAMED = re.compile(
    # (not a body the village is told to set up: 成立村级征地拆迁指挥部, 设立城管执法检查站)
    r"(?<!成立)(?<!组建)(?<!设立)(?<!建立)(?<!设置)"
    r"(?:(?:县|市|(?<![辖园社])区|镇|乡|街道|省)[^ ，。,：:、；;（）()]{0,8}?"
    r"(?:执法|拆迁|征收|征地|招商|城管)[^ ，。,：:、；;（）()]{0,4}?"
    r"(?:局|办公室|指挥部|所(?![需有涉在得谓以属])|站|中心|办(?![理案事法好结完公]))"
    r"|(?:执法|拆迁|征收|征地|招商|城管)[^ ，。,：:、；;（）()]{0,2}?"
    r"(?:大队|中队|支队|分局))"
)
#: Enforcement the village helps with (配合执法人员排查, 协助交警查处): the officers enforce, the
#: village helps, as the lists' 协助 items say. Read out of a text before enforcement is looked
#: for; the village made to enforce (由村里实施处罚, 村里下达整改通知书) is still read.
_HELPING_ENFORCE = re.compile(r"(?:配合|协助)[^ ]{0,8}(?:执法|查处|处罚|取缔|拆违)")

#: An inspection someone comes to make: 检查 after 迎接/应付 (up to six characters between) or
#: after 来, 上级, 上面, 市里 … (up to four), the word itself matched (fixed-width look-behinds),
#: so an act of showing (应付) still stands apart from it.
_COMING_CHECK = "|".join(
    [rf"(?<=(?:迎接|应付)[^ ]{{{n}}})检查" for n in range(7)]
    + [rf"(?<=(?:上级|上面|[省市县乡镇]里)[^ ]{{{n}}})检查" for n in range(5)]
    + [rf"(?<=来[^ ]{{{n}}})检查" for n in range(5)]
)

#: Forms that are an *act on an object*: an app is the burden only when the villages must
#: install, register, follow or check in on it; a hotline only when its tickets are handed to
#: them to handle. A text names the form clearly (strength 2) when an act and an object stand
#: within ``PAIR_WINDOW`` characters of each other, in either order; an object or an act
#: alone is a weak sign (the patterns above). Read the same way from an item ("强制下载安装
#: 政务APP", "承办政务投诉处理") and from a notice ("关注公众号并注册客户端", "热线工单由社区
#: 承办"), so that the two meet on the form, whatever words each uses.
_ACT_OBJECT: dict[Demand, tuple[str, str]] = {
    Demand.APPS: (
        r"下载|安装|注册|关注|激活|登录|打卡(?!发放|到户|到账|发到)|签到|点赞|投票|绑定|扫码",
        r"app|小程序|公众号|视频号|客户端|政务平台|账号|微信",
    ),
    Demand.TRACE: (
        r"录制|上传|发送|发到|发至|发在|晒",
        r"照片|图片|图文|视频|截图|影像|定位|合影|拍照",
    ),
    # appearances or records made up for an inspection or a visit (为迎检补做记录, 检查组来前
    # 把墙刷白、摆上花, 组织群众排练一场给检查组看): not the work, its show
    # (the inspection is someone's coming: 检查组, 来检查, 市里…检查, 应付检查; not the
    # village's own check of its equipment, 检查消防设施…换新, nor a surprise inspection,
    # 突击检查; people present for it, 人员到位, is hosting, an assessment form)
    Demand.SHOW: (
        r"补做|补建|补填|补记|补写|补到|补满|誊抄|重新抄|编造|造假|摆拍|排练|演示|摆好|摆放|摆上"
        r"|挡起来|挡住|遮挡|刷白|刷墙|换新|换成新|换上新|面子|显得|装样子|摆样子|作秀|应付"
        r"|做做样子|做样子|看着像|看起来像|交差|临时(?:铺|插|栽|种|摆|搭)|插满"
        r"|突击(?!检查|督查|暗访|抽查|巡查|排查|整治|行动)",
        r"迎检|暗访|验收|观摩|看点|督查|调研组|参观|来看|来人|路过|来拍照"
        r"|检查(?:组|团|人员)|" + _COMING_CHECK,
    ),
    # a survey of the residents answered for them or coached by the village (代填问卷, 把满意
    # 度调查表勾好, 给每户发测评的参考答案, 群发短信请大家回答非常满意): the residents' view is
    # what such a survey asks, and the village made to supply it is a form the lists forbid
    # (not the village asked to tell residents a survey is coming, 通知群众接听回访电话)
    Demand.SURVEY: (
        r"代填|代为填写|代答|代为回答|(?:替|帮)(?=[^ 。，,]{0,12}(?:填|(?<!解)答|勾|接听|提交))"
        r"|代(?:替)?(?:群众|居民|村民|农户)(?=[^ ]{0,8}(?:填|答|勾|测评|接听|提交|接受))"
        r"|统一(?:填写|勾)|勾好|勾成"
        r"|标准答案|参考答案|应答参考|答题卡|回答要点|答复口径|应答口径|统一口径|答题口径"
        r"|照着(?:说|答|回答|教)|(?<!如实)说[^。，,]{0,10}(?:都|很|非常)?满意(?![度率]|不满意)|打满分|都选(?![派举送出拔])|背(?:熟|会|下来|出来|诵)|熟记"
        r"|答案[^ ]{0,12}记(?:住|牢)|记(?:住|牢)[^ ]{0,6}答案"
        r"|(?:别|不要|不能|不许)(?:说|答|选)\s?(?:[‘“'\"]|说不清|不清楚|一般|不满意)"
        r"|(?:回答|答|说|给|选) ?[‘“'\"]? ?(?:很|非常)?满意(?![度率])",
        r"问卷|调查表|评价表|测评|满意度|满意率|回访|安全感|知晓率|(?:电话|民意)调查|民调"
        r"|接到电话",
    ),
    Demand.TICKETS: (
        # (派给 of a ticket handed to them, 回单 of the slip returned when it is done)
        r"承办|办理|办结|处置|处理|回复|回访|交办|转办|转交|派单|派至|派到|派给|签收|结案|回单",
        r"12345|热线|工单|诉求|投诉|转办单|交办单",
    ),
}
PAIR_WINDOW = 24
#: Acts that make a form only in the clause of their object: 帮 or 代填 in one clause and a
#: 回访 in the next (帮残疾人填写补贴申请表，做好回访) are a service and its follow-up, not a
#: survey answered for the residents.
_CLAUSE_BOUND: dict[Demand, re.Pattern[str]] = {
    Demand.SURVEY: re.compile(r"^(?:帮|替|代|统一)"),
}
#: ... unless the residents' view is the topic the clause after it acts on (满意度问卷每村200份，
#: 请村里代村民填好): a survey named first, then filled in for them.
_TOPIC_BEFORE: dict[Demand, re.Pattern[str]] = {
    Demand.SURVEY: re.compile(r"问卷|评价表|测评|满意度|满意率|知晓率"),
}
#: A prohibition a notice states itself (严禁村干部代填代答): the form is what it forbids.
_FORBIDDEN_BEFORE = re.compile(r"(?:严禁|不得|禁止|杜绝|不准|不许)[^ ]{0,6}$")
_PAIRS: tuple[tuple[Demand, re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (d, re.compile(act), re.compile(obj)) for d, (act, obj) in _ACT_OBJECT.items()
)


#: A form said not to be wanted (不评比到村, 无需拍照, 不再打卡, 不搞排名): the notice asks the
#: opposite. Read in notices only: a negative item says what is forbidden the same way (不得评比).
_NEGATION_BEFORE = re.compile(
    r"(?:不得?|无需|无须|不用|不必|不再|不要|不需要?|免于?|取消|严禁|禁止)"
    r"(?:搞|再|进行|要求|用|做|随意|擅自|另搞|另)?$"
)
#: ... unless the word goes on to those who do it not (不打卡的村通报): that checks the form.
_WHO_DOES_NOT = re.compile(r"(?:的|者)")


def _negated(text: str, start: int, end: int) -> bool:
    """True when the words at ``start:end`` are said not to be wanted."""
    return bool(_NEGATION_BEFORE.search(text, max(0, start - 4), start)) and not (
        _WHO_DOES_NOT.match(text, end)
    )


def _pairs(text: str, negations: bool = True) -> dict[Demand, list[str]]:
    """The act-on-object forms of ``text``: the act and the object that stand together.

    Each act is set only beside the objects within ``PAIR_WINDOW`` of it: the objects do not
    overlap, so both their starts and their ends rise, and those near an act are one run of
    them, found by bisection (a long notice that says an act and an object often, 上传照片 five
    thousand times, was an act times every object)."""
    out: dict[Demand, list[str]] = {}
    for demand, act, obj in _PAIRS:
        objects = [(m.start(), m.end(), m.group(0)) for m in obj.finditer(text)]
        if not objects:
            continue
        starts = [start for start, _, _ in objects]
        ends = [end for _, end, _ in objects]
        bound = _CLAUSE_BOUND.get(demand)
        for a in act.finditer(text):
            if negations and _negated(text, a.start(), a.end()):
                continue
            if (
                negations
                and demand in _CLAUSE_BOUND
                and _FORBIDDEN_BEFORE.search(text, max(0, a.start() - 8), a.start())
            ):
                continue
            first = bisect_left(ends, a.start() - PAIR_WINDOW)
            last = bisect_right(starts, a.end() + PAIR_WINDOW)
            for start, end, word in objects[first:last]:
                gap = max(start - a.end(), a.start() - end)
                if bound is not None and bound.match(a.group(0)):
                    between = text[min(a.end(), end) : max(a.start(), start)]
                    topic = _TOPIC_BEFORE[demand].fullmatch(word) and end <= a.start()
                    if " " in between and not topic:
                        continue
                if gap <= PAIR_WINDOW and not (start < a.end() and a.start() < end):
                    out.setdefault(demand, []).extend((a.group(0), word))
    return out


@dataclass(frozen=True)
class DemandHit:
    """One demand found in a text: its strength (1 weak, 2 clear) and the words that said so."""

    demand: Demand
    strength: int
    words: tuple[str, ...]


def find_demands(text: str, *, negations: bool = True) -> dict[Demand, DemandHit]:
    """The demands a (normalised) text makes, with their strongest evidence.

    With ``negations`` (a notice), a form said not to be wanted (不评比到村) is no demand.
    """
    found: dict[Demand, tuple[int, list[str]]] = {}
    text = _BODY_NAMED.sub(lambda m: " " * len(m.group(0)), text)
    traced = _NOT_TRACE.sub(lambda m: " " * len(m.group(0)), text)
    helped = _HELPING_ENFORCE.sub(lambda m: " " * len(m.group(0)), text)
    duties = _DUTY_HANDED.sub(lambda m: " " * len(m.group(0)), text)
    told = _INCIDENT_TOLD.sub(lambda m: " " * len(m.group(0)), text)
    told = _at_once_in_emergency_masked(told)
    staffed = _PEOPLE_NAMED.sub(lambda m: " " * len(m.group(0)), text)
    staffed = _NO_QUOTA_FLOOR.sub(lambda m: " " * len(m.group(0)), staffed)
    voted = _sent_to_group_masked(_own_votes_masked(text))
    boards = _NOT_OFFICE_BOARD.sub(lambda m: " " * len(m.group(0)), text)
    households = _households_masked(text)
    received = _residents_received_masked(text)
    for demand, pattern, strength in _COMPILED:
        read = {
            Demand.TRACE: traced,
            Demand.FORMS: told,
            Demand.ENFORCEMENT: helped,
            Demand.COSTS: duties,
            Demand.QUOTA: staffed,
            Demand.APPS: voted,
            Demand.SIGNBOARD: boards,
            Demand.ASSESSMENT: households,
            Demand.HOSPITALITY: received,
        }.get(demand, text)
        words = [
            m.group(0)
            for m in pattern.finditer(read)
            if not (negations and _negated(read, m.start(), m.end()))
        ]
        if not words:
            continue
        best, got = found.get(demand, (0, []))
        found[demand] = (max(best, strength), got + words)
    if not _EMERGENCY.search(text):
        # figures asked for a clock time the same day (今天下午5点前必须报): rushed, unless an
        # emergency is what they count (转移人数于今晚8点前报)
        rushed = [m.group(0) for m in _CLOCK_DEADLINE.finditer(text)]
        if rushed:
            _, got = found.get(Demand.FORMS, (0, []))
            found[Demand.FORMS] = (2, got + rushed)
    for demand, words in _pairs(voted, negations).items():  # (voted: 投票 the only change)
        _, got = found.get(demand, (0, []))
        found[demand] = (2, words + got)
    return {
        d: DemandHit(d, s, tuple(dict.fromkeys(w.strip() for w in words)))
        for d, (s, words) in found.items()
    }


#: The principles a negative list states a form by, in the policy's own set phrases: a new task
#: comes with its rights and its funds (权随责走、费随事转), so a list that states them forbids
#: passing costs to the villages. Read in list items only: a notice that says 费随事转 funds
#: its task.
_ITEM_PRINCIPLES: tuple[tuple[Demand, re.Pattern[str]], ...] = (
    (Demand.COSTS, re.compile(r"费随事转|经费随事转|财随事转|钱随事走|费随事走")),
    # a meeting the item forbids holding or calling (召开无实质内容的会议, 再专门开会部署, 一天赶
    # 几个会): in a list, the meeting is the form; in a notice, a meeting it holds is no burden
    # until the villages' staff are told to sit in it (the patterns of ``MEETING``)
    (
        Demand.MEETING,
        re.compile(
            r"(?:召开|召集|开)[^。，,；;]{0,12}会议|开会部署|专门开会|赶[^。，,；;]{0,4}会(?!计)"
        ),
    ),
)


_NO_HIT = DemandHit(Demand.FORMS, 0, ())


def item_demands(text: str) -> dict[Demand, DemandHit]:
    """The demands a negative list item forbids: those its wording names (as a notice's are
    read), and those it states as a principle of the policy (费随事转) or as the meeting it
    forbids holding (召开…会议)."""
    found = find_demands(text, negations=False)
    for demand, pattern in _ITEM_PRINCIPLES:
        words = tuple(m.group(0) for m in pattern.finditer(text))
        if words and (demand not in found or found[demand].strength < 2):
            found[demand] = DemandHit(demand, 2, words + found.get(demand, _NO_HIT).words)
    return found


def demand_words(text: str) -> set[str]:
    """Every word in ``text`` that a demand pattern matched (to keep them out of topics)."""
    return {w for hit in find_demands(text).values() for w in hit.words}
