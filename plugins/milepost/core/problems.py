"""What is wrong in a roadmap file, and exactly where.

A `Problem` is plain data: the command line prints it, the plugin logs it,
tests compare it. Sorting problems sorts them by file, line and column.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

Pos = tuple[int, int]
"""A 1-based (line, column) in the file itself, not in its YAML block."""


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    severity: str
    message: str
    code: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.code}]"

    def as_data(self, severity: bool = True) -> dict:
        """The problem as JSON data; the diff's lists of errors leave out the `severity` they all share."""
        data = {"path": self.path, "line": self.line, "col": self.col, "severity": self.severity, "message": self.message, "code": self.code}
        if not severity:
            del data["severity"]
        return data

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def did_you_mean(word: str, choices) -> str:
    """A ' (did you mean …?)' suffix when one of `choices` is close to `word`, else ''."""
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
