"""``python -m greenapi_async``: the same command as ``greenapi-async``."""

import sys

from ._cli import main

sys.exit(main())
