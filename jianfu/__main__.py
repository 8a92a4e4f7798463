"""``python -m jianfu`` does what the ``jianfu`` command does."""

from jianfu.cli import main

raise SystemExit(main())
