"""The ``luutru`` console command: a thin wrapper over Django's management commands.

``luutru demo``, ``luutru stats --json``, ``luutru audit verify``, ``luutru fixity``,
``luutru serve`` and every Django command (``luutru migrate``) work the same way.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luutru.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["luutru", *sys.argv[1:]])


if __name__ == "__main__":
    main()
