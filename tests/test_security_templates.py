"""Security: a template cannot change the data, and nothing in it depends on chance or the clock.

Both are built through the CLI, as an attacker's brief would be: the refusal is located and
writes nothing; what is allowed builds byte-identical files in processes with different hash seeds.
"""
from __future__ import annotations

import subprocess

import pytest

HEAD = """meta:
  title: 测试简报
  unit: 测试街道
  date: 2020-12-31
data:
  epidemic:
    volunteers: 230
    cases: {甲: 3, 乙: 5, 丙: 8}
  names: [丙, 甲, 乙, 甲]
sections:
  - title: 概况
    body:
      - 志愿者{{ epidemic.volunteers }}人。
      - chart: {kind: bar, title: 病例, data: epidemic.cases}
"""


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("attack, code", [
    ('{% set e = epidemic %}{% if e.update({"volunteers": 99999}) %}{% endif %}', "no data named 'epidemic.update'"),
    ('{% for e in [epidemic] %}{{ e.update({"volunteers": 99999}) }}{% endfor %}',
     "templates cannot change the data: 'update'"),
    ('{% for e in [epidemic.cases] %}{{ e.__setitem__("甲", 99999) }}{% endfor %}', "template error"),
    ('{% for e in [epidemic] %}{{ e.pop("volunteers") }}{% endfor %}', "templates cannot change the data: 'pop'"),
    ('{% for n in [names] %}{{ n.sort() }}{% endfor %}', "templates cannot change the data: 'sort'"),
    ('{% set epidemic.volunteers = 99999 %}', "template error"),
])
def test_a_template_cannot_change_the_data(tmp_path, cli, attack, code):
    brief = tmp_path / "brief.yaml"
    brief.write_text(HEAD + f"      - {attack!r}\n      - 后来志愿者{{{{ epidemic.volunteers }}}}人。\n", encoding="utf-8")
    for lang in ("C.UTF-8", "zh_CN.UTF-8"):
        done = cli("build", brief, "-o", tmp_path / "out", cwd=tmp_path, lang=lang)
        assert done.returncode == 1, done.stderr
        assert done.stderr.startswith("brief.yaml:15:9: sections[0].body[2]: "), done.stderr
        assert "Traceback" not in done.stderr
    assert code in done.stderr or code in cli("check", brief, cwd=tmp_path).stderr
    assert not (tmp_path / "out").exists()


def test_a_copy_may_change_but_the_data_stays(tmp_path, cli):
    brief = tmp_path / "brief.yaml"
    brief.write_text(HEAD + "      - '{% set ns = namespace(v=epidemic.volunteers) %}{% set ns.v = 99999 %}"
                            "副本{{ ns.v }}。'\n      - 后来志愿者{{ epidemic.volunteers }}人。\n", encoding="utf-8")
    done = cli("build", brief, "-o", tmp_path / "out", "--format", "pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = pdf_text(tmp_path / "out" / "brief.pdf").replace(" ", "")
    assert "志愿者230人" in text and "副本99999" in text and "后来志愿者230人" in text


CHANCE = [
    ("{{ lipsum(3) }}", "no data named 'lipsum'"),
    ("{{ names | random }}", "no filter named 'random'"),
    ("{{ names | map('random') | join }}", "No filter named 'random'"),
    ("{% for d in [meta.date] %}{{ d.today() }}{% endfor %}", "'today' depends on the clock"),
    ("{{ range }}", "the template prints a function"),
    ("{{ joiner() | string }}", "prints a Python object"),
    ("{% for c in [epidemic.cases] %}{{ (c.keys() - ['甲']) | join }}{% endfor %}", "set operations"),
]


@pytest.mark.parametrize("attack, message", CHANCE)
def test_chance_and_the_clock_are_out_of_reach(tmp_path, cli, attack, message):
    brief = tmp_path / "brief.yaml"
    brief.write_text(HEAD + f"      - {attack!r}\n", encoding="utf-8")
    outcomes = set()
    for seed in ("1", "2"):
        done = cli("build", brief, "-o", tmp_path / "out", cwd=tmp_path, env={"PYTHONHASHSEED": seed})
        outcomes.add((done.returncode, done.stderr))
    assert len(outcomes) == 1, outcomes  # two builds, one outcome
    code, stderr = outcomes.pop()
    assert code == 1 and message in stderr and stderr.startswith("brief.yaml:15:9: sections[0].body[2]: "), stderr
    assert not (tmp_path / "out").exists()


def test_what_templates_may_do_builds_the_same_bytes_in_every_process(tmp_path, cli):
    brief = tmp_path / "brief.yaml"
    brief.write_text(HEAD + (
        "      - '{% set c = cycler(\"甲\", \"乙\") %}{% for n in names %}{{ c.next() }}{{ n }}{% endfor %}'\n"
        "      - '{{ names | unique | join(\"、\") }}；{{ names | sort | join }}；{{ epidemic.cases | dictsort }}'\n"
        "      - '{% for k, g in names | groupby(\"0\") %}{{ k }}{{ g | length }}{% endfor %}'\n"
        "      - '{% set j = joiner(\"、\") %}{% for k in epidemic.cases %}{{ j() }}{{ k }}{% endfor %}'\n"),
        encoding="utf-8")
    builds = []
    for n, seed in enumerate(("1", "2")):
        out = tmp_path / f"out{n}"
        done = cli("build", brief, "-o", out, cwd=tmp_path,
                   env={"PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        builds.append({p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".pdf", ".docx")})
    assert builds[0] == builds[1]
    assert "丙、甲、乙；丙乙甲甲" in pdf_text(tmp_path / "out0" / "brief.pdf").replace(" ", "")
