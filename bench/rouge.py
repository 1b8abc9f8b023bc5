"""ROUGE-1/2/L of our extractive summary and the baselines against the editor's lead.

The same pass as :mod:`bench.leads`, printing only the ROUGE table.
Run: ``uv run --group bench python -m bench.rouge [--limit N] [--json PATH]``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from bench import leads


def main(argv: Sequence[str] | None = None) -> int:
    args = leads.parser(__doc__.splitlines()[0]).parse_args(argv)
    args.only = "rouge"
    leads.run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
