"""The Jinja environment brief text runs in: read-only data, no chance or clock, bounded work.

A brief is untrusted input, so its templates run under three rules (docs/security.md, Templates):

* **Read-only data.** A method that changes a dict, list or set (``update``, ``append`` …) is refused
  when it is looked up, so the data cannot change halfway through a document.
* **Nothing that depends on chance or the clock.** ``lipsum`` and ``|random`` are gone, a date has
  no ``today``/``now``, Python objects (whose text holds a memory address) cannot be printed.
* **Budgets.** Every operation that can make something large checks the size of what it would
  make *before* making it (repetition, ``**``, format widths, padding filters, ``range``, joins,
  replacements); loop turns, calls and produced text are counted per text and per brief; macros
  nest at most :data:`MAX_DEPTH` deep; a wall-clock limit per brief catches whatever is left.

Every refusal is a :class:`Refused` carrying a message code; :mod:`.expand` locates it.

Over 400 lines on purpose: the rules, the budgets they charge and the environment that applies
them are read together when reviewing what a brief's template can do; split, a guard could be
missed.
"""
from __future__ import annotations

import collections.abc as abc
import datetime as dt
import functools
import inspect
import math
import re
import time
from decimal import Decimal

from jinja2 import StrictUndefined, Undefined, nodes, pass_context
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import SandboxedEnvironment, SandboxedFormatter, modifies_known_mutable
from jinja2.visitor import NodeTransformer

from ..i18n import LocalText
from . import dates, numbers, periods

# Budgets. A real year-end summary stays far below each (measured on the seed brief: 11 steps and
# 324 characters made by template operations, 0.02 s running); an attack hits one in well under a second.
MAX_TEXT = 100_000  # characters in one value, and in one expanded text
MAX_ITEMS = 100_000  # items in one list made by a template (range, repetition, batch …)
MAX_STEPS = 100_000  # loop turns, calls, operators and range items in one text
MAX_BRIEF_STEPS = 400_000  # … in the whole brief (about a second of loop turns)
MAX_MADE = 1_000_000  # characters made by operators and filters in one text (kept or not)
MAX_BRIEF_TEXT = 4_000_000  # characters made in the whole brief
MACRO_STEPS = 50  # a macro call costs tens of loop turns (a Python call chain and a buffer)
MAX_DEPTH = 50  # macros (and recursive loops) calling each other
MAX_SECONDS = 2.0  # wall clock for running (not compiling) one brief's templates: a backstop only
MAX_NUMBER = 10 ** 15  # the largest number a brief holds or prints (exact in a float: < 2**53)
MAX_ARITH = 10 ** 30  # the largest intermediate result of an operator

# filters a DOCX/PDF text has no use for (HTML escaping, URLs, JSON, Python reprs) or that use chance
_DROPPED_FILTERS = ("random", "pprint", "tojson", "xmlattr", "urlize", "urlencode", "escape", "e",
                    "forceescape", "safe")
_DATE_ATTRIBUTES = frozenset({"year", "month", "day", "hour", "minute", "second", "microsecond",
                              "weekday", "isoweekday", "isoformat", "isocalendar", "strftime",
                              "toordinal", "replace", "date", "min", "max", "resolution"})
_CLOCK_NAMES = frozenset({"today", "now", "utcnow", "timestamp", "astimezone", "fromtimestamp",
                          "utcfromtimestamp"})
_PRINTF = re.compile(r"%(?:\((?P<key>[^)]*)\))?[-#0 +]*(?P<width>\*|\d+)?(?:\.(?P<prec>\*|\d+))?[hlL]?"
                     r"(?P<conv>[diouxXeEfFgGcrsa%])")
_SPEC_NUMBERS = re.compile(r"\d+")


