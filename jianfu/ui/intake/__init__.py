"""The 事项审核 screen: check a notice as it is typed, record the task, list recorded tasks."""

from jianfu.ui.intake.screen import IntakeWidget, make_intake_widget

__all__ = ["IntakeWidget", "make_intake_widget"]
