"""What python-docx's template brings and briefmaker does not use, taken out of the package.

The template holds some 160 styles (Heading 5–9, LightGrid-Accent1 …, many with theme East Asian
fonts, which win over a named font in Word when a user applies them), a Word 2010 copy of them
(stylesWithEffects.xml) and latent-style entries that put Word's built-in styles into the styles
pane. After these functions the pane lists the styles the writer defines, and nothing else.
"""
from __future__ import annotations

from docx.oxml.ns import qn

from .compat import drop_relationship

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme",
                "w:themeColor", "w:themeShade", "w:themeTint", "w:themeFill", "w:themeFillShade", "w:themeFillTint")


def keep_only_styles(styles_element, names: set[str]) -> None:
    """Remove every style not named in ``names`` from ``styles_element`` (w:styles), references to
    removed styles (basedOn, next, link), every theme font and colour, and the latent-style
    exceptions (built-in styles stay hidden until a user applies one)."""
    kept, wanted = set(), {n.lower() for n in names}  # styles.xml writes "heading 1" for "Heading 1"
    for style in list(styles_element.iterchildren(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")).lower() in wanted:
            kept.add(style.get(qn("w:styleId")))
        else:
            styles_element.remove(style)
    for style in styles_element.iterchildren(qn("w:style")):
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = style.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) not in kept:
                style.remove(ref)
    for element in styles_element.iter():
        for attr in _THEME_ATTRS:
            if element.get(qn(attr)) is not None:
                del element.attrib[qn(attr)]
    latent = styles_element.find(qn("w:latentStyles"))
    if latent is not None:
        for exception in list(latent):
            latent.remove(exception)
        latent.set(qn("w:defSemiHidden"), "1")
        latent.set(qn("w:defUnhideWhenUsed"), "1")
        latent.set(qn("w:defQFormat"), "0")
        latent.set(qn("w:count"), "376")


_UNUSED = ("/stylesWithEffects", "/customXml", "/numbering", "/thumbnail")


def drop_unused_parts(document_part) -> None:
    """Drop the template's parts no reader needs: stylesWithEffects.xml (Word 2010's copy of the
    template styles), the numbering of its list styles, customXml and the thumbnail."""
    for rels in (document_part.rels, document_part.package.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.endswith(_UNUSED):
                drop_relationship(rels, rel_id)


def no_empty_paragraphs(body, line_twips: int) -> None:
    """Replace each empty paragraph of ``body`` (an empty line of the grid, used as a gap) by
    spacing of one line before the paragraph that follows it (after the one before it, when a
    table or the end follows), so the document has no empty paragraphs and the same layout."""
    from . import ooxml as x

    pending = 0
    previous = None
    for element in list(body):
        if element.tag in (qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
            continue  # marks between blocks take no room
        if element.tag == qn("w:p") and _is_empty(element):
            pending += line_twips
            body.remove(element)
            continue
        if pending and element.tag == qn("w:p"):
            _add_spacing(x, element, "w:before", pending)
        elif pending and previous is not None:
            _add_spacing(x, previous, "w:after", pending)
        pending = 0
        previous = element if element.tag == qn("w:p") else None
    if pending and previous is not None:
        _add_spacing(x, previous, "w:after", pending)


def _is_empty(paragraph) -> bool:
    if paragraph.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
        return False
    if paragraph.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None:
        return False  # it starts a page
    for run in paragraph.iter(qn("w:r")):
        for child in run:
            if child.tag != qn("w:rPr"):
                return False
    return paragraph.find(qn("w:hyperlink")) is None


def _add_spacing(x, paragraph, side: str, twips: int) -> None:
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is None:
        ppr = paragraph.makeelement(qn("w:pPr"), {})
        paragraph.insert(0, ppr)
    spacing = x.child(ppr, "w:spacing")
    spacing.set(qn(side), str(int(spacing.get(qn(side), "0")) + twips))
