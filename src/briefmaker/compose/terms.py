"""The words briefmaker itself puts into a document (not the brief's): one table, so no writer
makes text. Templates take ``str.format`` fields."""
from __future__ import annotations

TERMS: dict[str, str] = {
    "contents": "目　录",  # the table of contents' title
    "draft": "草稿",  # stamped on every page of a --draft build
    "report_to": "报", "send_to": "送", "issue_to": "发", "cc": "抄送",  # 版记 labels
    "distribution_line": "{label}：{names}。",
    "name_separator": "，",
    "printed_on": "{date}印发",
    "copies": "（共印{n}份）",
    "note_separator": "　",
    "progress_done": "已完成", "progress_rest": "未完成",  # a progress chart's parts, unless the brief names them
    "progress": "进度",  # an untitled progress chart's series name (in the Word chart's workbook)
    "progress_over": "超额部分",  # the part of a progress chart beyond its target (the inner ring's series)
    # an indicators block's table columns (1.1); 完成率 also titles and names its chart's series
    "indicator_name": "指标", "indicator_unit": "单位", "indicator_target": "目标", "indicator_done": "完成",
    "indicator_rate": "完成率",
    "indicator_no_unit": "—",  # the 单位 cell of a row without a unit
    "indicator_alt": "{rate}：{items}。",  # the rates chart's alt text: 完成率：地区生产总值105.2%，…。
}


def term(key: str, **fields: object) -> str:
    """The term ``key`` with ``fields`` filled in."""
    text = TERMS[key]
    return text.format(**fields) if fields else text
