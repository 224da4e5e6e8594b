"""A ``Form`` as DOCX (python-docx): A4, the two-column Party header, Times New Roman.

Table rows are written as one XML fragment: python-docx's per-cell API takes
seconds on a 500-item file plan, the fragment a fraction of that.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document as Docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from luutru.forms.layout import PARTY, Form, PageBreak, Para, Signatures, Table

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 12
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def _set_font(style, size: int) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    # Vietnamese text may be classed as "complex" or East Asian by Word: name the font for all.
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _page(doc, landscape: bool) -> int:
    """A4 with NĐ 30 margins; returns the usable width in twentieths of a point."""
    section = doc.sections[0]
    width, height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    # NĐ 30: page numbers at the top centre, from the second page.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>2</w:t></w:r></w:fldSimple>'
        )
    )
    return int((width - Mm(45)) / 635)


def _para(
    container,
    text: str = "",
    *,
    bold=False,
    italic=False,
    align="left",
    size=0,
    underline=False,
    after: int = 0,
):
    p = container.add_paragraph()
    p.alignment = _ALIGN[align]
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(0)
    for n, line in enumerate(text.split("\n")):
        run = p.add_run(line)
        run.bold, run.italic, run.underline = bold, italic, underline
        if size:
            run.font.size = Pt(size)
        if n < len(text.split("\n")) - 1:
            run.add_break()
    return p


def _no_borders(table) -> None:
    borders = parse_xml(
        f"<w:tblBorders {nsdecls('w')}>"
        + "".join(
            f'<w:{side} w:val="nil"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders>"
    )
    table._tbl.tblPr.append(borders)


def _header(doc, form: Form) -> None:
    head = doc.add_table(rows=1, cols=2)
    _no_borders(head)
    left, right = head.rows[0].cells
    left.paragraphs[0].text = ""
    superior, issuer = form.issuer[:-1], form.issuer[-1]
    first = True
    for line in superior:
        p = left.paragraphs[0] if first else left.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(line).font.size = Pt(14)
        first = False
    p = left.paragraphs[0] if first else left.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(issuer)
    run.bold, run.font.size = True, Pt(14)
    _para(left, "*", align="center")
    if form.number:
        _para(left, form.number, align="center", size=14)
    p = right.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(PARTY)
    run.bold, run.underline, run.font.size = True, True, Pt(15)
    if form.place_date:
        _para(right, form.place_date, italic=True, align="center", size=14)


def _cell(text, width: int, *, bold=False, italic=False, align="left", span: int = 1) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    rpr = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    lines = str(text if text is not None else "").split("\n")
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return (
        f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr><w:spacing w:before="0" w:after="0"/>'
        f'<w:jc w:val="{_JC[align]}"/></w:pPr><w:r><w:rPr>{rpr}</w:rPr>{runs}</w:r></w:p></w:tc>'
    )


def _table(doc, t: Table, usable: int) -> None:
    widths = [int(usable * w / 100) for w in t.percent_widths]
    table = doc.add_table(rows=0, cols=len(t.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table._tbl.tblPr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(w))
    parts = ["<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"]
    parts += [
        _cell(c, w, bold=True, align="center")
        for c, w in zip(t.numbered_columns, widths, strict=True)
    ]
    parts.append("</w:tr>")
    for row in t.rows:
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        heading = row.kind in ("heading", "subheading")
        italic = row.kind == "subheading"
        for n, (c, w) in enumerate(zip(row.cells, widths, strict=True)):
            align = "center" if (n == 0 or isinstance(c, int)) else "left"
            parts.append(_cell(c, w, bold=heading and n < 2, italic=italic and n < 2, align=align))
        parts.append("</w:tr>")
    if not t.rows and t.empty_note:
        parts.append(
            "<w:tr>"
            + _cell(t.empty_note, sum(widths), italic=True, align="center", span=len(widths))
            + "</w:tr>"
        )
    fragment = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(parts)}</w:tbl>")
    for tr in list(fragment):
        table._tbl.append(tr)


def _signatures(doc, block: Signatures) -> None:
    n = len(block.blocks)
    table = doc.add_table(rows=1, cols=n)
    _no_borders(table)
    cells = table.rows[0].cells
    for i, (cell, sig) in enumerate(zip(cells, block.blocks, strict=True)):
        cell.paragraphs[0].text = ""
        if block.place_date and i == n - 1:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            cell.paragraphs[0].add_run(block.place_date).italic = True
            _para(cell, sig.title, bold=True, align="center")
        else:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            cell.paragraphs[0].add_run(sig.title).bold = True
        _para(cell, sig.hint, italic=True, align="center")
        _para(cell, "\n\n", align="center")
        _para(cell, sig.name, bold=True, align="center")


def to_docx(form: Form) -> bytes:
    doc = Docx()
    _set_font(doc.styles["Normal"], BODY_PT)
    usable = _page(doc, form.landscape)
    _header(doc, form)
    for mark in form.marks:
        _para(doc, mark, bold=True, italic=True, align="center")
    _para(doc, "")
    _para(doc, form.title, bold=True, align="center", size=form.title_size)
    for line in form.subtitle:
        _para(doc, line, bold=True, align="center", size=14)
    _para(doc, "")
    for block in form.blocks:
        if isinstance(block, Para):
            _para(
                doc,
                block.text,
                bold=block.bold,
                italic=block.italic,
                align=block.align,
                size=block.size,
                after=3,
            )
        elif isinstance(block, Table):
            _table(doc, block, usable)
            _para(doc, "")
        elif isinstance(block, Signatures):
            _para(doc, "")
            _signatures(doc, block)
        elif isinstance(block, PageBreak):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _set_font(doc.styles["Table Grid"], TABLE_PT)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
