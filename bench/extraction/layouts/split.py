"""The one place that says which documents are held apart.

A document is named by (family, seed, index). The **held-apart part** is every
document drawn with a seed at or above ``HELD_SEED``, and every document of a
family in ``HELD_FAMILIES`` (those families are drawn only with held seeds).
The parser's tests and anyone tuning the parser must never generate or read
the held-apart part; the bench reports on it.
"""

from __future__ import annotations

HELD_SEED = 900_001  # the held-apart part is drawn with this seed only
OPEN_SEED = 11  # the open part (tests, tuning) uses seeds below HELD_SEED

# Families that only ever appear in the held-apart part: a parser tuned on the
# open part has never seen their layout (one or more per kind of organization).
HELD_FAMILIES = frozenset(
    {
        "party-tw-ketluan-bct",
        "party-dangbo-khoi-3line-nghiquyet",
        "party-chibo-bienban-bare",
        "state-ubtvqh-phaplenh",
        "state-ttlt-thongtu",
        "state-cuc-congvan",
        "front-tw-thongbao",
        "youth-tw-chuongtrinh-space",
        "veterans-huyen-baocao",
    }
)


def is_held(family: str, seed: int) -> bool:
    return seed >= HELD_SEED or family in HELD_FAMILIES


def families_of(part: str, all_families: list[str]) -> list[str]:
    """The families a part draws from: ``held`` all of them, ``open`` the rest."""
    if part == "held":
        return list(all_families)
    if part == "open":
        return [f for f in all_families if f not in HELD_FAMILIES]
    raise ValueError(part)


def seed_of(part: str, seed: int | None = None) -> int:
    if part == "held":
        return HELD_SEED
    seed = OPEN_SEED if seed is None else seed
    if seed >= HELD_SEED:
        raise ValueError(f"seed {seed} belongs to the held-apart part")
    return seed
