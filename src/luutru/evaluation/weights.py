"""The one rule on weights: the criteria applied together sum to 100 points."""

from __future__ import annotations

from collections.abc import Iterable

TOTAL = 100


def weight_failures(criteria: Iterable[tuple[str, int]]) -> list[str]:
    """Every reason a set of (code, weight) cannot be used to score."""
    rows = list(criteria)
    if not rows:
        return ["Bộ tiêu chí chưa có tiêu chí nào: thêm tiêu chí và trọng số trước khi đánh giá."]
    total = sum(w for _, w in rows)
    failures = []
    zero = [c for c, w in rows if w <= 0]
    if zero:
        failures.append(
            "Tiêu chí "
            + ", ".join(zero)
            + " có trọng số 0: bỏ tiêu chí đó hoặc cho trọng số dương."
        )
    if total != TOTAL:
        failures.append(
            f"Tổng trọng số các tiêu chí là {total}, phải bằng {TOTAL}: "
            f"{'thêm' if total < TOTAL else 'bớt'} {abs(TOTAL - total)} điểm rồi lưu lại."
        )
    return failures
