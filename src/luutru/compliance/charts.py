"""Charts drawn on the server as inline SVG: no script, no external service.

``treemap`` (organizations as tiles, area by volume, colour by compliance) and
``stacked_bars`` (a series per year). Text is escaped; links are plain ``<a>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Compliance colour scale: red (0 %) → amber → green (100 %); grey when nothing was due.
NO_DATA = "#c9ced6"


def colour(score: int | None) -> str:
    if score is None:
        return NO_DATA
    if score >= 90:
        return "#2e7d32"
    if score >= 75:
        return "#7cb342"
    if score >= 50:
        return "#f9a825"
    if score >= 25:
        return "#ef6c00"
    return "#c62828"


LEGEND = [
    ("≥ 90 %", "#2e7d32"),
    ("75–89 %", "#7cb342"),
    ("50–74 %", "#f9a825"),
    ("25–49 %", "#ef6c00"),
    ("< 25 %", "#c62828"),
    ("chưa có việc đến hạn", NO_DATA),
]


@dataclass
class Tile:
    label: str
    value: float
    score: int | None
    href: str
    title: str
    dissolved: bool = False


def _worst_ratio(row: list[float], side: float) -> float:
    s = sum(row)
    return max(max(side * side * r / (s * s), (s * s) / (side * side * r)) for r in row)


def _squarify(values: list[float], x: float, y: float, w: float, h: float) -> list[tuple]:
    """Squarified treemap (Bruls et al.): rectangles in the order of ``values`` (sorted desc)."""
    rects: list[tuple] = []
    values = list(values)
    while values:
        side = min(w, h)
        row = [values.pop(0)]
        while values and _worst_ratio(row + [values[0]], side) <= _worst_ratio(row, side):
            row.append(values.pop(0))
        s = sum(row)
        if w >= h:  # lay the row as a column on the left
            cw = s / h if h else 0
            cy = y
            for r in row:
                rh = r / cw if cw else 0
                rects.append((x, cy, cw, rh))
                cy += rh
            x, w = x + cw, w - cw
        else:  # a row along the top
            rh = s / w if w else 0
            cx = x
            for r in row:
                rw = r / rh if rh else 0
                rects.append((cx, y, rw, rh))
                cx += rw
            y, h = y + rh, h - rh
    return rects


def treemap(tiles: list[Tile], width: int = 960, height: int = 420) -> SafeString:
    tiles = sorted((t for t in tiles if t.value > 0), key=lambda t: -t.value)
    if not tiles:
        return mark_safe("")
    total = sum(t.value for t in tiles)
    scale = width * height / total
    rects = _squarify([t.value * scale for t in tiles], 0, 0, width, height)
    parts = [
        f'<svg class="chart treemap" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Sơ đồ các cơ quan, tổ chức tô màu theo mức tuân thủ" '
        f'xmlns="http://www.w3.org/2000/svg">'
    ]
    for t, (x, y, w, h) in zip(tiles, rects, strict=True):
        dash = ' stroke-dasharray="4 3"' if t.dissolved else ""
        parts.append(
            f'<a href="{escape(t.href)}"><g class="tile"><title>{escape(t.title)}</title>'
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w - 1, 0):.1f}" height="{max(h - 1, 0):.1f}" '
            f'fill="{colour(t.score)}" stroke="#fff"{dash}/>'
        )
        if w > 60 and h > 18:
            size = 12 if w > 110 and h > 34 else 10
            limit = max(int(w / (size * 0.55)), 4)
            label = t.label if len(t.label) <= limit else t.label[: limit - 1] + "…"
            parts.append(
                f'<text x="{x + 4:.1f}" y="{y + size + 3:.1f}" font-size="{size}" '
                f'fill="#fff">{escape(label)}</text>'
            )
            if h > 34:
                score = "—" if t.score is None else f"{t.score} %"
                parts.append(
                    f'<text x="{x + 4:.1f}" y="{y + 2 * size + 7:.1f}" font-size="{size}" '
                    f'fill="#fff">{escape(score)}</text>'
                )
        parts.append("</g></a>")
    parts.append("</svg>")
    return mark_safe("".join(parts))


@dataclass
class Series:
    label: str
    colour: str
    values: list[int]


def stacked_bars(
    categories: list[str],
    series: list[Series],
    width: int = 960,
    height: int = 260,
    title: str = "",
) -> SafeString:
    """One stacked bar per category (a year), with a legend and value labels."""
    if not categories:
        return mark_safe("")
    left, bottom, top, right = 48, 28, 24, 160
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    peak = max(totals + [1])
    step = plot_w / len(categories)
    bar = min(step * 0.6, 60)
    parts = [
        f'<svg class="chart bars" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#888"/>',
        f'<text x="{left - 6}" y="{top + 4}" font-size="11" text-anchor="end">{peak}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" font-size="11" text-anchor="end">0</text>',
    ]
    for i, cat in enumerate(categories):
        x = left + i * step + (step - bar) / 2
        y: float = top + plot_h
        for s in series:
            v = s.values[i]
            if not v:
                continue
            h = plot_h * v / peak
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{s.colour}">'
                f"<title>{escape(f'{cat} – {s.label}: {v}')}</title></rect>"
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 16}" font-size="11" '
            f'text-anchor="middle">{escape(cat)}</text>'
        )
        if totals[i]:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{y - 4:.1f}" font-size="10" '
                f'text-anchor="middle">{totals[i]}</text>'
            )
    for j, s in enumerate(series):
        ly = top + j * 18
        parts.append(
            f'<rect x="{left + plot_w + 16}" y="{ly}" width="12" height="12" fill="{s.colour}"/>'
            f'<text x="{left + plot_w + 34}" y="{ly + 10}" font-size="11">{escape(s.label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
