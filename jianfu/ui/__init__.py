"""The PySide6 user interface (Simplified Chinese)."""

from jianfu.ui import qt_binding  # noqa: F401  (first: Qt without its per-import source scan)
