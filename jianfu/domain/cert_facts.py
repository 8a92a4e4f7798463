"""What a resident's certificate request asks the village to vouch for, in the lists' terms.

Residents do not name a certificate ("亲属关系证明"); they say the fact: "开个我是她儿子的证明",
"证明我在村里没有房子". Certificate lists name the *kind of fact* (亲属关系, 财产, 居住, 婚姻
状况). This module reads a few kinds of fact from the way a statement is built, not from a
list of phrases: a kinship noun said of a person ("是她儿子", "和我爸是父子关系"), owning or
not owning an asset ("没有房子", "名下有车"), living somewhere for a time ("在本村住了三年",
"住在咱村", renting a home), how a piece of land or a house came to be held ("这地是怎么来的",
"当年分给我家的"), a person's death in the words people use for it ("她走了", "咽气"), how
long someone worked ("当过五年村医", "工龄"), marriages and births ("结过两次婚"), being a
student ("孩子读大二", "学校要…"), having no job ("没单位", "待业"), a low income ("收入低"),
an illness ("病情", "患有") and a fall ("滑倒", "摔伤"); which relation a kinship is (parent and
child: 亲子关系, the direct line: 直系血亲), a misfortune met ("遭了难", "遇到了困难"), an
adoption ("领养", "抱养"), property said with 没 or as 家底; and *for which body* a
certificate is: a court, a prison or a judicial procedure (假释, 社区矫正) asks for a 司法
certificate, an 外调 is a political review's inquiry (政审). Some of the national list's kinds
are said in everyday words too: a record to be changed or put right ("名字写错了", "加到合同上":
变更, 更正), a dog (养犬), a missing person ("失联": 失踪), a tree felled or moved (树木砍伐、
移植), a household split ("从我爸户里分出来": 分户), a school transfer ("换学校": 转学), health,
schooling, a lone old person, an only child, who a person is ("是同一个人": 身份信息), drugs, an
illness or a disability in everyday words, a business's premises ("办营业执照"), a student's
volunteering (社会实践) and a birth at home ("在家生的"); a pupil's practice (中小学生: the
hours served, a part taken that the school asks to be vouched for), no child borne ("一直没
生孩子") and an only child as facts of births (生育, and 婚育 where a list names births with
marriage); an asset bought ("车是我自己买的"), a person gone for years ("五年没回来"), a death
told with when ("昨天夜里没了") or where ("在家里过世的": 家中, the home of 在家中正常
死亡), not going to work ("在家待着"), a small shop ("开个小卖部") and a move to another
school ("转回老家上学"); membership of the village's collective ("算咱村的人", a share of
分红), a household split ("分开单过"), land held under contract ("地是承包的"),
an heir ("我是继承人"), a criminal record or a disability said plainly ("没犯过罪", "腿残了"),
and having no job as the employment status lists name (就业); how someone died ("病死的"), an
illness by its name ("高血压"), a bill's receipt or a paper of any name lost ("交电费的单子
丢了", "…证丢了": 证件) and a former name ("以前叫").
It also reads what is *not* the fact: where the issuing village is ("户籍所在社区"), and which
certificate the request names ("开个分户的证明" -> 分户); and what a request says someone has
none of ("没有住房"), against the absences certificate items name ("无房证明").
It reads, too, the *matter* a certificate is wanted for (:data:`MATTERS`: 征兵, 入党, 助学贷款,
低保, 收养 …, with the wider matters they are part of), both from an allowed item's name (what
the list issues it for) and from a request, so that an allowed certificate asked for another
matter (a student loan's hardship certificate for a bursary) is told apart (:func:`other_matter`).
The terms it returns are added to the request before it is matched. On the list's side, it
knows the kinds of fact lists name (:data:`CERT_KINDS`), so that a name that misprints its one
fact word (居民财政证明) is read as the kind it stands for (:func:`misprinted_kind`).
"""

from __future__ import annotations

import re

from jianfu.domain.homophones import sound

#: Family relations in everyday Mandarin (a closed class of words, not a synonym list).
_KIN = (
    "父亲|母亲|爸爸|妈妈|儿子|女儿|孙子|孙女|外孙女?|爷爷|奶奶|外公|外婆|姥姥|姥爷|"
    "哥哥|姐姐|弟弟|妹妹|丈夫|妻子|老公|老婆|爱人|配偶|公公|婆婆|岳父|岳母|女婿|儿媳|"
    "叔叔|伯伯|姑姑|舅舅|侄子|侄女|外甥女?|子女|父母|亲生|继父|继母|养父|养母|"
    "爸|妈|儿|女|哥|姐|弟|妹|爹|娘"
)
#: Two relatives named together by their relation.
_PAIR = "兄弟|姐妹|兄妹|姐弟|父子|父女|母子|母女|夫妻|婆媳|翁婿|祖孙"
#: The kin words of a parent and a child: a relation lists name apart (亲子关系证明), and one of
#: the direct line of blood (直系血亲关系证明), as are grandparents and grandchildren.
_PARENT_CHILD = "父亲|母亲|爸爸|妈妈|儿子|女儿|子女|父母|继父|继母|养父|养母|爸|妈|儿|女|爹|娘"
_GRAND = "孙子|孙女|外孙女?|爷爷|奶奶|外公|外婆|姥姥|姥爷"
#: A relative who did something ("是我爷爷盖的"): the relative is who acted, not a relation.
_DOING = "[盖建买种留传分给借租卖修]"
#: Assets a person owns or not.
_ASSET = "房子|住房|房产|房屋|楼房|宅基地|车子|汽车|车辆|存款|财产|资产|门面|商铺"
#: Land, houses and forests, whose rights have an origin (分给, 传下来).
_HOLDING = (
    "宅基地|承包地|土地|耕地|林地|山林|林子|山头|田地|鱼塘|房子|房屋|老宅|老房|"
    "[这那]块地|[这那]片地|[这那]块田|[这那]片山"
)
#: Where the village is, as a resident says it.
_PLACE = (
    "本村|村里|咱村|我们村|这个村|本社区|社区|小区|这里|这儿|这边|这"
    # the village addressed: "住在你们社区", "在贵村住了两年"
    "|你们(?:村|社区|小区|这)|贵(?:村|社区)"
)
#: Schools and school years, as a resident names them.
_SCHOOL = (
    "大学|高中|初中|小学|中职|中专|大专|职高|技校|院校|学校|学院|本科|研究生|"
    "大[一二三四]|高[一二三]|初[一二三]"
)
#: What a registration or a record holds, and the verbs of changing it.
_RECORD = "户|合同|登记|名字|姓名|代表|名单|证上|本上|档案"
_CHANGE = "改成|改为|改回|改过来|换成|更改|改动|修改|加到|加进|添到|添进|去掉|划掉|删掉"
#: Papers a person holds (证件), and the words of losing one.
_DOCUMENT = (
    "身份证|户口本|户口簿|结婚证|离婚证|毕业证|学位证|驾驶证|驾照|行驶证|房产证|不动产证|"
    "护照|社保卡|医保卡|准考证|出生证|残疾证|退役证|营业执照|证件"
)
_LOST = "丢|遗失|找不到|找不着|不见|没了|补办|补领"
#: How many (years), in figures or words.
_COUNT = r"\d+|[一二三四五六七八九十几两半]+"

