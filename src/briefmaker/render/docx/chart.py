"""A native Word chart in the DOCX: a DrawingML chart part with its numbers in an embedded
workbook (right-click → Edit Data in Word/WPS), related to the document part and placed inline.

The two parts are made by chartspace.py and kept in the chart cache, so a rebuild of an
unchanged chart neither imports python-pptx nor writes a workbook.
"""
from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

from ... import document as d
from ...charts.cache import ChartCache, chart_key
from ...charts.scene import chart_size
from ...style import Style
from .compat import add_part, next_shape_id
from .ooxml import A_NS as _A, C_NS as _C, R_NS as _R

#: the chart kinds written as native charts; every kind of the charts issue has a Word equivalent
NATIVE_KINDS = ("bar", "hbar", "grouped", "stacked", "line", "pie", "donut", "progress")

CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_EMU_PER_PT = 12700
_WORKBOOK_RID = "rId1"  # the chart part's only relationship


def chart_parts(spec: d.ChartSpec, style: Style, cache: ChartCache) -> tuple[bytes, bytes]:
    """(chartSpace XML, embedded workbook) of ``spec``, from the cache when made before."""
    def made(kind: str):
        def make() -> bytes:
            from . import chartspace as space

            if kind == "xlsx":
                return space.workbook(spec)
            return space.chart_xml(spec, style, _WORKBOOK_RID)
        return make

    xml = cache.fetch(chart_key(spec, style, "docx-chart"), made("xml"), ".chart.xml")
    xlsx = cache.fetch(chart_key(spec, style, "docx-workbook"), made("xlsx"), ".xlsx")
    return xml, xlsx


def add_chart(doc_part, spec: d.ChartSpec, style: Style, title: str, alt: str, cache: ChartCache):
    """Add ``spec`` as a chart part (with its embedded workbook) related to ``doc_part``; returns
    the ``wp:inline`` element to put in a run, sized as the PDF draws it, with alt text."""
    package = doc_part.package
    xml, xlsx = chart_parts(spec, style, cache)
    xlsx_part = add_part(package, "/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx", XLSX_CT, xlsx)
    chart_part = add_part(package, "/word/charts/chart%d.xml", CHART_CT, xml)
    rid = chart_part.relate_to(xlsx_part, RT.PACKAGE)
    assert rid == _WORKBOOK_RID, rid
    chart_rid = doc_part.relate_to(chart_part, RT.CHART)
    width, height = chart_size(spec, style)
    shape_id = next_shape_id(doc_part)
    inline = parse_xml(
        '<wp:inline distT="0" distB="0" distL="0" distR="0" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        f'xmlns:a="{_A}" xmlns:c="{_C}" xmlns:r="{_R}">'
        f'<wp:extent cx="{round(width * _EMU_PER_PT)}" cy="{round(height * _EMU_PER_PT)}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="Chart {shape_id}"/>'
        '<wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{_C}"><c:chart r:id="{chart_rid}"/></a:graphicData></a:graphic>'
        '</wp:inline>'
    )
    doc_pr = inline.find("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    doc_pr.set("title", title or "")
    doc_pr.set("descr", alt)
    return inline
