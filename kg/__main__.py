"""``python -m kg``: the command line, as the ``kg`` script runs it."""
import sys

from .cli import main

sys.exit(main())
