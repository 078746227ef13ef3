"""ChartSpec + Style → the parts of a native Word chart: its chartSpace XML and its embedded workbook.

The chartSpace XML comes from python-pptx's ``ChartXmlWriter`` (the same writer PowerPoint charts
use) and is then styled through python-pptx's chart objects: palette colours per series or point,
the style's chart font (``a:latin`` and ``a:ea``) on every text, title with the unit, data labels in
the chart's number format. The workbook is written with XlsxWriter with fixed properties and
re-zipped with fixed timestamps, so the same chart gives the same bytes.

python-pptx is slow to import (≈0.1 s); chart.py imports this module only when a chart's
parts are not in the chart cache.
"""
from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

from lxml import etree
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.chart.xmlwriter import ChartXmlWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE as T
from pptx.enum.chart import XL_DATA_LABEL_POSITION as P
from pptx.enum.chart import XL_LEGEND_POSITION as L
from pptx.enum.chart import XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.oxml import parse_xml as pptx_xml
from pptx.util import Pt

from ... import document as d
from .compat import check_version, pptx_element
from ...charts.plan import ChartPlan, plan, progress_rings
from ...style import Style
from .chart_numbers import label_code, point_labels, stacked_totals, value_axis
from .ooxml import normalised_zip
from .ooxml import A_NS as _A, C_NS as _C, R_NS as _R

check_version("python-pptx")

_FIXED_TIME = dt.datetime(2000, 1, 1)
_CHART_TYPES = {"bar": T.COLUMN_CLUSTERED, "hbar": T.BAR_CLUSTERED, "grouped": T.COLUMN_CLUSTERED,
                "stacked": T.COLUMN_STACKED, "line": T.LINE_MARKERS, "pie": T.PIE, "donut": T.DOUGHNUT,
                "progress": T.DOUGHNUT}


def _n(tag: str) -> str:
    prefix, name = tag.split(":")
    return "{%s}%s" % ({"c": _C, "a": _A, "r": _R}[prefix], name)


def number_format(spec: d.ChartSpec) -> str:
    """The Excel number format of the workbook's cells (the true values): the chart's format as
    far as a code can write it; 万/亿 stay whole numbers (no code divides by 10^4). The labels the
    chart shows are texts of their own (chart_numbers.py)."""
    decimals = _decimals(spec)
    frac = ("." + "0" * decimals) if decimals else ""
    if spec.number_format == "percent":
        return "0" + ("." + "0" * spec.digits if spec.digits else "") + "%"
    if spec.number_format == "thousands":
        return "#,##0" + frac
    if spec.number_format == "wan":
        return "General"
    return "0" + frac


def _decimals(spec: d.ChartSpec) -> int:
    """The fewest decimals (at most ``spec.digits``) that write every value as the text does."""
    values = [v for _, values in spec.series for v in values]
    for decimals in range(spec.digits + 1):
        if all(abs(round(v, decimals) - round(v, spec.digits)) < 1e-9 for v in values):
            return decimals
    return spec.digits


def chart_rows(spec: d.ChartSpec) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[float, ...]], ...]]:
    """(categories, series) as the workbook holds them; a progress chart is (done, rest) of each
    of its rings, innermost first (over the target: the part beyond it, then the target's)."""
    if spec.progress is not None:
        p = spec.progress
        rings = progress_rings(p)
        names = (p.over_label or p.name, p.name) if len(rings) > 1 else (p.name,)
        return (p.done_label, p.rest_label), tuple(zip(names, rings))
    return spec.categories, spec.series


def workbook(spec: d.ChartSpec) -> bytes:
    """The embedded workbook: categories in A2…, each series' name in row 1 and values below it
    (the cells the chart's formulas name); identical bytes for identical input."""
    import xlsxwriter

    categories, series = chart_rows(spec)
    raw = io.BytesIO()
    book = xlsxwriter.Workbook(raw, {"in_memory": True})
    book.set_properties({"created": _FIXED_TIME, "author": "briefmaker"})
    sheet = book.add_worksheet("Sheet1")
    cell = book.add_format({"num_format": number_format(spec)})
    for row, category in enumerate(categories, start=1):
        sheet.write_string(row, 0, category)
    for col, (name, values) in enumerate(series, start=1):
        sheet.write_string(0, col, name)
        for row, value in enumerate(values, start=1):
            sheet.write_number(row, col, value, cell)
    if stacked_totals(spec):  # the column the totals' invisible series reads
        col = len(series) + 1
        sheet.write_string(0, col, "合计")
        for row in range(1, len(categories) + 1):
            total = sum(values[row - 1] for _, values in series)
            sheet.write_formula(row, col, f"=SUM(B{row + 1}:{chr(ord('A') + col - 1)}{row + 1})", cell, total)
    sheet.set_column(0, 0, max([len(c) for c in categories] + [4]) * 2.2)
    book.close()
    return normalised_zip(raw.getvalue())


