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

from jinja2 import TemplateSyntaxError, Undefined, nodes
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError

from ..errors import BriefError, Location, Problem
from ..i18n import LocalText
from . import periods, sandbox
from .sandbox import MAX_TEXT, Refused

# Characters XML 1.0 forbids (DOCX cannot hold them; PDF text extraction chokes on them).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# how a Python object prints (its memory address changes from run to run)
_OBJECT_TEXT = re.compile(r" at 0x[0-9a-fA-F]{4,}")
# tags that would read another template (there is no loader: a brief reads no other file)
_TAGS = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from … import",
         nodes.Extends: "extends"}


#: the marks around what a draft prints from a value still to fill (private-use characters)
UNFILLED = ("\ue000", "\ue001")


class ExpansionError(Exception):
    """A user-facing problem inside one template, with the line within the template.

    ``value_name``: the dotted name of a value the problem lies in rather than in the template
    (text where arithmetic needs a number), so the caller can point at where it was written."""

    def __init__(self, code: str, lineno: int = 1, *, value_name: str | None = None, **params):
        super().__init__(code)
        self.code, self.lineno, self.params, self.value_name = code, lineno, params, value_name


def make_environment(version: float = 1) -> sandbox.Environment:
    """The sandboxed environment every text of a brief of ``version`` is expanded in (see
    :mod:`.sandbox`); 1.1 adds the filters of :data:`.sandbox.V11_FILTERS`."""
    return sandbox.Environment(version)

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
    """Expands templates and evaluates expressions against one brief's data.

    One Expander serves one brief: its budget (:class:`.sandbox.Budget`) counts the work of every
    text expanded with it, so the limits hold per text and for the brief as a whole.
    """

    def __init__(self, namespace: dict, version: float = 1, unfilled: frozenset[str] = frozenset()):
        self.env = make_environment(version)
        self.namespace = namespace
        # (1.1 draft) dotted names of values still to fill: what an output quoting them prints is
        # put between UNFILLED marks, for compose to set apart
        self.unfilled = unfilled
        if unfilled:
            finalize = self.env._finalize
            self.env.filters["_unfilled"] = lambda value: UNFILLED[0] + str(finalize(value)) + UNFILLED[1]

    def _check_names(self, tree) -> None:
        """Every name a template reads must be data, or bound in the template; filters must exist."""
        every = list(tree.find_all(nodes.Node))  # one walk; the checks below filter it
        for node in every:
            if type(node) in _TAGS:
                raise ExpansionError("template_tag", node.lineno, tag=_TAGS[type(node)])
            if isinstance(node, (nodes.Filter, nodes.Test)) and node.name is not None:
                table = self.env.filters if isinstance(node, nodes.Filter) else self.env.tests
                if node.name not in table and isinstance(node, nodes.Filter) and node.name in sandbox.V11_FILTERS:
                    raise ExpansionError("needs_version", node.lineno,
                                         feature=LocalText(f"the filter '{node.name}'", f"过滤器“{node.name}”"))
                if node.name not in table:
                    raise ExpansionError("unknown_filter" if isinstance(node, nodes.Filter) else "unknown_test",
                                         node.lineno, name=node.name, hint=_suggest(node.name, table),
                                         known=sandbox.known(table))
            elif isinstance(node, nodes.Const):
                try:
                    sandbox.check_number(node.value)
                except Refused as exc:
                    raise ExpansionError(exc.code, node.lineno, **exc.params) from None
        local, aliases = _bound_names(every)
        local |= set(self.env.globals)
        chains = [n for n in every if isinstance(n, (nodes.Getattr, nodes.Getitem, nodes.Name))]
        # check only maximal chains: skip nodes that are the inner part of a longer chain
        inner = {id(n.node) for n in chains if not isinstance(n, nodes.Name)}
        for node in chains:
            if id(node) in inner or (isinstance(node, nodes.Name) and node.ctx != "load"):
                continue
            name = _chain(node)
            if name is None:
                continue
            for _ in range(len(aliases) + 1):  # {% set e = epidemic %}: e.x is epidemic.x
                root, _, rest = name.partition(".")
                if root not in aliases:
                    break
                name = aliases[root] + ("." + rest if rest else "")
            if name.split(".")[0] in local:
                continue
            try:
                lookup(self.namespace, name)
            except KeyError:
                hint = self._hint(name)
                raise ExpansionError("no_data", node.lineno, name=name, hint=hint) from None

    def _mark_unfilled(self, tree) -> None:
        """Each printed expression that quotes a value still to fill goes through ``_unfilled``."""
        for output in tree.find_all(nodes.Output):
            for i, node in enumerate(output.nodes):
                if isinstance(node, nodes.TemplateData):
                    continue
                names = {_chain(n) for n in [node, *node.find_all((nodes.Getattr, nodes.Getitem, nodes.Name))]}
                if any(name and any(name == u or name.startswith(u + ".") for u in self.unfilled) for name in names):
                    marked = nodes.Filter(node, "_unfilled", [], [], None, None)
                    marked.set_lineno(node.lineno)
                    output.nodes[i] = marked

    def _hint(self, name: str):
        match = difflib.get_close_matches(name, dotted_names(self.namespace), n=1, cutoff=0.6)
        return LocalText.of("did_you_mean", suggestion=match[0]) if match else ""

    def _parse(self, text: str):
        try:
            return self.env.parse(text)
        except TemplateSyntaxError as exc:
            raise ExpansionError("jinja_syntax", exc.lineno or 1, detail=exc.message) from None
        except RecursionError:
            raise ExpansionError("jinja_syntax", 1, detail="nested too deeply") from None
        except (ValueError, OverflowError) as exc:  # e.g. an integer literal past Python's digit limit
            raise ExpansionError("jinja_syntax", 1, detail=str(exc)) from None

    def expand(self, text: str) -> str:
        """Render one text. Raises ExpansionError (syntax, unknown name, bad value, over budget)."""
        if "{" not in text:
            return text
        budget = self.env.budget
        tree = None
        try:
            tree = self._parse(text)
            self._check_names(tree)
            if self.unfilled:
                self._mark_unfilled(tree)
            template = self.env.from_string(sandbox.instrument(tree))
            budget.start()
            out, size = [], 0
            for chunk in template.generate(self.namespace):
                size += len(chunk)
                if size > MAX_TEXT:
                    raise Refused("template_too_long", limit=f"{MAX_TEXT:,}")
                out.append(chunk)
            text = "".join(out)
        except ExpansionError:
            raise
        except Exception as exc:
            raise _expansion_error(exc, tree, self.namespace) from None
        finally:
            budget.stop()
        match = _OBJECT_TEXT.search(text)
        if match:
            raise ExpansionError("template_object", 1, kind=LocalText("a Python object", "Python 对象"))
        return text

    def evaluate(self, expression: str):
        """The value of one expression such as ``disputes.resolved / disputes.found``.

        The value is plain data (a number within ±10^15, text, a date, a list or mapping of them);
        anything else (inf, a function, a generator …) raises ExpansionError.
        """
        budget = self.env.budget
        tree = None
        try:
            tree = self._parse("{{ " + expression + " }}")
            if len(tree.body) != 1 or not isinstance(tree.body[0], nodes.Output) or len(tree.body[0].nodes) != 1:
                raise ExpansionError("jinja_syntax", 1, detail="expected one expression")
            self._check_names(tree)
            target = nodes.Name("result", "store")
            assign = nodes.Template([nodes.Assign(target, tree.body[0].nodes[0])])
            assign.set_lineno(1)
            template = self.env.from_string(sandbox.instrument(assign))
            budget.start()
            context = template.new_context(dict(self.namespace))
            for _ in template.root_render_func(context):
                pass
            value = context.vars["result"]
            _check_value(value)
            return value
        except ExpansionError:
            raise
        except Exception as exc:
            error = _expansion_error(exc, tree, self.namespace)
            error.lineno = 1  # one expression; the traceback holds lines of the compiled code
            raise error from None
        finally:
            budget.stop()