#: Before 是/算 of being a villager: not a denial (他不是本村人; 是不是本村人 still asks), not
#: the 是 that closes 于是 (于是村里人都说…).
_NOT_DENIED = r"(?<!(?<![是算])不)(?<!于)"
#: Which of the children or the only one (是他唯一的儿子, 是她大女儿, 是老人的小儿子).
_KIN_ORDER = r"(?:(?:唯一|独|最小|最大|大|二|三|小)的?)?"
_FACTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "我是她儿子", "他是我的父亲", "是他亲生女儿": a person said to be someone's relative.
    # (not "是我弟弟的监护人": there the relative only owns what the person is; nor "是我爷爷
    # 盖的": there the relative did something).
    (
        "亲属关系",
        re.compile(
            r"是(?:[我你他她其]|我们|他们|死者|老人|本人)?的?"
            + _KIN_ORDER
            + rf"(?:亲生|亲)?(?:{_KIN})"
            r"(?![\u4e00-\u9fff]?的[\u4e00-\u9fff]{0,3}人)(?!" + _DOING + ")"
        ),
    ),
    # "和我爸是父子关系", "跟她的关系": a relation between two people.
    ("亲属关系", re.compile(r"(?:和|跟|与)[^，。,]{0,6}(?:是|的)[^，。,]{0,4}关系")),
    # "亲戚关系的证明": kinship by its everyday word.
    ("亲属关系", re.compile(r"亲戚关系|是亲戚")),
    # "是亲兄弟", "是母子", "母女关系": two people named by their relation (not "兄弟俩分家":
    # the brothers are who asks, not what is vouched for).
    ("亲属关系", re.compile(rf"(?:是|为)(?:亲)?(?:{_PAIR})|(?:{_PAIR})关系")),
    # Which relation: "是她女儿", "是我亲生的", "母女关系" are parent and child; a
    # grandparent is of the direct line too (是他孙子).
    (
        "亲子关系 直系血亲",
        re.compile(
            r"是(?:[我你他她其]|我们|他们|死者|老人|本人)?的?"
            + _KIN_ORDER
            + rf"(?:亲生|亲)?(?:{_PARENT_CHILD})"
            r"(?![\u4e00-\u9fff]?的[\u4e00-\u9fff]{0,3}人)(?![子孙])(?!" + _DOING + ")"
            r"|(?:是|为)[我你他她]?的?亲生的|(?:是|为)?(?:父子|父女|母子|母女)(?:关系)?"
        ),
    ),
    (
        "直系血亲",
        re.compile(
            r"是(?:[我你他她其]|我们|他们|死者|老人|本人)?的?"
            + _KIN_ORDER
            + rf"(?:亲生|亲)?(?:{_GRAND})"
            r"(?![\u4e00-\u9fff]?的[\u4e00-\u9fff]{0,3}人)(?!" + _DOING + ")"
            r"|(?:是|为)?祖孙(?:关系)?"
        ),
    ),
    # "她是我老婆", "是他爱人": a spouse (夫妻关系).
    (
        "夫妻关系",
        re.compile(
            r"是(?:[我你他她其]|死者|老人|本人)?的?(?:丈夫|妻子|老公|老婆|爱人|配偶)"
            r"(?![\u4e00-\u9fff]?的[\u4e00-\u9fff]{0,3}人)(?!" + _DOING + ")"
        ),
    ),
    # "我俩是夫妻", "他们一直是夫妻", "是两口子": a marriage, said of two people.
    ("婚姻状况", re.compile(r"是(?:合法)?(?:夫妻|两口子|俩口子)")),
    # "已经离了", "婚否", "丧偶", "单身": a marital status told (婚姻状况), not a wedding.
    (
        "婚姻状况",
        re.compile(r"婚否|离(?:了)?婚|已经离了|丧偶|单身|没结(?:过)?婚|结没结婚|结过婚|已婚"),
    ),
    # "没有房子", "名下有一套房", "家里有没有车": owning or not owning an asset.
    (
        "财产",
        re.compile(
            rf"(?:没有|无|有|名下|拥有)[^，。,]{{0,6}}(?:{_ASSET}|房(?![租间东])|车(?![站票间]))"
        ),
    ),
    # "没车没房没存款": 没 says it too.
    (
        "财产",
        re.compile(rf"没(?:{_ASSET}|房(?![租间东])|车(?![站票间]))|家底|家产|家当"),
    ),
    # "家里的存款", "存款有多少": what one holds, asked about (财产).
    (
        "财产",
        re.compile(
            r"(?:家里|我家|家中|名下|个人|本人|我)的?(?:存款|资产|财产|房产|车辆)"
            r"|(?:存款|资产|财产)[^，。,]{0,3}(?:有)?多少"
        ),
    ),
    # "在本村住了三年", "住在咱村", "在这住了五年", "长期居住": where someone lives.
    (
        "居住",
        re.compile(
            rf"(?:在|于)(?:{_PLACE})[^，。,]{{0,6}}(?:住|居住|生活)|住在(?:{_PLACE})"
            r"|长期居住|常住"
        ),
    ),
    # "在这住了四年", "住满一年", "从哪年住到现在": how long someone has lived there (lists:
    # 居住年限); "住在哪", "住址": where (地址).
    (
        "居住 年限",
        re.compile(
            r"住(?:了|满|够)?(?:[一二三四五六七八九十几两多半\d]+|好几)(?:个)?年"
            r"|住(?:了|满)?多少年|(?:从|打)哪(?:一)?年(?:起|开始)?(?:就)?住|住到现在"
        ),
    ),
    ("居住 地址", re.compile(r"(?<![记抓])住(?:在)?哪(?:里|儿)?|住址|住的地方|家庭地址")),
    # "租的是他家的房子", "租房住", "租住": renting a home is living there (出租房: letting).
    # (廉租房, 公租房 are kinds of public housing, not renting.)
    ("居住", re.compile(r"(?<![出廉公])租(?:住|房|[了的][^，。,]{0,6}房)")),
    # "这地是怎么来的", "房子的来历", "山林原来就是分给我家的": how a thing came to be owned.
    (
        "权属 来源",
        re.compile(
            rf"(?:{_HOLDING})[^。]{{0,20}}(?:(?:怎么|如何|从哪)来的|来历|由来"
            r"|分给[^，。,]{0,4}的|(?:传|留)下来的|当年分的)"
        ),
    ),
    # "她走了", "人没了", "咽气": a person's death, in the words people use for it (an
    # animal "咬死了" is not one, nor "走了三里路").
    (
        "死亡",
        re.compile(
            rf"(?:去世|过世|逝世|离世|病逝|身故|亡故|咽气|咽了气"
            rf"|(?:人|[他她]|老人|老伴|{_KIN})"
            r"(?:已经|刚刚?|前几天|前天|昨天|昨晚|今天|今早|上个?月|上周|去年|年前|夜里|半夜|凌晨"
            r"|早上|晚上){0,3}"
            r"(?:走了|没了|不在了|死了)(?=[，。,；;！!\s]|$|以后|之后|后)"
            # "是病死的", "死于车祸": how someone died
            rf"|(?:人|[他她]|老人|老伴|{_KIN}|是)(?:被|得)?(?:病|冻|淹|摔|撞)死|死于|死因)"
        ),
    ),
    # "在家里过世的", "在家病逝", "在家没的": a death at home, where it happened said with it
    # (lists: 在家中正常死亡; a death in hospital has the hospital's certificate). Not "在家里
    # 走了一圈", "在家没了收入": 走, 没 say a death only where the clause ends; nor a beast's
    # ("养的猪在家里死了": livestock are not residents).
    (
        "死亡 家中",
        re.compile(
            r"(?<![猪牛羊鸡鸭鹅狗猫兔鱼马驴骡蜂蚕畜])在(?:(?:自己|自个儿?|[他她])?家|老人家(?=里|中))(?:里|中)?"
            r"[^，。,；;！!？?]{0,3}"
            r"(?:去世|过世|逝世|离世|病逝|病故|身故|亡故|咽(?:了|的)?气|死(?:了|的)"
            r"|(?:走|没)(?:了|的)(?=[，。,；;！!？?\s]|$|以后|之后|后)|不在了)"
        ),
    ),
    # "在县医院住院期间走的", "在医院抢救无效": a death in a hospital, where it happened said
    # with it (lists: 死于医疗卫生机构者 have the hospital's certificate). Not "去医院看病",
    # "医院的证明丢了": the hospital is where the death was only with a word of dying after it.
    (
        "死亡 医疗卫生机构",
        re.compile(
            r"(?<![猪牛羊鸡鸭鹅狗猫兔鱼马驴骡蜂蚕畜])(?<!不是)(?<!没)(?<!并非)(?<!不)"
            r"在(?![送去往到赴])(?:(?!兽医|宠物|动物)[^，。,；;！!？?]){0,4}"
            r"(?:医院|卫生院|诊所|ICU|重症)(?!家属|宿舍|门口|附近|对面|旁边|的?路上|的?途中)"
            r"(?:(?!回家|回来|出院|路上|途中|上班|值班|工作|当|干活|钱|收入|说)[^，。,；;！!？?]){0,8}"
            r"(?:去世|过世|逝世|离世|病逝|病故|身故|亡故|抢救无效|咽(?:了|的)?气|(?<![累饿气笑急吓烦困忙])死(?:了|的)"
            r"|(?:走|没)(?:了|的)(?=[，。,；;！!？?\s]|$)|不在了)"
            r"(?!了?(?:以后|之后|后|前|以前|之前)|的[\u4e00-\u9fff])"
        ),
    ),
    # "当过五年村医", "在厂里干了八年", "从医年限", "工龄": how long someone worked.
    (
        "工作 经历",
        re.compile(
            rf"(?:当|干|做)(?:过|了)(?:{_COUNT})年|(?:干|做|工作|上班)(?:过|了)(?:{_COUNT})年"
            r"|工龄|(?:工作|从业|从医|任职)年限"
        ),
    ),
    # "孩子读大二", "考上大学", "学校要…", "评助学金": the person is a student (lists name
    # the certificates of students so: 贫困学生证明, 学生家庭经济困难情况证明).
    (
        "学生",
        re.compile(
            rf"(?:上|读|念|考上|考入|考取|就读|在读|录取)了?(?:{_SCHOOL})|(?:{_SCHOOL})(?:要|让|说|发|里)"
            r"|在校|读书|念书|上学|助学金|助学贷款|奖学金|贫困生|辅导员|班主任|学费"
        ),
    ),
    # "我有高血压…证明我的病情", "患有糖尿病", "得了重病": an illness.
    ("疾病", re.compile(r"病情|患有|患了|得了[^，。,]{0,6}(?:病|症|癌)")),
    # "在家滑倒了", "摔伤了腿", "跌了一跤": a fall, an accidental injury.
    ("跌倒 意外伤害", re.compile(r"[摔跌滑](?:倒|伤|断|了一跤|了一下)|意外受伤")),
    # "受伤了", "烫伤", "被狗咬伤": an injury (意外伤害).
    ("意外伤害", re.compile(r"受(?:了)?伤|[烫烧砸碰撞咬割扭]伤")),
    # "证明我的工作单位", "在哪上班": where someone works (就业).
    # "在职证明", "证明我有工作": having work (就业), as lists name it (在职党员 is a kind of
    # Party member, not a job vouched for).
    (
        "就业",
        re.compile(
            r"(?<![无没有])工作单位|在哪(?:里|儿)?(?:上班|工作)|上班的(?:地方|单位)"
            r"|在职(?!党员|干部)|(?<![没无])有(?:份|个)?(?:正式|固定)?工作"
        ),
    ),
    # "没单位", "没有正式单位", "待业", "辞职在家": having no job (单位 is the employer).
    ("无工作", re.compile(r"(?:没有|没|无)(?:正式|固定)?(?:工作)?单位|待业|下岗|辞职在家")),
    # "收入低", "收入很低", "家里收入比较低": a low income, as the lists name it.
    ("低收入", re.compile(r"收入[^，。,]{0,3}?(?:很|比较|较|太|偏|特别)?低")),
    # "读大二", "考上大学": a university student (大学生助学贷款).
    (
        "大学生",
        re.compile(r"(?:上|读|念|考上|考入|考取|就读|在读)了?(?:大学|大专|本科|大[一二三四])"),
    ),
    # "遭了难", "家里遇到了困难", "遇上大难处": a misfortune that struck (lists: 遭遇困难).
    (
        "遭遇 困难",
        re.compile(
            r"遭(?:了|受|遇)?[^，。,]{0,2}(?:难|灾|殃|不幸|变故)"
            r"|遇(?:到|上)了?[^，。,]{0,4}(?:困难|难处|难事|难关|变故|不幸)|难处"
        ),
    ),
    # "出了车祸", "着火了": a misfortune met, not yet a hardship (a fire is also a damage).
    (
        "遭遇",
        re.compile(r"(?:出了|遇到|遭遇|发生了?)[^，。,]{0,4}(?:车祸|事故|火灾|变故)|着火|失火"),
    ),
    # "领养一个孩子", "十年前抱养的": an adoption, in the words people use for it.
    ("收养", re.compile(r"领养(?!老)|抱养")),
    # Who asks: a court, a procuratorate, a prison, or a judicial procedure (假释, 缓刑,
    # 社区矫正): the certificate is for the courts and justice (司法证明).
    (
        "司法",
        re.compile(r"法院|检察院|监狱|看守所|司法所|司法局|假释|缓刑|减刑|社区矫正|调查评估"),
    ),
    # "打官司需要", "律师让…", "起诉": a lawsuit (lists: 涉法涉诉的证明).
    ("涉法 涉诉", re.compile(r"打官司|官司|起诉|诉讼|仲裁|判决")),
    # A registration to be changed or put right: "把承包方代表改成我", "加到合同上",
    # "名字有个字错了" (lists: 变更, 更正); a change said of something else is not one.
    (
        "变更",
        re.compile(
            rf"(?:{_RECORD})[^，。,]{{0,12}}(?:{_CHANGE})|(?:{_CHANGE})[^，。,]{{0,4}}(?:{_RECORD})"
            r"|变更"
        ),
    ),
    (
        "更正 变更",
        re.compile(
            r"[写填登打记]错|(?:名字|姓名|生日|出生日期|年龄|民族|性别|字)[^，。,]{0,6}"
            r"(?:错了|不对|不一致|有误)|更正"
        ),
    ),
    # "养了条狗", "办狗证": a dog (lists: 养犬).
    ("养犬", re.compile(r"狗|犬证|犬只")),
    # "人联系不上了", "下落不明", "走丢了": a missing person (lists: 失踪).
    (
        "失踪",
        re.compile(
            r"失联|下落不明|走丢|走失|离家出走|人(?:找不到|联系不上)|联系不上|找不(?:到|着)人"
            r"|没(?:有)?(?:消息|音讯|音信)|杳无音信"
            r"|(?:[一二三四五六七八九十几两多]+|好几)年[^，。,]{0,4}没(?:有)?回(?:来|家|过家)"
        ),
    ),
    # "保险公司理赔员说要", "物业公司让", "驾校说要": who asks is a body outside government
    # (lists: 非政府机构要求…的证明); "河北那边的社保局", "外省": a body of another province.
    (
        "非政府 机构",
        re.compile(
            r"(?:公司|企业|银行|保险|物业|驾校|中介|用人单位|商场|超市|酒店|工厂|厂里)"
            r"[^，。,]{0,10}(?:要|让|说|需要|要求)"
        ),
    ),
    (
        "省外 机构",
        re.compile(
            r"外省|省外|(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西"
            r"|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏"
            r"|宁夏|新疆|香港|澳门)(?:省|市|自治区)?那边"
        ),
    ),
    # "分红要证明我是村里的人", "征地补偿有我一份": a member of the village's collective
    # (村集体经济组织成员), who shares in its land and income.
    (
        "集体 成员",
        re.compile(
            r"集体成员|成员资格|村民资格"
            rf"|{_NOT_DENIED}(?:是|算)(?:咱|我们|本|这个)?村(?:里)?的?(?:人|村民)"
            r"|(?:补偿|分红|征地款)[^，。,]{0,8}有(?:我(?:的|一)?)?份"
            r"|(?:村里|村集体|集体)[^，。,]{0,4}分红|分红[^，。,]{0,8}(?:村|集体)"
        ),
    ),
    # "我是本村人", "证明我是咱村村民": who a person is, a villager (lists: 村民身份).
    (
        "村民 身份",
        re.compile(rf"{_NOT_DENIED}(?:是|算)(?:咱|我们|本|这个|这)村(?:里)?的?(?:人|村民)"),
    ),
    # "地是承包的", "承包的那几亩田": land held under contract (土地承包经营权).
    (
        "土地承包经营权",
        re.compile(r"(?:地|田|山|林子|鱼塘)[^，。,]{0,4}是承包的|承包的[^，。,]{0,4}(?:地|田|山)"),
    ),
    # "我是继承人", "继承我爸的存款": an inheritance (遗产继承权).
    (
        "遗产 继承权",
        re.compile(r"继承人|继承[^，。,]{0,6}(?:存款|遗产|财产|钱|房|地)"),
    ),
    # "把树砍了", "门口的樟树要移走": felling or moving a tree (lists: 树木砍伐、移植).
    # Wood cut for the household's own use ("砍自留山上的两方木料", "间伐一点杂木") is a felling
    # too, which forestry calls 采伐 (自用材采伐).
    (
        "树木 砍伐 采伐",
        re.compile(
            r"(?:砍|伐|锯)[^，。,]{0,8}(?:树|木|林|竹)|(?:树|林|竹|木(?![工匠]))[^，。,]{0,8}(?:砍|伐|锯)"
        ),
    ),
    ("树木 移植", re.compile(r"(?:移|迁|挖)[^，。,]{0,4}树|树[^，。,]{0,8}(?:移|迁|挖)")),
    # "把户口从我爸户里分出来", "分开立户": a household split (lists: 分户; 单独立户 may be a
    # meter's).
    (
        "分户",
        re.compile(
            r"户[^，。,]{0,8}分(?:出来|出去|开)|分出[^，。,]{0,4}户|分开立户|另立户口|另立门户"
            r"|(?:分开|出来|自己)(?:单)?过(?!年|节|生日|来|去)"
        ),
    ),
    # "屋顶漏了要修", "房顶漏雨": a roof to be repaired (房顶维修).
    ("房顶 维修", re.compile(r"(?:屋顶|房顶|楼顶|顶楼)[^，。,]{0,6}(?:漏|修|坏)|漏雨")),
    # "直系亲属": the direct line (直系血亲).
    ("直系血亲", re.compile(r"直系亲属|直系亲人")),
    # "房子是我家的", "房子归我": who owns a house (房屋产权).
    (
        "房屋 产权",
        re.compile(
            r"(?:房子|房屋|房产|宅子)[^，。,]{0,6}(?:是(?:我|我家|我们家|自己|自家)的|归(?:我|自己))"
        ),
    ),
    # "车是我自己买的", "这房子是我们家花钱买的": an asset bought is owned (财产).
    (
        "财产",
        re.compile(
            rf"(?:{_ASSET}|车|房)[^，。,]{{0,4}}是(?:我|我家|我们家|自己|自家)[^，。,]{{0,4}}买的"
        ),
    ),
    # "续贷": the loan continued (助学贷款).
    ("贷款", re.compile(r"续贷")),
    # "换学校", "转到镇中学": a school transfer (lists: 转学).
    (
        "转学",
        re.compile(
            r"换学校|转校|转学籍|学籍转"
            r"|转(?:到|去|回|入)[^，。,]{0,8}(?:学校|小学|中学|初中|高中|上学|读书|念书)"
        ),
    ),
    # What was lost: an identity card, a household register, a licence are 证件 (证件遗失证明),
    # and so is any paper named by its shape, a 证, 卡, 簿 or 本 of something (not a notebook,
    # a book, an exercise book: 笔记本, 课本, 作业本, 练习本; nor a deposit, 保证金);
    # an invoice or a receipt is a 票据; a 折子 is a bankbook (存折).
    (
        "证件",
        re.compile(
            rf"(?:{_DOCUMENT}|[\u4e00-\u9fff]{{1,3}}(?:证|簿|卡|(?<![记课书账业习])本)"
            r"(?![明书件金]))"
            rf"[^，。,]{{0,6}}(?:{_LOST})"
        ),
    ),
    (
        "票据",
        re.compile(
            rf"(?:发票|收据|票据|缴费单|交费单|缴费凭证|单据|小票"
            rf"|[交缴][^，。,]{{0,4}}[费钱]的?(?:单子|条子|凭证))[^，。,]{{0,6}}(?:{_LOST})"
        ),
    ),
    ("存折", re.compile(r"折子")),
    # "孩子准备送给亲戚家养", "我们养不了": a child given up for adoption (送养), its parents
    # unable to raise it (无力抚养).
    (
        "送养",
        re.compile(r"送养|送给[^，。,]{0,8}养|送[^，。,]{0,2}(?:人|别人|亲戚)[^，。,]{0,3}养"),
    ),
    ("无力抚养", re.compile(r"无力抚养|养不了|没法养|养不起|没能力养")),
    # "银行要证明我取这五万块是给儿子交学费的": what money drawn from a bank is for (取款用途).
    (
        "取款 用途",
        re.compile(
            r"取[^，。,]{0,10}(?:钱|款|块)[^，。,]{0,12}(?:用途|干什么|干啥|做什么|是给|用来|是用来)"
            r"|(?:用途|干什么|干啥)[^，。,]{0,6}(?:取钱|取款)"
        ),
    ),
    # "没上过户口", "户口还没报", "没在外地落过户": a child never registered (未落户).
    (
        "未落户 落户",
        re.compile(
            r"(?:没|未|还没|从没)(?:有)?[^，。,]{0,4}(?:上|落|报|登记)过?(?:户口|户)(?!主|型|籍地)"
            r"|户口[^，。,]{0,3}(?:没|未)(?:有)?(?:上|落|报|登记)"
        ),
    ),
    # "丢了", "找不着了": something lost (遗失), whatever it was (证件遗失证明, 票据遗失).
    ("遗失", re.compile(r"丢失|丢了|弄丢|搞丢|找不着|找不到|不见了")),
    # "证明人还在", "证明我妈还活着": a person alive (健在), not "还在上学" or "还在外地".
    (
        "健在",
        re.compile(
            r"人(?:还|都)在(?![^，。,]{0,2}(?:上学|读书|外地|打工|医院|住院|家))|还活着|活着的|在世"
        ),
    ),
    # More kinds of the national list, in the words people use for them:
    # "身体好好的", "没什么毛病": health (健康).
    (
        "健康",
        re.compile(
            r"身体(?:很|挺|一直|都|也|还){0,2}(?:好|健康|没(?:有)?(?:毛病|问题))|没(?:有)?(?:什么)?毛病"
        ),
    ),
    # "初中毕业", "文化程度": schooling completed (学历).
    ("学历", re.compile(r"(?:小学|初中|高中|中专|中职|大专|大学|本科)毕业|文化程度|毕业证")),
    # "老人无儿无女", "一个人过": a lone old person (孤寡老人).
    (
        "孤寡老人",
        re.compile(
            r"(?:老人|老头|老太|大爷|大娘|奶奶|爷爷|老伯)[^，。,]{0,8}"
            r"(?:没(?:有)?(?:儿女|子女)|一个人(?:过|生活|住)|独居)|无儿无女|孤身一人|孤寡|孤老|五保户"
        ),
    ),
    # "只生了一个孩子", "就一个女儿": an only child (独生).
    (
        "独生 生育 婚育",
        re.compile(
            r"(?:只|就)(?:(?:有|生了?|要了?)(?:一个|一胎)|(?:一个|一胎)(?:孩子|小孩|儿子|女儿|娃))"
        ),
    ),
    # "证明我就是我", "这两个名字是同一个人", "改过名": who a person is (身份信息).
    (
        "身份信息",
        re.compile(
            r"我就是我|就是我本人|是我本人|是同一(?:个)?人|同一人|曾用名|改过名|名字不一样|名字不一致"
            r"|(?:以前|原来|过去|小时候)(?:叫|的名字)|原名"
        ),
    ),
    # "没犯过事", "没有前科", "案底": a criminal record (犯罪记录).
    ("犯罪记录", re.compile(r"犯过事|犯过罪|无犯罪|没有犯罪|前科|案底|坐过牢|蹲过监狱|被判过刑")),
    # A name, a birth date put right on the household register or the identity card: a
    # change of what the household register records (户口登记项目变更).
    (
        "户口 登记 项目 变更",
        re.compile(
            r"(?:户口(?:本|簿|上|页|里)|身份证|户籍|派出所)[^。]{0,20}(?:改|错|不对|不一致|更正)"
            r"|(?:改|错|更正)[^。]{0,20}(?:户口(?:本|簿|上|页|里)|身份证上|户籍)"
            r"|(?:改(?:个)?名|改姓|改(?:出生)?(?:日期|年龄|民族|性别))[^。]{0,20}派出所"
        ),
    ),
    # "我要改名字", "改姓": a registration changed (变更).
    ("变更", re.compile(r"改(?:个)?名(?:字)?|改姓")),
    # "想改民族", "改成蒙古族", "民族随妈妈改": one's ethnic group changed (变更民族成分).
    (
        "民族成分",
        re.compile(
            r"改(?:个|成|为|回)?[^。，,]{0,4}民族|民族[^。，,]{0,8}(?:改|变|随)"
            r"|改(?:成|为|回)[\u4e00-\u9fff]{1,3}族(?![人群])"
        ),
    ),
    # "吸过毒": drugs (社区戒毒).
    ("戒毒", re.compile(r"吸毒|吸过毒")),
    # "慢性病", "常年吃药", "身体不好": an illness (疾病).
    ("疾病", re.compile(r"慢性病|重病|大病|(?:常年|长期)(?:吃药|服药)|身体不好")),
    # "我有高血压", "得了糖尿病": an illness by its name.
    (
        "疾病",
        re.compile(
            r"高血压|糖尿病|心脏病|冠心病|肿瘤|癌症|脑梗|脑溢血|中风|偏瘫|尿毒症|精神病|抑郁症"
            r"|(?:(?<![没无])有|患|得了?)[^，。,]{0,4}(?:病|癌|炎)(?![房区床历号友])"
        ),
    ),
    # "瘫了", "腿瘸", "聋哑": a disability (残疾).
    ("残疾", re.compile(r"瘫痪|瘫了|瘸|聋|哑|失明|智障|智力低下|残了|残废|致残|伤残|截肢|瞎了")),
    # "开店", "办营业执照": a business's premises (市场主体住所).
    (
        "市场主体 住所",
        re.compile(
            r"营业执照|办执照|个体户|开(?:个|家|了)?(?:店|公司|厂|网店)|注册(?:公司|个体)|经营场所"
            r"|开(?:个|家|了)?(?:小卖部|超市|商店|饭店|饭馆|餐馆|作坊|门市)|(?:做|作)经营|经营用"
        ),
    ),
    # "做志愿者", "社会实践", "服务时长", "综合素质评价": a student's activities (参加活动,
    # 社会实践): schools count the hours served and record them in the comprehensive quality
    # evaluation (综合素质评价) of primary and middle schools.
    (
        "社会实践 志愿服务 活动",
        re.compile(
            r"志愿者|义工|志愿服务|社会实践|实践活动|实践手册|(?:服务|志愿|公益|实践)时长"
            r"|综合素质评价"
        ),
    ),
    # A pupil of a primary or middle school: the school said ("读初二", "初中的"), or a child
    # with its school, teacher or holidays (lists name them 中小学生). Not a term of its own:
    # with an activity it is a pupil's practice (see _BOTH).
    (
        "_pupil",
        re.compile(
            r"小学|初中|中学|高中|初[一二三]|高[一二三]|[一二三四五六]年级|职高|中职"
            r"|(?:孩子|儿子|女儿|娃|孙子|孙女|学生)[^。]{0,20}(?:学校|老师|班主任|寒假|暑假)"
            r"|(?:学校|老师|班主任|寒假|暑假)[^。]{0,20}(?:孩子|儿子|女儿|娃|孙子|孙女)"
        ),
    ),
    # Having taken part in or helped with something ("参加了社区的垃圾分类宣传", "帮忙整理
    # 了三天书"): a pupil's practice when the school asks it to be vouched for (see _BOTH).
    (
        "_took_part",
        re.compile(
            r"(?:参加|参与|帮忙|帮着|协助)了?[^，。,]{0,12}(?:活动|宣传|服务|劳动|整理|打扫|值班)"
            # (not the setting of something else: 参加活动时受伤了)
            r"(?!时|的时候|中|期间)"
        ),
    ),
    # The school asks (学校要, 老师说要, a holiday's homework): who the certificate is for.
    (
        "_school_asks",
        re.compile(r"(?:学校|老师|班主任)[^，。,]{0,3}(?:要|让|说|布置)|(?:假期|暑假|寒假)作业"),
    ),
    # Some of the national list's odd certificates, in the words residents use for them:
    # "不会吵到邻居", "不影响邻居休息": no nuisance to neighbours (不扰民);
    (
        "扰民",
        re.compile(
            r"吵(?:到|着)?(?:邻居|周边|周围|居民|楼上|楼下)|影响(?:邻居|居民|周边)[^，。,]{0,4}休息"
        ),
    ),
    # "一百块钱撕成两半", "残币": a banknote damaged (人民币损坏);
    (
        "人民币 损坏",
        re.compile(r"(?:钱|纸币|人民币|残币|钞票)[^，。,]{0,8}(?:撕|烧|坏|烂|破|残)|残币"),
    ),
    # "手术是我自己愿意的": consent (自愿);
    ("自愿", re.compile(r"自己(?:愿意|同意|要求)|自愿")),
    # "水表要拆", "换电表": a meter taken off (拆卸).
    ("拆卸", re.compile(r"(?:水表|电表|气表|燃气表)[^，。,]{0,6}(?:拆|换)|拆(?:水表|电表|气表)")),
    # "孩子在家生的": a birth (出生).
    ("出生", re.compile(r"在[^，。,]{0,6}生的|生在|生下")),
    # "一个月挣多少", "工资多少": an income (收入).
    ("收入", re.compile(r"(?:挣|赚)[^，。,]{0,4}(?:多少|钱)|工资|月薪|年薪")),
    # "家里穷", "条件不好": a household's hardship (困难, 贫困).
    (
        "困难 贫困",
        re.compile(r"家(?:里|庭)?(?:很|太|比较)?穷|家境贫寒|条件(?:很|太|比较)?(?:差|不好)"),
    ),
    # "房子没人住", "一直空着": a house nobody lives in (lists: 房屋无人居住).
    ("无人居住", re.compile(r"(?:没|无)人(?:住|居住)|空(?:着|置)|闲置")),
    # "品行良好", "遵纪守法": a person's conduct (lists: 无违法违纪行为).
    (
        "无违法违纪",
        re.compile(r"品行(?:良好|端正|好)|遵纪守法|没(?:有)?(?:违法|违纪|犯过法)"),
    ),
    # "丧葬费", "抚恤金", "养老金": benefits drawn (lists: 待遇, 遗属待遇).
    ("待遇", re.compile(r"丧葬(?:费|补助|补贴)|抚恤|遗属|养老金|退休金")),
    # "外调": the inquiry of a political review (入党外调); "政考": 征兵 政治考核.
    ("政审", re.compile(r"外调")),
    # "入党…现实表现", "考上公务员…思想品德": conduct vouched for a Party application, an
    # admission or a public post is a political review (政审); conduct for anything else is not.
    (
        "政审 政治审查",
        re.compile(
            r"(?:入党|党员发展|录取|考上|考取|公务员|事业单位|国企|参军|入伍|当兵|招聘|政审)"
            r"[^。]{0,24}(?:表现|品德|品行|思想)"
        ),
    ),
    ("政治考核", re.compile(r"政考")),
    # "没有工作", "没工作": out of work (lists: 无工作, 失业; 无业 when the paper is named so,
    # see ``named_certificates``).
    ("无工作 失业 就业", re.compile(r"(?:没有|没|无)(?:正式|固定)?工作(?!单位|经历|过)")),
    # "在家待着没上班", "一直闲在家": not at work (无工作, 失业; lists: 就业状况).
    (
        "无工作 失业 就业",
        re.compile(r"没(?:有)?(?:去)?上班|(?:在家|家里)(?:待|呆|闲)着|闲在家|赋闲"),
    ),
    # "证明这车是我的", "证明摩托是我家的": whose a vehicle is, as what is to be vouched for
    # (lists: 车主); not a parking space or a garage (车位, 车库), nor a car told in passing.
    (
        "车主",
        re.compile(
            r"证明[^。，,]{0,4}(?<![停开坐乘骑])(?:车|摩托)(?![位库棚场])[^。，,]{0,3}"
            r"是(?:我|我们|我家|我们家|他|她|他家|她家)的"
        ),
    ),
    # most residents, or all of a group, who talked it over or agreed (大多数住户同意, 全组村民
    # 一起商量定下来): a matter settled by their consultation (lists: 协商, 同意, 多数); not two
    # people who agreed between them (我和老伴商量好)
    (
        "协商 同意 多数",
        re.compile(
            r"(?:大多数|多数|全体|全组|全村|全楼|大家|村民|居民|住户|业主|群众|代表)"
            r"[^。，,]{0,8}(?:商量|商定|协商|同意)"
        ),
    ),
    # "还没有结婚", "没结过婚": never married (婚姻状况).
    ("婚姻状况", re.compile(r"(?:没有|没|未)结(?:过)?婚")),
    # "结过几次婚", "离了婚": marriage; "生过几个孩子": births.
    ("婚姻状况", re.compile(r"[结离](?:过|了)[^，。,]{0,4}婚")),
    ("生育 婚育", re.compile(r"生(?:过|了)[^，。,]{0,4}(?:孩子|小孩|娃|儿子|女儿|胎)")),
    # "一直没生孩子", "未生育", "没要过孩子": no child borne is a fact of births too.
    (
        "生育 婚育",
        re.compile(
            r"(?:没有?|未|不曾)生(?:过)?[^，。,]{0,3}(?:孩子|小孩|娃|子女)"
            r"|(?:没有?|未|不曾)要(?:过)?(?:孩子|小孩)(?=[，。,；;！!？?\s]|$)"
            r"|(?:没有?|未|不曾)(?:生育|育)(?:过)?"
        ),
    ),
)
#: Both of these are 婚育 (marriage and births), the word lists use for the two together (a
#: fact of births alone is 婚育 too: lists that name no 生育 certificate name it so); a
#: pupil's activity is a primary or middle school pupil's practice (中小学生, 社会实践), and so
#: is a part taken that the school asks to be vouched for, unless the student is at a
#: university. Terms opening with "_" are conditions only, never returned.
_BOTH: tuple[tuple[tuple[str, str], str], ...] = (
    (("婚姻状况", "生育"), "婚育"),
    (("_pupil", "社会实践 志愿服务 活动"), "中小学生"),
    (("_school_asks", "_took_part"), "社会实践 志愿服务 活动 中小学生"),
)


