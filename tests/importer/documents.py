"""Five summaries of other shapes than the seed, written once as structure and produced as .txt,
as a .docx made with python-docx (Word numbering, bold runs, fields, tracked changes, a text box,
a table, a picture) and as a .docx LibreOffice makes from the .txt."""
from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

# entries: (kind, …). kinds: title, subtitle, h (level, label, text), runin (level, label, head, rest),
# p (text), lead (lead, rest), table (caption, rows), picture (caption), byline, sig (unit), date (text),
# broken (text, cut): a paragraph the source cuts in two at a page end
DOCUMENTS = {
    "minzheng": [
        ("title", "青山区民政局2021年工作总结"),
        ("p", "2021年，区民政局在区委、区政府的坚强领导下，坚持以人民为中心的发展思想，聚焦兜底保障、养老服务和社会事务管理，各项工作取得新进展。现将有关情况总结如下："),
        ("h", 1, "一、", "2021年主要工作"),
        ("h", 2, "（一）", "兜牢民生底线"),
        ("p", "全年累计发放城乡低保金1.86亿元，惠及困难群众3.5万户、5.2万人；发放特困人员供养金2860万元，保障特困人员1250人。"),
        ("h", 2, "（二）", "提升养老服务水平"),
        ("h", 3, "1.", "推进社区养老设施建设"),
        ("p", "新建社区日间照料中心12个，改造提升敬老院4所，新增养老床位680张，全区养老床位总数达到5600张。"),
        ("h", 3, "2.", "发展居家养老服务"),
        ("p", "为2300名高龄、失能老人提供居家上门服务，累计服务18.6万人次，老人满意率达98.5%。"),
        ("h", 2, "（三）", "加强社会事务管理"),
        ("p", "办理结婚登记3126对、离婚登记1045对；深化殡葬改革，全区火化率达到100%。"),
        ("h", 1, "二、", "存在的问题"),
        ("p", "一是养老服务供给总量不足，护理型床位占比偏低；二是基层民政力量薄弱，部分街道民政专干仅有1名。"),
        ("h", 1, "三、", "2022年工作打算"),
        ("p", "2022年，我局将继续完善社会救助体系，力争新增养老床位500张，2022年6月底前完成全部社区养老设施改造。"),
        ("sig", "青山区民政局"),
        ("date", "2021年12月28日"),
    ],
    "hongqi": [
        ("title", "红旗镇2021年经济社会发展情况报告"),
        ("p", "今年以来，全镇上下坚持稳中求进工作总基调，统筹推进疫情防控和经济社会发展。现将有关情况报告如下："),
        ("h", 1, "一、", "主要指标完成情况"),
        ("runin", 2, "（一）", "经济运行稳中向好。", "坚持项目为王，全年完成固定资产投资25.6亿元，同比增长12.4%；规上工业增加值完成8.3亿元。"),
        ("runin", 2, "（二）", "财政收入稳步增长。", "完成一般公共预算收入3.12亿元，为年度目标3.5亿元的89.1%。"),
        ("runin", 2, "（三）", "民生投入持续加大。", "民生支出达2.4亿元，新增城镇就业1860人，发放创业担保贷款3200万元。"),
        ("p", "总的看，全镇主要指标完成情况好于预期，为“十四五”开好局奠定了坚实基础。"),
        ("h", 1, "二、", "存在的问题"),
        ("p", "工业经济总量偏小，新兴产业占比不高；部分项目推进缓慢，要素保障仍有短板。"),
        ("h", 1, "三、", "明年工作安排"),
        ("runin", 2, "（一）", "抓项目促投资。", "计划实施重点项目36个，总投资48亿元。"),
        ("runin", 2, "（二）", "抓民生补短板。", "新建改建农村公路15公里，2022年9月底前全部完工。"),
        ("sig", "红旗镇人民政府"),
        ("date", "2021年12月20日"),
    ],
    "chuangwen": [
        ("title", "创文工作简报"),
        ("subtitle", "——第12期"),
        ("p", "11月以来，全区上下紧盯测评指标，以问题整改为抓手，推动创文工作提档升级。"),
        ("lead", "强化督查问效。", "本月共开展专项督查8次，发现问题136个，已整改129个，整改率94.9%。"),
        ("table", "表1 各街道问题整改情况", [["街道", "发现问题", "已整改", "整改率"],
                                         ["东城街道", "52个", "50个", "96.2%"],
                                         ["西城街道", "48个", "45个", "93.8%"],
                                         ["南湖街道", "36个", "34个", "94.4%"]]),
        ("picture", "图1 督查组在南湖街道检查背街小巷"),
        ("lead", "深化志愿服务。", "组织志愿者2600余人次开展文明劝导，清理卫生死角420处。"),
        ("p", "下一步，区创文办将持续开展“回头看”，确保问题整改不反弹。"),
        ("byline", "区创文办 供稿"),
    ],
    "shierzhong": [
        ("title", "市第十二中学2021学年工作总结"),
        ("p", "本学年，学校围绕“六个一”育人目标，扎实推进教育教学改革，办学质量稳步提升。"),
        ("h", 1, "一、", "教育教学"),
        ("h", 3, "1.", "高考成绩再创新高"),
        ("p", "2021年高考，我校本科上线856人，本科上线率达92.6%，学生张明获全市第3名。"),
        ("h", 3, "2.", "课堂改革深入推进"),
        ("p", "开展公开课126节，教师获市级以上奖励48项，学校2号教学楼改造为5G智慧教室。"),
        ("h", 1, "二、", "校园建设"),
        ("p", "投入资金360万元完成操场改造，新增图书1.2万册，校园绿化面积达到3400平方米。全年新招聘教师26名，开展家长会32场，家访学生1480人次。"),
        ("h", 1, "三、", "下学年打算"),
        ("p", "10月起实施“青蓝工程”，2022年3月完成新校区规划方案。"),
        ("sig", "市第十二中学"),
        ("date", "2021年7月10日"),
    ],
    "jiedao": [
        ("title", "凝心聚力惠民生 砥砺奋进谱新篇"),
        ("subtitle", "——东风街道2021年工作综述"),
        ("p", "今年以来，东风街道党工委、办事处坚持以党建为引领，全力推进各项工作，辖区面貌焕然一新。"),
        ("h", 1, "一、", "党建引领基层治理"),
        ("broken", "街道建成党群服务中心6个，组建“红色物业”联盟18家，发展网格员320名，实现网格化管理全覆盖。全年共排查矛盾纠纷186起，化解182起，化解率97.8%。", 38),
        ("h", 1, "二、", "城市管理提质增效"),
        ("broken", "完成老旧小区改造11个，惠及居民4200户；新增停车位860个，改造背街小巷23条，拆除违法建设1.5万平方米。", 20),
        ("h", 1, "三、", "民生福祉持续增进"),
        ("p", "新增城镇就业1320人，发放各类救助金680万元，为辖区60岁以上老人免费体检5800人次。"),
        ("byline", "通讯员 王芳 刘洋"),
    ],
}


