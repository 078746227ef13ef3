"""Brief + Style → Document: expand every text, resolve every number, number the headings.

Pure: no file is written, no output format is known here. All problems found are raised together
in one BriefError.
"""
from __future__ import annotations

import copy
import dataclasses
import math
from pathlib import Path

from .. import document as d
from ..brief import model as m
from ..brief.load import LoadedBrief
from ..errors import BriefError, Problem
from ..style import Style
from ..style.sheet import FigureKind, Sheet, make_sheet
from ..text import bounds, dates, numbers
from ..text.expand import UNFILLED, Expander, ExpansionError, check_characters, lookup, problem
from ..text.numerals import chinese_numeral
from ..infra.files import file_kind, resolve_named
from .images import read_image
from .terms import term
from ..brief.validate import describe


def compose(loaded: LoadedBrief, style: Style, *, draft: bool = False) -> d.Document:
    """The Document for ``loaded`` in ``style``; raises BriefError listing every problem found.
    ``draft``: stamp every page (a build with values still to fill)."""
    document = _Composer(loaded, style).run()
    return dataclasses.replace(document, draft=term("draft")) if draft else document


def expander_for(loaded: LoadedBrief, style: Style) -> Expander:
    """The Expander a brief's text is expanded with: its data, ``meta`` and ``computed`` values
    (for texts outside the document, such as an email's subject). Problems in ``computed`` are
    left to :func:`compose` to report."""
    composer = _Composer(loaded, style)
    composer.computed()
    return composer.expander


