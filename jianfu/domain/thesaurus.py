"""Areas of village work and the everyday words of the tasks that belong to them.

Published lists often name an area, not a task: "社会治安", "公共卫生", "水利工程", "流动人口权益
保障". A notice names the task: 入室盗窃, 登革热, 山塘, 出租房屋. This table says which area a
task word belongs to, so that the area's item can be found; the words are those of ordinary
public administration (the areas follow the Ministry of Civil Affairs' list of what
residents' committees assist with). It is applied to the notice only, like the abbreviations;
a county adds its own as local synonyms.
"""

from __future__ import annotations

import re


def _table(rows: dict[str, str]) -> dict[str, str]:
    """``{area: "word word …"}`` -> ``{word: area}``."""
    out: dict[str, str] = {}
    for area, words in rows.items():
        for word in words.split():
            out[word] = f"{out[word]} {area}" if word in out else area
    return out


AREA_TERMS: dict[str, str] = _table(
    {
        "社会治安 社会秩序": "盗窃 被盗 失窃 偷盗 入室 诈骗 治安防范 巡逻 巡防 群防群治 可疑人员 "
        "报警 警务 维持秩序 维护秩序 现场秩序 秩序维护 "
        "联防 扫黑除恶 平安建设 治保 防盗 刑满释放 安置帮教 吸毒 禁毒 邪教 重点人员 反诈 "
        "防诈骗 反诈骗 防骗 治安巡查 平安志愿者 义务巡逻 陌生人员 治安 治安隐患 赌博 聚赌 "
        "涉赌 黄赌毒 "
        "打架斗殴 寻衅滋事",
        "公共卫生 健康 疫情 防治": "传染病 疫情 病媒 蚊虫 灭蚊 灭鼠 消杀 登革热 流感 疫苗 健康教育 "
        "食品安全 家庭医生 随访 慢性病 高血压 糖尿病 体检 义诊 健康档案 艾滋病 结核病 "
        "肺结核 流调 病例 密接 密切接触 手足口 诺如 预防接种 爱国卫生 病媒生物 除四害 灭蟑 "
        "狂犬病 筛查 两癌筛查 免费筛查",
        "环境卫生": "垃圾 垃圾分类 卫生死角 清扫 保洁 厕所 污水 环境整治 人居环境 大扫除 爱国卫生 "
        "村容 村容村貌 乱堆乱放 柴草 改厕 户厕 粪污 清掏 黑臭水体",
        "生态环境": "秸秆 焚烧 植树 造林 护林 乱砍滥伐 水土保持 河道 水污染 大气污染 禁烧 生态 "
        "露天焚烧 河长 林长 野生动物",
        "水利工程": "水库 山塘 堤坝 水闸 渠道 灌溉 防汛 溢洪道 水利设施 饮水工程 饮水 自来水",
        "交通设施": "公路 道路 桥梁 路况 通村 养护 交通安全 校车 公交",
        "流动人口 人口": "出租房屋 租住 房东 外来务工 居住证 暂住 流动人口 租户 "
        "居住登记 外来人员 人户分离 外来人口 外出人员 人员流动 常住人口 户籍人口",
        "房屋管理 房屋 住房": "自建房 危房 房屋安全 公房 公租房 廉租房 承租 加装电梯 老旧小区 "
        "群租 房屋租赁 棚户区",
        "劳动就业": "招聘 用工 务工 求职 技能培训 职业培训 农民工 工资 欠薪 返乡创业 就业 失业",
        "社会保障": "养老保险 医疗保险 参保 缴费 社保卡 医保 待遇认证 资格认证 公积金 养老金 "
        "退休 退休人员 离退休 退休职工 领取待遇 生存认证",
        "社会救助": "低保 特困 临时救助 困难群众 救助 低收入 残疾人补贴 护理补贴 救济 困难户 "
        "困难家庭 慈善 捐助 捐赠 募捐 送温暖 特困供养",
        "社会福利 福利": "孤儿 事实无人抚养儿童 儿童福利 福利院 孤残儿童 高龄津贴 残疾人两项补贴",
        "优抚救济": "优抚 退役军人 烈属 军属 抚恤 慰问 救济 光荣牌",
        "拥军优属": "军属 烈属 军人家属 现役军人 双拥 拥军",
        "老年人权益保障": "老年人 高龄 独居老人 空巢 养老服务 敬老 老年 助餐 老年食堂 老人 "
        "高龄津贴 高龄补贴",
        "养老": "养老院 敬老院 幸福院 互助幸福院 日间照料 照料中心 居家养老 助餐 "
        "老年食堂 长者食堂 集中供养 养老服务 独居老人 空巢",
        "未成年人权益保障": "未成年人 留守儿童 困境儿童 防溺水 校园 学生 青少年 儿童 孤儿 "
        "事实无人抚养儿童",
        "残疾人权益保障": "残疾人 残疾 康复 助残 残疾证",
        "妇女权益保障": "妇女 家庭暴力 家暴 婚姻家庭 家庭矛盾",
        "计划生育": "计划生育 生育 独生子女 奖励扶助 特别扶助 婴幼儿 托育 优生 优生优育 孕前 "
        "孕检 孕产妇",
        "文化体育 精神文明": "文艺 演出 节目 村晚 广场舞 运动会 健身 图书 电影 非遗 文化 体育 "
        "比赛 文明 志愿服务 最美 好人 道德模范 移风易俗 文明家庭 送戏 戏曲 文艺汇演",
        "国防和军队建设": "民兵 国防教育 人民防空 退役",
        "征兵 兵役 国防和军队建设": "征兵 兵役 入伍 参军 应征 新兵 适龄青年",
        "农业工作": "农业 种植 养殖 农户 耕地 粮食 春耕 秋收 夏收 麦收 收割 农药 养蜂 "
        "动物防疫 农机 惠农补贴 农资 化肥 种子 病虫害",
        "合作经济": "合作社 联合社 入股 专业合作",
        "集体资产 集体经济": "清产核资 集体资产 集体土地 集体资源 三资 闲置土地 坑塘",
        "财产 资产": "资产 集体资产 固定资产 清产核资 三资 门面房 门面 商铺 租金 租约 招租 续租 "
        "出租收入",
        "土地承包 承包经营": "土地流转 流转 承包地 承包户 承包合同 确权",
        "村庄规划 农村建设 建房": "村庄规划 建房 宅基地 农房 规划许可 村容村貌 未批先建 超面积 "
        "私搭乱建 违法占地 乱占耕地",
        "消费维权": "消费 维权 假冒伪劣 价格 商品质量 投诉",
        "民间纠纷 调解": "纠纷 矛盾 调解 信访 邻里 争执 争吵 吵架 和解 劝和 调处 说和 劝架 打架 "
        "调解员 调委会",
        "殡葬 殡葬改革": "火化 安葬 祭扫 乱埋乱葬 散埋乱葬 公墓 骨灰 丧葬 丧事 土葬 墓地 坟墓",
        "财务 财务管理": "账目 账务 凭证 白条 收支 开支 报销 会计 出纳 记账 票据",
        "档案 档案管理": "归档 入档 建档 存档 档案柜 卷宗",
        "统计普查 统计": "普查 统计调查 入户调查 人口 抽样调查 记账 调查户 住户调查",
        "法院 诉讼": "送达 诉讼文书 传票 陪审员 被执行人 判决 开庭",
        "意见 要求 反映": "诉求 呼声 看法 民意 征求意见",
        "公共事务 公益事业 公共福利": "公益金 便民设施 公共设施 公益设施 民生实事 微实事 "
        "为民办实事 一事一议 路灯 排水沟 休息椅 长椅",
        # the services a committee runs for its residents (便民利民的社区服务); not 便民 alone,
        # which names the township's own service places (到镇便民服务中心办理)
        "社区服务 便民利民 便民服务": "便民点 代办点 助餐 助餐点 "
        "老年助餐 送餐 上门理发 义剪 修小家电 共享工具",
        "科技知识 科普": "科普 科学普及 科学知识 科技下乡",
        "应急 防灾减灾": "应急 灾害 地质灾害 台风 避险 转移 应急物资 防灾 减灾 救灾 灾情 疏散 "
        "避难 险情 洪涝 地震 山洪 泥石流 滑坡",
        "消防": "消防 火灾 火情 灭火 飞线 电动自行车",
        "民主选举 选举": "换届 补选 选民 选民登记 候选人 罢免 选举委员会",
        "民主管理 自治": "村规民约 居民公约 自治章程",
        "民主监督 监督": "村务监督委员会 监委会 村务监督",
        "民主决策 协商": "议事协商 村民说事 议事会 协商会",
    }
)


