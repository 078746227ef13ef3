"""Chart specs in the brief → :class:`ChartSpec` with every number resolved and checked.

Called by ``compose`` (which owns the data and the problem list); draws nothing.
"""
from __future__ import annotations

from .. import document as d
from ..brief import model as m
from ..text import numbers
from ..charts.labels import share_text, value_text
from .terms import term
from ..text.bounds import Bound

SINGLE_SERIES = ("bar", "hbar", "pie", "donut")


def _fmt(value: float) -> str:
    return numbers.number(value)


def resolve_chart(spec: m.ChartBody, path: tuple, composer) -> d.Figure | None:
    """The resolved chart, or None after recording located problems on ``composer``."""
    before = len(composer.problems)
    title = composer.text(spec.title, path + ("title",))
    unit = composer.text(spec.unit, path + ("unit",))
    categories: list[str] = []
    series: list[tuple[str, tuple[float, ...]]] = []
    progress: d.Progress | None = None

    def bad(where: tuple, code: str, **params) -> None:
        composer.add(path + where, code, **params)

    if spec.kind == "progress":
        if spec.value is None or spec.total is None:
            bad(("value",) if spec.value is None else ("total",), "chart_progress_needs")
        else:
            done = composer.number(spec.value, path + ("value",))
            total = composer.number(spec.total, path + ("total",))
            if done is not None and total is not None:
                if total <= 0:
                    bad(("total",), "chart_total_positive", total=_fmt(total))
                elif done < 0:
                    bad(("value",), "chart_negative_value", value=_fmt(done))
                labels = spec.labels or {}
                progress = d.Progress(done, total, labels.get("done", term("progress_done")),
                                      labels.get("rest", term("progress_rest")), title or term("progress"),
                                      term("progress_over"))
    elif spec.series is not None:
        categories = [composer.text(c, path + ("categories", i)) for i, c in enumerate(spec.categories or [])]
        if not categories:
            bad(("categories",), "chart_no_categories")
        for name, values in spec.series.items():
            where = path + ("series", name)
            if isinstance(values, str):
                values = _named(values, where, composer, list, "chart_needs_list")
                if values is None:
                    continue
                resolved = [composer.number(v, where) for v in values]
            else:
                resolved = [composer.number(v, where + (i,)) for i, v in enumerate(values)]
            if not resolved:
                bad(("series", name), "chart_series_empty", name=name)
                continue
            if categories and len(resolved) != len(categories):
                bad(("series", name), "chart_series_length", name=name, got=len(resolved), want=len(categories))
            if all(v is not None for v in resolved):
                series.append((composer.text(name, where), tuple(resolved)))
    elif spec.data is not None:
        data = spec.data
        where = path + ("data",)
        if isinstance(data, str):
            data = _named(data, where, composer, dict, "chart_needs_mapping")
            items = [(k, composer.number(v, where)) for k, v in (data or {}).items()]
        else:
            items = [(k, composer.number(v, where + (k,))) for k, v in data.items()]
        if data is not None and not items:
            bad(("data",), "chart_empty")
        categories = [composer.text(k, where) for k, _ in items]
        found = tuple(v for _, v in items)
        if items and all(v is not None for v in found):
            series = [(unit or title or "", tuple(v if isinstance(v, Bound) else float(v)
                                                  for v in found if v is not None))]
    else:
        bad(("data",), "chart_no_data")

    if spec.kind in ("pie", "donut"):
        for (_, numbers_), key in zip(series, spec.series or [None]):
            values_at = ("series", key) if key is not None else ("data",)
            negative = [c for c, v in zip(categories, numbers_) if v < 0]
            if negative:
                bad(values_at, "chart_pie_negative", kind=spec.kind, labels="、".join(negative))
            elif not sum(numbers_):
                bad(values_at, "chart_pie_zero", kind=spec.kind)
    if spec.kind in SINGLE_SERIES and len(series) > 1:
        bad(("series",), "chart_one_series", kind=spec.kind)

    clean = len(composer.problems) == before
    if spec.sort != "none" and spec.kind in ("line", "progress"):
        bad(("sort",), "chart_option_kind", option="sort", kind=spec.kind)
    highlight = _highlight(spec, path, composer, categories if clean else None)

    if len(composer.problems) > before or (spec.kind == "progress" and progress is None):
        return None
    if spec.sort != "none":
        categories, series = _sorted(categories, series, descending=spec.sort == "descending")
    percent_digits = spec.format == "percent" or spec.kind == "progress"  # a progress chart's share is one
    digits = 0 if percent_digits and "digits" not in spec.model_fields_set else spec.digits
    # a progress chart's counts are counts: `percent` says how its share is written, which it always is
    number_format = "plain" if spec.kind == "progress" and spec.format == "percent" else spec.format
    chart = d.ChartSpec(spec.kind, title, tuple(categories), tuple(series), unit, spec.width,
                        number_format, digits, highlight, progress)
    caption = composer.text(spec.caption, path + ("caption",)) or title
    alt = composer.text(spec.alt, path + ("alt",)) or describe_chart(chart)
    return d.Figure(chart, caption, composer.caption_place("chart"), alt, spec.width, source=composer.where(path))