#: Where the village that issues is, said of the person: "户籍所在村", "家庭所在地村里",
#: "户籍地居委会". It names *who* issues, not *what* is vouched for (户籍 there is no 户籍
#: certificate): the qualifier is cut, the village kept. "户籍所在地证明" is left alone.
_ISSUER_PLACE = re.compile(
    r"(?:户籍|户口|家庭|居住|常住)(?:所在)?地?的?(?=村委会|村委|村里|村|社区|居委会|居委)"
)


def without_issuer_place(text: str) -> str:
    """``text`` without the words that only say where the issuing village is."""
    return _ISSUER_PLACE.sub("", text)


#: Words that open with 无 without saying "has none" (无论 whatever, 无法 cannot).
_NOT_ABSENCE = frozenset(
    ("无论", "无法", "无关", "无偿", "无须", "无需", "无效", "无意", "无疑", "无数", "无限", "无奈")
)
#: Parts of speech of a word that qualifies what is absent (正式 of 无正式工作单位).
_QUALIFIER_TAGS = frozenset(("a", "ad", "b", "d"))
#: "没有住房", "没单位", "无业", "不曾犯罪": what a request says someone has none of.
_NEGATION = re.compile(r"(?:没有|没|无|未曾|不曾)([\u4e00-\u9fff]{1,6})")


