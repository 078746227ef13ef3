"""Templates run sandboxed: read-only data, nothing from chance or the clock, every growth bounded."""
import copy
import datetime as dt

import pytest

from briefmaker.text import sandbox
from briefmaker.text.expand import Expander, ExpansionError

DATA = {"epidemic": {"volunteers": 230, "cases": [3, 5, 8]}, "items": [1, 2, 3], "names": ["甲", "乙"],
        "meta": {"date": dt.date(2020, 12, 31), "title": "标题"}, "stamp": dt.datetime(2020, 12, 31, 9, 30)}


def refused(template, code, data=DATA):
    """The ExpansionError ``template`` raises; its code must be ``code``."""
    with pytest.raises(ExpansionError) as info:
        Expander(data).expand(template)
    assert info.value.code == code, (info.value.code, info.value.params)
    return info.value


# ---- read-only data ---------------------------------------------------------------------------

@pytest.mark.parametrize("call", [
    'e.update({"volunteers": 99999})', 'e.setdefault("x", 1)', 'e.pop("volunteers")', "e.popitem()",
    "e.clear()", "e.cases.append(4)", "e.cases.extend([4])", "e.cases.insert(0, 4)", "e.cases.pop()",
    "e.cases.remove(3)", "e.cases.sort(reverse=true)", "e.cases.reverse()", "e.cases.clear()",
    'e["update"]({})', '(e | attr("update"))({})',
])
def test_no_template_changes_the_data(call):
    data = copy.deepcopy(DATA)
    error = refused("{% for e in [epidemic] %}{{ " + call + " }}{% endfor %}", "template_readonly", data)
    assert error.params["method"] in call
    assert data == DATA


def test_an_alias_of_the_data_is_checked_like_the_data():
    error = refused("{% set e = epidemic %}{% if e.update({'volunteers': 99999}) %}{% endif %}", "no_data")
    assert error.params["name"] == "epidemic.update"
    error = refused("{% set e = epidemic %}{{ e.volunterz }}", "no_data")
    assert error.params["name"] == "epidemic.volunterz"
    assert "epidemic.volunteers" in error.params["hint"].en
    assert Expander(DATA).expand("{% set e = epidemic %}{{ e.volunteers }}") == "230"


def test_names_a_template_binds_are_not_data():
    ex = Expander(DATA)
    assert ex.expand("{% macro f(n) %}{{ n }}人{% endmacro %}{{ f(epidemic.volunteers) }}") == "230人"
    assert ex.expand("{% for c in epidemic.cases %}{{ loop.index }}:{{ c }} {% endfor %}") == "1:3 2:5 3:8 "
    assert ex.expand("{% set ns = namespace(n=0) %}{% for c in items %}{% set ns.n = ns.n + c %}{% endfor %}"
                     "{{ ns.n }}") == "6"
    assert ex.expand("{% macro box() %}[{{ caller() }}]{% endmacro %}{% call box() %}内{% endcall %}") == "[内]"


def test_attribute_writes_only_on_namespaces():
    refused("{% set epidemic.volunteers = 5 %}{{ epidemic.volunteers }}", "jinja_error")


# ---- chance, the clock, and text that differs between runs ----------------------------------

def test_nothing_random_is_reachable():
    assert refused("{{ lipsum(2) }}", "no_data").params["name"] == "lipsum"
    error = refused("{{ items | random }}", "unknown_filter")
    assert "random" not in error.params["known"]
    refused("{{ items | map('random') | list }}", "jinja_error")


@pytest.mark.parametrize("value, method", [("meta.date", "today()"), ("meta.date", "fromtimestamp(0)"),
                                           ("stamp", "now()"), ("stamp", "utcnow()"), ("stamp", "timestamp()"),
                                           ("stamp", "astimezone()")])
def test_dates_have_no_clock(value, method):
    refused("{% for d in [" + value + "] %}{{ d." + method + " }}{% endfor %}", "template_clock")


def test_dates_keep_their_plain_parts():
    assert Expander(DATA).expand("{% for d in [meta.date] %}{{ d.year }}-{{ d.strftime('%m') }}{% endfor %}") \
        == "2020-12"


@pytest.mark.parametrize("template", ["{{ range }}", "{{ cycler(1) }}", "{{ items | map('string') }}",
                                      "{% macro f() %}{% endmacro %}{{ f }}"])
def test_python_objects_cannot_be_printed(template):
    refused(template, "template_object")