class _Composer:
    def __init__(self, loaded: LoadedBrief, style: Style, *, previous: bool = True):
        self.loaded = loaded
        self.brief = loaded.brief
        self.style = style
        self.sheet: Sheet | None = None
        self.problems: list[Problem] = []
        namespace = copy.deepcopy(self.brief.data)
        if self.brief.version == 1.1:
            namespace = bounds.convert(namespace)
        namespace.setdefault("meta", self.brief.meta.model_dump())
        if previous and self.brief.previous is not None:
            namespace.setdefault("previous", self.previous(self.brief.previous))
        self.v11 = self.brief.version == 1.1
        unfilled = frozenset(".".join(map(str, p[1:] if p[0] == "data" else p)) for p, _ in loaded.unfilled)
        self.expander = Expander(namespace, self.brief.version, unfilled)
        self.failed_computed: set[str] = set()  # their uses are not reported again as unknown names

    def previous(self, name: str) -> dict:
        """(1.1) Last year's brief ``name``: its data with its computed values and its ``meta``
        (its own ``previous`` is not read); or its data file (brief/lastyear.py): its figures and
        a ``meta`` of its year (default: this brief's year − 1). Its problems are reported,
        located in its file."""
        from ..brief import lastyear
        from ..brief.load import load_brief
        from ..brief.source import load_yaml

        where = self.where(("previous",))
        try:
            path = resolve_named(name, self.loaded.folder, where)
            if lastyear.is_table(path):
                figures, meta = lastyear.table_file(path)
            else:
                raw, source = load_yaml(path)
                if not lastyear.is_data_file(raw):
                    return self.previous_brief(load_brief(path))
                figures, meta = lastyear.data_file(raw, source)
        except BriefError as exc:
            for problem in exc.problems:
                if problem.code == "file_not_found":
                    self.add(("previous",), "previous_not_found", name=name)
                elif not problem.location.line:  # about the file as a whole: say where it is named
                    self.problems.append(dataclasses.replace(problem, location=where))
                else:
                    self.problems.append(problem)
            return {}
        if self.brief.meta.year is not None:
            meta.setdefault("year", self.brief.meta.year - 1)
        figures.setdefault("meta", meta)
        return figures

    def previous_brief(self, loaded: LoadedBrief) -> dict:
        """Last year's brief's data with its computed values and its ``meta``."""
        last = _Composer(loaded, self.style, previous=False)
        last.computed()
        self.problems += last.problems
        return last.expander.namespace

    # ---- helpers -------------------------------------------------------------------------
    def caption_place(self, kind: FigureKind) -> d.CaptionPlace:
        """Where the style's sheet puts a ``kind`` figure's caption (tables above, others below)."""
        if self.sheet is None:
            self.sheet = make_sheet(self.style)
        return self.sheet.caption_place[kind]

    def where(self, path: tuple):
        return self.loaded.locate(path)

    def add(self, path: tuple, code: str, **params) -> None:
        self.problems.append(Problem(self.where(path), code, params))

    def expansion_problem(self, path: tuple, exc: ExpansionError, block: bool = False, indent=None) -> None:
        """Record the problem of the template at ``path``; when it lies in a value the template
        uses (text where arithmetic needs a number), a second one where that value was written —
        in the brief, the template it extends or the data table's cell."""
        if exc.code == "no_data" and any(exc.params["name"] == n or exc.params["name"].startswith(n + ".")
                                         for n in self.failed_computed):
            return  # a computed value that failed, reported where it is computed
        first = problem(self.where(path), exc, block, indent)
        self.problems.append(first)
        if exc.value_name is None:
            return
        parts = tuple(exc.value_name.split("."))
        if exc.value_name in self.brief.computed:
            at: tuple | None = ("computed", exc.value_name)
        elif parts[0] == "previous":
            at = None  # last year's brief reports its own values
        else:
            at = parts if parts[0] == "meta" else ("data", *parts)
        if at is not None:
            self.add(at, "value_is_text", name=exc.value_name, operator=exc.params["operator"],
                     text=exc.params["text"], used_at=first.location.path or str(first.location))

    def text(self, value: str | int | float | None, path: tuple, *, lines: bool = False, marks: bool = False) -> str:
        """Expand one text field; on error record a located problem and return ''. Line breaks
        in the result become spaces, unless ``lines`` (a 1.1 title: each line as written)."""
        if value is None:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return numbers.number(value)
        value = str(value)
        try:
            out = self.expander.expand(value)
        except ExpansionError as exc:
            source = self.loaded.source
            if path in source.folded_scalars:
                try:  # find the line again in the text as written
                    self.expander.expand(source.raw_block(path))
                except ExpansionError as again:
                    if again.code == exc.code:
                        exc = again
            self.expansion_problem(path, exc, path in source.block_scalars, source.indent)
            return ""
        bad = check_characters(out)
        if bad is not None:
            self.add(path, "xml_char", codepoint=bad)
            return ""
        if not marks:
            out = out.replace(UNFILLED[0], "").replace(UNFILLED[1], "")
        if lines:
            return "\n".join(line.strip() for line in out.strip().split("\n") if line.strip())
        return out.strip() if "\n" not in out else " ".join(out.split("\n")).strip()

    def number(self, value, path: tuple) -> float | None:
        """A number given inline or as a dotted reference into data."""
        if isinstance(value, bool):
            self.add(path, "not_a_number", name=str(value), got=describe(value))
            return None
        if isinstance(value, (int, float)):
            if not math.isfinite(value):
                self.add(path, "not_a_number", name=str(value), got=describe(value))
                return None
            return float(value)
        try:
            found = lookup(self.expander.namespace, value)
        except KeyError:
            self.add(path, "no_data", name=value, hint=self.expander._hint(value))
            return None
        if isinstance(found, bool) or not isinstance(found, (int, float)) or not math.isfinite(found):
            self.add(path, "not_a_number", name=value, got=describe(found))
            return None
        return found if isinstance(found, bounds.Bound) else float(found)  # a bound keeps its word

    # ---- the walk ------------------------------------------------------------------------
    def run(self) -> d.Document:
        self.computed()
        brief = self.brief
        meta = brief.meta
        title = d.Title(self.text(meta.title, ("meta", "title"), lines=self.v11),
                        self.text(meta.subtitle, ("meta", "subtitle"), lines=self.v11) or None,
                        source=self.where(("meta", "title")))
        blocks: list[d.AnyBlock] = [*self.front_matter(title), title]
        blocks += self.body(brief.opening, ("opening",))
        counters: list[int] = []
        for i, section in enumerate(brief.sections):
            blocks += self.section(section, ("sections", i), 1, counters)
        blocks += self.body(brief.closing, ("closing",))
        blocks = self.contents(blocks)
        if brief.byline:
            blocks.append(d.Byline(self.text(brief.byline, ("byline",)), source=self.where(("byline",))))
        if brief.signature:
            sig = brief.signature
            blocks.append(d.Signature(self.text(sig.unit, ("signature", "unit")), dates.date_cn(sig.date),
                                      source=self.where(("signature",))))
        if brief.distribution:
            blocks.append(self.distribution(brief.distribution))
        header = self.style_text(self.style.running_header)
        if self.problems:
            self.problems.sort(key=lambda p: (p.location.line, p.location.col))
            raise BriefError(self.problems)
        title_block = next(b for b in blocks if isinstance(b, d.Title))
        doc_meta = d.Meta(
            title=title_block.text, subtitle=title_block.subtitle, unit=meta.unit, author=meta.author,
            date=meta.date, subject=meta.subject, keywords=tuple(meta.keywords), issue=meta.issue,
        )
        return d.Document(doc_meta, tuple(blocks), running_header=header)

    def style_text(self, template: str) -> str:
        """A template the style supplies (masthead name, running header), expanded over the data."""
        if not template:
            return ""
        try:
            text = self.expander.expand(template)
        except ExpansionError as exc:
            detail = exc.params.get("name") or exc.params.get("detail") or exc.code
            self.add(("meta",), "style_template", template=template, style=self.style.name, detail=detail)
            return ""
        if not text.strip():
            self.add(("meta",), "style_template", template=template, style=self.style.name, detail="empty")
        return text

    def contents(self, blocks: list[d.AnyBlock]) -> list[d.AnyBlock]:
        """Key every heading; where the style asks for one, put a table of contents after the cover."""
        keyed: list[d.AnyBlock] = []
        entries: list[d.ContentsEntry] = []
        for block in blocks:
            if isinstance(block, d.Heading):
                block = dataclasses.replace(block, key=f"h{len(entries) + 1}")
                entries.append(d.ContentsEntry(block.level, block.outline, block.key))
            keyed.append(block)
        depth = self.style.contents
        if not depth or not entries:
            return keyed
        listed = tuple(e for e in entries if e.level <= depth)
        at = next((i + 1 for i, b in enumerate(keyed) if isinstance(b, d.PageBreak)), 0) if self.style.cover else 0
        where = self.where(("sections",))
        return keyed[:at] + [d.Contents(term("contents"), listed, source=where), d.PageBreak(source=where)] + keyed[at:]

    def front_matter(self, title: d.Title) -> list[d.AnyBlock]:
        """The style's blocks before the title: a briefing's masthead, a report's cover."""
        meta = self.brief.meta
        where = self.where(("meta",))
        date = dates.date_cn(meta.date) if meta.date else ""
        out: list[d.AnyBlock] = []
        if self.style.masthead:
            masthead = self.style.masthead
            issue = self.style_text(masthead.issue) if meta.issue is not None and masthead.issue else ""
            out.append(d.Masthead(self.style_text(masthead.name), issue, meta.unit or "", date, source=where))
        if self.style.cover:
            out += [d.Cover(title.text, title.subtitle or "", meta.unit or "", date, source=where),
                    d.PageBreak(source=where)]
        return out

    def computed(self) -> None:
        for name, expression in self.brief.computed.items():
            path = ("computed", name)
            try:
                value = self.expander.evaluate(expression)
            except ExpansionError as exc:
                self.expansion_problem(path, exc)
                self.failed_computed.add(name)
                continue
            target = self.expander.namespace
            parts = name.split(".")
            for part in parts[:-1]:
                target = target.setdefault(part, {})
                if not isinstance(target, dict):
                    self.add(path, "computed_error", name=name, detail=f"'{part}' is not a mapping")
                    break
            else:
                target[parts[-1]] = value

    def section(self, section: m.Section, path: tuple, level: int, counters: list[int]) -> list[d.AnyBlock]:
        del counters[level:]
        counters += [0] * (level - len(counters))
        counters[level - 1] += 1
        pattern = self.style.numbering[level - 1] if level <= len(self.style.numbering) else ""
        n = counters[level - 1]
        label = pattern.format(n=n, cn=chinese_numeral(n)) if pattern else ""
        title = self.text(section.title, path + ("title",), lines=self.v11)
        body = list(enumerate(section.body))
        runs: tuple[d.Run, ...] = ()
        if section.run_in and body and isinstance(body[0][1], (str, m.Paragraph)):
            first = self.body([body[0][1]], path + ("body",), level + 1, counters)
            runs = first[0].runs if first and isinstance(first[0], d.Paragraph) else ()
            body = body[1:]
        blocks: list[d.AnyBlock] = [
            d.Heading(level, label, title, run_in=section.run_in, runs=runs, source=self.where(path))]
        for i, item in body:
            blocks += self.body([item], path + ("body",), level + 1, counters, start=i)
        for i, sub in enumerate(section.sections):
            blocks += self.section(sub, path + ("sections", i), level + 1, counters)
        return blocks

    def body(self, items: list, path: tuple, level: int = 0, counters: list[int] | None = None,
             start: int = 0) -> list[d.AnyBlock]:
        """The blocks of ``items`` (written at ``path``, from index ``start``); a subsection among
        them (1.1) is numbered at ``level`` — outside a section (opening, closing) it is an error."""
        out: list[d.AnyBlock] = []
        for i, item in enumerate(items, start):
            here = path + (i,)
            src = self.where(here)
            if isinstance(item, str):
                out.append(d.Paragraph(_runs(self.text(item, here, marks=True)), source=src))
            elif isinstance(item, m.Paragraph):
                runs: list[d.Run] = []
                if item.lead:
                    runs += _runs(self.text(item.lead, here + ("lead",), marks=True), "lead")
                runs += _runs(self.sentences(item.text, here + ("text",)))
                out.append(d.Paragraph(tuple(r for r in runs if r.text), source=src))
            elif isinstance(item, m.Section):
                if counters is None:
                    self.add(here, "section_outside")
                else:
                    out += self.section(item, here, level, counters)
            elif isinstance(item, m.Chart):
                chart = self.chart(item.chart, here + ("chart",))
                if chart:
                    out.append(chart)
            elif isinstance(item, m.Table):
                out.append(self.table(item.table, here + ("table",)))
            elif isinstance(item, m.Figures):
                out.append(self.figures(item.figures, here + ("figures",)))
            elif isinstance(item, m.Indicators):
                out += self.indicators(item.indicators, here + ("indicators",))
            elif isinstance(item, m.Image):
                out.append(self.image(item.image, here + ("image",)))
            elif isinstance(item, m.PageBreak):
                out.append(d.PageBreak(source=src))
            else:  # pragma: no cover - the model admits nothing else
                raise AssertionError(f"unknown block {item!r}")
        return out

    def sentences(self, text: str | list, path: tuple) -> str:
        """A paragraph's text: one template, or (1.1) its sentences expanded and joined (with the
        marks of values still to fill kept, for :func:`_runs`)."""
        if isinstance(text, str):
            return self.text(text, path, marks=True)
        return "".join(self.text(s if isinstance(s, str) else s.text, path + ((i,) if isinstance(s, str) else (i, "text")),
                                 marks=True)
                       for i, s in enumerate(text))

    def chart(self, spec: m.ChartBody, path: tuple) -> d.Figure | None:
        from .charts import resolve_chart  # kept apart: chart rules grow in their own module

        result = resolve_chart(spec, path, self)
        return result

    def table(self, table: m.TableBody, path: tuple) -> d.Figure:
        columns = tuple(self.text(c, path + ("columns", i)) for i, c in enumerate(table.columns))
        # each column holds at least one character of the table's type besides its padding
        fit = int(self.style.type_width // (self.style.role("table").size + 12))
        if not columns:
            self.add(path + ("columns",), "table_no_columns")
        elif len(columns) > fit:
            self.add(path + ("columns",), "table_too_wide", count=len(columns), limit=fit)
        rows = []
        for r, row in enumerate(table.rows):
            if len(row) != len(columns):
                self.add(path + ("rows", r), "table_width", got=len(row), want=len(columns))
            rows.append(tuple(self.text(cell, path + ("rows", r, c)) for c, cell in enumerate(row)))
        caption = self.text(table.caption, path + ("caption",))
        return d.Figure(d.TableData(columns, tuple(rows)), caption, self.caption_place("table"),
                        source=self.where(path))

    def figures(self, figures: list[m.Figure], path: tuple) -> d.KeyFigures:
        items = []
        for i, fig in enumerate(figures):
            here = path + (i,)
            value = self.number(fig.value, here + ("value",))
            shown = ""
            if value is not None:
                formatter = {"plain": numbers.number, "wan": numbers.wan, "percent": numbers.percent}[fig.format]
                digits = 0 if fig.format == "percent" and "digits" not in fig.model_fields_set else fig.digits
                shown = formatter(value, digits, fig.rounding)
                if fig.approx:
                    shown += "余"
            items.append(d.KeyFigure(shown, self.text(fig.unit, here + ("unit",)),
                                     self.text(fig.label, here + ("label",))))
        return d.KeyFigures(tuple(items), source=self.where(path))

    def indicators(self, block: m.IndicatorsBody, path: tuple) -> list[d.AnyBlock]:
        """(1.1) A table 指标 / 单位 / 目标 / 完成 / 完成率 (完成 ÷ 目标, over 100 % as it is), and
        with ``chart`` a bar chart of the rates."""
        rows, names, rates = [], [], []
        for i, row in enumerate(block.rows):
            here = path + ("rows", i)
            name = self.text(row.name, here + ("name",))
            target = self.number(row.target, here + ("target",))
            done = self.number(row.done, here + ("done",))
            write = numbers.wan if row.format == "wan" else numbers.number
            rate = ""
            if target is not None and done is not None:
                if target <= 0:
                    self.add(here + ("target",), "indicator_target", value=numbers.number(target))
                else:
                    rates.append(float(done) / float(target))
                    names.append(name)
                    rate = numbers.percent(rates[-1], block.digits)
            rows.append((name, self.text(row.unit, here + ("unit",)) or term("indicator_no_unit"),
                         write(target) if target is not None else "", write(done) if done is not None else "", rate))
        where = self.where(path)
        columns = tuple(term(f"indicator_{key}") for key in ("name", "unit", "target", "done", "rate"))
        table = d.Figure(d.TableData(columns, tuple(rows)),
                         self.text(block.caption, path + ("caption",)), self.caption_place("table"), source=where)
        if not block.chart or len(rates) != len(block.rows):
            return [table]
        caption = self.text(block.chart_caption, path + ("chart_caption",))
        rate = term("indicator_rate")
        spec = d.ChartSpec("hbar", rate, tuple(names), ((rate, tuple(rates)),),
                           number_format="percent", digits=block.digits)
        alt = term("indicator_alt", rate=rate, items=term("name_separator").join(
            f"{n}{numbers.percent(r, block.digits)}" for n, r in zip(names, rates)))
        return [table, d.Figure(spec, caption, self.caption_place("chart"), alt, spec.width, source=where)]

    def image(self, image: m.ImageBody, path: tuple) -> d.Figure:
        where = path + ("path",)
        data = b""
        try:
            resolved = resolve_named(image.path, self.loaded.folder, self.where(where))
            kind = file_kind(resolved)
        except BriefError as exc:
            self.problems += exc.problems
            resolved, kind = Path(self.loaded.folder) / image.path.replace("\x00", ""), None
        except FileNotFoundError:
            self.add(where, "image_missing", value=image.path)
            kind = None
        else:
            if kind:
                self.add(where, "not_regular", name=image.path, kind=kind)
            else:
                data, detail = read_image(resolved)
                if detail:
                    self.add(where, "image_unreadable", value=image.path, detail=detail)
        caption = self.text(image.caption, path + ("caption",))
        alt = self.text(image.alt, path + ("alt",)) or caption
        return d.Figure(d.Picture(resolved, data), caption, self.caption_place("image"), alt, image.width,
                        source=self.where(path))

    def distribution(self, dist: m.Distribution) -> d.Distribution:
        path = ("distribution",)
        lines = []
        for key in ("report_to", "send_to", "issue_to", "cc"):
            names = [self.text(n, path + (key, i)) for i, n in enumerate(getattr(dist, key))]
            if names:
                lines.append(term("distribution_line", label=term(key), names=term("name_separator").join(names)))
        printed_on = term("printed_on", date=dates.date_cn(dist.printed_on)) if dist.printed_on else ""
        copies = term("copies", n=dist.copies) if dist.copies else ""
        note = term("note_separator").join(x for x in (self.text(dist.printed_by, path + ("printed_by",)),
                                                        printed_on, copies) if x)
        return d.Distribution(tuple(lines), note, source=self.where(path))


def _runs(text: str, role: d.RunRole = "plain") -> tuple[d.Run, ...]:
    """``text`` as runs in ``role``; what a draft printed from a value still to fill (between the
    UNFILLED marks) is a run of its own in the role 'unfilled'."""
    if UNFILLED[0] not in text:
        return (d.Run(text, role),)
    runs = []
    for i, part in enumerate(text.replace(UNFILLED[1], UNFILLED[0]).split(UNFILLED[0])):
        if part:
            runs.append(d.Run(part, "unfilled" if i % 2 else role))
    return tuple(runs)


__all__ = ["compose"]