class Refused(Exception):
    """A template asked for something briefs may not do; ``code`` and ``params`` make the message."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


def _scope(brief: bool) -> LocalText:
    return LocalText("in the whole brief", "（整份简报）") if brief else LocalText("in one text", "（一段文字）")


class Budget:
    """Counts the work of one brief's templates; :meth:`start` begins a new text."""

    def __init__(self):
        self.steps = self.made = 0
        self.brief_steps = self.brief_made = 0
        self.depth = 0
        self.seconds = 0.0
        self._since = None

    def start(self) -> None:
        """A new text begins: its own counts start at zero, the brief's keep going."""
        self.steps = self.made = 0
        self.depth = 0
        self._since = time.monotonic()  # the clock runs while templates run, not while they compile

    def stop(self) -> None:
        if self._since is not None:
            self.seconds += time.monotonic() - self._since
            self._since = None

    def step(self, n: int = 1) -> None:
        """Charge ``n`` steps (loop turns, calls, range items); refuse past a limit."""
        self.steps += n
        self.brief_steps += n
        if self.steps > MAX_STEPS:
            raise Refused("template_steps", limit=f"{MAX_STEPS:,}", scope=_scope(False))
        if self.brief_steps > MAX_BRIEF_STEPS:
            raise Refused("template_steps", limit=f"{MAX_BRIEF_STEPS:,}", scope=_scope(True))
        if self._since is not None and self.seconds + time.monotonic() - self._since > MAX_SECONDS:
            raise Refused("template_time", limit=MAX_SECONDS)

    def text(self, n: int) -> None:
        """Charge ``n`` characters about to be made; refuse a value, a text or a brief too long."""
        if n > MAX_TEXT:
            raise Refused("template_too_long", limit=f"{MAX_TEXT:,}")
        self.made += n
        self.brief_made += n
        if self.made > MAX_MADE:
            raise Refused("template_too_much", limit=f"{MAX_MADE:,}", scope=_scope(False))
        if self.brief_made > MAX_BRIEF_TEXT:
            raise Refused("template_too_much", limit=f"{MAX_BRIEF_TEXT:,}", scope=_scope(True))

    def items(self, n: int) -> None:
        """Charge a list of ``n`` items about to be made."""
        if n > MAX_ITEMS:
            raise Refused("template_too_many", limit=f"{MAX_ITEMS:,}")
        self.step(n)


def text_size(value, limit: int = MAX_TEXT) -> int:
    """The length ``str(value)`` would have, counted without making it; stops soon after ``limit``."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (list, tuple, dict, abc.KeysView, abc.ValuesView, abc.ItemsView)):
        total = 2
        stack = [iter(value.items() if isinstance(value, dict) else value)]
        while stack and total <= limit:
            item = next(stack[-1], stack)
            if item is stack:
                stack.pop()
                continue
            if isinstance(item, (list, tuple, dict)):
                total += 2
                stack.append(iter(item.items() if isinstance(item, dict) else item))
            else:
                total += text_size(item) + 4
        return total
    if isinstance(value, int) and not isinstance(value, bool):
        return value.bit_length() // 3 + 2
    return 40  # numbers, dates, None, Undefined: short


def check_number(value, limit=MAX_NUMBER) -> None:
    """Refuse a number that is not finite or beyond ``limit`` in size (bools and non-numbers pass)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, complex)):
        return
    if isinstance(value, complex):
        raise Refused("number_not_real", value=str(value))
    if isinstance(value, int):
        if value.bit_length() > limit.bit_length() or abs(value) > limit:
            raise Refused("number_too_large", value=_short(value), limit=_limit_text(limit))
        return
    if not math.isfinite(value):
        raise Refused("number_not_finite", value=str(value))
    if abs(value) > limit:
        raise Refused("number_too_large", value=_short(value), limit=_limit_text(limit))


def _short(value) -> str:
    if isinstance(value, int) and value.bit_length() > 64:
        return f"about 10^{int(value.bit_length() * 0.30103)}"
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def _limit_text(limit: int) -> str:
    return f"10^{len(str(limit)) - 1}"


# ---- operators -----------------------------------------------------------------------------

def _is_seq(value) -> bool:
    return isinstance(value, (str, list, tuple))


def _repeat(budget: Budget, seq, times) -> None:
    if isinstance(times, bool) or not isinstance(times, int):
        return
    n = len(seq) * max(times, 0)
    if isinstance(seq, str):
        budget.text(n)
    else:
        budget.items(n)


