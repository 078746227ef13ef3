"""A .docx as pieces: paragraphs numbered as Word numbers them (its numbering definitions), with
tracked changes accepted, fields as their shown result, text boxes, tables, pictures and charts,
manual line breaks as paragraph ends and full-width-space indents dropped.

Each piece is located by its paragraph number in the document (1 = the first paragraph of the
body, tables and text boxes counted in reading order)."""
from __future__ import annotations

from xml.etree import ElementTree as ET

from ..errors import BriefError, Location
from .charts import read_chart
from .limits import MAX_PARAGRAPHS
from .numbering import Numbering, number
from .package import Package
from .source import Piece

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
V = "urn:schemas-microsoft-com:vml"
_INDENT = " \t\u3000\u00a0"
_SKIP = {W + "del", W + "moveFrom", W + "instrText", W + "delInstrText", W + "rPr", W + "pPr", W + "footnoteReference",
         W + "commentReference", W + "endnoteReference", MC + "Fallback"}
_STYLE_ROLES = {"title": "Title", "标题": "Title", "subtitle": "Subtitle", "副标题": "Subtitle", "caption": "Caption",
                "题注": "Caption", "byline": "Byline", "signature block": "Signature Block"}


def _on(element) -> bool:
    """A w:b / w:jc-like toggle element that is present and not switched off."""
    return element is not None and element.get(W + "val", "true") not in ("0", "false", "off", "none")


class _Styles:
    """Paragraph and character styles: names, heading levels, bold, numbering, by style id."""

    def __init__(self, root):
        self.by_id: dict[str, ET.Element] = {}
        if root is not None:
            for style in root.iter(W + "style"):
                self.by_id[style.get(W + "styleId", "")] = style

    def chain(self, style_id: str):
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find(W + "basedOn")
            style_id = based.get(W + "val", "") if based is not None else ""

    def name(self, style_id: str) -> str:
        style = self.by_id.get(style_id)
        node = style.find(W + "name") if style is not None else None
        return (node.get(W + "val", "") if node is not None else style_id).strip()

    def heading_level(self, style_id: str) -> int | None:
        name = self.name(style_id).lower()
        for prefix in ("heading ", "标题 ", "标题"):
            if name.startswith(prefix) and 1 <= number(name[len(prefix):], 0) <= 9:
                return number(name[len(prefix):])
        for style in self.chain(style_id):
            level = style.find(f"{W}pPr/{W}outlineLvl")
            if level is not None and 0 <= number(level.get(W + "val"), 9) < 9:
                return number(level.get(W + "val")) + 1
        return None

    def role(self, style_id: str) -> str:
        for style in self.chain(style_id):
            name = self.name(style.get(W + "styleId", "")).lower()
            if name in _STYLE_ROLES:
                return _STYLE_ROLES[name]
        return ""

    def bold(self, style_id: str) -> bool:
        for style in self.chain(style_id):
            b = style.find(f"{W}rPr/{W}b")
            if b is not None:
                return _on(b)
        return False

    def num(self, style_id: str) -> tuple[str, int] | None:
        for style in self.chain(style_id):
            pr = style.find(f"{W}pPr/{W}numPr")
            if pr is not None:
                num = pr.find(W + "numId")
                lvl = pr.find(W + "ilvl")
                return (num.get(W + "val", "") if num is not None else "",
                        number(lvl.get(W + "val")) if lvl is not None else 0)
        return None


