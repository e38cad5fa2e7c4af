"""Counting checks: every gold field is one check, and every failed one a readable line."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel, Field, computed_field


class GoldScore(BaseModel):
    """How much of a gold file a report gets right; `misses` says what it got wrong."""

    checks: int = 0
    passed: int = 0
    misses: list[str] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def score(self) -> float:
        """Passed checks over all checks; a gold file with no checks scores 1.0."""
        return self.passed / self.checks if self.checks else 1.0


@dataclass
class _Tally:
    """Counts checks while scoring; becomes a GoldScore at the end."""

    checks: int = 0
    passed: int = 0
    misses: list[str] = field(default_factory=list)

    def check(self, ok: bool, miss: str) -> None:
        self.checks += 1
        if ok:
            self.passed += 1
        else:
            self.misses.append(miss)

    def fail(self, count: int, miss: str) -> None:
        """Count `count` failed checks under one line (a figure that was not found at all)."""
        self.checks += count
        self.misses.append(miss)
