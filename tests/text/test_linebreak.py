"""The line breaker against the rules of typography.md, case by case, with 10-unit characters."""
import pytest

from briefmaker.text.linebreak import CANNOT_END, CANNOT_START, break_lines, char_class, make_boxes

EM = 10.0


def measure(text, style):
    return sum(EM / 2 if char_class(ch) in ("latin", "space") else EM for ch in text)


def lines(text, chars=10, indent=0):
    boxes = make_boxes([(text, "s")], measure, lambda style: EM)
    return break_lines(boxes, chars * EM, indent * EM)


def texts(text, chars=10, indent=0):
    return [line.text for line in lines(text, chars, indent)]


def assert_rules(result):
    for line in result[1:]:
        assert line.text[0] not in CANNOT_START, result
    for line in result[:-1]:
        assert line.text[-1] not in CANNOT_END, result


@pytest.mark.parametrize("text", [
    "一二三四五六七八九十，十一",  # comma would start line 2
    "一二三四五六七八九十。”后面",  # pair 。” would start line 2
    "一二三四五六七八九（十）",  # opening bracket would end line 1
    "一二三四五六七八九“十”",  # opening quote would end line 1
    "一二三四五六七八九十：；后",
    "一二三四五六七八九十！？后",
    "一二三四五六七八九十）。后面",
    "一二三四五六七八九十》、后面",
    "一二三四五六七八九十％后面",
])
def test_no_prohibited_mark_at_line_start_or_end(text):
    result = lines(text)
    assert_rules(result)
    assert "".join(line.text for line in result) == text


def test_two_em_dash_and_ellipsis_stay_whole():
    for mark in ("——", "……"):
        result = texts("一二三四五六七八九" + mark + "后面的字")
        assert all(not t.startswith(mark[0]) or t.startswith(mark) for t in result)
        assert any(mark in t for t in result)


@pytest.mark.parametrize("number", ["12.6", "2020", "97%", "1200"])
def test_numbers_are_not_split(number):
    for prefix in range(6, 10):
        text = "字" * prefix + number + "后面"
        assert any(number in t for t in texts(text)), texts(text)


def test_latin_words_are_not_split():
    assert any("GB/T" in t for t in texts("一二三四五六七八GB/T后面"))


def test_full_lines_are_flush_on_both_sides():
    for line in lines("今年以来，惠济区长兴路街道办事处坚持以党的建设为引领，全力以赴抗击新冠肺炎疫情。")[:-1]:
        last = line.boxes[-1]
        assert last.x + last.advance == pytest.approx(10 * EM)
        assert line.boxes[0].x == pytest.approx(0)


def test_a_legal_break_is_never_pushed_in_so_full_lines_hold_the_grid():
    # punctuation on the line could absorb one more character, but the break before 十 is legal
    for text in ("一二三四，五六七八，九十一二", "一二，三四，五六七，八九十一", "“一二”三四五六七，八九十"):
        result = lines(text)
        assert len(result[0].text) == 10, result[0].text
        assert all(b.squeeze == 0 for line in result for b in line.boxes), text


def test_push_in_only_to_keep_a_mark_off_the_line_start():
    # 。 would start line 2: it is pushed in, the line's two marks each give half an em
    result = lines("一二三四，五六七八九。后面")
    assert result[0].text == "一二三四，五六七八九。"
    assert [b.squeeze for b in result[0].boxes if b.cls == "close"] == [EM / 2, EM / 2]
    last = result[0].boxes[-1]
    assert last.x + last.advance == pytest.approx(10 * EM)


def test_push_out_moves_a_character_down_when_compression_is_not_enough():
    result = lines("一二三四五六七八九十。后")  # only the 。 itself could give half an em
    assert [t.text for t in result] == ["一二三四五六七八九", "十。后"]
    last = result[0].boxes[-1]
    assert last.x + last.advance == pytest.approx(10 * EM)  # the slack is spread: flush
    result = lines("一二三四，五六七八九。”后面")  # a pair: two marks past the line, never 12
    assert [t.text for t in result] == ["一二三四，五六七八", "九。”后面"]
    result = lines("一二三四五六七八九“十”后")  # an opening mark may not end the line
    assert result[0].text == "一二三四五六七八九"


def test_adjacent_marks_take_one_and_a_half_em_only_when_asked():
    boxes = make_boxes([("好。”好", "s")], measure, lambda s: EM, compress=True)
    assert boxes[1].advance + boxes[2].advance == pytest.approx(1.5 * EM)
    boxes = make_boxes([("好，“好", "s")], measure, lambda s: EM, compress=True)
    assert boxes[1].advance + boxes[2].advance == pytest.approx(1.5 * EM)
    boxes = make_boxes([("好。”好", "s")], measure, lambda s: EM)  # on a grid: full width
    assert boxes[1].advance + boxes[2].advance == pytest.approx(2 * EM)


def test_a_written_line_break_ends_the_line():
    result = lines("一二三\n四五六七八九十一二三四五")
    assert [t.text for t in result] == ["一二三", "四五六七八九十一二三", "四五"]
    assert result[0].last and result[0].boxes[1].x == pytest.approx(EM)  # not stretched
    assert [t.text for t in lines("一二三\n")] == ["一二三"]
    assert [t.text for t in lines("一\n\n二")] == ["一", "", "二"]


@pytest.mark.parametrize("mark", ["—", "…", "！", "“", "”", "（", "。"])
def test_a_run_of_marks_longer_than_a_line_still_breaks(mark):
    text = "前" + mark * 120 + "后"
    result = lines(text, indent=2)
    assert "".join(t.text for t in result) == text
    assert len(result) >= 12
    for line in result:
        for box in line.boxes:
            assert -1e-6 <= box.x - box.shift and box.x + box.advance <= 10 * EM + 1e-6, line.text


