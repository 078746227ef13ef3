"""Text that quotes data: ``{{ disputes.resolved }}`` expanded in a sandboxed Jinja environment.

Every name a template uses is checked against the data before rendering, so a misspelt name is
reported as ``no data named 'disputes.solved' (did you mean 'disputes.resolved'?)`` at its line,
never rendered as an empty string.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from decimal import Decimal

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from ..errors import BriefError, Location, Problem
from ..i18n import LocalText
from . import dates, numbers

# Characters XML 1.0 forbids (DOCX cannot hold them; PDF text extraction chokes on them).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class ExpansionError(Exception):
    """A user-facing problem inside one template, with the line within the template."""

    def __init__(self, code: str, lineno: int = 1, **params):
        super().__init__(code)
        self.code, self.lineno, self.params = code, lineno, params


class _Environment(SandboxedEnvironment):
    def getattr(self, obj, attribute):
        # data keys win over dict methods: {{ x.items }} means the key 'items'
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def _finalize(value):
    if value is None:
        raise ValueError("no value (the data is empty)")
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (float, Decimal)):
        return numbers.number(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return dates.date_cn(value)
    return value


def make_environment() -> SandboxedEnvironment:
    """The sandboxed environment every text is expanded in: strict undefined, Chinese filters."""
    env = _Environment(undefined=StrictUndefined, autoescape=False, finalize=_finalize,
                       keep_trailing_newline=False)
    env.filters.update(
        number=numbers.number,
        wan=numbers.wan,
        percent=numbers.percent,
        pct=numbers.percent,
        date_cn=dates.date_cn,
        month_end=dates.month_end,
    )
    env.globals.update(ratio=numbers.ratio)
    return env


def dotted_names(namespace: dict, prefix: str = "") -> list[str]:
    """Every reachable dotted name in ``namespace`` ('disputes', 'disputes.found', …)."""
    names = []
    for key, value in namespace.items():
        name = f"{prefix}{key}"
        names.append(name)
        if isinstance(value, dict):
            names += dotted_names(value, name + ".")
    return names


def lookup(namespace: dict, dotted: str):
    """The value at ``dotted`` in ``namespace``; KeyError if any part is missing."""
    value = namespace
    for part in dotted.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            raise KeyError(dotted)
    return value


def _chain(node) -> str | None:
    """'a.b.c' for Getattr/Getitem chains rooted at a Name, else None."""
    parts = []
    while True:
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
            node = node.node
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            parts.append(str(node.arg.value))
            node = node.node
        elif isinstance(node, nodes.Name):
            parts.append(node.name)
            return ".".join(reversed(parts))
        else:
            return None


class Expander:
    """Expands templates and evaluates expressions against one brief's data."""

    def __init__(self, namespace: dict):
        self.env = make_environment()
        self.namespace = namespace

    def _check_names(self, tree) -> None:
        local = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
        local |= set(self.env.globals)
        outermost = set()
        for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
            outermost.add(id(node))
        # check only maximal chains: skip nodes that are the inner part of a longer chain
        inner = set()
        for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
            inner.add(id(node.node))
        for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
            if id(node) in inner or (isinstance(node, nodes.Name) and node.ctx != "load"):
                continue
            name = _chain(node)
            if name is None or name.split(".")[0] in local:
                continue
            try:
                lookup(self.namespace, name)
            except KeyError:
                hint = self._hint(name)
                raise ExpansionError("no_data", node.lineno, name=name, hint=hint) from None

    def _hint(self, name: str):
        match = difflib.get_close_matches(name, dotted_names(self.namespace), n=1, cutoff=0.6)
        return LocalText.of("did_you_mean", suggestion=match[0]) if match else ""

    def expand(self, text: str) -> str:
        """Render one text. Raises ExpansionError (syntax, unknown name, bad value)."""
        if "{" not in text:
            return text
        try:
            tree = self.env.parse(text)
        except TemplateSyntaxError as exc:
            raise ExpansionError("jinja_syntax", exc.lineno or 1, detail=exc.message) from None
        self._check_names(tree)
        try:
            return self.env.from_string(tree).render(self.namespace)
        except TemplateSyntaxError as exc:  # e.g. unknown filter, found at compile time
            raise ExpansionError("jinja_syntax", exc.lineno or 1, detail=exc.message) from None
        except (UndefinedError, SecurityError, TemplateError) as exc:
            raise ExpansionError("jinja_error", 1, detail=str(exc)) from None
        except (ValueError, TypeError, ArithmeticError) as exc:
            raise ExpansionError("jinja_error", 1, detail=str(exc)) from None

    def evaluate(self, expression: str):
        """The value of one expression such as ``disputes.resolved / disputes.found``."""
        try:
            tree = self.env.parse("{{ " + expression + " }}")
        except TemplateSyntaxError as exc:
            raise ExpansionError("jinja_syntax", 1, detail=exc.message) from None
        self._check_names(tree)
        try:
            return self.env.compile_expression(expression, undefined_to_none=False)(self.namespace)
        except TemplateSyntaxError as exc:
            raise ExpansionError("jinja_syntax", exc.lineno or 1, detail=exc.message) from None
        except (UndefinedError, SecurityError, TemplateError, ValueError, TypeError, ArithmeticError) as exc:
            raise ExpansionError("jinja_error", 1, detail=str(exc) or type(exc).__name__) from None


def check_characters(text: str) -> int | None:
    """The code point of the first character XML forbids in ``text``, or None."""
    match = _XML_FORBIDDEN.search(text)
    return ord(match.group()) if match else None


def locate_in_template(base: Location, lineno: int, block: bool, indent=None) -> Location:
    """Location of line ``lineno`` of a template whose scalar starts at ``base``.

    A block scalar (``|``) starts on the line after its indicator; ``indent(line)`` gives the
    column where a line's text begins.
    """
    if lineno <= 1 and not block:
        return base
    line = base.line + lineno - (0 if block else 1)
    return Location(base.file, line, indent(line) if indent else 1, base.path)


def problem(base: Location, exc: ExpansionError, block: bool, indent=None) -> Problem:
    """The located Problem for an ExpansionError raised by a template that starts at ``base``."""
    return Problem(locate_in_template(base, exc.lineno, block, indent), exc.code, exc.params)


__all__ = ["Expander", "ExpansionError", "BriefError", "check_characters", "problem", "lookup"]
