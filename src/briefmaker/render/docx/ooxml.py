"""Raw OOXML helpers for what python-docx has no API for: East Asian fonts, character-based
indents, document grid, fields, borders, alt text, language. Only the DOCX writer uses them."""
from __future__ import annotations

import io
import re
import zipfile

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .compat import inline_element, row_element, run_element, table_element

#: DrawingML chart, DrawingML main and relationship namespaces (chart parts and their inline frames)
C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def child(parent, tag: str):
    """The first child ``tag`` of ``parent``, created if absent — in the schema's order where
    python-docx knows it (Word rejects, and LibreOffice ignores, properties out of order)."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        sequence = _ORDER.get(parent.tag, ())
        later = {qn(t) for t in sequence[sequence.index(tag) + 1:]} if tag in sequence else set()
        successor = next((el for el in parent if el.tag in later), None)
        if successor is not None:
            successor.addprevious(found)
        else:
            parent.append(found)
    return found


_ORDER = {
    qn("w:pPr"): (
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
        "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
        "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
        "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
        "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
        "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
    ),
    qn("w:rPr"): (
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
        "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
        "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
        "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
        "w:eastAsianLayout", "w:specVanish", "w:oMath",
    ),
    qn("w:pBdr"): ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"),
    qn("w:settings"): (),
}


def set_fonts(rpr, east_asian: str, latin: str) -> None:
    """Explicit East Asian and Latin fonts on an ``w:rPr``, with every theme font removed."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in THEME_FONT_ATTRS:
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")


def set_lang(rpr, east_asian: str = "zh-CN", latin: str = "en-US") -> None:
    lang = child(rpr, "w:lang")
    lang.set(qn("w:val"), latin)
    lang.set(qn("w:eastAsia"), east_asian)
    lang.set(qn("w:bidi"), "ar-SA")