def test_quarter_em_between_han_and_digits_but_not_at_line_ends():
    line = lines("共有12人")[0]
    x = {b.text: b.x for b in line.boxes}
    assert x["12"] - (x["有"] + EM) == pytest.approx(EM / 4)
    first = lines("12人参加")[0]
    assert first.boxes[0].x == 0


def test_first_line_indent():
    result = lines("一二三四五六七八九十一二三四五六七八九十", indent=2)
    assert result[0].boxes[0].x == pytest.approx(2 * EM)
    assert len(result[0].text) == 8
    assert result[1].boxes[0].x == 0


def test_last_line_is_not_stretched():
    last = lines("一二三四五六七八九十一二")[-1]
    assert last.boxes[1].x == pytest.approx(EM)


def test_compressed_opening_mark_is_never_drawn_before_the_character_it_follows():
    # copy-paste order depends on it: x positions must increase along the line
    for text in ("一二三四五六七八、《九》十一二", "一二三四五六七八把“九”十一二", "一二三四五六七八九“《十》”一"):
        for line in lines(text):
            starts = [b.x - b.shift for b in line.boxes]
            assert starts == sorted(starts), (text, line.text)


def test_no_lone_character_on_the_last_line():
    result = lines("一二三四五六七八九十一")  # eleven characters on a ten-character measure
    assert [len(t.text) for t in result] == [9, 2]
    last = result[0].boxes[-1]
    assert last.x + last.advance == pytest.approx(10 * EM)  # the shortened line is still flush
    result = lines("一二三四五六七八九十一。")  # a lone character with its full stop
    assert result[-1].text == "十一。"


def test_phrases_stay_whole_where_they_fit():
    text = "坚持站稳立场 巩固提升 高位推进 不断夯实基础"
    plain = [l.text for l in break_lines(make_boxes([(text, "s")], measure, lambda s: EM), 12 * EM)]
    phrased = [l.text for l in break_lines(make_boxes([(text, "s")], measure, lambda s: EM), 12 * EM, phrases=True)]
    assert plain[1].startswith("位推进")  # greedy filling splits 高|位推进
    assert phrased == ["坚持站稳立场 巩固提升", "高位推进 不断夯实基础"]


def test_a_phrase_longer_than_the_line_still_breaks_inside():
    text = "一二三四五六七八九十一二三 后"
    phrased = [l.text for l in break_lines(make_boxes([(text, "s")], measure, lambda s: EM), 10 * EM, phrases=True)]
    assert phrased[0] == "一二三四五六七八九十"


def _split(text, chars=10):
    boxes = make_boxes([(text, "s")], measure, lambda s: EM, max_width=chars * EM)
    return break_lines(boxes, chars * EM)


def test_a_unit_wider_than_the_line_breaks_after_a_slash_or_dot():
    text = "见www.example.gov.cn/abcdef/index.html。"  # a 36-character unit: 18 em on a 10-em line
    result = _split(text)
    assert "".join(line.text for line in result) == text  # no hyphen added
    assert [line.text for line in result] == ["见www.example.gov.", "cn/abcdef/", "index.html。"]
    for line in result:
        last = line.boxes[-1]
        assert last.x + last.advance <= 10 * EM + 1e-6, line.text


def test_a_word_wider_than_the_line_breaks_between_any_two_characters():
    word = "abcdefghijklmnopqrstuvwxyz" * 2  # 52 half-width characters, 26 em
    result = _split("词" + word + "。")
    assert [line.text for line in result] == ["词" + word[:17], word[17:37], word[37:] + "。"]
    assert all(b.x + b.advance <= 10 * EM + 1e-6 for line in result for b in line.boxes)


def test_the_pieces_of_a_split_unit_get_no_justification_space():
    result = _split("一二三www.example.gov.cn/abcdef")
    first = result[0]
    assert first.ragged and first.text == "一二三www.example."
    assert first.boxes[1].x == pytest.approx(EM)  # the line is not stretched
    pieces = [b for b in first.boxes if b.cls == "latin"]
    for a, b in zip(pieces, pieces[1:]):
        assert b.x == pytest.approx(a.x + a.advance)


def test_a_unit_that_fits_a_line_is_still_moved_down_whole():
    result = _split("一二三四五六七八九www.example.cn")  # a 14-character unit: 7 em
    assert result[-1].boxes[-1].text == "www.example.cn"


def test_avoiding_a_lone_piece_never_overflows_the_last_line():
    result = _split("一二三四五六七八九十一w.aaaaaaaaaaaaaa/bbbbbb")
    assert all(b.x + b.advance <= 10 * EM + 1e-6 for line in result for b in line.boxes), [l.text for l in result]


def test_a_compressed_opening_mark_that_starts_a_line_keeps_its_em():
    boxes = make_boxes([("“" * 45, "s")], measure, lambda s: EM, compress=True)
    result = break_lines(boxes, 10 * EM)
    assert "".join(line.text for line in result) == "“" * 45
    for line in result:
        first, last = line.boxes[0], line.boxes[-1]
        assert first.x - first.shift >= -1e-6 and last.x + last.advance <= 10 * EM + 1e-6


def test_a_written_line_break_ends_a_phrase():
    text = "坚持站稳立场 巩固提升\n高位推进 不断夯实基础"
    result = break_lines(make_boxes([(text, "s")], measure, lambda s: EM), 14 * EM, phrases=True)
    assert [line.text for line in result] == ["坚持站稳立场 巩固提升", "高位推进 不断夯实基础"]
