"""Repositories: functions that take a ``Session`` and return domain objects."""