def set_indent_chars(ppr, first_line_chars: int = 0, right_chars: int = 0, left_chars: int = 0,
                     char_twips: int = 0) -> None:
    """Indents counted in hundredths of a character (200 = two characters), as Word writes them.

    ``char_twips`` (one character's width) also fills the absolute twips attributes, which
    LibreOffice uses where it ignores the character-based ones.
    """
    ind = child(ppr, "w:ind")
    for attr in list(ind.attrib):
        del ind.attrib[attr]
    # every attribute explicit: a style based on Normal must not inherit its two-character indent
    ind.set(qn("w:firstLineChars"), str(first_line_chars))
    ind.set(qn("w:firstLine"), str(first_line_chars * char_twips // 100))
    ind.set(qn("w:leftChars"), str(left_chars))
    ind.set(qn("w:left"), str(left_chars * char_twips // 100))
    ind.set(qn("w:rightChars"), str(right_chars))
    ind.set(qn("w:right"), str(right_chars * char_twips // 100))


def set_doc_grid(sect_pr, line_pitch_twips: int) -> None:
    """``w:docGrid`` with the line pitch that puts the style's lines on every page, and no grid type:
    every paragraph has an exact leading already (the pitch), and with ``type=lines`` LibreOffice
    sets each page's first line some 15 pt lower and fits a line fewer on a page than Word and
    our PDF (measured: the seed's DOCX 11 pages instead of 10).

    Not ``linesAndChars`` either: with a negative ``w:charSpace`` (what 28 characters of 16 pt in 156 mm
    need) LibreOffice gives every character two grid cells — measured 14–20 characters per line
    instead of 28. Characters per line come from condensed character spacing instead
    (:func:`set_char_spacing`), which Word, WPS and LibreOffice all honour.
    """
    grid = child(sect_pr, "w:docGrid")
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    grid.set(qn("w:linePitch"), str(line_pitch_twips))


def set_char_spacing(rpr, twentieths: int) -> None:
    """Character spacing (``w:spacing`` in a run's properties) in twentieths of a point; <0 condenses."""
    spacing = child(rpr, "w:spacing")
    spacing.set(qn("w:val"), str(twentieths))


def add_field(paragraph, instruction: str, cached: str) -> None:
    """A complex field (PAGE, TOC …) with ``cached`` as its current result."""
    def run_with(element):
        run = paragraph.add_run()
        run_element(run).append(element)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(cached)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def begin_field(paragraph, instruction: str) -> None:
    """Open a complex field in ``paragraph``: its code, then the start of its cached result."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run_element(run).append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run_element(run).append(instr)


def end_field(paragraph) -> None:
    """Close the complex field opened by :func:`begin_field` (possibly in an earlier paragraph)."""
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    run_element(paragraph.add_run()).append(char)


def set_border(ppr, side: str, size_eighths: int, color: str = "000000", space: int = 1) -> None:
    """A paragraph border line on ``side`` ('top', 'bottom'); size in eighths of a point."""
    borders = child(ppr, "w:pBdr")
    line = child(borders, f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), str(space))
    line.set(qn("w:color"), color)


def set_alt_text(inline_shape, title: str, description: str) -> None:
    """Alt text of a picture (``wp:docPr`` title and descr), what screen readers and Word show."""
    doc_pr = inline_element(inline_shape).docPr
    doc_pr.set("title", title)
    doc_pr.set("descr", description)


def set_table_borders(table, color: str, size_eighths: int) -> None:
    """Only a top and a bottom rule around ``table`` (no inner lines), in ``color``."""
    tbl_pr = table_element(table).tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{side}")
        if side in ("top", "bottom"):
            line.set(qn("w:val"), "single")
            line.set(qn("w:sz"), str(size_eighths))
            line.set(qn("w:space"), "0")
            line.set(qn("w:color"), color)
        else:
            line.set(qn("w:val"), "nil")
        borders.append(line)
    successors = [el for el in tbl_pr if el.tag in {qn(t) for t in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")}]
    if successors:
        successors[0].addprevious(borders)
    else:
        tbl_pr.append(borders)


def set_row_height(row, twips: int) -> None:
    """The row exactly ``twips`` high."""
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(twips))
    height.set(qn("w:hRule"), "exact")
    row_element(row).get_or_add_trPr().append(height)


_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def fixed_zip_info(name: str) -> zipfile.ZipInfo:
    """A zip entry ``name`` with the fixed time and attributes every package we write has."""
    info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def normalised_zip(data: bytes) -> bytes:
    """The zip ``data`` re-packed with fixed timestamps and attributes, so equal content gives
    equal bytes (the DOCX, and the workbook inside each native chart)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(fixed_zip_info(info.filename), source.read(info.filename))
    return out.getvalue()


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: in text given to :func:`run_xml`: a line break the writer chose (a title broken between words),
#: written as a w:br with w:clear="none" spelled out, which ``briefmaker import`` reads as no break
#: (Word writes a typed line break as a bare w:br)
AUTO_BREAK = "\u2028"
AUTO_BREAK_XML = '<w:br w:clear="none"/>'


def run_xml(text: str, style_id: str | None = None, spacing: int | None = None) -> str:
    """A ``w:r`` holding ``text`` (a line break as ``w:br``, :data:`AUTO_BREAK` as
    :data:`AUTO_BREAK_XML`, a tab as ``w:tab``), in character
    style ``style_id``, with character ``spacing`` (twentieths of a point; None: the style's),
    as XML text; '' for no text."""
    from xml.sax.saxutils import escape

    if not text:
        return ""
    pieces = re.split(r"([\n\t\u2028])", text)
    content = "".join("<w:br/>" if piece == "\n" else "<w:tab/>" if piece == "\t" else
                      AUTO_BREAK_XML if piece == AUTO_BREAK else
                      f'<w:t xml:space="preserve">{escape(piece)}</w:t>' if piece else "" for piece in pieces)
    props = (f'<w:rStyle w:val="{style_id}"/>' if style_id else "") + (
        f'<w:spacing w:val="{spacing}"/>' if spacing is not None else "")
    style = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{style}{content}</w:r>"


def grid_table(widths: list[int], rows: list[list[str]], aligns: list[list[str | None]], *, table_style: str,
               paragraph_style: str, header_fill: str, margins: tuple[int, int, int],
               breakable: frozenset[int] = frozenset()):
    """A ``w:tbl`` with fixed column ``widths`` (twips; w:tblGrid, every w:tcW and w:tblW agree),
    centred, its first row a grey header repeated on every page (w:tblHeader), no row split across
    pages (w:cantSplit) but those in ``breakable`` (indices in ``rows``, the header being 0);
    ``aligns`` per cell ('left', 'right', 'center' or None: the paragraph style's); ``margins``
    (top, bottom, sides) in twips. Built as one piece of XML, far faster than cell by cell."""
    from docx.oxml import parse_xml

    top, bottom, side = margins
    out = [f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblStyle w:val="{table_style}"/>'
           f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
           f'<w:tblCellMar><w:top w:w="{top}" w:type="dxa"/><w:left w:w="{side}" w:type="dxa"/>'
           f'<w:bottom w:w="{bottom}" w:type="dxa"/><w:right w:w="{side}" w:type="dxa"/></w:tblCellMar>'
           '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
           'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")
    for index, (cells, row_aligns) in enumerate(zip(rows, aligns)):
        out.append("<w:tr><w:trPr>" + ("" if index in breakable else "<w:cantSplit/>")
                   + ('<w:tblHeader/>' if index == 0 else "") + "</w:trPr>")
        for width, text, align in zip(widths, cells, row_aligns):
            shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{header_fill}"/>' if index == 0 else ""
            jc = f'<w:jc w:val="{align}"/>' if align else ""
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
                       f'<w:p><w:pPr><w:pStyle w:val="{paragraph_style}"/>{jc}</w:pPr>{run_xml(text)}</w:p></w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return parse_xml("".join(out))