def chart_xml(spec: d.ChartSpec, style: Style, workbook_rid: str) -> bytes:
    """The chartSpace XML of ``spec`` drawn in ``style``, its data linked to ``workbook_rid``."""
    categories, series = chart_rows(spec)
    fmt = number_format(spec)
    data = CategoryChartData(number_format=fmt)
    data.categories = categories
    for name, values in series:  # plain numbers: python-pptx writes str(value), a bound's 约90
        data.add_series(name, [float(v) for v in values])
    kind = spec.kind
    space = pptx_xml(ChartXmlWriter(_CHART_TYPES[kind], data).xml.encode())
    chart = Chart(space, None)
    role = style.role("chart")
    chart.font.size = Pt(role.size)
    chart.font.color.rgb = RGBColor.from_string("000000")
    drawn = plan(spec, style)
    title = drawn.title
    chart.has_title = bool(title)
    if title:
        chart.chart_title.text_frame.text = title
        chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(role.size + 1.5)
        chart.chart_title.text_frame.paragraphs[0].runs[0].font.bold = False
    chart.has_legend = bool(drawn.legend)
    if chart.has_legend:
        chart.legend.position = L.RIGHT if drawn.legend_place == "right" else L.TOP
        chart.legend.include_in_layout = False
    plot = chart.plots[0]
    _colours(plot, spec, drawn)
    _data_labels(plot, kind, fmt, role.size)
    code = label_code(spec)
    if code:
        plot.data_labels.number_format = code
    _label_texts(plot, point_labels(spec, style), role.size, keep_values=bool(code))
    if drawn.open_ends:
        _open_ends(chart, spec, style, drawn)
    if kind in ("pie", "donut", "progress"):
        hole = pptx_element(plot).find(_n("c:holeSize"))  # no public switch
        if hole is not None:
            hole.set("val", "72" if kind == "progress" else "45")
    else:
        _axes(chart, kind, fmt)
        _line_axis(chart, spec, style)
        _totals(space, spec, len(series), role.size, code)
    for body in space.iterfind(f".//{_n('c:dLbls')}/{_n('c:txPr')}/{_n('a:bodyPr')}"):
        body.set("wrap", "none")  # LibreOffice wraps a long label at a width of its own
    _frame(space)
    _east_asian_fonts(space, role.docx, role.latin)
    external = etree.SubElement(space, _n("c:externalData"))
    external.set(_n("r:id"), workbook_rid)
    etree.SubElement(external, _n("c:autoUpdate")).set("val", "0")
    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)


def _colours(plot, spec: d.ChartSpec, drawn: ChartPlan) -> None:
    """The plan's colours: per series (bars, lines) with a point's own where it differs (muted
    outside ``highlight``), or per point (pies, a progress ring's done and rest)."""
    kind = spec.kind
    plot.vary_by_categories = kind in ("pie", "donut", "progress")
    if kind in ("bar", "hbar", "grouped", "stacked"):
        plot.gap_width = 60 if kind in ("bar", "hbar") else 40
        if kind == "stacked":
            plot.overlap = 100
        for i, s in enumerate(plot.series):
            color = drawn.series[i]
            _fill(s.format, color[1:])
            for j, point in enumerate(drawn.colors[i]):
                if point != color:
                    _fill(s.points[j].format, point[1:])
    elif kind == "line":
        for i, s in enumerate(plot.series):
            color = drawn.colors[i][0][1:]
            s.smooth = False
            s.format.line.color.rgb = RGBColor.from_string(color)
            s.format.line.width = Pt(1.5)
            s.marker.style = XL_MARKER_STYLE.CIRCLE  # as the PDF's "o" markers
            s.marker.size = 5
            _fill(s.marker.format, color)
            s.marker.format.line.color.rgb = RGBColor.from_string(color)
            for j, category in enumerate(spec.categories):
                if category in spec.highlight:
                    s.points[j].marker.size = 9
    else:  # pie, donut, progress: one colour per point (a progress chart's rings: each its own)
        for s, colors in zip(plot.series, drawn.colors):
            for j, color in enumerate(colors):
                point = s.points[j].format
                _fill(point, color[1:])
                point.line.color.rgb = RGBColor.from_string("FFFFFF")


