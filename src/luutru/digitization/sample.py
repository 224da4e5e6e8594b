"""Scanned pages drawn from text, as a flatbed scanner gives them (A4 at 200 dpi,
a slightly grey paper): for the demo, the bench and the tests. A page can be
drawn turned by a few degrees (a skewed scan) or left blank (the back of a
sheet)."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

DPI = 200
A4 = (1654, 2339)  # pixels at 200 dpi
PAPER = (246, 244, 238)
FONTS = (
    Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONTS:
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def page(text: str, *, skew: float = 0.0, blank: bool = False) -> Image.Image:
    """One A4 page at 200 dpi with ``text`` typed on it (13 pt), turned ``skew``
    degrees anticlockwise."""
    im = Image.new("RGB", A4, PAPER)
    if not blank:
        draw = ImageDraw.Draw(im)
        font = _font(36)
        y = 200
        for para in text.split("\n"):
            for line in textwrap.wrap(para, 58) or [""]:
                draw.text((180, y), line, fill=(20, 20, 20), font=font)
                y += 58
            y += 20
    if skew:
        im = im.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=PAPER)
    return im


def png(im: Image.Image) -> bytes:
    out = io.BytesIO()
    im.save(out, "PNG", dpi=(DPI, DPI))
    return out.getvalue()


def jpeg(im: Image.Image) -> bytes:
    out = io.BytesIO()
    im.save(out, "JPEG", quality=85, dpi=(DPI, DPI))
    return out.getvalue()


def tiff(images: list[Image.Image]) -> bytes:
    """A multi-page TIFF (as scanners' batch mode writes), LZW-compressed."""
    out = io.BytesIO()
    images[0].save(
        out,
        "TIFF",
        dpi=(DPI, DPI),
        compression="tiff_lzw",
        save_all=True,
        append_images=images[1:],
    )
    return out.getvalue()
