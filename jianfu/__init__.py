"""jianfu (减负): the township clerk's tool for village/community burden reduction."""

__version__ = "0.1.0"
