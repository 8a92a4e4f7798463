"""The PySide6 user interface (Simplified Chinese)."""
