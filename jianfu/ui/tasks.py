"""Old name of :mod:`jianfu.ui.background` (it clashed with the intake flow's tasks).

To remove once the branches opened before the rename are merged; import from
``jianfu.ui.background``.
"""

from __future__ import annotations

from jianfu.ui.background import TaskHandle, TaskRunner

__all__ = ["TaskHandle", "TaskRunner"]