#: Who sends a notice says which area of work it is in: a county's departments and mass
#: organisations each have their own field (their 三定 mandates), the same in every county.
#: Keys are the forms a body's name takes in a notice (full, short, its local office);
#: values are the words an area item uses for that field. General knowledge of Chinese county
#: government, not taken from any notice. The sender is never inserted into the notice: it
#: is a second word of evidence for an item whose own words name the sender's field, once a
#: word of the notice has met that item (see :func:`sender_areas`).
DEPARTMENT_TERMS: dict[str, str] = _table(
    {
        "征兵 兵役 国防 民兵": "人武部 武装部 人民武装部 征兵办",
        "法院 司法 诉讼": "法院 人民法庭",
        "检察 司法": "检察院",
        "统计 普查 调查": "统计局 调查队 农调队 普查办",
        "卫生 健康 医疗 公共卫生 疫情 防治": "卫健局 卫健委 卫生健康局 卫生院 疾控中心 爱卫办",
        "医疗保障 医疗保险 社会保障": "医保局 医疗保障局 医保中心",
        "社会保障 社会保险 就业": "人社局 人力资源和社会保障局 社保中心 社保局 就业局 劳动监察",
        "民政 社会救助 社区": "民政局 民政办",
        "残疾人 权益": "残联",
        "妇女 儿童 家庭 权益": "妇联",
        "青少年 青年 权益": "团委 团县委",
        "职工 劳动者 权益": "总工会 工会",
        "老年人 养老 权益": "老龄办",
        "精神文明 文明": "文明办",
        "文化 旅游 文体": "文旅局 文化和旅游局 文广局 文化馆",
        "体育 健身 文体": "体育局",
        "教育": "教育局 教体局",
        "生态环境 环境保护": "生态环境局 环保局 环境执法",
        "城市管理 市容 环境卫生": "城管局 城管办 城管执法 环卫所 城市管理局",
        "住房 建设": "住建局 住房和城乡建设局",
        "社会治安 治安 公安 人口 户籍": "公安局 派出所 警务室",
        "社会治安 平安建设 政法": "政法委 综治办 综治中心",
        "司法 法治 调解 矫正": "司法局 司法所",
        "应急 安全生产 防灾减灾": "应急管理局 应急局 安监站",
        "消防 火灾": "消防救援大队 消防大队 消防站",
        "农业 农村 种植 养殖": "农业农村局 农业局 农业服务中心 农技站 农机中心 畜牧站",
        "集体经济 集体资产 农村经营管理": "农经站 经管站",
        "林业 森林 生态": "林业局 林业站",
        "水利 水务": "水利局 水务局 水利站",
        "自然资源 土地 规划": "自然资源局 国土所 规划局",
        "市场监管 食品安全 消费": "市场监管局 市场监督管理局 市场监管所",
        "税收 税费": "税务局 税务所",
        "退役军人 优抚": "退役军人事务局 退役军人服务站",
        "乡村振兴 防止返贫": "乡村振兴局",
        "民族 宗教": "民宗局 统战部",
        "党建 党员 组织": "组织部",
        "宣传 精神文明": "宣传部",
        "科普": "科协",
        "计划生育": "计生协",
        "交通 道路": "交通运输局 交通局",
        "合作经济 农资 供销": "供销社",
        "红十字 救护": "红十字会",
    }
)
_DEPARTMENT_PATTERN = re.compile(
    "|".join(re.escape(k) for k in sorted(DEPARTMENT_TERMS, key=len, reverse=True))
)


def sender_areas(issuer: str) -> frozenset[str]:
    """The words of the field of the body that sent a notice ("" sender: none)."""
    return frozenset(
        w
        for m in _DEPARTMENT_PATTERN.finditer(issuer or "")
        for w in DEPARTMENT_TERMS[m.group(0)].split()
    )
