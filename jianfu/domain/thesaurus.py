"""Areas of village work and the everyday words of the tasks that belong to them.

Published lists often name an area, not a task: "社会治安", "公共卫生", "水利工程", "流动人口权益
保障". A notice names the task: 入室盗窃, 登革热, 山塘, 出租房屋. This table says which area a
task word belongs to, so that the area's item can be found; the words are those of ordinary
public administration (the areas follow the Ministry of Civil Affairs' list of what
residents' committees assist with). It is applied to the notice only, like the abbreviations;
a county adds its own as local synonyms.
"""

from __future__ import annotations


def _table(rows: dict[str, str]) -> dict[str, str]:
    """``{area: "word word …"}`` -> ``{word: area}``."""
    out: dict[str, str] = {}
    for area, words in rows.items():
        for word in words.split():
            out[word] = f"{out[word]} {area}" if word in out else area
    return out


AREA_TERMS: dict[str, str] = _table(
    {
        "社会治安": "盗窃 入室 诈骗 治安防范 巡逻 可疑人员 报警 警务 联防 扫黑除恶 平安建设",
        "公共卫生": "传染病 疫情 病媒 蚊虫 灭蚊 灭鼠 消杀 登革热 流感 疫苗 健康教育 食品安全",
        "环境卫生": "垃圾 卫生死角 清扫 保洁 厕所 污水 环境整治 人居环境 大扫除",
        "生态环境": "秸秆 焚烧 植树 造林 护林 乱砍滥伐 水土保持 河道 水污染 大气污染 禁烧 生态",
        "水利工程": "水库 山塘 堤坝 水闸 渠道 灌溉 防汛 溢洪道 水利设施 饮水工程",
        "交通设施": "公路 道路 桥梁 路况 通村 养护 交通安全 校车",
        "流动人口": "出租房屋 租住 房东 外来务工 居住证 暂住 流动人口",
        "劳动就业": "招聘 用工 务工 求职 技能培训 职业培训 农民工 工资 返乡创业 就业",
        "社会保障": "养老保险 医疗保险 参保 缴费 社保卡 医保 待遇认证 公积金",
        "社会救助": "低保 特困 临时救助 困难群众 救助 低收入 残疾人补贴",
        "优抚救济": "优抚 退役军人 烈属 军属 抚恤 慰问 救济",
        "老年人权益保障": "老年人 高龄 独居老人 空巢 养老服务 敬老 老年",
        "未成年人权益保障": "未成年人 留守儿童 困境儿童 防溺水 校园 学生 青少年",
        "残疾人权益保障": "残疾人 残疾 康复 助残",
        "计划生育": "计划生育 生育 独生子女 奖励扶助 特别扶助 婴幼儿 托育",
        "文化体育": "文艺 演出 节目 村晚 广场舞 运动会 健身 图书 电影 非遗 文化",
        "国防和军队建设": "征兵 兵役 民兵 国防教育 人民防空 退役",
        "农业工作": "农业 种植 养殖 农户 耕地 粮食 春耕 秋收 农药 养蜂 动物防疫 农机 惠农补贴",
        "村庄规划": "村庄规划 建房 宅基地 农房 规划许可 村容村貌",
        "消费维权": "消费 维权 假冒伪劣 价格 商品质量 投诉",
        "民间纠纷": "纠纷 矛盾 调解 信访 邻里",
        "统计普查": "普查 统计调查 入户调查 人口 抽样调查",
    }
)