def paragraph_texts(entries, with_pictures: bool = False) -> list[str]:
    """The text a reader sees, paragraph by paragraph (table cells one by one), in order."""
    out = []
    for entry in entries:
        kind = entry[0]
        if kind == "h":
            out.append(entry[2] + entry[3])
        elif kind == "runin":
            out.append(entry[2] + entry[3] + entry[4])
        elif kind == "lead":
            out.append(entry[1] + entry[2])
        elif kind == "table":
            out.append(entry[1])
            out += [cell for row in entry[2] for cell in row]
        elif kind == "picture":
            if with_pictures:
                out.append(entry[1])
        elif kind == "broken":
            out.append(entry[1])
        else:
            out.append(entry[1])
    return out


def to_text(entries) -> str:
    """The document as plain text pasted from a web page: one paragraph per line, tables with tabs,
    cut sentences split by a blank line and a page number, full-width-space indents, ASCII commas."""
    lines = []
    page = 1
    for entry in entries:
        kind = entry[0]
        if kind in ("title", "subtitle", "byline", "sig", "date"):
            lines.append(entry[1])
        elif kind == "h":
            lines.append(entry[2] + entry[3])
        elif kind == "runin":
            lines.append("\u3000\u3000" + entry[2] + entry[3] + entry[4])
        elif kind == "lead":
            lines.append("\u3000\u3000" + entry[1] + entry[2])
        elif kind == "p":
            lines.append("\u3000\u3000" + entry[1])
        elif kind == "table":
            lines.append(entry[1])
            lines += ["\t".join(row) for row in entry[2]]
        elif kind == "broken":
            text, cut = entry[1], entry[2]
            page += 1
            # the second half of a web extraction: ASCII commas between Chinese characters
            lines += ["\u3000\u3000" + text[:cut], "", f"— {page} —", "", text[cut:].replace("，", ",", 1)]
        lines.append("")
    return "\n".join(lines)


