"""Calling our engine from the benchmarks without letting one bad article stop a run."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field

from summarizer import Digest, digest


@dataclass
class EngineRun:
    """Counts engine failures so a table can report them instead of crashing."""

    errors: int = 0
    first_error: str | None = None
    failed_ids: list[str] = field(default_factory=list)

    def digest(self, text: str, *, ident: str = "", title: str | None = None) -> Digest | None:
        try:
            return digest(text, title=title)
        except Exception:  # the engine is under test: record, keep measuring
            self.errors += 1
            self.failed_ids.append(ident)
            if self.first_error is None:
                self.first_error = f"{ident}: {traceback.format_exc(limit=3)}"
            return None

    def report(self) -> None:
        if self.errors:
            print(f"engine raised on {self.errors} input(s); first: {self.first_error}")
