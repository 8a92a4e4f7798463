"""Regenerate the small list samples used by tests/unit/interchange (run from the repo root).

county_list_sample.xlsx: a county-style admission list (merged title, 文号 line, section rows,
a vertically merged 责任单位). cert_forbidden_gbk.csv: a certificate list saved by Excel as
CSV in GBK, as clerks on Chinese Windows get it.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent


def county_sample(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "准入清单"
    ws.append(["某某县村(社区)工作事项准入清单（2025年版）"])
    ws.append(["文号：某委办〔2025〕12号　　生效日期：2025年3月1日"])
    ws.append(["序号", "工作事项", "具体工作内容", "设定依据", "责任(牵头)部门", "备注"])
    ws.append(["一、依法履行职责事项（3项）"])
    ws.append([1, "发展党员", "做好发展党员工作", "《中国共产党发展党员工作细则》", "县委组织部"])
    ws.append([2, "党员教育管理", "组织党员学习", "《中国共产党党员教育管理工作条例》", None])
    ws.append([3, "村务公开", "公开村务财务", "《村民委员会组织法》第三十条", "县民政局"])
    ws.append(["二、协助政府工作事项（2项）"])
    ws.append([1, "协助开展爱国卫生运动", "组织环境整治", "《爱国卫生工作条例》", "县卫健局"])
    ws.append([2, "协助做好殡葬管理", "宣传殡葬改革", "《殡葬管理条例》", "县民政局"])
    ws.append(["三、负面清单（1项）"])
    ws.append([1, "招商引资", "不得要求村(社区)承担招商引资任务", "", ""])
    ws.append(["备注：本清单实行动态调整。"])
    ws.append(["填表人：", None, "审核人："])
    for ref in ("A1:F1", "A2:F2", "A4:F4", "A8:F8", "A11:F11", "A13:F13", "E5:E6"):
        ws.merge_cells(ref)
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    wb.save(path)


def gbk_csv(path: Path) -> None:
    text = (
        "序号,类别,证明事项名称,替代途径,替代途径说明\r\n"
        "1,不应出具证明事项,亲属关系证明,数据共享,由公安、民政部门共享数据核查\r\n"
        "2,不应出具证明事项,无犯罪记录证明,部门核查,由公安机关出具\r\n"
        "3,不应出具证明事项,居民养犬证明,告知承诺,申请人书面承诺\r\n"
    )
    path.write_bytes(text.encode("gbk"))


if __name__ == "__main__":
    county_sample(HERE / "county_list_sample.xlsx")
    gbk_csv(HERE / "cert_forbidden_gbk.csv")
