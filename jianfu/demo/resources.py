"""Where the demo data set's files are (``resources/demo``)."""

from __future__ import annotations

from pathlib import Path

from jianfu import paths


def demo_file(name: str) -> Path:
    """A file of the demo data set."""
    return paths.resources_dir() / "demo" / name