#: What a request says just before 证明 after the verb of asking or issuing: the certificate
#: it names (开个分户的证明 -> 分户, 出一个村里开的未婚证明 -> 未婚).
_BEFORE_CERT = re.compile(r"([^，。,；;！!？?\s]{1,12})证明")
_ASKING = re.compile(r".*(?:开|出|要|办|交|补|具|个|份|张)")


def named_certificates(text: str) -> list[str]:
    """The certificates a request names, as it names them: what stands between the verb of
    asking or issuing and 证明 ("开个分户的证明" -> "分户"), followed by the kinds of fact it
    states (:func:`certificate_facts`); none when it names none."""
    out = []
    for m in _BEFORE_CERT.finditer(text):
        phrase = _ASKING.sub("", m.group(1)).strip("的")
        if phrase and phrase != m.group(1).strip("的"):
            # with the facts it states (是父子关系 names 亲属关系; 没有工作 names 无工作)
            said_none = re.sub("没有|没", "无", phrase)
            extra = (said_none,) if said_none != phrase else ()
            facts = certificate_facts(phrase)
            also = [n for fact in facts for kind in fact.split() for n in _NAMED_ALSO.get(kind, ())]
            out.append(" ".join((phrase, *extra, *facts, *also)))
    return out


#: Names lists give a paper beside the fact a request states: a certificate of having no work
#: (开个没工作的证明) is a 无业证明 too. Only where the request names its paper so: 没有工作 told
#: in passing (我现在没有工作，想申请公益性岗位…) is no 无业证明 asked.
_NAMED_ALSO: dict[str, tuple[str, ...]] = {"无工作": ("无业",)}


