"""The app's log: a rotating file in the data folder, never an ID number or a password.

The windowed app has no console on Windows, so an unexpected error must leave a trace that
the clerk can send: ``jianfu.log`` (1 MB, five old files kept) in ``logs/`` beside the
database. Every record passes a filter that masks ID-number-shaped text and the password
of a database address before it is written. The file is created at start-up and rotated by
``logging.handlers.RotatingFileHandler``, made when the first record comes (a start usually
writes none, and that module brings pickle, socket and queue with it).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from pathlib import Path
from typing import IO

from jianfu.files import make_private, private_dir
from jianfu.paths import data_dir

LOG_NAME = "jianfu.log"
#: What a crash of the process itself leaves (see :func:`record_crashes`).
CRASH_NAME = "crash.log"
MAX_BYTES = 1_000_000
BACKUPS = 5

#: 18-digit (last may be X) or 15-digit ID numbers standing alone.
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8}|\d{5})(\d{3}[0-9Xx]|\d)(?![0-9A-Za-z])")
#: The password part of postgresql://user:password@host
_URL_PASSWORD = re.compile(r"(://[^:/@\s]+):[^@\s]+@")


def scrub(text: str) -> str:
    """``text`` with ID numbers masked (first 4 and last 4 kept) and URL passwords hidden."""

    def mask(m: re.Match[str]) -> str:
        whole = m.group(0)
        return whole[:4] + "*" * (len(whole) - 8) + whole[-4:]

    text = _ID_NUMBER.sub(mask, text)
    return _URL_PASSWORD.sub(r"\1:***@", text)


class _ScrubFilter(logging.Filter):
    """Masks personal data in the message and in the traceback text."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


class _LogFile(logging.Handler):
    """``jianfu.log`` (``MAX_BYTES``, ``BACKUPS`` old files) through a
    ``logging.handlers.RotatingFileHandler`` made for the first record written."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.baseFilename = str(path.absolute())  # as a FileHandler names its file
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._file is None:
                import logging.handlers

                self._file = logging.handlers.RotatingFileHandler(
                    self.baseFilename, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
                )
                self._file.setFormatter(self.formatter)
            self._file.emit(record)
        except Exception:  # noqa: BLE001 - as logging's own handlers: said on stderr, not raised
            self.handleError(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def log_file() -> Path:
    """Where the log is written."""
    return data_dir() / "logs" / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the ``jianfu`` loggers to the rotating log file; None when it cannot be written."""
    logger = logging.getLogger("jianfu")
    path = log_file()
    for old in list(logger.handlers):
        if isinstance(old, _LogFile):
            if Path(old.baseFilename) == path.absolute():
                return path
            logger.removeHandler(old)  # the data folder changed (tests, JIANFU_DATA_DIR)
            old.close()
    try:
        if not path.parent.exists():
            private_dir(path.parent)
        with path.open("a", encoding="utf-8"):  # it can be written (the handler opens it so)
            pass
    except OSError:
        return None
    handler = _LogFile(path)
    make_private(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_ScrubFilter())
    logger.addHandler(handler)
    logger.setLevel(level)
    return path


#: The open crash file (kept open: faulthandler writes to its descriptor when the process dies).
_crash_file: IO[str] | None = None


def crash_file() -> Path:
    """Where a crash of the process is recorded."""
    return data_dir() / "logs" / CRASH_NAME


def record_crashes() -> Path | None:
    """Have a crash of the process itself leave a trace: a fault inside Qt or a native
    library, or the stack run out, kills the app before any log record or error box, and the
    window is simply gone. ``faulthandler`` then writes the Python stack of every thread to
    ``crash.log`` beside the log (file names, lines and functions only: no personal data),
    after a line with the time this run started; the file is kept when the app starts again,
    begun anew (the old one kept as ``crash.log.1``) when over ``MAX_BYTES``. None when it
    cannot be written."""
    global _crash_file
    import faulthandler

    path = crash_file()
    try:
        if not path.parent.exists():
            private_dir(path.parent)
        if path.exists() and path.stat().st_size > MAX_BYTES:
            path.replace(path.with_name(CRASH_NAME + ".1"))
        handle = path.open("a", encoding="utf-8")
        make_private(path)
        started = dt.datetime.now().isoformat(sep=" ", timespec="seconds")
        handle.write(f"--- {started} 减负 started (process {os.getpid()})\n")
        handle.flush()
    except OSError:
        return None
    if _crash_file is not None:
        _crash_file.close()
    _crash_file = handle
    faulthandler.enable(file=handle, all_threads=True)
    return path
