"""The outline as a brief: every quantity lifted into ``data`` (its context as a comment), the text
quoting it with the filter that prints it as written, percentages that are ratios of two lifted
figures as ``computed`` entries, the year in ``meta``."""
from __future__ import annotations

import re
from collections import Counter

from ..errors import Location, Problem
from ..text import numbers
from . import keys, quantities
from .keys import KeyBook
from .outline import Item, Outline, Section
from .yamlout import Commented

_RATIO_WORD = re.compile(r"[率占比]")
_YEAR = re.compile(r"(\d{4})年")


def main_year(outline: Outline, texts: list[str]) -> int | None:
    """The year the summary covers: the year in its title, else the year its text names most."""
    found = [int(y) for y in _YEAR.findall(outline.title) if 1900 <= int(y) <= 2100]
    if found:
        return found[0]
    counts = Counter(int(y) for t in texts for y in _YEAR.findall(t) if 1900 <= int(y) <= 2100)
    return counts.most_common(1)[0][0] if counts else None


class Assembler:
    """Turns one outline into the brief's mapping (values maybe ``Commented``)."""

    def __init__(self, outline: Outline, year: int | None):
        self.outline = outline
        self.year = year
        self.book = KeyBook()
        self.data: dict = {}
        self.computed: dict = {}
        self.lifted = 0       # figures quoted from data
        self.figures = 0      # figures seen in the prose (digit runs)
        self.images: list[tuple[str, bytes]] = []
        self.notes: list[Problem] = list(outline.notes)
        self.image_prefix = ""

    def take(self, wanted: str, value) -> str:
        """The key for a figure: ``wanted`` again when it already holds the same value (the same
        figure quoted twice), else a fresh key."""
        held = self.data.get(wanted)
        if held is not None and held.value == value and type(held.value) is type(value):
            return wanted
        return self.book.take(wanted)

    # ---- text ------------------------------------------------------------------------
    def lift(self, text: str, prose: bool = True) -> str:
        """``text`` as a template quoting every quantity in it from data."""
        if not text:
            return text
        found = quantities.find(text, self.year)
        out, pos, local = [], 0, []
        for f in found:
            out.append(_escape(text[pos:f.start]))
            out.append(self._quote(text, f, local))
            pos = f.end
        out.append(_escape(text[pos:]))
        if prose:
            self.figures += len(re.findall(r"\d+(?:\.\d+)?", text))
            self.lifted += sum(len(re.findall(r"\d+(?:\.\d+)?", f.original)) for f in found)
        return "".join(out)

    def _quote(self, text: str, f: quantities.Found, local: list) -> str:
        if f.filter == "year":
            return "{{ meta.year }}"
        context = _context(text, f.start, f.end)
        end = f.end + (1 if text[f.end:f.end + 1] in quantities._APPROX else 0)
        end += len(f.unit) - (1 if f.filter.startswith("wan") else 0) if f.kind == "count" else 0
        if f.kind == "percent":
            ratio = self._ratio(text, f, local)
            if ratio:
                return ratio
        key = self.take(keys.key_for(text, f.start, end, f.unit, f.kind), f.value)
        self.data[key] = Commented(f.value, context)
        if f.kind == "count":
            local.append((f, key))
        return "{{ " + key + (" | " + f.filter if f.filter else "") + " }}"

    def _ratio(self, text: str, f: quantities.Found, local: list) -> str:
        """``{{ rate | percent }}`` when the percentage is part / whole of two figures just lifted."""
        places = 0 if "." not in f.original else len(f.original.rstrip("%％").split(".")[1])
        clause = text[max(0, f.start - 8):f.start]
        # a whole percentage matches many pairs by chance: then the words must say it is a share
        if not places and not _RATIO_WORD.search(clause) and not clause.endswith("的"):
            return ""
        for i in range(len(local) - 1, -1, -1):
            for j in range(len(local) - 1, -1, -1):
                (a, ka), (b, kb) = local[i], local[j]
                if i == j or not isinstance(a.value, (int, float)) or not isinstance(b.value, (int, float)):
                    continue
                if b.value <= 0 or a.value > b.value:
                    continue
                share = a.value / b.value
                for rounding in ("half_up", "down"):
                    if numbers.percent(share, places, rounding) == f.original.replace("％", "%"):
                        wanted = keys.key_for(text, f.start, f.end, "", "percent")
                        name = self.book.take(wanted if wanted != "数值" else keys.usable(ka[:8] + "_占比"))
                        self.computed[name] = Commented(f"{ka} / {kb}", _context(text, f.start, f.end))
                        args = [str(places)] if places else []
                        if rounding == "down":
                            args.append("rounding='down'")
                        flt = "percent" + (f"({', '.join(args)})" if args else "")
                        return "{{ " + name + " | " + flt + " }}"
        return ""

    # ---- blocks ----------------------------------------------------------------------
    def items(self, items: list[Item]) -> list:
        out = []
        for item in items:
            block = self.item(item)
            if block is not None:
                out.append(block)
        return out

    def item(self, item: Item):
        if item.kind == "paragraph":
            text = self.lift(item.text)
            if item.lead:
                label = item.label
                return {"lead": self.lift(label, prose=False) + self.lift(item.lead[len(label):]), "text": text}
            return text
        piece = item.piece
        if item.kind == "table":
            return {"table": self.table(piece.rows, item.caption)}
        if item.kind == "figures":
            return {"figures": [self.figure(*cell) for cell in piece.figure_cells]}
        if item.kind == "image":
            name = f"{self.image_prefix}图{len(self.images) + 1}.{'jpg' if piece.image_ext == 'jpeg' else 'png'}"
            self.images.append((name, piece.image))
            body = {"path": name}
            if item.caption:
                body["caption"] = self.lift(item.caption, prose=False)
            if piece.alt and piece.alt != item.caption:
                body["alt"] = _escape(piece.alt)
            return {"image": body}
        if item.kind == "chart":
            return {"chart": self.chart(piece.chart, item.caption, piece.alt)}
        what = (piece.alt if piece else "") or item.kind
        self.notes.append(Problem(item.where, "import_not_placed", {"what": what}, severity="warning"))
        return None

    def table(self, rows: list[list[str]], caption: str) -> dict:
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        body: dict = {}
        if caption:
            body["caption"] = self.lift(caption, prose=False)
        body["columns"] = [_escape(c) for c in rows[0]]
        out = []
        for row in rows[1:]:
            cells = []
            for c, cell in enumerate(row):
                cells.append(self.cell(cell, row[0], rows[0][c]) if c else _escape(cell))
            out.append(cells)
        body["rows"] = out
        return body

    def cell(self, cell: str, row_name: str, column: str) -> str:
        """A table cell: a figure on its own (246, 3.5万, 12.4%) is quoted from data under row + column."""
        bare = re.fullmatch(r"\d+(?:\.\d+)?[余多]?", cell)
        probe = quantities.find(cell + "个" if bare else cell, self.year)
        if len(probe) == 1 and probe[0].start == 0 and probe[0].end >= len(cell.rstrip("余多")) - len(probe[0].unit):
            f = probe[0]
            if f.kind in ("count", "percent") and f.end <= len(cell):
                key = self.take(keys.usable(_key_text(row_name + "_" + column) or "数值"), f.value)
                self.data[key] = Commented(f.value, f"{row_name} {column}：{cell}")
                return "{{ " + key + (" | " + f.filter if f.filter else "") + " }}" + _escape(cell[f.end:])
        return self.lift(cell, prose=False)

    def figure(self, value: str, unit: str, label: str) -> dict:
        approx = value.endswith("余")
        shown = value[:-1] if approx else value
        found = quantities.find(shown + (unit or "个"), self.year)
        entry: dict = {}
        if found and found[0].start == 0 and found[0].kind in ("count", "percent") and found[0].end == len(shown):
            f = found[0]
            key = self.take(keys.usable(_key_text(label) or "数值"), f.value)
            self.data[key] = Commented(f.value, f"{label}：{value}{unit}")
            entry["value"] = key
            if f.filter.startswith("wan"):
                entry["format"] = "wan"
            elif f.filter.startswith("percent"):
                entry["format"] = "percent"
        else:
            entry["value"] = 0
            self.notes.append(Problem(Location("-", 1, 1, "figures"), "import_not_placed",
                                      {"what": f"{value}{unit} {label}"}, severity="warning"))
        if unit:
            entry["unit"] = _escape(unit)
        entry["label"] = _escape(label)
        if approx:
            entry["approx"] = True
        return entry

    def chart(self, spec: dict, caption: str, alt: str = "") -> dict:
        body: dict = {"kind": spec["kind"]}
        if spec.get("title"):
            body["title"] = _escape(spec["title"])
        series = spec["series"]
        title = spec.get("title") or "图表"

        def ref(name: str, value) -> str:  # a chart's number kept in data, the chart quoting it
            key = self.take(keys.usable(_key_text(name) or "数值"), value)
            self.data[key] = Commented(value, f"{title}：{name}")
            return key

        if spec["kind"] == "progress":
            (done, rest), = series.values()
            body["value"] = ref(spec["categories"][0], done)
            body["total"] = ref(title + "_总数", done + rest)
            body["labels"] = {"done": _escape(spec["categories"][0]), "rest": _escape(spec["categories"][1])}
        elif len(series) == 1 and spec["kind"] in ("bar", "hbar", "pie", "donut", "line"):
            (values,) = series.values()
            body["data"] = {_escape(c): ref(c, v) for c, v in zip(spec["categories"], values)}
        else:
            body["categories"] = [_escape(c) for c in spec["categories"]]
            body["series"] = {_escape(k): [ref(f"{k}_{c}", v) for c, v in zip(spec["categories"], vs)]
                              for k, vs in series.items()}
        if spec.get("unit"):
            body["unit"] = _escape(spec["unit"])
        if alt:
            body["alt"] = _escape(alt)
        if caption:
            body["caption"] = self.lift(caption, prose=False)
        return body

    def sections(self, sections: list[Section]) -> list[dict]:
        out = []
        for section in sections:
            entry: dict = {"title": self.lift(section.title)}
            body = self.items(section.body)
            if body:
                entry["body"] = body
            if section.sections:
                entry["sections"] = self.sections(section.sections)
            out.append(entry)
        return out


def _key_text(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum() or ch == "_")[:keys.MAX_KEY]


def _escape(text: str) -> str:
    """Source text as a template that prints itself: a literal { becomes {{ '{' }}."""
    return text.replace("{", "{{ '{' }}") if "{" in text else text


def _context(text: str, start: int, end: int) -> str:
    """The clause a quantity stands in (its comment in data)."""
    marks = "，。；：！？\n"
    a = max((text.rfind(m, 0, start) for m in marks), default=-1) + 1
    b = min((i for i in (text.find(m, end) for m in marks) if i >= 0), default=len(text))
    clause = text[a:b]
    if len(clause) > 40:
        lo = max(a, start - 20)
        clause = ("…" if lo > a else "") + text[lo:min(b, end + 20)] + ("…" if end + 20 < b else "")
    return clause
