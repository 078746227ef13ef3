"""Reading style files: built-in names or paths, ``extends`` chains, units, font checks."""
from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from pydantic import ValidationError

from ..brief.source import Source, display_name, load_yaml
from ..brief.validate import problems_from
from ..errors import BriefError, Location, Problem
from ..infra.files import allowed_roots, resolve_named
from ..fonts import FONT_FILES
from .model import MM, FontRole, Masthead, PageNumbers, Style
from .schema import StyleFile

BUILTIN_DIR = Path(__file__).parent / "builtin"
ROLES = ("title", "subtitle", "body", "lead", "heading1", "heading2", "heading3", "heading4", "caption", "table",
         "figure_value", "figure_label", "byline", "signature", "distribution", "page_number", "chart",
         "masthead", "header")
SIZE_NAMES = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16, "小三": 15,
    "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5,
}
_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
_PT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*pt\s*$")


def builtin_styles() -> dict[str, Path]:
    """Built-in style names → their files."""
    return {p.stem: p for p in sorted(BUILTIN_DIR.glob("*.yaml"))}


def _merge(base, child, path: tuple, origin: dict, source: Source):
    """Maps merge by key (``null`` removes); anything else in the child replaces the base."""
    if isinstance(base, dict) and isinstance(child, dict):
        out = dict(base)
        for key, value in child.items():
            here = path + (key,)
            if value is None:
                out[key] = None
                origin[here] = source
            else:
                out[key] = _merge(base.get(key), value, here, origin, source)
        return out
    origin[path] = source
    return child


def _roots(relative_to: Path | None) -> list[Path] | None:
    """Where a style named from ``relative_to`` (a brief's folder) may live; None: anywhere (--style)."""
    return allowed_roots(relative_to) if relative_to else None


def _resolve_file(name: str, relative_to: Path | None, where: Location, roots: list[Path] | None) -> Path:
    builtin = builtin_styles()
    if name in builtin:
        return builtin[name]
    if name.endswith((".yaml", ".yml")) or os.sep in name or "/" in name:
        if roots is not None:
            assert relative_to is not None  # roots come from the brief's folder
            path = resolve_named(name, relative_to, where, roots=roots)
        else:
            path = (relative_to / name) if relative_to and not os.path.isabs(name) else Path(name)
        if os.path.lexists(path):
            return path
        raise BriefError([Problem(where, "style_file_missing", {"name": name})])
    hint = difflib.get_close_matches(name, list(builtin), n=1)
    raise BriefError([Problem(where, "style_unknown", {"name": name, "known": ", ".join(builtin)
                                                         + (f" (did you mean '{hint[0]}'?)" if hint else "")})])


def _read_chain(name: str, where: Location, relative_to: Path | None, seen: tuple = (),
                roots: list[Path] | None = None):
    """(merged raw mapping, origin map path → Source, the first file) for ``name`` and its parents.

    ``roots``: the folders the chain's files must lie in (None: anywhere; built-in names always)."""
    path = _resolve_file(name, relative_to, where, roots)
    key = str(path.resolve())
    if key in seen:
        raise BriefError([Problem(where, "style_cycle", {"name": name})])
    raw, source = load_yaml(path, display_name(path), where)
    if source.problems:
        raise BriefError(source.problems)
    if not isinstance(raw, dict):
        raise BriefError([Problem(source.locate(()), "style_not_mapping")])
    parent = raw.get("extends")
    origin: dict = {}
    if parent:
        base, origin, _ = _read_chain(str(parent), source.locate(("extends",)), path.parent, seen + (key,), roots)
        merged = _merge(base, {k: v for k, v in raw.items() if k != "extends"}, (), origin, source)
    else:
        merged = raw
        origin[()] = source
    return merged, origin, path


class _Located:
    """Locates a path of the merged style in the file that wrote it."""

    def __init__(self, origin: dict):
        self.origin = origin

    def locate(self, path: tuple, *, key: bool = False) -> Location:
        path = tuple(path)
        for cut in range(len(path), -1, -1):
            source = self.origin.get(path[:cut])
            if source is not None:
                return source.locate(path, key=key)
        return next(iter(self.origin.values())).locate(path, key=key)

    values = property(lambda self: {})
    block_scalars = property(lambda self: set())