def _data_labels(plot, kind: str, fmt: str, size: float) -> None:
    """Value labels placed as the PDF places them, in the chart's number format."""
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = fmt
    labels.number_format_is_linked = False
    labels.font.size = Pt(size)
    element = pptx_element(labels)  # separator and single labels have no public API
    if kind in ("pie", "donut"):
        # linked: values in the cells' format, shares in Word's own percent format
        labels.number_format_is_linked = True
        labels.show_category_name = kind == "pie"
        labels.show_value = True
        labels.show_percentage = True
        if kind == "pie":
            labels.position = P.OUTSIDE_END
        separator = etree.Element(_n("c:separator"))
        separator.text = "\n"
        element.find(_n("c:showLeaderLines")).addprevious(separator)
    elif kind == "progress":
        labels.show_value = False
        labels.show_percentage = True
        labels.number_format = "0%"
        # the share on the done part only, as the PDF writes it in the ring
        rest = etree.Element(_n("c:dLbl"))
        etree.SubElement(rest, _n("c:idx")).set("val", "1")
        etree.SubElement(rest, _n("c:delete")).set("val", "1")
        element.insert(0, rest)
    else:
        labels.show_value = True
        if kind == "stacked":
            labels.position = P.CENTER
            labels.font.color.rgb = RGBColor.from_string("FFFFFF")
        elif kind == "line":
            labels.position = P.ABOVE
        else:
            labels.position = P.OUTSIDE_END


def _label_texts(plot, labels: list[list[str | None]], size: float, keep_values: bool) -> None:
    """Each point's label as the text the PDF writes there (``keep_values``: the values themselves,
    in a code that writes them so); none where the PDF writes none."""
    for s, texts in zip(plot.series, labels):
        for j, text in enumerate(texts):
            if text is None:
                _delete_label(pptx_element(s), j)
                continue
            if keep_values:
                continue
            frame = s.points[j].data_label.text_frame
            frame.text = text
            frame.word_wrap = False  # LibreOffice wraps a long label at a width of its own
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)


def _open_ends(chart, spec: d.ChartSpec, style: Style, drawn: ChartPlan) -> None:
    """A lower bound's open end as the plan has it: an error bar of type plus, of the plan's
    reach, with no end cap and an arrowhead (Word; LibreOffice draws the line), in the point's
    colour; the point's label moved beyond it by the scene's length of it (a label's own place)."""
    from ...charts.scene import chart_size, layout

    width, height = chart_size(spec, style)
    scene = layout(spec, style)
    scale = scene.scale  # points per unit of value, as the PDF draws it
    hbar = spec.kind == "hbar"
    if spec.kind != "line":  # the value axis the PDF's (a line chart's is already): the arrow's length as drawn there
        chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = scene.value_range
    for j, s in enumerate(chart.plots[0].series):
        reach = drawn.open_ends[j]
        if not any(reach):
            continue
        ser = pptx_element(s)
        colour = drawn.colors[j][next(i for i, r in enumerate(reach) if r)][1:]
        points = "".join(f'<c:pt idx="{i}"><c:v>{r!r}</c:v></c:pt>' for i, r in enumerate(reach))
        bars = etree.fromstring(
            f'<c:errBars xmlns:c="{_C}" xmlns:a="{_A}">'
            + ('<c:errDir val="y"/>' if spec.kind == "line" else "")
            + '<c:errBarType val="plus"/><c:errValType val="cust"/><c:noEndCap val="1"/>'
            f'<c:plus><c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="{len(reach)}"/>{points}'
            '</c:numLit></c:plus>'
            f'<c:spPr><a:ln w="15240" cap="flat"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
            '<a:tailEnd type="triangle" w="med" len="med"/></a:ln></c:spPr></c:errBars>')
        ser.find(_n("c:cat")).addprevious(bars)
        for i, r in enumerate(reach):
            if r:
                shift = r * scale / (width if hbar else height)
                _label_offset(ser, i, shift if hbar else 0.0, 0.0 if hbar else -shift)


