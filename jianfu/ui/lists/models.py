"""Table models of the lists screen: the items (paged, sorted in SQL), import problems, diffs."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from jianfu.domain.certificates import model_text_problem
from jianfu.domain.list_diff import EditionDiff, field_text
from jianfu.domain.lists import ItemStatus, ListItem
from jianfu.domain.paging import Page
from jianfu.services.lists import ItemFilter
from jianfu.ui.models.paged_table import Column, PagedTableModel

Index = QModelIndex | QPersistentModelIndex
CENTER = Qt.AlignmentFlag.AlignCenter

ItemFetcher = Callable[[ItemFilter, int, int], Page[ListItem]]


def scopes_text(item: ListItem) -> str:
    """适用范围 as printed: 村、城市社区、涉农社区."""
    return "、".join(s.value for s in item.scopes)


def item_tooltip(item: ListItem) -> str:
    """Rich text (so Qt wraps it) with the item's full content and basis."""
    parts = [f"<b>{html.escape(item.name)}</b>"]
    for label, value in (("事项内容", item.content), ("设定依据", item.basis)):
        if value:
            parts.append(f"<b>{label}：</b>{html.escape(value)}")
    return "<p style='white-space:pre-wrap'>" + "<br>".join(parts) + "</p>"


class ListItemTableModel(PagedTableModel[ListItem]):
    """The items of one edition, page by page; a click on a header sorts in SQL.

    The filter (edition, kind, department …) is set with ``set_filter``; the search text is
    the paged model's query. Every column maps to a sort key of the service.
    """

    SORT_KEYS: tuple[str, ...] = (
        "number",
        "kind",
        "name",
        "department",
        "nature",
        "status",
        "basis",
    )

    def __init__(self, fetch: ItemFetcher, parent: Any = None) -> None:
        columns: list[Column[ListItem]] = [
            Column("编号", lambda i: i.number, CENTER, width=70),
            Column("类别", lambda i: self._kind_names.get(i.kind, i.kind), width=120),
            Column("事项名称", lambda i: i.name, width=280),
            Column("责任单位", lambda i: i.department, width=190),
            Column("事项性质", lambda i: i.nature.value if i.nature else "", CENTER, width=76),
            Column("状态", lambda i: i.status.value, CENTER, width=64),
            Column("设定依据", lambda i: i.basis),
        ]
        super().__init__(
            columns,
            self._page,
            page_size=200,
            is_inactive=lambda i: i.status is ItemStatus.WITHDRAWN,
            parent=parent,
        )
        self._kind_names: dict[str, str] = {}
        self._fetch_items = fetch
        self._filter: ItemFilter | None = None

    # ---- public API

    @property
    def item_filter(self) -> ItemFilter | None:
        """The filter of the last query (``None`` when no edition is chosen)."""
        return self._filter

    def set_kind_names(self, names: dict[str, str]) -> None:
        """Kind code -> name, for the 类别 column."""
        self._kind_names = dict(names)

    def set_filter(self, f: ItemFilter | None) -> None:
        """Query again with ``f`` (its sort is kept from the header when not given)."""
        if f is not None and self._filter is not None:
            f = replace(f, sort=self._filter.sort, descending=self._filter.descending)
        self._filter = f
        self.reload(f.query if f else "")

    def sort_column(self) -> int:
        """The column the rows are sorted by."""
        key = self._filter.sort if self._filter else "number"
        return self.SORT_KEYS.index(key) if key in self.SORT_KEYS else 0

    # ---- Qt API

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override: a wrapped tooltip with the full content and basis."""
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return item_tooltip(self.row_at(index.row()))
        return super().data(index, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Override: ask the service for the rows in the new order (rows read in that order
        already are not read again: the view sorts when its sorting is turned on)."""
        if not 0 <= column < len(self.SORT_KEYS) or self._filter is None:
            return
        wanted = replace(
            self._filter,
            sort=self.SORT_KEYS[column],
            descending=order == Qt.SortOrder.DescendingOrder,
        )
        if wanted == self._filter and self._read:
            return
        self._filter = wanted
        self.reload()

    # ---- helpers

    def _page(self, query: str, offset: int, limit: int) -> Page[ListItem]:
        if self._filter is None:
            return Page([], 0, offset)
        return self._fetch_items(replace(self._filter, query=query), offset, limit)