def absences(text: str) -> dict[str, str]:
    """The absences a certificate item names: compound -> what is absent.

    Lists name a certificate of having none by 无 and the thing: 无工作证明 (无工作 -> 工作),
    无房证明 (无房 -> 房), 证明居民无正式工作单位 (无工作 -> 工作: a qualifier is passed
    over). The compound is a word of the item; a request that says it has none of the thing
    in its own way (没有住房, 没单位了, 没有工作) meets it (see :func:`absent_in`).
    """
    from jianfu.domain.words import _jieba

    tagged = _jieba().tag(text)
    out: dict[str, str] = {}
    for i, (word, tag) in enumerate(tagged):
        if word == "无":
            rest = tagged[i + 1 : i + 3]
            if len(rest) == 2 and rest[0][1] in _QUALIFIER_TAGS:
                rest = rest[1:]
            if rest and rest[0][1][0] not in "nvli":
                continue  # 无其他材料: a pronoun, not a thing
            thing = rest[0][0] if rest else ""
        elif len(word) == 2 and word[0] == "无" and word not in _NOT_ABSENCE and tag[0] == "n":
            thing = word[1]
        else:
            continue
        if thing and all("\u4e00" <= ch <= "\u9fff" for ch in thing):
            out[f"无{thing}"] = thing
    return out