@pytest.mark.parametrize("template", ["{{ range | string }}", "{{ 'a' ~ range }}", "{{ '%s' % range }}",
                                      "{{ '{}'.format(range) }}"])
def test_a_memory_address_never_reaches_the_text(template):
    refused(template, "template_object")


def test_set_order_never_reaches_the_text():
    refused("{% for e in [epidemic] %}{{ (e.keys() - ['cases']) | list }}{% endfor %}", "template_set")


@pytest.mark.parametrize("tag", ['{% include "x" %}', '{% import "x" as y %}', '{% from "x" import y %}',
                                 '{% extends "x" %}'])
def test_no_other_template_is_read(tag):
    refused(tag, "template_tag")


def test_local_state_is_deterministic():
    template = '{% set c = cycler("甲", "乙") %}{{ c.next() }}{{ c.next() }}{{ c.next() }}' \
               '{% set j = joiner("、") %}{% for n in names %}{{ j() }}{{ n }}{% endfor %}'
    assert Expander(DATA).expand(template) == "甲乙甲甲、乙"
    assert Expander(DATA).expand(template) == "甲乙甲甲、乙"


# ---- resources: refused before the work is done ------------------------------------------------

@pytest.mark.parametrize("template, code", [
    ('{{ "x" * 10**9 }}', "template_too_long"),
    ('{{ ([1] * 10**9) | length }}', "template_too_many"),
    ('{{ "%0999999999d" % 1 }}', "template_too_long"),
    ('{{ "%.999999999f" % 1 }}', "template_too_long"),
    ('{{ "%*d" % (999999999, 1) }}', "template_star_width"),
    ('{{ "{:>999999999}".format(1) }}', "template_too_long"),
    ('{{ "{:{w}}".format(1, w=999999999) }}', "template_too_long"),
    ('{{ 10 ** (10 ** 10) }}', "number_too_large"),
    ('{{ 9 ** 9 ** 9 }}', "number_too_large"),
    ("{{ 'x' | center(10**9) }}", "filter_argument"),
    ("{{ 'x' | indent(10**9) }}", "filter_argument"),
    ("{{ 'x'.ljust(10**9) }}", "template_too_long"),
    ("{{ 'x'.zfill(10**9) }}", "template_too_long"),
    ("{{ ('\t' * 1000).expandtabs(10**6) }}", "template_too_long"),
    ('{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}', "template_steps"),
    ('{{ range(10**12) | list | length }}', "template_too_many"),
    ('{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}', "template_depth"),
    ('{% macro f(n) %}{% if n > 0 %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}',
     "template_steps"),
    ('{% set ns = namespace(s="x") %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}',
     "template_too_long"),
    ('{% set ns = namespace(l=[1]) %}{% for i in range(60) %}{% set ns.l = ns.l + ns.l %}{% endfor %}',
     "template_steps"),
    ('{% set x %}{% for i in range(20000) %}' + '一段很长的文字，' * 8 + '{% endfor %}{% endset %}', "template_too_much"),
    ('{% for i in range(20000) %}' + '一段很长的文字，' * 8 + '{% endfor %}', "template_too_long"),
    ("{% set s = 'x' * 90000 %}{{ s | replace('', s) }}", "template_too_long"),
    ("{% set s = 'x' * 90000 %}{{ s.replace('x', s) }}", "template_too_long"),
    ("{% set s = 'x' * 90000 %}{{ [s, s, s] | join }}", "template_too_long"),
    ("{% set s = 'x' * 90000 %}{{ ''.join([s, s]) }}", "template_too_long"),
    ("{% set s = 'x' * 90000 %}{{ [s] * 50 }}", "template_too_long"),
    ("{% set s = 'x' * 90000 %}{{ s.translate({120: s}) }}", "template_too_long"),
    ("{% set s = 'x' * 90000 %}{{ '%s%s' % (s, s) }}", "template_too_long"),
    ("{{ [1] | batch(10**9, 0) | list }}", "filter_argument"),
    ('{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}', "template_depth"),
    ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", "jinja_syntax"),
    ("{{ " + "9" * 5000 + " }}", "jinja_syntax"),
])
def test_resources_are_bounded(template, code):
    refused(template, code)