def _pow_size(base, exp) -> float:
    """log10 of |base ** exp|, without computing it (0 when it cannot grow)."""
    try:
        b = abs(float(base)) if not isinstance(base, int) else abs(base)
        e = float(exp)
    except (TypeError, ValueError, OverflowError):
        return 0.0
    if b in (0, 1) or e <= 0:
        return 0.0
    log_b = math.log10(b) if not isinstance(b, int) or b.bit_length() < 1000 else b.bit_length() * 0.30103
    return log_b * e


def printf_size(template: str, args) -> int:
    """The length ``template % args`` would have, estimated from its fields before formatting."""
    total = len(template)
    positional = list(args) if isinstance(args, tuple) else [args]
    index = 0
    for match in _PRINTF.finditer(template):
        if match["conv"] == "%":
            continue
        for part in ("width", "prec"):
            if match[part] == "*":
                raise Refused("template_star_width")
            if match[part] and int(match[part]) > MAX_TEXT:
                raise Refused("template_too_long", limit=f"{MAX_TEXT:,}")
        if match["key"] is not None and isinstance(args, abc.Mapping):
            value = args.get(match["key"], "")
        else:
            value = positional[index] if index < len(positional) else ""
            index += 1
        total += max(int(match["width"] or 0), int(match["prec"] or 0)) + text_size(value) + 2
    return total


class _CountingFormatter(SandboxedFormatter):
    """``str.format`` that refuses a width past the budget and counts what each field adds."""

    def __init__(self, env, budget: Budget):
        super().__init__(env)
        self._budget = budget

    def format_field(self, value, format_spec):
        if "{" in format_spec:
            raise Refused("template_star_width")
        for number in _SPEC_NUMBERS.findall(format_spec):
            if int(number) > MAX_TEXT:
                raise Refused("template_too_long", limit=f"{MAX_TEXT:,}")
        self._budget.text(text_size(value))
        check_number(value, MAX_ARITH)
        return super().format_field(value, format_spec)


# ---- filters -------------------------------------------------------------------------------

def _whole(filter_name: str, name: str, value, low: int | None = None, high: int | None = None) -> None:
    """Refuse a filter argument that is not a whole number within [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise Refused("filter_argument", filter=filter_name,
                      detail=LocalText(f"{name} must be a whole number, got {value!r}",
                                       f"{name} 应为整数，实际是 {value!r}"))
    if (low is not None and value < low) or (high is not None and value > high):
        span = f"{low}–{high}" if high is not None else f"≥ {low}"
        raise Refused("filter_argument", filter=filter_name,
                      detail=LocalText(f"{name} must be {span}, got {value}", f"{name} 应为 {span}，实际是 {value}"))


def _lines(value) -> int:
    return str(value).count("\n") + 1 if isinstance(value, str) else 1


def _guard_filter(name: str, budget: Budget, value, a: dict) -> None:
    """Check a built-in filter's arguments, and the size of what it would make, before it runs."""
    if name == "center":
        _whole(name, "width", a.get("width", 80), 0, MAX_TEXT)
    elif name == "indent":
        width = a.get("width", 4)
        if isinstance(width, str):
            budget.text(len(value) + _lines(value) * len(width) if isinstance(value, str) else 0)
        else:
            _whole(name, "width", width, 0, MAX_TEXT)
            budget.text(text_size(value) + _lines(value) * width)
    elif name == "truncate":
        end = a.get("end", "...")
        _whole(name, "length", a.get("length", 255), len(str(end)), None)
        if a.get("leeway") is not None:
            _whole(name, "leeway", a["leeway"], 0, None)
    elif name == "wordwrap":
        _whole(name, "width", a.get("width", 79), 1, None)
        budget.text(2 * text_size(value))
    elif name in ("batch", "slice"):
        key = "linecount" if name == "batch" else "slices"
        _whole(name, key, a.get(key), 1, MAX_ITEMS)
        budget.items(a.get(key))
    elif name == "replace":
        old, new = str(a.get("old", "")), str(a.get("new", ""))
        text = str(value) if isinstance(value, str) else ""
        count = a.get("count")
        hits = (len(text) + 1) if old == "" else text.count(old)
        if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
            hits = min(hits, count)
        budget.text(len(text) + hits * max(len(new) - len(old), 0))
    elif name == "join":
        items = value if isinstance(value, (list, tuple, str)) else []
        sep = text_size(a.get("d", ""))
        budget.text(sum(text_size(item) for item in items) + sep * max(len(items) - 1, 0))
    elif name == "format":
        if isinstance(value, str):
            budget.text(printf_size(value, tuple(a.get("args", ())) or dict(a.get("kwargs", {}))))
    elif name == "round":
        _whole(name, "precision", a.get("precision", 0), -30, 30)
    elif name in ("int", "float"):
        if isinstance(value, str):
            budget.text(len(value))