def absent_in(text: str, named: dict[str, str]) -> list[str]:
    """The compounds of ``named`` (see :func:`absences`) whose thing ``text`` says is absent:
    the thing stands in the few characters after 没有, 没, 无 (没有住房 meets 无房)."""
    spans = [m.group(1) for m in _NEGATION.finditer(text)]
    return [compound for compound, thing in named.items() if any(thing in s for s in spans)]


_LOST_DOCUMENT = re.compile(rf"({_DOCUMENT})[^，。,]{{0,6}}(?:{_LOST})")


def lost_documents(text: str) -> list[str]:
    """The papers ``text`` says were lost ("身份证丢了" -> 身份证)."""
    return [m.group(1) for m in _LOST_DOCUMENT.finditer(text)]


def fact_spans(text: str) -> list[tuple[str, str]]:
    """Each kind of fact ``text`` states (see :func:`certificate_facts`) with the words it
    was read from ("把户口从我爸户里分出来" -> 分户, "户口从我爸户里分出来")."""
    out: list[tuple[str, str]] = []
    for term, pattern in _FACTS:
        if not term.startswith("_"):
            out.extend((term, m.group(0)) for m in pattern.finditer(text))
    return out


def certificate_facts(text: str) -> list[str]:
    """The kinds of fact ``text`` asks to be certified, in the lists' terms, first found first."""
    out: list[str] = []
    for term, pattern in _FACTS:
        if term not in out and pattern.search(text):
            out.append(term)
    for parts, term in _BOTH:
        have = {*out, *(w for t in out for w in t.split())}
        if all(p in have for p in parts) and not (term.endswith("中小学生") and "大学生" in out):
            out.append(term)
    if "死亡 医疗卫生机构" in out and any(
        k in out for k in ("亲属关系", "居住", "婚姻状况", "财产", "困难", "收入", "遗失")
    ):
        # a death in hospital told as the background of another certificate
        out.remove("死亡 医疗卫生机构")
    return [t for t in out if not t.startswith("_")]