class _Reader:
    def __init__(self, package: Package, main: str):
        self.package = package
        self.main = main
        self.rels = package.relations(main)
        by_type = {kind: name for kind, name in self.rels.values()}
        self.styles = _Styles(package.xml(by_type["styles"]) if by_type.get("styles") and package.has(by_type["styles"]) else None)
        numbering = by_type.get("numbering")
        self.numbering = Numbering(package.xml(numbering) if numbering and package.has(numbering) else None)
        self.pieces: list[Piece] = []
        self.count = 0
        self.anchors: dict[str, int] = {}  # a moved figure's place in the brief, by its mark
        self.spans: dict[str, tuple[str, int]] = {}  # open figure spans: bookmark id → (mark, first piece)

    def where(self) -> Location:
        self.count += 1
        if self.count > MAX_PARAGRAPHS:
            raise self.package.fail(self.main, "import_too_large", size=self.count, limit=MAX_PARAGRAPHS)
        return Location(self.package.shown, self.count, 1, f"paragraph {self.count}")

    # ---- the body --------------------------------------------------------------------
    def blocks(self, parent) -> None:
        for child in parent:
            tag = child.tag
            if tag in (W + "bookmarkStart", W + "bookmarkEnd"):
                self.bookmark(child)
            elif tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                self.table(child)
            elif tag in (W + "sdt", W + "customXml", W + "sdtContent", W + "ins", W + "moveTo"):
                self.blocks(child.find(W + "sdtContent") if tag == W + "sdt" else child)

    def bookmark(self, mark) -> None:
        """Undo briefmaker's move of a figure past the text that filled its page
        (render/docx/writer.py ``_blocks``): ``_FloatFrom<n>`` is where figure n stood in the
        brief, ``_Float<n>`` spans the figure; at the span's end its pieces go back there."""
        name = mark.get(W + "name", "")
        if mark.tag == W + "bookmarkStart" and name.startswith("_FloatFrom"):
            self.anchors[name[len("_FloatFrom"):]] = len(self.pieces)
        elif mark.tag == W + "bookmarkStart" and name.startswith("_Float"):
            self.spans[mark.get(W + "id", "")] = (name[len("_Float"):], len(self.pieces))
        elif mark.tag == W + "bookmarkEnd" and mark.get(W + "id", "") in self.spans:
            figure, start = self.spans.pop(mark.get(W + "id", ""))
            at = self.anchors.pop(figure, None)
            if at is None or at > start:
                return
            moved = self.pieces[start:]
            del self.pieces[start:]
            self.pieces[at:at] = moved
            for key, value in self.anchors.items():
                if value >= at:
                    self.anchors[key] = value + len(moved)

    def paragraph(self, p) -> None:
        ppr = p.find(W + "pPr")
        style_id = ""
        if ppr is not None and ppr.find(W + "pStyle") is not None:
            style_id = ppr.find(W + "pStyle").get(W + "val", "")
        heading = self.styles.heading_level(style_id)
        outline = ppr.find(W + "outlineLvl") if ppr is not None else None
        if outline is not None and 0 <= number(outline.get(W + "val"), 9) < 9:
            heading = number(outline.get(W + "val")) + 1
        role = self.styles.role(style_id)
        if role == "Title":
            heading = 0
        elif role:
            heading = None if heading == 0 else heading
        jc = ppr.find(W + "jc") if ppr is not None else None
        align = jc.get(W + "val", "") if jc is not None else ""
        num = ppr.find(W + "numPr") if ppr is not None else None
        numbered = None
        if num is not None:
            num_id = num.find(W + "numId")
            ilvl = num.find(W + "ilvl")
            numbered = (num_id.get(W + "val", "") if num_id is not None else "",
                        number(ilvl.get(W + "val")) if ilvl is not None else 0)
        else:
            numbered = self.styles.num(style_id)
        style_bold = self.styles.bold(style_id)
        lines: list[list[tuple[str, bool]]] = [[]]
        extras: list = []
        self.runs(p, lines, extras, style_bold, [False])
        label = self.numbering.label(*numbered) if numbered else ""
        first = True
        for runs in lines:
            text = "".join(t for t, _ in runs)
            stripped = text.lstrip(_INDENT)
            cut = len(text) - len(stripped)
            text = stripped.rstrip(_INDENT)
            if not text and not (first and label):
                continue
            bold = 0
            seen = 0
            for t, b in runs:
                if seen + len(t) <= cut:
                    seen += len(t)
                    continue
                part = t[max(0, cut - seen):]
                seen += len(t)
                if not b:
                    break
                bold += len(part)
            piece = Piece(self.where(), text, heading=heading if first else None, label=label if first else "",
                          bold_lead=min(bold, len(text)), style=role, center=align == "center",
                          right=align in ("right", "end"))
            self.pieces.append(piece)
            first = False
        for extra in extras:
            if callable(extra):
                extra()
            else:
                self.pieces.append(extra)

    def runs(self, element, lines, extras, style_bold: bool, in_field: list) -> None:
        """Collect the text of ``element``'s runs into ``lines`` (one list per manual line)."""
        for child in element:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == W + "r":
                self.run(child, lines, extras, style_bold, in_field)
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    self.runs(choice, lines, extras, style_bold, in_field)
            elif tag in (W + "txbxContent",):
                extras.append(lambda box=child: self.blocks(box))
            else:
                self.runs(child, lines, extras, style_bold, in_field)

    def run(self, r, lines, extras, style_bold: bool, in_field: list) -> None:
        rpr = r.find(W + "rPr")
        bold = style_bold
        if rpr is not None:
            rstyle = rpr.find(W + "rStyle")
            if rstyle is not None and self.styles.bold(rstyle.get(W + "val", "")):
                bold = True
            b = rpr.find(W + "b")
            if b is None:
                b = rpr.find(W + "bCs") if False else None
            if b is not None:
                bold = _on(b)
        for child in r:
            tag = child.tag
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    in_field.append(True)  # instructions until 'separate'
                elif kind == "separate" and len(in_field) > 1:
                    in_field[-1] = False
                elif kind == "end" and len(in_field) > 1:
                    in_field.pop()
                continue
            if any(in_field[1:]) and in_field[-1]:
                continue  # a field's instruction text, not its result
            if tag == W + "t":
                lines[-1].append((child.text or "", bold))
            elif tag == W + "br" and child.get(W + "clear") == "none" and child.get(W + "type") is None:
                continue  # a line break briefmaker chose for a title (render/docx/ooxml.AUTO_BREAK_XML)
            elif tag in (W + "br", W + "cr"):
                lines.append([])
            elif tag == W + "tab":
                lines[-1].append(("\t", bold))
            elif tag == W + "noBreakHyphen":
                lines[-1].append(("-", bold))
            elif tag == W + "sym":
                char = child.get(W + "char", "")
                try:
                    code = int(char, 16)
                except ValueError:
                    continue
                if not 0xF000 <= code <= 0xF0FF:
                    lines[-1].append((chr(code), bold))
            elif tag in (W + "drawing", W + "pict", MC + "AlternateContent", W + "object"):
                self.drawing(child, lines, extras, style_bold, in_field)

    def drawing(self, element, lines, extras, style_bold, in_field) -> None:
        """Pictures and charts in a run become pieces after the paragraph; text boxes, their paragraphs."""
        if element.tag == MC + "AlternateContent":
            choice = element.find(MC + "Choice")
            element = choice if choice is not None else element
        for box in element.iter(W + "txbxContent"):
            extras.append(lambda box=box: self.blocks(box))
            return
        doc_pr = next(element.iter(WP + "docPr"), None)
        alt = ""
        if doc_pr is not None:
            alt = (doc_pr.get("descr") or doc_pr.get("title") or "").strip()
        chart = next(element.iter(C + "chart"), None)
        if chart is not None:
            target = self.rels.get(chart.get(R + "id", ""))
            if target:
                spec = read_chart(self.package, target[1])
                if spec:
                    extras.append(lambda spec=spec, alt=alt: self.pieces.append(
                        Piece(self.where(), kind="chart", chart=spec, alt=alt)))
                    return
            extras.append(lambda: self.pieces.append(Piece(self.where(), kind="dropped", alt="chart")))
            return
        blip = next(element.iter(A + "blip"), None)
        rid = blip.get(R + "embed", "") if blip is not None else ""
        if not rid:
            image = next(element.iter("{%s}imagedata" % V), None)
            rid = image.get(R + "id", "") if image is not None else ""
        target = self.rels.get(rid)
        if not target:
            return
        try:
            data = self.package.read(target[1])
        except BriefError as exc:
            if exc.problems[0].code != "import_missing_part":
                raise
            data = b""
        ext = "png" if data.startswith(b"\x89PNG\r\n\x1a\n") else "jpeg" if data.startswith(b"\xff\xd8") else ""
        kind = "image" if ext else "dropped"
        extras.append(lambda: self.pieces.append(Piece(self.where(), kind=kind, image=data, image_ext=ext,
                                                       alt=alt or ("picture " + target[1].rsplit("/", 1)[-1]))))

    def table(self, tbl) -> None:
        rows: list[list[str]] = []
        cells_runs = []
        for tr in tbl.iter(W + "tr"):
            row = []
            for tc in tr.findall(W + "tc"):
                lines: list[list[tuple[str, bool]]] = [[]]
                styled = []
                for p in tc.iter(W + "p"):
                    lines.append([])
                    self.runs(p, lines, [], False, [False])
                    styled += [r.find(f"{W}rPr/{W}rStyle") for r in p.iter(W + "r")]
                text = "".join(t for line in lines for t, _ in line).strip(_INDENT)
                tcpr = tc.find(W + "tcPr")
                span = tcpr.find(W + "gridSpan") if tcpr is not None else None
                row.append(text)
                if span is not None:  # a merged cell keeps the columns of the cells it spans (Word allows 63)
                    row += [""] * (min(max(number(span.get(W + "val"), 1), 1), 63) - 1)
                cells_runs.append(styled)
            rows.append(row)
        rows = [r for r in rows if any(r)]
        if not rows:
            return
        first_styles = [self.styles.name(s.get(W + "val", "")) for s in (cells_runs[0] if cells_runs else []) if s is not None]
        if len(rows) == 2 and "Key Figure" in first_styles:
            cells = []
            for (top, label) in zip(rows[0], rows[1]):
                cells.append(self._figure(top, label))
            self.pieces.append(Piece(self.where(), kind="figures", figure_cells=cells))
            return
        self.pieces.append(Piece(self.where(), kind="table", rows=rows))

    @staticmethod
    def _figure(top: str, label: str) -> tuple[str, str, str]:
        import re

        match = re.match(r"^(\d+(?:\.\d+)?[万亿%]?余?)(.*)$", top)
        if not match:
            return top, "", label
        return match.group(1), match.group(2), label


def read_docx(data: bytes, shown: str) -> list[Piece]:
    """The pieces of a .docx file's bytes; BriefError (located) when it is not a usable .docx."""
    package = Package(data, shown)
    main = package.main_part()
    reader = _Reader(package, main)
    root = package.xml(main)
    body = root.find(W + "body")
    if body is None:
        raise package.fail(main, "import_missing_part", part=f"{main} (w:body)")
    try:
        reader.blocks(body)
    except RecursionError:
        raise package.fail(main, "import_bad_xml", detail="elements nested too deeply") from None
    return reader.pieces