def _check_value(value, depth: int = 0) -> None:
    """Refuse a computed value that is not plain data."""
    if isinstance(value, Undefined):
        str(value)  # StrictUndefined raises its own message
    if isinstance(value, (list, tuple, dict)):
        if depth > 20 or sandbox.text_size(value) > MAX_TEXT:
            raise Refused("template_too_long", limit=f"{MAX_TEXT:,}")
        for item in (value.values() if isinstance(value, dict) else value):
            _check_value(item, depth + 1)
        return
    if value is None or isinstance(value, (str, bool, dt.date)):
        return
    if isinstance(value, (int, float, Decimal)):
        sandbox.check_number(value)
        return
    raise Refused("template_object", kind=sandbox._kind(value))


def _template_line(exc: BaseException) -> int:
    """The template line an exception was raised on (Jinja puts it into the traceback)."""
    line, tb = 1, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _expansion_error(exc: Exception, tree=None, namespace: dict | None = None) -> ExpansionError:
    """The located ExpansionError for anything a template raised while it ran; a type error in
    arithmetic whose operand carries a filter (``a / b | percent``) says how to write it, one
    whose operand is a value holding text (a table cell of 12件) names that value."""
    line = _template_line(exc)
    if isinstance(exc, TypeError) and tree is not None:
        taught = _filter_on_operand(tree) or _text_operand(tree, namespace or {})
        if taught is not None:
            return taught
    if isinstance(exc, Refused):
        return ExpansionError(exc.code, line, **exc.params)
    if isinstance(exc, periods.PeriodError):
        return ExpansionError("filter_argument", line, filter=exc.filter, detail=LocalText(exc.en, exc.zh))
    if isinstance(exc, TemplateSyntaxError):  # found at compile time
        return ExpansionError("jinja_syntax", exc.lineno or line, detail=exc.message)
    if isinstance(exc, RecursionError):
        return ExpansionError("template_depth", line, limit=sandbox.MAX_DEPTH)
    if isinstance(exc, MemoryError):
        return ExpansionError("template_too_long", line, limit=f"{MAX_TEXT:,}")
    if isinstance(exc, (UndefinedError, SecurityError, TemplateError)):
        return ExpansionError("jinja_error", line, detail=str(exc) or type(exc).__name__)
    detail = str(exc) or type(exc).__name__
    if not isinstance(exc, (ValueError, ArithmeticError)):
        detail = f"{type(exc).__name__}: {detail}"
    return ExpansionError("jinja_error", line, detail=detail[:300])