def _highlight(spec: m.ChartBody, path: tuple, composer, categories: list[str] | None) -> tuple[str, ...]:
    """The highlighted categories, checked against the chart's (None: not checkable, data was bad)."""
    if spec.highlight is None:
        return ()
    if spec.kind == "progress":
        composer.add(path + ("highlight",), "chart_option_kind", option="highlight", kind=spec.kind)
        return ()
    many = isinstance(spec.highlight, list)
    wanted = spec.highlight if many else [spec.highlight]
    labels = []
    for i, label in enumerate(wanted):
        where = path + ("highlight",) + ((i,) if many else ())
        text = composer.text(label, where)
        if categories is not None and text not in categories:
            composer.add(where, "chart_highlight_unknown", label=text, known="、".join(categories))
        labels.append(text)
    return tuple(labels)


def _sorted(categories: list[str], series: list, descending: bool) -> tuple[list[str], list]:
    """Categories and every series reordered by the category's value (sum over series); ties keep order."""
    totals = [sum(values[i] for _, values in series) for i in range(len(categories))]
    order = sorted(range(len(categories)), key=lambda i: totals[i], reverse=descending)
    return ([categories[i] for i in order],
            [(name, tuple(values[i] for i in order)) for name, values in series])


def describe_chart(chart: d.ChartSpec) -> str:
    """Alt text in words, from the same numbers the chart draws, in its number format.

    bar/hbar: each category's value; pie/donut: each value and its share; grouped/line: each
    series in turn; stacked: each series, then each category's total; progress: part, whole, share.
    """
    unit = chart.unit

    def v(value: float) -> str:
        return value_text(value, chart) + unit

    head = f"{chart.title}：" if chart.title else ""
    if chart.progress is not None:
        done, total = chart.progress.done, chart.progress.target
        return f"{head}{chart.progress.done_label}{v(done)}，共{v(total)}，占{share_text(done, total, chart.digits)}。"
    if chart.kind in ("pie", "donut"):
        values = chart.series[0][1]
        whole = sum(values)
        return head + "，".join(f"{c}{v(x)}（占{share_text(x, whole)}）"
                                for c, x in zip(chart.categories, values)) + "。"
    parts = []
    for name, values in chart.series:
        pairs = "，".join(f"{c}{v(x)}" for c, x in zip(chart.categories, values))
        parts.append(f"{name}：{pairs}" if len(chart.series) > 1 and name else pairs)
    if chart.kind == "stacked" and len(chart.series) > 1:
        sums = [sum(values[i] for _, values in chart.series) for i in range(len(chart.categories))]
        parts.append("合计：" + "，".join(f"{c}{v(x)}" for c, x in zip(chart.categories, sums)))
    return head + "；".join(parts) + "。"


def _named(name: str, where: tuple, composer, kind: type, code: str):
    """The data value ``name`` when it is a ``kind`` (dict or list); otherwise None, with the
    problem (``no_data`` or ``code``) added at ``where``."""
    from ..text.expand import lookup

    try:
        value = lookup(composer.expander.namespace, name)
    except KeyError:
        composer.add(where, "no_data", name=name, hint=composer.expander._hint(name))
        return None
    if not isinstance(value, kind):
        composer.add(where, code, name=name)
        return None
    return value
