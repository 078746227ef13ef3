"""The brief format, versions 1 and 1.1, as typed models.

These models are the single definition of the format: validation, the JSON Schema printed by
``briefmaker schema`` and docs/brief-format.md all follow them. Values here are still raw —
text may hold ``{{ templates }}`` and numbers may be references to ``data`` — ``compose`` resolves them.

Fields marked (1.1) exist only in briefs that say ``version: 1.1``; :mod:`.versions` refuses
them, located, in a version-1 brief, so a version-1 brief reads exactly as it always has.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, StrictInt, StrictStr, Tag
from pydantic_core import PydanticCustomError

Number = Union[StrictInt, Annotated[float, Field(allow_inf_nan=False, strict=True)]]
# A number, or the dotted name of a number in the data section ('epidemic.volunteers').
# Strict: YAML's true/false must not quietly become 1/0, nor .nan/.inf pass as numbers.
NumberOrRef = Union[StrictInt, Annotated[float, Field(allow_inf_nan=False, strict=True)], StrictStr]


# Characters a DOCX cannot hold (XML 1.0 forbids them) and halves of characters (lone surrogates).
_FORBIDDEN = tuple(range(0x00, 0x09)) + (0x0B, 0x0C) + tuple(range(0x0E, 0x20)) + (0xFFFE, 0xFFFF)


def _holdable(text: str) -> str:
    """``text`` unchanged if a DOCX and a PDF can hold every character of it; else a located error."""
    for char in text:
        point = ord(char)
        if 0xD800 <= point <= 0xDFFF:
            raise PydanticCustomError("lone_surrogate", "lone surrogate", {"codepoint": point})
        if point in _FORBIDDEN:
            raise PydanticCustomError("xml_char", "control character", {"codepoint": point})
    return text


# Meta text goes into document properties unexpanded, so it is checked here, as it is read.
MetaText = Annotated[str, AfterValidator(_holdable)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False, frozen=True)


class Meta(_Strict):
    """Facts about the document itself."""

    title: MetaText = Field(pattern=r"\S", description="The headline, e.g. 长兴路街道办事处2020年工作总结; "
                                                       "(1.1) a line break in it is kept")
    subtitle: MetaText | None = Field(None, description="A second title line under the headline; "
                                                        "(1.1) a line break in it is kept")
    unit: MetaText | None = Field(None, description="The issuing unit, e.g. 长兴路街道办事处")
    author: MetaText | None = Field(None, description="Author recorded in the document properties")
    date: dt.date | None = Field(None, description="Date of the document (2020-12-31)")
    year: int | None = Field(None, description="The year the summary covers")
    subject: MetaText | None = None
    keywords: list[MetaText] = Field(default_factory=list)
    issue: int | None = Field(None, description="Issue number of a briefing (第N期)")


class Sentence(_Strict):
    """(1.1) One sentence of a paragraph, named so a brief that extends this one can reword it alone."""

    id: str | None = Field(None, description="A stable name, so a brief that extends this one can replace it")
    text: str = Field(description="The sentence, with its punctuation")


def _sentence_tag(value: Any) -> str | None:
    if isinstance(value, str):
        return "sentence_text"
    return "sentence" if isinstance(value, (dict, Sentence)) else None


SentenceItem = Annotated[
    Union[Annotated[StrictStr, Tag("sentence_text")], Annotated[Sentence, Tag("sentence")]],
    Discriminator(_sentence_tag, custom_error_type="not_a_sentence", custom_error_message="not a sentence"),
]


class Paragraph(_Strict):
    """A paragraph that opens with a bold lead sentence and continues in the same paragraph."""

    lead: str | None = Field(None, description="Bold lead sentence, e.g. 抓好支部建设，筑牢组织基础。")
    text: str | list[SentenceItem] = Field(
        description="The rest of the paragraph; (1.1) or a list of its sentences, each text or {id, text}")
    id: str | None = Field(None, description="A stable name, so a brief that extends this one can replace it")


def _item_id():
    return Field(None, description="(1.1) A stable name, so a brief that extends this one can replace it")


class ChartBody(_Strict):
    """A chart drawn from numbers in the data section (or given inline)."""

    kind: Literal["bar", "hbar", "grouped", "stacked", "line", "pie", "donut", "progress"]
    title: str | None = None
    data: dict[str, NumberOrRef] | str | None = Field(
        None, description="label: number-or-reference, or the name of a mapping in data"
    )
    categories: list[str] | None = Field(None, description="Category labels for multi-series charts")
    series: dict[str, list[NumberOrRef] | str] | None = Field(
        None, description="series name: list of numbers-or-references (one per category)"
    )
    value: NumberOrRef | None = Field(None, description="progress: the part done (e.g. disputes.resolved)")
    total: NumberOrRef | None = Field(None, description="progress: the whole (e.g. disputes.found)")
    unit: str | None = Field(None, description="Unit of the values, e.g. 人, 处, 万元")
    labels: dict[str, str] | None = Field(None, description="progress: names of the done and remaining parts")
    caption: str | None = None
    alt: str | None = Field(None, description="Alt text; generated from the data when omitted")
    width: float = Field(0.8, gt=0, le=1, description="Width as a fraction of the type area")
    format: Literal["plain", "wan", "thousands", "percent"] = Field(
        "plain", description="How values are written: 1200, 3.5万/1.2亿, 12,000, or a ratio as 98%"
    )
    digits: int = Field(2, ge=0, le=6, description="Decimals kept (percent: of the percentage, default 0)")
    sort: Literal["none", "ascending", "descending"] = Field(
        "none", description="Order categories by value (several series: by their sum); not for line or progress"
    )
    highlight: list[str] | str | None = Field(
        None, description="Categories drawn in the accent colour; the others are drawn muted"
    )


class Chart(_Strict):
    id: str | None = _item_id()
    chart: ChartBody


class TableBody(_Strict):
    """A table; cells are text and may quote data."""

    caption: str | None = None
    columns: list[str]
    rows: list[list[str | int | float]]


class Table(_Strict):
    id: str | None = _item_id()
    table: TableBody


class Figure(_Strict):
    """One big number with its unit and a label: 1200余 人 志愿者."""

    value: NumberOrRef
    unit: str | None = None
    label: str
    approx: bool = Field(False, description="Add 余 after the number")
    format: Literal["plain", "wan", "percent"] = "plain"
    digits: int = Field(2, ge=0, le=6, description="Decimals kept (percent: of the percentage)")
    rounding: Literal["half_up", "down"] = Field("half_up", description="'down' for figures quoted as …以上")


class Figures(_Strict):
    id: str | None = _item_id()
    figures: list[Figure] = Field(min_length=1)


class IndicatorRow(_Strict):
    """(1.1) One indicator: its target and result, in its own unit."""

    name: str = Field(description="What is measured, e.g. 地区生产总值")
    unit: str | None = Field(None, description="Unit of target and result, e.g. 亿元, 人, 个")
    target: NumberOrRef = Field(description="目标: a number or the name of one in data")
    done: NumberOrRef = Field(description="完成: a number or the name of one in data")
    format: Literal["plain", "wan"] = Field("plain", description="How target and result are written")


class IndicatorsBody(_Strict):
    """(1.1) Targets and results (目标 / 完成 / 完成率) as a table, and optionally a chart of the rates."""

    caption: str | None = Field(None, description="Table caption, e.g. 表2 主要指标完成情况")
    rows: list[IndicatorRow] = Field(min_length=1)
    digits: int = Field(1, ge=0, le=6, description="Decimals of 完成率")
    chart: bool = Field(False, description="Also draw the rates as a bar chart")
    chart_caption: str | None = Field(None, description="Caption of the chart, e.g. 图2 主要指标完成率")


class Indicators(_Strict):
    id: str | None = _item_id()
    indicators: IndicatorsBody


class ImageBody(_Strict):
    path: str = Field(description="Image file (PNG/JPEG) relative to the brief's folder")
    caption: str | None = None
    alt: str | None = None
    width: float = Field(0.8, gt=0, le=1)


class Image(_Strict):
    id: str | None = _item_id()
    image: ImageBody


class PageBreak(_Strict):
    id: str | None = _item_id()
    page_break: Literal[True]


BLOCK_KEYS = ("chart", "table", "figures", "indicators", "image", "page_break", "title", "text")
# the names pydantic puts into an error's location for the union member it tried
BLOCK_TAGS = frozenset({"paragraph", "lead_paragraph", "chart", "table", "figures", "image", "page_break",
                        "section", "indicators", "sentence", "sentence_text", "str", "int", "float"})


def block_tag(value: Any) -> str | None:
    """Which kind of body item ``value`` is: decided by its key, so errors name the right fields."""
    if isinstance(value, str):
        return "paragraph"
    if isinstance(value, dict):
        for key in BLOCK_KEYS:
            if key in value:
                return {"text": "lead_paragraph", "title": "section"}.get(key, key)
        if "lead" in value:
            return "lead_paragraph"
        return None
    if isinstance(value, BaseModel):
        return {Paragraph: "lead_paragraph", Chart: "chart", Table: "table", Figures: "figures",
                Image: "image", PageBreak: "page_break", Section: "section",
                Indicators: "indicators"}.get(type(value))
    return None


Block = Annotated[
    Union[
        Annotated[str, Tag("paragraph")],
        Annotated[Paragraph, Tag("lead_paragraph")],
        Annotated[Chart, Tag("chart")],
        Annotated[Table, Tag("table")],
        Annotated[Figures, Tag("figures")],
        Annotated[Image, Tag("image")],
        Annotated[PageBreak, Tag("page_break")],
        Annotated["Section", Tag("section")],
        Annotated[Indicators, Tag("indicators")],
    ],
    Discriminator(block_tag, custom_error_type="not_a_block",
                  custom_error_message="not a body item"),
]


class Section(_Strict):
    """A numbered section: a heading, its body, and deeper sections."""

    title: str = Field(description="The heading, without its number; (1.1) a line break in it is kept")
    id: str | None = Field(None, description="A stable name for this section (used by extends)")
    run_in: bool = Field(False, description="(1.1) Set the heading at the start of its first paragraph "
                                            "(（一）经济运行稳中向好。坚持……), in the heading's font")
    body: list[Block] = Field(default_factory=list, description="Paragraphs, charts …; (1.1) and subsections "
                                                                "(items with title:), in the order written")
    sections: list["Section"] = Field(default_factory=list, description="Deeper sections, after the body")


class Signature(_Strict):
    unit: str
    date: dt.date


class Distribution(_Strict):
    """Who receives the document: 报/送/发 for briefings, 抄送 for 公文, and the print note."""

    report_to: list[str] = Field(default_factory=list, description="报: superiors")
    send_to: list[str] = Field(default_factory=list, description="送: peers")
    issue_to: list[str] = Field(default_factory=list, description="发: subordinates")
    cc: list[str] = Field(default_factory=list, description="抄送")
    printed_by: str | None = Field(None, description="印发机关")
    printed_on: dt.date | None = Field(None, description="印发日期")
    copies: int | None = Field(None, ge=1, description="共印N份")


class EmailRecipient(_Strict):
    """One recipient written out in full: a display name and an address."""

    name: str | None = Field(None, description="Display name, e.g. 区委办公室")
    address: str = Field(description="Email address, e.g. office@example.gov.cn")


class Email(_Strict):
    """How `briefmaker send` emails the finished document (see docs/email.md)."""

    subject: str | None = Field(None, description="Subject (template); default: the title")
    body: str | None = Field(None, description="Message text (template); default: a short cover note")
    to: list[Union[StrictStr, EmailRecipient]] = Field(
        default_factory=list,
        description="Recipients: an address, a name from the address book, or {name, address}; "
                    "default: every name on the distribution list, looked up in the address book",
    )
    address_book: str | None = Field(None, description="YAML or CSV file of name → address, relative to the brief")


class Brief(_Strict):
    """A whole brief: meta, data, text and the closing blocks."""

    version: Literal[1, 1.1] = Field(  # type: ignore[valid-type]  # 1.1: a float literal, the format's own
        1, description="Brief format version: 1, or 1.1 for the newer capabilities")
    extends: str | None = Field(None, description="A brief (template) this one builds on, relative to this file")
    style: str = Field("gongwen", description="Style template name")
    previous: str | None = Field(None, description="(1.1) Last year's brief, or a data file of its figures (YAML "
                                                    "with data: and year:, or a one-row CSV/XLSX), relative to this "
                                                    "file: its data (and computed) is quoted as previous.…, "
                                                    "e.g. previous.gdp")
    meta: Meta
    data: dict[str, Any] = Field(default_factory=dict, description="Facts and figures that text and charts quote")
    computed: dict[str, str] = Field(
        default_factory=dict,
        description="name: expression over data, e.g. disputes.rate: disputes.resolved / disputes.found",
    )
    opening: list[Block] = Field(default_factory=list, description="Paragraphs before the first section")
    sections: list[Section] = Field(default_factory=list)
    closing: list[Block] = Field(default_factory=list, description="Paragraphs after the last section")
    byline: str | None = Field(None, description="Byline at the end, e.g. 栾月琳 王勤文/图")
    signature: Signature | None = None
    distribution: Distribution | None = None
    email: Email | None = Field(None, description="Emailing the finished document (briefmaker send)")


Section.model_rebuild()

TAG_MODELS = {"lead_paragraph": Paragraph, "chart": Chart, "table": Table, "figures": Figures, "image": Image,
              "page_break": PageBreak, "section": Section, "indicators": Indicators}