# ---- a filter on one operand of arithmetic ({{ a / b | percent }}) ---------------------------
_OPERATORS = {nodes.Add: "+", nodes.Sub: "-", nodes.Mul: "*", nodes.Div: "/", nodes.FloorDiv: "//",
              nodes.Mod: "%", nodes.Pow: "**"}


def _written(node) -> str | None:
    """The source of a simple expression node (names, constants, arithmetic, filters, calls), or None."""
    if isinstance(node, nodes.Const):
        return repr(node.value) if isinstance(node.value, str) else str(node.value)
    chain = _chain(node)
    if chain is not None:
        return chain
    if isinstance(node, nodes.BinExpr) and type(node) in _OPERATORS:
        left, right = _written(node.left), _written(node.right)
        return None if left is None or right is None else f"{left} {_OPERATORS[type(node)]} {right}"
    if isinstance(node, nodes.Filter) and node.node is not None:
        inner = _written(node.node)
        args = _arguments(node)
        if inner is None or args is None:
            return None
        if isinstance(node.node, nodes.BinExpr):
            inner = f"({inner})"
        return f"{inner} | {node.name}{args}"
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        args = _arguments(node)
        return None if args is None else node.node.name + (args or "()")
    return None


def _arguments(node) -> str | None:
    parts: list[str] = []
    for arg in node.args:
        written = _written(arg)
        if written is None:
            return None
        parts.append(written)
    for kw in node.kwargs:
        written = _written(kw.value)
        if written is None:
            return None
        parts.append(f"{kw.key}={written}")
    if node.dyn_args or node.dyn_kwargs:
        return None
    return f"({', '.join(parts)})" if parts else ""


