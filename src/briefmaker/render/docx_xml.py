"""Raw OOXML helpers for what python-docx has no API for: East Asian fonts, character-based
indents, document grid, fields, borders, alt text, language. Only the DOCX writer uses them."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def child(parent, tag: str):
    """The first child ``tag`` of ``parent``, created (appended) if absent."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


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


def set_indent_chars(ppr, first_line_chars: int = 0, right_chars: int = 0, left_chars: int = 0) -> None:
    """Indents counted in hundredths of a character (200 = two characters), as Word writes them."""
    ind = child(ppr, "w:ind")
    for attr in list(ind.attrib):
        del ind.attrib[attr]
    if first_line_chars:
        ind.set(qn("w:firstLineChars"), str(first_line_chars))
        ind.set(qn("w:firstLine"), "0")
    if left_chars:
        ind.set(qn("w:leftChars"), str(left_chars))
        ind.set(qn("w:left"), "0")
    if right_chars:
        ind.set(qn("w:rightChars"), str(right_chars))
        ind.set(qn("w:right"), "0")


def set_doc_grid(sect_pr, line_pitch_twips: int, char_space: int) -> None:
    """``w:docGrid type=linesAndChars``: lines per page and characters per line of the type area."""
    grid = child(sect_pr, "w:docGrid")
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(line_pitch_twips))
    grid.set(qn("w:charSpace"), str(char_space))


def add_field(paragraph, instruction: str, cached: str) -> None:
    """A complex field (PAGE, TOC …) with ``cached`` as its current result."""
    def run_with(element):
        run = paragraph.add_run()
        run._r.append(element)
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
    doc_pr = inline_shape._inline.docPr
    doc_pr.set("title", title)
    doc_pr.set("descr", description)


def repeat_header(row) -> None:
    """Mark a table row as the header row repeated on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def keep_row_together(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    cant = OxmlElement("w:cantSplit")
    tr_pr.append(cant)
