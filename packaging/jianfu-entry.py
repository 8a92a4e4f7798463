"""The frozen app's entry point: the same command line as ``python -m jianfu``."""

import sys

from jianfu.cli import main

if __name__ == "__main__":
    sys.exit(main())
