#!/usr/bin/env python3
"""The baseline the benchmark compares against: the seed article built "the obvious way".

python-docx for the DOCX, ReportLab platypus Paragraphs with wordWrap='CJK' for the PDF, and four
matplotlib bar charts saved as PNG and placed in both. No caching, no typesetting rules of our
own. Usage: python3 benchmarks/baseline.py OUTDIR
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "changxing-2020.txt"
FONT = ROOT / "src" / "briefmaker" / "fonts" / "fang.ttf"
BOLD = ROOT / "src" / "briefmaker" / "fonts" / "hei.ttf"
CHARTS = [
    ("疫情防控投入力量", {"机关干部": 230, "下沉干部": 150, "村社区干部": 120, "志愿者": 1200}),
    ("捐赠情况", {"企事业单位": 31, "爱心人士": 100}),
    ("消毒消杀", {"洒水车": 8, "主次干道": 23, "小区": 66}),
    ("老旧小区改造", {"已完成": 1, "已鉴定": 1, "推进中": 7}),
]


def charts() -> list[bytes]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    font_manager.fontManager.addfont(str(FONT))
    plt.rcParams["font.family"] = font_manager.FontProperties(fname=str(FONT)).get_name()
    out = []
    for title, data in CHARTS:
        fig, ax = plt.subplots(figsize=(6, 3.2))
        ax.bar(list(data), list(data.values()), color="#C00000")
        ax.set_title(title)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=200)
        plt.close(fig)
        out.append(buffer.getvalue())
    return out


def main(outdir: str) -> None:
    from docx import Document
    from docx.shared import Mm, Pt
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    paragraphs = [p.strip().lstrip("#").strip() for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    pngs = charts()

    pdfmetrics.registerFont(TTFont("Fang", str(FONT)))
    pdfmetrics.registerFont(TTFont("Hei", str(BOLD)))
    body = ParagraphStyle("body", fontName="Fang", fontSize=16, leading=28, firstLineIndent=32, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, fontName="Hei", firstLineIndent=0)
    # a chart after every fifth of the text
    after = {len(paragraphs) * (k + 1) // (len(pngs) + 1): png for k, png in enumerate(pngs)}
    story = []
    for i, text in enumerate(paragraphs):
        story.append(Paragraph(text, head if len(text) < 30 else body))
        if i in after:
            story += [Spacer(1, 4 * mm), Image(io.BytesIO(after[i]), width=150 * mm, height=80 * mm), Spacer(1, 4 * mm)]
    SimpleDocTemplate(str(out / "baseline.pdf"), pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm,
                      topMargin=37 * mm, bottomMargin=35 * mm).build(story)

    document = Document()
    document.styles["Normal"].font.name = "仿宋_GB2312"
    document.styles["Normal"].font.size = Pt(16)
    for i, text in enumerate(paragraphs):
        document.add_paragraph(text)
        if i in after:
            document.add_picture(io.BytesIO(after[i]), width=Mm(150))
    document.save(str(out / "baseline.docx"))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "out/baseline")
