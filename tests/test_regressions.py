"""One test per bug found by trying odd but plausible briefs."""


def test_a_blank_title_is_a_located_error(tmp_path, cli_here):
    brief = tmp_path / "b.yaml"
    brief.write_text('meta: {title: "   "}\n', encoding="utf-8")
    done = cli_here("check", brief, cwd=tmp_path)
    assert done.returncode == 1
    assert "b.yaml:1:15: meta.title: 'title' is empty" in done.stderr


def test_a_style_template_the_brief_cannot_fill_names_the_missing_value(tmp_path, cli_here):
    brief = tmp_path / "b.yaml"
    brief.write_text("style: jianbao\nmeta: {title: 标题}\n", encoding="utf-8")
    done = cli_here("build", brief, "-o", tmp_path / "out", cwd=tmp_path)
    assert done.returncode == 1
    assert "b.yaml:2:7: meta: the style 'jianbao' prints '{{ meta.unit }}工作简报'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_odd_but_valid_content_builds_in_every_style(tmp_path, cli_here):
    brief = tmp_path / "odd.yaml"
    brief.write_text(
        "meta: {title: 标题, unit: 某街道}\n"
        "sections:\n"
        "  - title: 空节\n"
        "  - title: Latin only section\n"
        "    body:\n"
        "      - Hello world, this is English text only.\n"
        "      - table: {columns: [a, b], rows: []}\n"
        "      - chart: {kind: pie, title: 单项饼, data: {唯一: 5}}\n"
        "      - \"{{ 1e15 | wan }} {{ -0.5 | percent }} {{ '2020-02-29' | date_cn }}\"\n",
        encoding="utf-8")
    for style in ("gongwen", "jianbao", "report"):
        done = cli_here("build", brief, "-o", tmp_path / style, "--style", style, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
