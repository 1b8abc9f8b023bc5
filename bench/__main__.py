"""``python -m bench``: run every benchmark (see :mod:`bench.all`)."""

import sys

from bench.all import main

sys.exit(main())