# ---------------------------------------------------------------- import problems


class PreviewItemTableModel(QAbstractTableModel):
    """The items an import would save, straight from the preview (50,000 rows are fine)."""

    HEADERS = ("工作表", "行", "类别", "编号", "事项名称", "责任单位", "事项性质")

    def __init__(
        self,
        items: Sequence[ListItem],
        sources: Sequence[tuple[str, int]],
        kind_names: dict[str, str],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._items = list(items)
        self._sources = list(sources)
        self._kind_names = kind_names

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Override."""
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Override."""
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override."""
        if not index.isValid():
            return None
        row = index.row()
        item = self._items[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            return item_tooltip(item)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        sheet, line = self._sources[row] if row < len(self._sources) else ("", 0)
        return (
            sheet,
            str(line) if line else "",
            self._kind_names.get(item.kind, item.kind),
            item.number,
            item.name,
            item.department,
            item.nature.value if item.nature else "",
        )[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Override."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return str(section + 1)


# ---------------------------------------------------------------- edition comparison


def diff_item_rows(diff: EditionDiff, items: Sequence[ListItem]) -> list[tuple[str, ...]]:
    """Rows for added or withdrawn items: 类别, 编号, 事项名称, 责任单位."""
    return [(diff.kind_name(i.kind), i.number, i.name, i.department) for i in items]


def diff_change_rows(diff: EditionDiff) -> list[tuple[str, ...]]:
    """One row per changed field: 类别, 事项名称, 变更字段, 原内容, 新内容."""
    rows = []
    for change in diff.changed:
        name = change.new.name
        if change.old.name != change.new.name:
            name = f"{change.new.name}（原“{change.old.name}”）"
        for fc in change.changes:
            rows.append(
                (
                    diff.kind_name(change.new.kind),
                    name,
                    fc.label,
                    fc.old or "（空）",
                    fc.new or "（空）",
                )
            )
    return rows


def item_detail_html(item: ListItem, kind_name: str) -> str:
    """The full text of an item for the detail pane (every field that is filled)."""
    fields = [
        ("类别", kind_name),
        ("编号", item.number),
        ("事项内容", item.content),
        ("设定依据", item.basis),
        ("责任单位", item.department),
        ("协助方式", item.participation),
        ("事项性质", field_text(item, "nature")),
        ("经费保障", item.funding),
        ("适用范围", scopes_text(item)),
        ("状态", item.status.value),
        ("退出日期", field_text(item, "withdrawn_on")),
        ("退出原因", item.withdrawn_reason),
        ("办理用途", item.purpose),
        ("办理流程", item.procedure),
        ("证明式样", item.model_text),
        ("替代途径", field_text(item, "alternative_route")),
        ("替代途径说明", item.alternative_detail),
        ("备注", item.notes),
    ]
    rows = "".join(
        f"<tr><td style='color:#555; padding-right:10px; white-space:nowrap' valign='top'>"
        f"{label}</td><td>{html.escape(value)}</td></tr>"
        for label, value in fields
        if value
    )
    # a model text imported before the import refused it: said first (the pane is a few lines
    # high at 1366×768 and 证明式样 is near its end), not first at the print
    problem = model_text_problem(item.name, item.model_text)
    said = (
        f"<p style='color:#a50e0e; margin:0 0 6px 0'>{html.escape(problem)}</p>" if problem else ""
    )
    return f"<h3 style='margin:0 0 6px 0'>{html.escape(item.name)}</h3>{said}<table>{rows}</table>"