def _label_offset(ser, idx: int, x: float, y: float) -> None:
    """Point ``idx``'s label moved by (``x``, ``y``), fractions of the chart's width and height."""
    labels = ser.find(_n("c:dLbls"))
    label = next((el for el in labels.findall(_n("c:dLbl")) if el.find(_n("c:idx")).get("val") == str(idx)), None)
    if label is None:
        label = etree.fromstring(
            f'<c:dLbl xmlns:c="{_C}"><c:idx val="{idx}"/><c:showLegendKey val="0"/><c:showVal val="1"/>'
            '<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>'
            '</c:dLbl>')
        existing = [el for el in labels if el.tag == _n("c:dLbl") and int(el.find(_n("c:idx")).get("val")) < idx]
        if existing:
            existing[-1].addnext(label)
        else:
            labels.insert(0, label)
    layout = etree.fromstring(f'<c:layout xmlns:c="{_C}"><c:manualLayout><c:x val="{round(x, 4)}"/>'
                              f'<c:y val="{round(y, 4)}"/></c:manualLayout></c:layout>')
    label.find(_n("c:idx")).addnext(layout)


def _delete_label(ser, idx: int) -> None:
    labels = ser.find(_n("c:dLbls"))
    if labels is None:
        labels = etree.SubElement(ser, _n("c:dLbls"))
        _after(ser, labels, ("c:tx", "c:spPr", "c:invertIfNegative", "c:pictureOptions", "c:marker", "c:dPt"))
    label = etree.Element(_n("c:dLbl"))
    etree.SubElement(label, _n("c:idx")).set("val", str(idx))
    etree.SubElement(label, _n("c:delete")).set("val", "1")
    existing = [el for el in labels if el.tag == _n("c:dLbl")]
    if existing:
        existing[-1].addnext(label)
    else:
        labels.insert(0, label)


def _after(parent, element, tags) -> None:
    """Move ``element`` behind the last child of ``parent`` among ``tags`` (schema order)."""
    parent.remove(element)
    before = [c for c in parent if c.tag in {_n("c:idx"), _n("c:order")} | {_n(t) for t in tags}]
    if before:
        before[-1].addnext(element)
    else:
        parent.insert(0, element)


def _line_axis(chart, spec: d.ChartSpec, style: Style) -> None:
    """The line chart's value axis on the PDF's ticks, labelled only where a code writes them exactly."""
    axis = value_axis(spec, style)
    if axis is None:
        return
    value_axis_ = chart.value_axis
    value_axis_.minimum_scale, value_axis_.maximum_scale = axis.low, axis.high
    value_axis_.major_unit = axis.step
    if axis.code is None:
        value_axis_.tick_label_position = XL_TICK_LABEL_POSITION.NONE
    else:
        value_axis_.tick_labels.number_format = axis.code