def _guarded(name: str, func, budget: Budget):
    """``func`` (a filter) with its arguments checked and what it makes counted."""
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):  # pragma: no cover - every filter has a signature
        signature = None
    passes = getattr(func, "jinja_pass_arg", None) is not None

    @functools.wraps(func)
    def run(*args, **kwargs):
        budget.step()
        value = args[1] if passes else args[0]
        if signature is not None:
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError as exc:
                try:  # a filter Jinja wraps to pass its context along: the signature lacks that one
                    bound = signature.bind(*args[1:], **kwargs) if passes else None
                except TypeError:
                    bound = None
                if bound is None:
                    raise Refused("filter_argument", filter=name, detail=str(exc)) from None
            named = dict(bound.arguments)
            for param in signature.parameters.values():
                if param.kind is inspect.Parameter.VAR_KEYWORD and param.name in named:
                    named.update(named[param.name])
            _guard_filter(name, budget, value, named)
        if not isinstance(value, str) and name in _STRINGIFY:
            budget.text(text_size(value))
        result = func(*args, **kwargs)
        if isinstance(result, str):
            budget.text(len(result))
        elif isinstance(result, (list, tuple)):
            budget.items(len(result))
        check_number(result, MAX_ARITH)
        return result

    return run


def _bounded(format_number):
    """A number filter that refuses a value beyond ±:data:`MAX_NUMBER` (1e26 in text is an error)."""

    @functools.wraps(format_number)
    def run(value, *args, **kwargs):
        check_number(numbers.to_decimal(value))
        return format_number(value, *args, **kwargs)

    return run


# filters that turn their input into text first
_STRINGIFY = frozenset({"string", "upper", "lower", "title", "capitalize", "trim", "center", "indent",
                        "wordwrap", "truncate", "striptags", "wordcount", "replace", "format", "reverse"})


# ---- the AST: loops counted, `~` counted ---------------------------------------------------

class _Instrument(NodeTransformer):
    """Loops and macros charge their turns; ``a ~ b`` goes through a counted join."""

    def visit_For(self, node):
        self.generic_visit(node)
        node.iter = _call("_loop_items", [node.iter, nodes.Const(_weight(node.body))], node.lineno)
        return node

    def visit_Macro(self, node):
        self.generic_visit(node)
        node.body.insert(0, _charge(node.body, node.lineno))
        return node

    def visit_CallBlock(self, node):
        self.generic_visit(node)
        node.body.insert(0, _charge(node.body, node.lineno))
        return node

    def visit_Concat(self, node):
        self.generic_visit(node)
        return _call("_concat", [nodes.Tuple(list(node.nodes), "load", lineno=node.lineno)], node.lineno)


def _call(attribute: str, args: list, lineno: int) -> nodes.Call:
    call = nodes.Call(nodes.EnvironmentAttribute(attribute), args, [], None, None)
    call.set_lineno(lineno)
    return call


def _weight(body: list) -> int:
    """The literal text ``body`` writes each time it runs (at least 1)."""
    return 1 + sum(len(n.data) for part in body for n in part.find_all(nodes.TemplateData))


def _charge(body: list, lineno: int) -> nodes.Output:
    """An output node that charges, each time ``body`` runs, the literal text it writes."""
    out = nodes.Output([_call("_charge", [nodes.Const(_weight(body))], lineno)])
    out.set_lineno(lineno)
    return out


def instrument(tree: nodes.Template) -> nodes.Template:
    """``tree`` with loop turns, macro calls and ``~`` counted against the budget."""
    return _Instrument().visit(tree)


# ---- the environment -----------------------------------------------------------------------

