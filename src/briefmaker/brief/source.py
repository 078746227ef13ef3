"""Reading YAML while remembering where every value came from.

PyYAML's loaders forget positions and silently keep the last of two duplicate keys; this module
walks the composed node graph itself, so each value's ``file:line:col`` is known, duplicate keys
are errors, and aliases cannot expand without bound. An unquoted ``1e20``, which PyYAML (YAML 1.1)
reads as text and YAML 1.2 tools as a number, is an error too: the file must say which it means.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import yaml

from ..errors import BriefError, Location, Problem, path_str
from ..i18n import LocalText
from ..infra.files import MAX_BYTES as MAX_FILE_BYTES, read_limited

MAX_VALUES = 200_000  # values constructed, counting every alias expansion
MAX_DEPTH = 100  # mappings and lists inside each other (PyYAML's own recursion gives out near 300)
_CORE = "tag:yaml.org,2002:"
_SURROGATE = re.compile("[\ud800-\udfff]")
# the only tags a value may carry, written or implied: plain data, nothing that builds objects
_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge")}
_KIND = {"int": "a whole number", "float": "a number", "timestamp": "a date (2020-12-31)", "bool": "true or false"}
# a YAML 1.2 (and JSON) number with an exponent; YAML 1.1 wants a dot and a signed exponent, and
# reads the others (1e20, 1.0e20, 2E-3) as text
_NUMBER_IN_YAML_1_2 = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)[eE][-+]?[0-9]+")
# numbers YAML 1.1 reads in another base: 010 is 8 (octal), 9:30 is 570 (base 60); nobody
# writing a brief means either, and a code or a time would silently become another number
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_BASE_60 = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")


@dataclass
class Source:
    """Positions of every value of one YAML file, by path (('sections', 2, 'title') …)."""

    file: str
    values: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    keys: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    block_scalars: set[tuple] = field(default_factory=set)
    folded_scalars: set[tuple] = field(default_factory=set)
    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # found while reading, not fatal to it

    def locate(self, path: tuple, *, key: bool = False) -> Location:
        """The location of the value at ``path`` (or of its key), else of its nearest ancestor."""
        path = tuple(path)
        table = self.keys if key else self.values
        if path in table:
            line, col = table[path]
            return Location(self.file, line, col, path_str(path))
        for cut in range(len(path) - 1, -1, -1):
            prefix = path[:cut]
            if prefix in self.values:
                line, col = self.values[prefix]
                return Location(self.file, line, col, path_str(path))
        return Location(self.file, 1, 1, path_str(path))

    def indent(self, line: int) -> int:
        """1-based column where the text of ``line`` begins (after its indentation)."""
        if 1 <= line <= len(self.lines):
            text = self.lines[line - 1]
            return len(text) - len(text.lstrip(" ")) + 1
        return 1

    def raw_block(self, path: tuple) -> str:
        """The lines of the block scalar at ``path`` as written (dedented, joined by newlines).

        A folded scalar (``>``) reaches us with its lines joined; this recovers them, so a
        template error inside one can still be put on its own line.
        """
        start = self.values.get(tuple(path), (1, 1))[0]  # the line holding the indicator
        lines = []
        for text in self.lines[start:]:
            if text.strip() and self.indent_of(text) <= self.indent_of(self.lines[start - 1]):
                break
            lines.append(text)
        width = min((self.indent_of(t) for t in lines if t.strip()), default=0)
        return "\n".join(t[width:] for t in lines).rstrip("\n")

    @staticmethod
    def indent_of(text: str) -> int:
        return len(text) - len(text.lstrip(" "))

    def text_origin(self, path: tuple) -> int:
        """Line number on which the text of the scalar at ``path`` begins (block scalars start one line down)."""
        line = self.values.get(tuple(path), (1, 1))[0]
        return line + 1 if tuple(path) in self.block_scalars else line


def display_name(path: str | os.PathLike) -> str:
    """The file name as the user should see it: relative to the working directory when inside it."""
    path = os.fspath(path)
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def read_text(path: str | os.PathLike, display: str | None = None, where: Location | None = None) -> str:
    """The file's text: a regular file of at most 10 MB, in UTF-8 (else a located error).

    Problems reading the file are reported at ``where`` (default: the file itself); a byte that
    is not UTF-8 at its own line and column.
    """
    display = display or display_name(path)
    raw = read_limited(path, where or Location(display), MAX_FILE_BYTES, name=display)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1  # characters, not bytes
        raise BriefError(
            [Problem(Location(display, line, col), "not_utf8", {"detail": f"byte 0x{raw[exc.start]:02x}"})]
        ) from None


def load_yaml(path: str | os.PathLike, display: str | None = None, where: Location | None = None) -> tuple[object, Source]:
    """Parse one YAML file into plain Python values and a :class:`Source` of their positions.

    Raises BriefError for syntax errors and runaway aliases. Duplicate keys do not stop reading
    (the first value is kept): they are listed in ``source.problems`` so the caller can report
    them together with whatever else is wrong in the file.
    """
    display = display or display_name(path)
    return parse_yaml(read_text(path, display, where), display)


def parse_yaml(text: str, display: str) -> tuple[object, Source]:
    """Like :func:`load_yaml` for text already in memory; ``display`` names it in messages."""
    source = Source(display, lines=text.splitlines())
    try:
        loader = yaml.SafeLoader(text)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = " ".join(part for part in (exc.context, exc.problem) if part)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise BriefError([Problem(Location(display, line, col), "yaml_syntax", {"detail": detail})]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (control characters)
        line, col = _position(text, exc.position)
        detail = f"character U+{exc.character:04X} is not allowed" if isinstance(exc.character, int) else str(exc)
        raise BriefError([Problem(Location(display, line, col), "yaml_syntax", {"detail": detail})]) from None
    except yaml.YAMLError as exc:
        raise BriefError([Problem(Location(display, 1, 1), "yaml_syntax", {"detail": str(exc)})]) from None
    except RecursionError:  # nesting far deeper than MAX_DEPTH: PyYAML's composer recurses per level
        mark = loader.get_mark()
        raise BriefError([Problem(Location(display, mark.line + 1, mark.column + 1), "yaml_too_deep",
                                  {"limit": MAX_DEPTH})]) from None
    if node is None:
        return None, source
    walker = _Walker(loader, source)
    value = walker.build(node, ())
    source.problems.extend(walker.problems)
    return value, source


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of character ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _yaml_1_1_number(text: str) -> str:
    """``text`` (1e20, 2.5E3, 1e-3) spelt so that YAML 1.1 reads it as a number too: 1.0e+20,
    2500, 1.0e-3 (a whole number below 10^15 in plain digits)."""
    value = float(text)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    mantissa, mark, exponent = re.split(r"([eE])", text)
    if "." not in mantissa:
        mantissa += ".0"
    return mantissa + mark + (exponent if exponent[0] in "+-" else "+" + exponent)


class _Walker:
    def __init__(self, loader: yaml.SafeLoader, source: Source):
        self.loader = loader
        self.source = source
        self.problems: list[Problem] = []
        self.count = 0
        self.open: set[int] = set()  # the nodes being built, outermost first: an alias to one is a loop

    def _here(self, node: yaml.Node, path: tuple) -> Location:
        return Location(self.source.file, node.start_mark.line + 1, node.start_mark.column + 1, path_str(path))

    def build(self, node: yaml.Node, path: tuple):
        self.count += 1
        if self.count > MAX_VALUES:
            raise BriefError(
                [Problem(self.source.locate(path), "too_many_nodes", {"limit": MAX_VALUES})]
            )
        if len(path) > MAX_DEPTH:
            raise BriefError([Problem(self._here(node, path), "yaml_too_deep", {"limit": MAX_DEPTH})])
        if id(node) in self.open:
            raise BriefError([Problem(self._here(node, path), "yaml_recursive_alias", {})])
        self.source.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _TAGS:
            self.problems.append(Problem(self._here(node, path), "yaml_tag", {"tag": node.tag.replace(_CORE, "!!")}))
            return None
        self.open.add(id(node))
        try:
            return self._build(node, path)
        finally:
            self.open.discard(id(node))

    def _build(self, node: yaml.Node, path: tuple):
        if isinstance(node, yaml.ScalarNode):
            if node.style in ("|", ">"):
                self.source.block_scalars.add(path)
            if node.style == ">":
                self.source.folded_scalars.add(path)
            try:
                value = self.loader.construct_object(node, deep=True)
            except (ValueError, OverflowError, TypeError, yaml.YAMLError) as exc:
                kind = node.tag.replace(_CORE, "")
                detail = f": {exc}" if kind == "timestamp" else ""  # ": day is out of range for month"
                self.problems.append(Problem(self._here(node, path), "yaml_value",
                                             {"kind": LocalText.type(_KIND.get(kind, "text")), "detail": detail}))
                return None
            lone = _SURROGATE.search(value) if isinstance(value, str) else None
            if lone:  # "\ud800": no UTF-8 file can hold it
                self.problems.append(Problem(self._here(node, path), "yaml_surrogate",
                                             {"codepoint": ord(lone.group())}))
                return ""
            if node.style is None and isinstance(value, str) and _NUMBER_IN_YAML_1_2.fullmatch(value):
                self.problems.append(Problem(self.source.locate(path), "number_read_as_text",
                                             {"value": value, "number": _yaml_1_1_number(value)}))
            elif node.style is None and isinstance(value, (int, float)) and not isinstance(value, bool) and (
                    _OCTAL.fullmatch(node.value) or _BASE_60.fullmatch(node.value)):
                self.problems.append(Problem(self.source.locate(path), "number_other_base",
                                             {"value": node.value, "read": value}))
            return value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        raise AssertionError(f"unexpected YAML node {node!r}")

    def _mapping(self, node: yaml.MappingNode, path: tuple) -> dict:
        try:
            self.loader.flatten_mapping(node)  # applies '<<' merge keys
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            assert mark is not None  # PyYAML marks every syntax problem it raises while flattening
            self.problems.append(
                Problem(Location(self.source.file, mark.line + 1, mark.column + 1, path_str(path)),
                        "yaml_syntax", {"detail": exc.problem})
            )
            return {}
        result: dict = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):  # ? [a, b]: a key no text can name
                self.problems.append(Problem(self._here(key_node, path), "yaml_complex_key", {}))
                continue
            key = key_node.value
            key_line = key_node.start_mark.line + 1
            key_pos = (key_line, key_node.start_mark.column + 1)
            if key in first_seen:
                self.problems.append(
                    Problem(
                        Location(self.source.file, *key_pos, path_str(path + (key,))),
                        "duplicate_key",
                        {"key": key, "first_line": first_seen[key]},
                    )
                )
                continue
            first_seen[key] = key_line
            self.source.keys[path + (key,)] = key_pos
            result[key] = self.build(value_node, path + (key,))
        return result