def _totals(space, spec: d.ChartSpec, series_count: int, size: float, code: str | None) -> None:
    """A stacked chart's column totals above the columns, as the PDF writes them: an invisible line
    series on the same axes whose labels are the totals (its legend entry deleted)."""
    totals = stacked_totals(spec)
    if totals is None:
        return
    plot_area = space.find(f"{_n('c:chart')}/{_n('c:plotArea')}")
    bars = plot_area.find(_n("c:barChart"))
    axis_ids = [el.get("val") for el in bars.findall(_n("c:axId"))]
    values = [sum(v[i] for _, v in spec.series) for i in range(len(spec.categories))]
    column = chr(ord("A") + series_count + 1)
    points = "".join(f'<c:pt idx="{i}"><c:v>{v!r}</c:v></c:pt>' for i, v in enumerate(values))
    cats = "".join(f'<c:pt idx="{i}"><c:v>{escape(c)}</c:v></c:pt>' for i, c in enumerate(spec.categories))
    labels = "" if code else "".join(
        f'<c:dLbl><c:idx val="{i}"/><c:tx><c:rich><a:bodyPr wrap="none"/><a:lstStyle/><a:p><a:r>'
        f'<a:rPr lang="zh-CN" sz="{round(size * 100)}"/><a:t>{escape(t)}</a:t></a:r></a:p></c:rich></c:tx>'
        '<c:dLblPos val="t"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbl>'
        for i, t in enumerate(totals))
    count = len(values)
    line = etree.fromstring(
        f'<c:lineChart xmlns:c="{_C}" xmlns:a="{_A}"><c:grouping val="standard"/><c:varyColors val="0"/>'
        f'<c:ser><c:idx val="{series_count}"/><c:order val="{series_count}"/>'
        f'<c:tx><c:strRef><c:f>Sheet1!${column}$1</c:f><c:strCache><c:ptCount val="1"/>'
        '<c:pt idx="0"><c:v>合计</c:v></c:pt></c:strCache></c:strRef></c:tx>'
        '<c:spPr><a:ln><a:noFill/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>'
        f'<c:dLbls>{labels}'
        + (f'<c:numFmt formatCode="{escape(code, {chr(34): "&quot;"})}" sourceLinked="0"/>' if code else "")
        + '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
        '<c:dLblPos val="t"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
        f'<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${count + 1}</c:f><c:strCache><c:ptCount val="{count}"/>'
        f'{cats}</c:strCache></c:strRef></c:cat>'
        f'<c:val><c:numRef><c:f>Sheet1!${column}$2:${column}${count + 1}</c:f><c:numCache>'
        f'<c:formatCode>General</c:formatCode><c:ptCount val="{count}"/>{points}</c:numCache></c:numRef></c:val>'
        '<c:smooth val="0"/></c:ser><c:marker val="1"/>'
        + "".join(f'<c:axId val="{a}"/>' for a in axis_ids) + '</c:lineChart>')
    bars.addnext(line)
    legend = space.find(f"{_n('c:chart')}/{_n('c:legend')}")
    if legend is not None:
        entry = etree.fromstring(f'<c:legendEntry xmlns:c="{_C}"><c:idx val="{series_count}"/>'
                                 '<c:delete val="1"/></c:legendEntry>')
        legend.find(_n("c:legendPos")).addnext(entry)


def _axes(chart, kind: str, fmt: str) -> None:
    """Bars: no value axis (the labels carry the values); lines: a value axis with light gridlines."""
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = kind == "line"
    value_axis.visible = kind == "line"
    value_axis.tick_labels.number_format = fmt
    value_axis.tick_labels.number_format_is_linked = False
    if kind == "line":
        value_axis.major_gridlines.format.line.color.rgb = RGBColor.from_string("DDDDDD")
        value_axis.format.line.fill.background()
    category_axis = chart.category_axis
    category_axis.format.line.color.rgb = RGBColor.from_string("555555")
    category_axis.has_major_gridlines = False
    # category names at the bottom, as the PDF writes them, even where values go below zero
    category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if kind == "hbar":  # the first category at the top, as the PDF draws it
        category_axis.reverse_order = True


def _frame(space) -> None:
    """No frame and no rounded corners around the chart area, as the PDF's figure has none."""
    if space.find(_n("c:roundedCorners")) is None:  # absent means rounded in Word
        rounded = etree.Element(_n("c:roundedCorners"))
        rounded.set("val", "0")
        before = [c for c in space if c.tag in (_n("c:date1904"), _n("c:lang"))]
        space.insert(space.index(before[-1]) + 1 if before else 0, rounded)
    frame = etree.fromstring(f'<c:spPr xmlns:c="{_C}" xmlns:a="{_A}"><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>')
    space.find(_n("c:txPr")).addprevious(frame)


def _fill(fmt, color: str) -> None:
    fmt.fill.solid()
    fmt.fill.fore_color.rgb = RGBColor.from_string(color)


def _east_asian_fonts(space, east_asian: str, latin: str) -> None:
    """Every text property of the chart names ``latin`` and, for Chinese, ``east_asian``."""
    for props in space.iter(_n("a:defRPr"), _n("a:rPr")):
        for tag, face in (("a:latin", latin), ("a:ea", east_asian), ("a:cs", latin)):
            el = props.find(_n(tag))
            if el is None:
                el = etree.SubElement(props, _n(tag))
            el.set("typeface", face)
        # schema order: fill before fonts; move fonts behind every other child they precede
        for tag in ("a:latin", "a:ea", "a:cs"):
            el = props.find(_n(tag))
            props.remove(el)
            later = [c for c in props if c.tag in (_n("a:sym"), _n("a:hlinkClick"), _n("a:hlinkMouseOver"),
                                                   _n("a:rtl"), _n("a:extLst"))]
            if later:
                later[0].addprevious(el)
            else:
                props.append(el)