def _with_meta(func):
    """A 1.1 date filter that reads ``meta`` (its year) from the template's context."""

    @pass_context
    def run(context, value, year: bool = False):
        if not isinstance(year, bool):
            raise Refused("filter_argument", filter=func.__name__,
                          detail=LocalText(f"year must be true or false, got {year!r}",
                                           f"year 应为 true 或 false，实际是 {year!r}"))
        return func(value, context.get("meta"), year=year)

    run.__name__ = func.__name__
    return run


#: filters only a version-1.1 brief has (a version-1 brief that names one is told so)
V11_FILTERS = {"period": periods.period, "date_cn": periods.date_cn, "month_end": periods.month_end}


class Environment(SandboxedEnvironment):
    """Sandboxed Jinja with read-only data, no clock or chance, and every growth checked first."""

    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})

    def __init__(self, version: float = 1):
        super().__init__(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False,
                         optimized=False)
        self.budget = Budget()
        self.finalize = self._finalize
        del self.globals["lipsum"]
        self.globals["range"] = self._range
        for name in _DROPPED_FILTERS:
            self.filters.pop(name, None)
        self.filters.update(number=_bounded(numbers.number), wan=_bounded(numbers.wan),
                            percent=_bounded(numbers.percent), pct=_bounded(numbers.percent),
                            date_cn=dates.date_cn, month_end=dates.month_end)
        if version == 1.1:
            self.filters.update({name: _with_meta(func) for name, func in V11_FILTERS.items()})
            self.globals["growth"] = numbers.growth
        self.filters = {name: _guarded(name, func, self.budget) for name, func in self.filters.items()}
        self.globals["ratio"] = numbers.ratio

    # data keys win over dict methods: {{ x.items }} means the key 'items'
    def getattr(self, obj, attribute):
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj, attr, value) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if modifies_known_mutable(obj, attr):
            raise Refused("template_readonly", method=attr, kind=_kind(obj))
        if attr in _CLOCK_NAMES or (isinstance(obj, (dt.date, dt.time)) and attr not in _DATE_ATTRIBUTES):
            raise Refused("template_clock", name=attr)
        return True

    def wrap_str_format(self, value):
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        f_self, name = value.__self__, value.__name__
        formatter = _CountingFormatter(self, self.budget)

        def run(*args, **kwargs):
            mapping = args[0] if name == "format_map" and args else kwargs
            return formatter.vformat(f_self, () if name == "format_map" else args, mapping)

        return run

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        budget = __self.budget
        budget.step(MACRO_STEPS if isinstance(__obj, (Macro, LoopContext)) else 1)
        _guard_method(budget, __obj, args, kwargs)
        nested = isinstance(__obj, (Macro, LoopContext))
        if isinstance(__obj, LoopContext) and args:
            args = (__self._loop_items(args[0]),) + args[1:]
        if nested:
            budget.depth += 1
            if budget.depth > MAX_DEPTH:
                raise Refused("template_depth", limit=MAX_DEPTH)
        try:
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            if nested:
                budget.depth -= 1
        if isinstance(result, str):
            budget.text(len(result))
        return result

    def call_binop(self, context, operator, left, right):
        budget = self.budget
        budget.step()
        if operator == "*":
            if _is_seq(left):
                _repeat(budget, left, right)
            elif _is_seq(right):
                _repeat(budget, right, left)
            elif isinstance(left, int) and isinstance(right, int) and \
                    left.bit_length() + right.bit_length() > MAX_ARITH.bit_length() + 1:
                raise Refused("number_too_large", value=_short(left * 1 if left.bit_length() < 64 else left),
                              limit=_limit_text(MAX_ARITH))
        elif operator == "**":
            if _pow_size(left, right) > math.log10(MAX_ARITH):
                raise Refused("number_too_large", value=f"{_short(left)} ** {_short(right)}",
                              limit=_limit_text(MAX_ARITH))
        elif operator == "+" and _is_seq(left) and _is_seq(right):
            if isinstance(left, str):
                budget.text(len(left) + len(right))
            else:
                budget.items(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            budget.text(printf_size(left, right))
        elif operator == "-" and (isinstance(left, abc.Set) or isinstance(right, abc.Set)):
            raise Refused("template_set")  # a set's order changes from run to run
        result = self.binop_table[operator](left, right)
        check_number(result, MAX_ARITH)
        if isinstance(result, abc.Set):
            raise Refused("template_set")
        return result

    # -- helpers the instrumented AST calls (reached as environment attributes, not by names) --
    def _loop_items(self, iterable, weight: int = 1):
        """``iterable`` one item at a time, each turn charged a step and the body's literal text."""
        if isinstance(iterable, Undefined):
            iter(iterable)  # StrictUndefined raises with its message
        if isinstance(iterable, abc.Set):
            raise Refused("template_set")
        return self._turns(iterable, weight)

    def _turns(self, iterable, weight: int):
        budget = self.budget
        for item in iterable:
            budget.step()
            budget.text(weight)
            yield item

    def _charge(self, weight: int) -> str:
        self.budget.step()
        self.budget.text(weight)
        return ""

    def _concat(self, parts: tuple) -> str:
        self.budget.text(sum(text_size(p) for p in parts))
        return "".join(str(self._printable(p)) for p in parts)

    def _range(self, *args):
        for arg in args:
            if isinstance(arg, bool) or not isinstance(arg, int):
                raise Refused("filter_argument", filter="range",
                              detail=LocalText(f"range takes whole numbers, got {arg!r}",
                                               f"range 的参数应为整数，实际是 {arg!r}"))
        rng = range(*args)
        self.budget.items(len(rng))
        return rng

    def _printable(self, value):
        """``value`` if its text is the same in every run; a Python object's text is not."""
        if isinstance(value, (str, int, float, Decimal, dt.date, dt.time, Undefined, list, tuple, dict)):
            check_number(value)
            return value
        raise Refused("template_object", kind=_kind(value))

    def _finalize(self, value):
        if value is None:
            raise ValueError("no value (the data is empty)")
        if isinstance(value, bool):
            return "是" if value else "否"
        value = self._printable(value)
        if isinstance(value, (float, Decimal)):
            return numbers.number(value)
        if isinstance(value, (dt.date, dt.datetime)):
            return dates.date_cn(value)
        self.budget.text(text_size(value))
        return value


def _guard_method(budget: Budget, func, args: tuple, kwargs: dict) -> None:
    """Check the size a text method would make (``'x'.center(10**9)``) before it runs."""
    owner = getattr(func, "__self__", None)
    if not isinstance(owner, (str, bytes)):
        return
    name = getattr(func, "__name__", "")
    first = args[0] if args else next(iter(kwargs.values()), None)
    if name in ("center", "ljust", "rjust", "zfill"):
        if isinstance(first, int) and not isinstance(first, bool):
            budget.text(max(first, 0))
    elif name == "expandtabs":
        size = first if isinstance(first, int) and not isinstance(first, bool) else 8
        budget.text(len(owner) + owner.count("\t" if isinstance(owner, str) else b"\t") * max(size, 0))
    elif name == "replace" and len(args) >= 2:
        old, new = args[0], args[1]
        if isinstance(old, type(owner)) and isinstance(new, type(owner)):
            hits = (len(owner) + 1) if not old else owner.count(old)
            budget.text(len(owner) + hits * max(len(new) - len(old), 0))
    elif name == "join" and isinstance(first, (list, tuple)):
        budget.text(sum(text_size(item) for item in first) + len(owner) * max(len(first) - 1, 0))
    elif name == "translate" and isinstance(first, dict):
        longest = max((text_size(v) for v in first.values()), default=1)
        budget.text(len(owner) * max(longest, 1))


def _kind(obj) -> str:
    if isinstance(obj, Macro):
        return "a macro"
    if callable(obj):
        return "a function"
    return {dict: "a mapping", list: "a list", set: "a set"}.get(type(obj), f"a {type(obj).__name__} object")


def known(names) -> str:
    """The names a message lists (filters, tests), ours first then Jinja's, sorted."""
    ours = [n for n in ("number", "wan", "percent", "pct", "date_cn", "month_end", "period") if n in names]
    return ", ".join(ours + sorted(n for n in names if n not in ours))
