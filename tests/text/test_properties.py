from types import SimpleNamespace

from briefmaker.text.properties import LIMIT, core_properties, property_text


def test_short_text_is_kept_on_one_line():
    assert property_text("  第一行\n第二行\t制表  ") == "第一行 第二行 制表"
    assert property_text(None) == ""


def test_long_text_is_cut_to_the_limit_with_an_ellipsis():
    text = property_text("长" * 300)
    assert len(text) == LIMIT and text.endswith("…") and text.startswith("长" * 254)


def test_characters_beyond_the_bmp_count_twice_and_are_never_split():
    text = property_text("𠮷" * 200)
    assert text == "𠮷" * 127 + "…"  # 254 UTF-16 units + the ellipsis
    assert len(text.encode("utf-16-le")) // 2 <= LIMIT


def test_core_properties_of_a_meta():
    meta = SimpleNamespace(title="标" * 400, subject=None, subtitle="副题", author=None, unit="某街道",
                           keywords=[f"关键词{i}" for i in range(80)])
    props = core_properties(meta)
    assert props["subject"] == "副题" and props["author"] == "某街道"
    assert all(len(v) <= LIMIT for v in props.values())
    assert props["keywords"].startswith("关键词0, 关键词1, ") and props["keywords"].endswith("…")


def test_a_docx_keeps_the_whole_title_and_a_short_property(tmp_path):
    import docx

    from briefmaker import build

    brief = tmp_path / "b.yaml"
    brief.write_text("meta:\n  title: " + "长" * 300 + "\n  author: " + "作" * 300 +
                     "\n  keywords: [" + ", ".join(f"关键词{i}" for i in range(80)) + "]\n"
                     "sections:\n  - title: 一\n    body: [正文。]\n", encoding="utf-8")
    result = build(brief, tmp_path / "out", formats=("docx",))
    document = docx.Document(str(result.outputs[0]))
    props = document.core_properties
    assert props.title == "长" * 254 + "…" and props.author == "作" * 254 + "…"
    assert len(props.keywords) == LIMIT and props.keywords.startswith("关键词0, ")
    assert document.paragraphs[0].text == "长" * 300