def _filter_on_operand(tree) -> ExpansionError | None:
    """The teaching error for arithmetic with a filtered operand (``a / b | percent`` filters b
    alone, then divides a by the text '98%'), or None when the template has none."""
    for node in tree.find_all(nodes.BinExpr):
        if type(node) not in _OPERATORS:
            continue
        side = node.right if isinstance(node.right, nodes.Filter) else (
            node.left if isinstance(node.left, nodes.Filter) else None)
        if side is None or side.node is None:
            continue
        operator = _OPERATORS[type(node)]
        written = _written(node)
        other = _written(node.left if side is node.right else node.right)
        operand = _written(side.node)
        args = _arguments(side)
        if side is node.right:
            arithmetic = f"{other} {operator} {operand}"
        else:
            arithmetic = f"{operand} {operator} {other}"
        fixed = None if None in (written, other, operand, args) else f"({arithmetic}) | {side.name}{args}"
        return ExpansionError("filter_binds_tighter", node.lineno, written=written or f"… {operator} … | {side.name}",
                              filter=side.name, operand=operand or "…", operator=operator,
                              fixed=fixed or f"(… {operator} …) | {side.name}")
    return None


def _text_operand(tree, namespace: dict) -> ExpansionError | None:
    """The teaching error for arithmetic on a value that holds text (``found / total`` where a
    table cell said 12件), or None when no operand named in the template is text."""
    for node in tree.find_all(nodes.BinExpr):
        if type(node) not in _OPERATORS:
            continue
        for side in (node.left, node.right):
            name = _chain(side)
            try:
                value = lookup(namespace, name) if name else None
            except KeyError:  # a loop variable, or a name the template set itself
                continue
            if isinstance(value, str):
                shown = value if len(value) <= 40 else value[:40] + "…"
                return ExpansionError("arithmetic_on_text", node.lineno, value_name=name, name=name, text=shown,
                                      operator=_OPERATORS[type(node)])
    return None


def _suggest(name: str, table) -> LocalText | str:
    match = difflib.get_close_matches(name, list(table), n=1, cutoff=0.6)
    return LocalText.of("did_you_mean", suggestion=match[0]) if match else ""


def _bound_names(every: list) -> tuple[set[str], dict[str, str]]:
    """Names the template binds itself (set, for, macro, call, with), and which of them are
    plain aliases of data (``{% set e = epidemic %}``: bound once, to a data name).
    ``every`` is every node of the template."""
    stores: dict[str, int] = {}
    local: set[str] = set()
    for node in every:
        if isinstance(node, nodes.Name) and node.ctx in ("store", "param"):
            stores[node.name] = stores.get(node.name, 0) + 1
        elif isinstance(node, nodes.Macro):
            local |= {node.name, "caller", "varargs", "kwargs"}
        elif isinstance(node, nodes.CallBlock):
            local |= {"caller", "varargs", "kwargs"}
        elif isinstance(node, nodes.For):
            local.add("loop")
    local |= set(stores)
    aliases = {}
    for node in every:
        if isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name) \
                and stores.get(node.target.name) == 1:
            chain = _chain(node.node)
            if chain is not None and chain.split(".")[0] not in local:
                aliases[node.target.name] = chain
    return local - set(aliases), aliases


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
