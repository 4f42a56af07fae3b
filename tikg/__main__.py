"""``python -m tikg`` is the same as the ``tikg`` command."""

import sys

from tikg.cli import main

sys.exit(main())
