"""Refusals that carry their reasons in Vietnamese (one or many)."""

from __future__ import annotations


class RuleViolation(Exception):
    """A workflow step refused: ``messages`` names every failed precondition."""

    def __init__(self, *messages: str):
        self.messages = [m for m in messages if m]
        super().__init__("; ".join(self.messages))

    @classmethod
    def check(cls, failures: list[str]) -> None:
        if failures:
            raise cls(*failures)