def _split(text: str) -> list[str]:
    """Whitespace-separated words of a literal (keeps a word table readable)."""
    return text.split()


#: The kinds of fact certificate lists name, by their own words: the national list of
#: certificates villages should not issue (民政部等六部门, 2020: 亲属关系, 身份信息, 户口登记
#: 项目变更, 养犬, 犯罪记录, 社区戒毒康复, 失踪, 婚姻状况, 出生, 健在, 死亡, 疾病, 残疾, 婚育,
#: 就业, 个人档案, 财产, 遗产继承权, 市场主体住所, 证件遗失; provinces add 生育, 票据遗失,
#: 转学) and the kinds villages' own lists keep (居住, 收入, 困难, 政审, 社会实践, 分户,
#: 监护, 收养, 权属来源 …), with the other words lists name such facts by (a list's word that
#: is one of these is no misprint: 住房 is not 住所, 经历 not 学历).
CERT_KINDS: frozenset[str] = frozenset(
    _split(
        """
        亲属 关系 身份 户口 户籍 户主 养犬 犯罪 戒毒 康复 失踪 婚姻 结婚 离婚 未婚 单身 出生 健在
        生存 死亡 疾病 残疾 伤残 婚育 生育 节育 计生 独生 抚养 赡养 扶养 就业 失业 职业 经历 工龄
        档案 财产 资产 存款 车辆 住房 房产 房屋 危房 宅基地 土地 承包 林权 权属 来源 继承 遗产
        住所 经营 营业 遗失 票据 转学 入学 学籍 学历 在读 居住 租住 暂住 常住 收入 困难 贫困
        低保 五保 特困 政审 兵役 入伍 实践 活动 分户 监护 收养 健康 意外 跌倒 事故 维修
        """
    )
)


