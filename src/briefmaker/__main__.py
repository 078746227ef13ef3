"""``python -m briefmaker`` — the same as the ``briefmaker`` command."""
import sys

from .cli import main

sys.exit(main())