def _bold_run(paragraph, text: str):
    run = paragraph.add_run(text)
    run.bold = True
    return run


_NUMBERING = (
    '<w:abstractNum {ns} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
    '</w:abstractNum>'
)


def _numbered(paragraph, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/><w:numId w:val="90"/></w:numPr>'))


def _add_numbering(document) -> None:
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    abstract = parse_xml(_NUMBERING.format(ns=nsdecls("w")))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (200, 40, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def to_docx(entries, path: Path, word_numbering: bool = False) -> None:
    """The document as Word writes it: Title style, heading styles (numbers from Word's numbering
    definitions when ``word_numbering``), bold leads, a tracked change, a field, a text box, a table,
    a picture, a manual line break where the text cut a sentence."""
    document = Document()
    if word_numbering:
        _add_numbering(document)
    tracked = False
    for entry in entries:
        kind = entry[0]
        if kind == "title":
            document.add_paragraph(entry[1], style="Title")
        elif kind == "subtitle":
            document.add_paragraph(entry[1], style="Subtitle")
        elif kind == "h":
            level, label, text = entry[1], entry[2], entry[3]
            if word_numbering:
                _numbered(document.add_paragraph(text, style=f"Heading {level}"), level)
            else:
                document.add_paragraph(label + text, style=f"Heading {level}")
        elif kind == "runin":
            paragraph = document.add_paragraph()
            _bold_run(paragraph, entry[2] + entry[3])
            paragraph.add_run(entry[4])
        elif kind == "lead":
            paragraph = document.add_paragraph()
            _bold_run(paragraph, entry[1])
            paragraph.add_run(entry[2])
        elif kind == "p":
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(32)
            text = entry[1]
            if not tracked and len(text) > 20:
                tracked = True
                _with_tracked_change(paragraph, text)
            else:
                paragraph.add_run("\u3000\u3000" + text)
        elif kind == "table":
            document.add_paragraph(entry[1], style="Caption")
            rows = entry[2]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        elif kind == "picture":
            document.add_paragraph().add_run().add_picture(io.BytesIO(_png()))
            document.add_paragraph(entry[1], style="Caption")
        elif kind == "broken":
            text, cut = entry[1], entry[2]
            paragraph = document.add_paragraph()
            paragraph.add_run(text[:cut]).add_break()  # a manual line break inside the sentence
            paragraph.add_run(text[cut:])
        elif kind == "byline":
            _text_box(document, entry[1])
        elif kind == "date":
            _date_field(document.add_paragraph(), entry[1])
        else:
            document.add_paragraph(entry[1])
    document.save(str(path))


def _with_tracked_change(paragraph, text: str) -> None:
    """``text`` with a deletion of words that are not in it and an insertion of words that are."""
    half = len(text) // 2
    paragraph.add_run("\u3000\u3000" + text[:half])
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="审稿人" w:date="2021-12-01T00:00:00Z">'
        '<w:r><w:delText>（此处删去的旧文字）</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="审稿人" w:date="2021-12-01T00:00:00Z">'
        f'<w:r><w:t>{text[half:half + 4]}</w:t></w:r></w:ins>'))
    paragraph.add_run(text[half + 4:])


def _date_field(paragraph, shown: str) -> None:
    """A DATE field whose shown result is ``shown`` (the instruction text is not document text)."""
    for xml in ('<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r {ns}><w:instrText xml:space="preserve"> DATE \\@ "yyyy年M月d日" </w:instrText></w:r>',
                '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
                '<w:r {ns}><w:t>' + shown + '</w:t></w:r>',
                '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml.format(ns=nsdecls("w"))))


def _text_box(document, text: str) -> None:
    """``text`` in a VML text box anchored in an empty paragraph."""
    paragraph = document.add_paragraph()
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:200pt;height:30pt"><v:textbox>'
        f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
        '</v:textbox></v:shape></w:pict></w:r>'))


def soffice() -> str | None:
    """The LibreOffice binary, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_docx(text_file: Path, folder: Path) -> Path:
    """``text_file`` converted to .docx by LibreOffice (as a user would: open the text, save as Word)."""
    profile = folder / "lo-profile"
    subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--infilter=Text (encoded):UTF8,LF,,,",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder), str(text_file)],
                   check=True, capture_output=True, timeout=180)
    return folder / (text_file.stem + ".docx")