def misprinted_kind(word: str) -> str | None:
    """The kind of fact a list's ``word`` stands for when the list printed it with one
    character wrong (居民财政证明 for 居民财产证明: a resident has property, not public
    finances), else ``None``: the one kind of :data:`CERT_KINDS` of its length that differs
    from it in one character, in the same place (of several, the one that sounds the same)."""
    if word in CERT_KINDS:
        return None
    near = [
        kind
        for kind in CERT_KINDS
        if len(kind) == len(word) and sum(a != b for a, b in zip(kind, word, strict=True)) == 1
    ]
    if len(near) > 1:
        # two kinds a character away (失纵: 失踪 and 失业): the one it sounds like, as typed
        near = [kind for kind in near if sound(kind) is not None and sound(kind) == sound(word)]
    return near[0] if len(near) == 1 else None


#: The matters a village's certificate is issued *for* (the procedure it serves), each with the
#: words that name it and the wider matter it is part of. Read from an allowed item's name (its
#: scope: 大学生申请国家助学贷款…证明 serves a student loan) and from a request (what the
#: resident wants it for). A closed class of procedures the national and provincial lists name,
#: not words of any one request.
MATTERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("征兵", "征兵|应征|参军|入伍|兵役", ()),
    ("入党", "入党|发展党员|党员发展|发展对象", ()),
    ("招录", "招录|录用|公务员|招聘|入职", ()),
    ("上学", "升学|入学|上学|招生|报考|转学", ()),
    ("助学", "助学|资助", ("上学",)),
    ("助学贷款", "助学贷款", ("助学", "贷款")),
    ("助学金", "助学金", ("助学",)),
    ("学费减免", "减免学杂费|减免学费|学杂费减免|学费减免", ("助学",)),
    ("救助", "救助|困难补助", ()),
    ("低保", "低保|最低生活保障", ("救助",)),
    ("临时救助", "临时救助|临时生活救助", ("救助",)),
    ("五保供养", "五保|特困供养|特困人员|特困(?=户|对象|家庭)", ("救助",)),
    ("医疗救助", "医疗救助|大病救助", ("救助",)),
    ("妇女儿童救助", "妇女、?儿童救助", ("救助",)),
    ("收养", "收养|领养|送养|抱养", ()),
    ("选举", "选举|选民", ()),
    # (not 自建房, a house residents built, unless its procedure is named, 自建房审批; not the
    # house's age, 建房时间, nor 新建房屋, a house)
    ("宅基地", "宅基地|(?<!自)建房(?!时间|年代|年份|屋)|自建房(?=审批|报建|申请|手续)", ()),
    ("危房改造", "危房改造", ()),
    ("灾后重建", "因灾|受灾|灾后|倒损", ()),
    ("林木采伐", "采伐|砍伐", ()),
    ("落户", "落户|上户口|户口登记", ()),
    ("住房保障", "公租房|廉租房|保障性住房|保障房|住房保障", ()),
    ("居住证", "居住证(?![明名])", ()),
    ("抚恤", "抚恤", ()),
    ("独生子女奖励", "独生子女", ()),
    ("贷款", "贷款", ()),
    ("营业执照", "营业执照|个体户|工商登记", ()),
    ("出入境", "签证|出国|出境", ()),
)
_MATTER_PARENTS = {name: parents for name, _, parents in MATTERS}
_MATTER_WORDS = [(name, re.compile(words)) for name, words, _ in MATTERS]

#: A list's matters left open (升学、就业、入党等重要事项; 各类救助; 相关待遇; 政府扶持政策): any
#: matter of the kind is the item's.
_OPEN_MATTERS = re.compile(r"各类|各项|各种|相关|扶持|其他|有关")


_NOT_HELD = re.compile(r"(?:无|没有|没|未)$")
#: A matter's word followed by 户, 对象, 家庭 or 人员 names who the resident is (我是五保户, 低保
#: 对象, 特困家庭), not what the certificate is wanted for; a request's matters leave it out.
#: So does a matter's word that ends in 人员 (特困人员, a word of 五保供养: 我是特困人员; not
#: 发展对象, a word of 入党 that is the procedure's own stage). Said with the procedure after it
#: (申请特困人员供养, 特困人员救助供养, 低保对象认定) it is the matter.
_A_STATUS = re.compile(r"(?:户|对象|家庭|人员)(?!(?:救助)?供养|认定)")
_ENDS_IN_STATUS = re.compile(r"人员$")


def _is_status(text: str, start: int, end: int) -> bool:
    """True when the matter named at ``text[start:end]`` says who the resident is."""
    if _ENDS_IN_STATUS.search(text, start, end):
        return not re.match(r"(?:救助)?供养|认定", text[end:])
    return bool(_A_STATUS.match(text, end))


def _matters_at(text: str) -> list[tuple[str, int, int]]:
    """Every matter named in ``text`` with its span, a wider one inside a narrower one's words
    left out (救助 of 临时救助 is that 临时救助)."""
    found = [
        (name, m.start(), m.end())
        for name, rx in _MATTER_WORDS
        for m in rx.finditer(text)
        if not _NOT_HELD.search(text[: m.start()])  # 无宅基地: a fact had not, no matter
    ]
    return [
        (name, s, e)
        for name, s, e in found
        if not any((s2 <= s and e <= e2) and (s2, e2) != (s, e) for _, s2, e2 in found)
    ]


def matters_in(text: str) -> frozenset[str]:
    """The matters ``text`` names (a request: what the certificate is wanted for); a matter
    that only says who the resident is (低保户, 五保对象) is none (:func:`statuses_in`)."""
    return frozenset(name for name, s, e in _matters_at(text) if not _is_status(text, s, e))


def statuses_in(text: str) -> frozenset[str]:
    """The matters ``text`` names as who the resident is (我家是低保户, 我是特困人员: 低保,
    五保供养)."""
    return frozenset(name for name, s, e in _matters_at(text) if _is_status(text, s, e))


def matters_served(name: str) -> frozenset[str]:
    """The matters an allowed certificate item's ``name`` issues it for, empty when it names
    none or leaves them open (…等重要事项, 各类…, 相关待遇): then it serves any."""
    at = _matters_at(name)
    if not at or _OPEN_MATTERS.search(name):
        return frozenset()
    if any(name[e : e + 1] == "等" for _, _, e in at):
        return frozenset()
    return frozenset(n for n, _, _ in at)


def _lineage(matter: str) -> set[str]:
    """``matter`` and every wider matter it is part of (助学贷款: 助学, 贷款, 上学)."""
    out: set[str] = set()
    todo = [matter]
    while todo:
        at = todo.pop()
        if at not in out:
            out.add(at)
            todo.extend(_MATTER_PARENTS.get(at, ()))
    return out


def other_matter(
    served: frozenset[str], asked: frozenset[str], held: frozenset[str] = frozenset()
) -> bool:
    """True when a request asks an item for matters none of which is one it serves, nor
    wider or narrower than one (助学金 is not 助学贷款; 低保 is a 救助; 助学 serves 上学). A
    status the resident ``held`` (低保户) that the item serves makes it theirs (低保证明 asked
    by a 低保家庭 for a school's meal aid)."""
    if not served or not asked:
        return False
    joined = asked | held
    return not any(a in _lineage(s) or s in _lineage(a) for a in joined for s in served)