def test_the_brief_has_a_budget_of_its_own():
    ex = Expander(DATA)
    loop = "{% for i in range(45000) %}{% endfor %}"
    for _ in range(sandbox.MAX_BRIEF_STEPS // 90_000):
        ex.expand(loop)  # each text within its own budget
    with pytest.raises(ExpansionError) as info:
        ex.expand(loop)
    assert info.value.code == "template_steps"
    assert info.value.params["limit"] == f"{sandbox.MAX_BRIEF_STEPS:,}"


def test_runtime_errors_give_the_template_line():
    error = refused("第一行\n第二行\n{% for e in [epidemic] %}{{ e.clear() }}{% endfor %}", "template_readonly")
    assert error.lineno == 3
    assert refused("一\n{{ items | batch(0) | list }}", "filter_argument").lineno == 2
    assert refused("一\n二\n{{ 'x' * 10**9 }}", "template_too_long").lineno == 3


# ---- numbers at the edges ------------------------------------------------------------------------

@pytest.mark.parametrize("template, code", [
    ("{{ 1e309 }}", "number_not_finite"),
    ("{{ 1e26 }}", "number_too_large"),
    ("{{ epidemic.volunteers * 1.0e+300 }}", "number_too_large"),
    ("{{ '1e999' | float }}", "number_not_finite"),
    ("{{ (epidemic.volunteers * 1.0e+24) | wan }}", "number_too_large"),
    ("{{ 10 ** 20 }}", "number_too_large"),
    ("{{ (-8) ** 0.5 }}", "number_not_real"),
    ("{{ epidemic.volunteers / 0 }}", "jinja_error"),
])
def test_numbers_past_the_bound_are_refused(template, code):
    refused(template, code)


def test_numbers_within_the_bound_print():
    ex = Expander(DATA)
    assert ex.expand("{{ 10 ** 15 }}") == "1000000000000000"
    assert ex.expand("{{ 1e15 | wan }}") == "10000000亿"
    assert ex.expand("{{ (epidemic.volunteers * 1e10) | wan(0) }}") == "23000亿"


@pytest.mark.parametrize("expression, code", [
    ("epidemic.volunteers * 1.0e+300", "number_too_large"),
    ("epidemic.volunteers * 1.0e+14", "number_too_large"),
    ("range(3)", "template_object"),
    ("cycler(1, 2)", "template_object"),
    ("items | map('string')", "template_object"),
    ("1 }}{{ 2", "jinja_syntax"),
])
def test_computed_values_are_plain_and_bounded(expression, code):
    with pytest.raises(ExpansionError) as info:
        Expander(DATA).evaluate(expression)
    assert info.value.code == code


def test_computed_values_that_are_fine():
    ex = Expander(DATA)
    assert ex.evaluate("epidemic.volunteers / 10") == 23.0
    assert ex.evaluate("epidemic.cases | sum") == 16
    assert ex.evaluate("names | join('、')") == "甲、乙"


# ---- filters given impossible arguments ------------------------------------------------------------

@pytest.mark.parametrize("template, code", [
    ("{{ '很长的一段文字' | truncate(-1) }}", "filter_argument"),
    ("{{ '很长的一段文字' | truncate(2) }}", "filter_argument"),
    ("{{ 'x' | center('wide') }}", "filter_argument"),
    ("{{ items | batch(0) | list }}", "filter_argument"),
    ("{{ items | slice(0) | list }}", "filter_argument"),
    ("{{ 1.5 | round(10**9) }}", "filter_argument"),
    ("{{ '文字' | wordwrap(0) }}", "filter_argument"),
    ("{{ 1 | number(1, 'down', 3, 4) }}", "filter_argument"),
    ("{{ epidemic.volunteers | number(-3) }}", "jinja_error"),
    ("{{ epidemic.volunteers | wan('x') }}", "jinja_error"),
    ("{{ 0.5 | percent(10**6) }}", "jinja_error"),
    ("{{ 0.5 | percent(rounding='up') }}", "jinja_error"),
    ("{{ 'yesterday' | date_cn }}", "jinja_error"),
    ("{% if items is lakh %}x{% endif %}", "unknown_test"),
])
def test_impossible_filter_arguments_are_refused(template, code):
    refused(template, code)


def test_an_unknown_filter_suggests_one_and_lists_them_all():
    error = refused("{{ 1 | percnt }}", "unknown_filter")
    assert "percent" in error.params["hint"].en
    assert error.params["known"].split(", ")[:6] == ["number", "wan", "percent", "pct", "date_cn", "month_end"]