def parse_size(value, where: Location) -> float:
    """Points from 16, '16pt' or a Chinese size name; a located error with a suggestion otherwise."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value <= 0:
            raise BriefError([Problem(where, "size_invalid", {"value": value, "hint": ""})])
        return float(value)
    text = str(value)
    if text in SIZE_NAMES:
        return float(SIZE_NAMES[text])
    match = _PT.match(text)
    if match:
        return float(match.group(1))
    guess = text.replace(" ", "").replace("　", "").translate(_DIGITS).replace("〇", "零")
    candidates = difflib.get_close_matches(guess, list(SIZE_NAMES), n=1, cutoff=0.5)
    hint = f" (did you mean '{candidates[0]}'?)" if candidates else ""
    raise BriefError([Problem(where, "size_invalid", {"value": text, "hint": hint})])


def load_style(name: str, where: Location | None = None, relative_to: Path | None = None) -> Style:
    """The style called ``name`` (built-in) or at path ``name``, with ``extends`` applied.

    Raises BriefError for every problem: unknown keys, bad sizes (三 号, 小5), missing roles, a
    font file that does not exist or lacks glyphs the style needs.
    """
    where = where or Location("--style")
    roots = _roots(relative_to)
    merged, origin, path = _read_chain(name, where, relative_to, roots=roots)
    located = _Located(origin)
    try:
        spec = StyleFile.model_validate(merged)
    except ValidationError as exc:
        raise BriefError(problems_from(exc, merged, located, StyleFile)) from None
    problems: list[Problem] = []
    roles = {}
    for role in ROLES:
        if role not in spec.fonts:
            problems.append(Problem(located.locate(("fonts",)), "style_role_missing", {"role": role}))
    for role, font in spec.fonts.items():
        here = ("fonts", role)
        try:
            size = parse_size(font.size, located.locate(here + ("size",)))
        except BriefError as exc:
            problems += exc.problems
            continue
        pdf = font.pdf
        if pdf not in FONT_FILES:
            from .fontcheck import check_font_file

            source = origin.get(here + ("pdf",)) or origin.get(here) or origin.get(())
            base = Path(source.file).parent if source else Path(".")
            font_where = located.locate(here + ("pdf",))
            if roots is not None:
                try:
                    file = resolve_named(pdf, base, font_where, roots=roots)
                except BriefError as exc:
                    problems += exc.problems
                    continue
            else:
                file = Path(pdf) if os.path.isabs(pdf) else (base / pdf)
            problem = check_font_file(file, font_where)
            if problem:
                problems.append(problem)
                continue
            pdf = str(file.resolve())
        roles[role] = FontRole(pdf, font.docx, size, font.bold, font.color.upper(), font.latin)
    if problems:
        raise BriefError(problems)
    page = spec.page
    numbers = spec.page_numbers
    masthead = spec.masthead
    return Style(
        name=path.stem,
        description=spec.description,
        page_width=page.size[0] * MM,
        page_height=page.size[1] * MM,
        margin_top=page.margins.top * MM,
        margin_left=page.margins.left * MM,
        margin_bottom=page.margins.bottom * MM,
        margin_right=page.margins.right * MM,
        grid=(page.grid.lines, page.grid.chars) if page.grid else None,
        roles=roles,
        numbering=tuple(spec.numbering),
        palette=tuple(c.upper() for c in spec.charts.palette),
        accent=spec.colors.get("accent", "C00000").upper(),
        page_numbers=PageNumbers(numbers.format, numbers.below * MM, numbers.placement, numbers.inset),
        masthead=Masthead(masthead.name, masthead.issue, masthead.rule * MM) if masthead else None,
        cover=spec.cover,
        contents=spec.contents,
        embed_fonts=spec.embed_fonts,
        docx_charts=spec.charts.docx,
        running_header=spec.running_header or "",
        free_line_pitch=page.line_pitch or 0.0,
        compress_punctuation=spec.compress_punctuation,
        source=display_name(path),
    )
