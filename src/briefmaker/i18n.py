"""User-facing messages in English and Chinese, chosen by the locale (LANG=zh_CN.UTF-8 gives Chinese).

Over 400 lines on purpose: one table of message pairs, one per line, so a code's two texts are
read and translated side by side."""
from __future__ import annotations

import os

_MESSAGES: dict[str, tuple[str, str]] = {
    # code: (English, Chinese)
    "yaml_syntax": ("YAML syntax error: {detail}", "YAML 语法错误：{detail}"),
    "duplicate_key": (
        "duplicate key '{key}' (first given at line {first_line}); a later value would silently replace the earlier one",
        "键“{key}”重复（第 {first_line} 行已出现），后一个值会悄悄覆盖前一个",
    ),
    "number_other_base": (
        "'{value}' is read as {read} (YAML 1.1 reads a leading 0 as octal and a:b as base 60); "
        "quote it ('{value}') for a code or a time, or write the number without them",
        "“{value}”会被读成 {read}（YAML 1.1 把以 0 开头的数当八进制、把 a:b 当六十进制）："
        "编号或时间请加引号写成 '{value}'，数字请去掉开头的 0 或冒号",
    ),
    "number_read_as_text": (
        "'{value}' is text to briefmaker (YAML 1.1) but a number to YAML 1.2 tools; "
        "write {number} for the number, or quote it ('{value}') for text",
        "“{value}”在 briefmaker（YAML 1.1）中是文字，在 YAML 1.2 工具中却是数字：要数字请写 {number}，要文字请加引号写成 '{value}'",
    ),
    "unknown_key": ("unknown key '{key}'{hint}", "未知的键“{key}”{hint}"),
    "did_you_mean": (" (did you mean '{suggestion}'?)", "（是否想写“{suggestion}”？）"),
    "missing_key": ("required key '{key}' is missing", "缺少必填的键“{key}”"),
    "wrong_type": ("expected {expected}, got {got}", "应为{expected}，实际是{got}"),
    "invalid_value": ("{detail}", "{detail}"),
    "not_a_block": (
        "a body item must be a paragraph (text) or one of: {kinds}",
        "正文条目应为段落（文字）或以下之一：{kinds}",
    ),
    "no_data": ("no data named '{name}'{hint}", "数据中没有“{name}”{hint}"),
    "not_a_number": ("'{name}' is {got}, not a number", "“{name}”的值是{got}，不是数字"),
    "jinja_syntax": ("template syntax error: {detail}", "模板语法错误：{detail}"),
    "jinja_error": ("template error: {detail}", "模板错误：{detail}"),
    "arithmetic_on_text": (
        "'{name}' holds the text '{text}', not a number, so it cannot take part in {operator}: write it as a "
        "number where it is given (1200, 3.5万, 12%), or quote it in text without arithmetic",
        "“{name}”的值“{text}”是文字而不是数字，不能参与 {operator} 运算：请在给出它的地方写成数字"
        "（如 1200、3.5万、12%），或只在正文中引用、不做运算",
    ),
    "value_is_text": (
        "'{name}' is used in arithmetic ({operator}) in {used_at}, but its value here is the text '{text}': "
        "write a number",
        "“{name}”在 {used_at} 中参与 {operator} 运算，但此处的值“{text}”是文字：请写成数字",
    ),
    "computed_error": ("cannot compute '{name}': {detail}", "无法计算“{name}”：{detail}"),
    "bad_data_key": (
        "data key '{key}' cannot be quoted from text; use letters, digits and _ and do not start with a digit",
        "数据键“{key}”无法在正文中引用：请只用字母、汉字、数字和下划线，且不以数字开头",
    ),
    "too_many_nodes": (
        "YAML anchors/aliases expand to more than {limit} values; refusing to expand",
        "YAML 锚点/别名展开后超过 {limit} 个值，拒绝展开",
    ),
    "file_not_found": ("file not found", "找不到文件"),
    "yaml_too_deep": ("values are nested more than {limit} levels deep", "值的嵌套超过 {limit} 层"),
    "yaml_recursive_alias": ("this alias refers to a value that contains it, so it would never end",
                             "此别名引用了包含它自身的值，会无限展开"),
    "yaml_complex_key": ("a key must be plain text, not a list or a mapping", "键必须是普通文字，不能是列表或映射"),
    "yaml_surrogate": ("the escape \\u{codepoint:04X} is half of a character (a lone surrogate), which no file can hold",
                       "转义 \\u{codepoint:04X} 只是半个字符（孤立的代理项），任何文件都无法保存"),
    "yaml_tag": ("the tag '{tag}' is not allowed: write plain values (text, numbers, dates, lists, mappings)",
                 "不允许使用标签“{tag}”：请写普通的值（文字、数字、日期、列表、映射）"),
    "yaml_value": ("this value cannot be read as {kind}{detail}", "此值无法读作{kind}{detail}"),
    "csv_unreadable": ("the CSV cannot be read here: {detail}", "此处的 CSV 无法读取：{detail}"),
    "xlsx_unreadable": ("the workbook cannot be read ({detail}); save it again from Excel or WPS, or as CSV",
                        "无法读取该工作簿（{detail}），请用 Excel 或 WPS 重新保存，或另存为 CSV"),
    "xlsx_too_large": ("the workbook unpacks to {size} bytes, over the limit of {limit}; save it as CSV",
                       "该工作簿解压后为 {size} 字节，超过上限 {limit} 字节，请另存为 CSV"),
    "path_nul": ("the path contains a NUL byte", "路径中含有 NUL 字节"),
    "path_outside": (
        "'{name}' leaves the brief's folder; a brief may only name files in its own folder "
        "(or in $BRIEFMAKER_ROOT)",
        "“{name}”指向简报所在文件夹之外：简报只能引用其所在文件夹（或 $BRIEFMAKER_ROOT）中的文件",
    ),
    "not_regular": ("'{name}' is {kind}, not a regular file", "“{name}”是{kind}，不是普通文件"),
    "file_over_limit": ("file is too large: files are limited to {limit} bytes",
                        "文件过大：文件大小上限为 {limit} 字节"),
    "not_a_file": ("cannot read: {detail}", "无法读取：{detail}"),
    "not_utf8": ("file is not valid UTF-8: {detail}", "文件不是有效的 UTF-8 编码：{detail}"),
    "image_missing": ("image file '{value}' does not exist", "图片文件“{value}”不存在"),
    "image_unreadable": ("image '{value}' cannot be read: {detail}", "图片“{value}”无法读取：{detail}"),
    "xml_char": (
        "text contains the control character U+{codepoint:04X}, which DOCX and PDF cannot hold",
        "文字中含有控制字符 U+{codepoint:04X}，DOCX 和 PDF 都无法保存它",
    ),
    "no_glyph": (
        "no bundled font can draw {chars}; it will print as a blank",
        "内置字体都无法显示 {chars}，输出中将显示为空白",
    ),
    "empty_value": ("'{name}' is empty", "“{name}”为空"),
    "chart_progress_needs": ("a progress chart needs both value and total", "进度图需要同时给出 value 和 total"),
    "chart_total_positive": ("total must be above 0, got {total}", "total 必须大于 0，实际是 {total}"),
    "chart_negative_value": ("value {value} is negative", "value 为负数 {value}"),
    "chart_no_categories": ("a chart with series needs categories", "有 series 的图表需要 categories"),
    "chart_series_empty": ("series '{name}' is empty", "数据系列“{name}”为空"),
    "chart_series_length": (
        "series '{name}' has {got} values for {want} categories",
        "数据系列“{name}”有 {got} 个值，但有 {want} 个类别",
    ),
    "chart_empty": ("the chart has no data", "图表没有数据"),
    "chart_no_data": ("give data (label: value) or categories and series", "请给出 data（标签: 数值）或 categories 与 series"),
    "chart_pie_negative": ("a {kind} chart cannot show negative values ({labels})", "{kind} 图不能显示负数（{labels}）"),
    "chart_pie_zero": ("a {kind} chart needs values that add up to more than 0", "{kind} 图的数值之和必须大于 0"),
    "chart_one_series": (
        "a {kind} chart shows one series; use grouped or stacked for several",
        "{kind} 图只能显示一个数据系列；多个系列请用 grouped 或 stacked",
    ),
    "chart_needs_mapping": ("'{name}' must be a mapping of label: number", "“{name}”应为“标签: 数值”的映射"),
    "chart_needs_list": ("'{name}' must be a list of numbers", "“{name}”应为数字列表"),
    "chart_option_kind": ("{option} does not apply to a {kind} chart", "{option} 不适用于 {kind} 图"),
    "chart_highlight_unknown": (
        "'{label}' is not one of the chart's categories ({known})",
        "“{label}”不是图表的类别之一（{known}）",
    ),
    "style_unknown": ("unknown style '{name}'; built-in styles: {known}", "未知的样式“{name}”；内置样式：{known}"),
    "style_template": (
        "the style '{style}' prints '{template}', which this brief cannot fill ({detail}): add the value to meta or data",
        "样式“{style}”要印出“{template}”，但本简报缺少所需的值（{detail}）：请在 meta 或 data 中补上",
    ),
    "style_file_missing": ("style file '{name}' does not exist", "样式文件“{name}”不存在"),
    "style_cycle": ("style '{name}' extends itself (through its parents)", "样式“{name}”（经由上级样式）继承了自身"),
    "style_not_mapping": ("a style file must be a mapping of settings", "样式文件应为“键: 值”的映射"),
    "size_invalid": (
        "'{value}' is not a font size; use a Chinese size name (三号, 小四 …) or points (16pt){hint}",
        "“{value}”不是字号；请用字号名（三号、小四……）或磅值（16pt）{hint}",
    ),
    "style_role_missing": ("the style gives no font for the role '{role}'", "样式没有为“{role}”指定字体"),
    "font_missing": ("font file '{path}' does not exist", "字体文件“{path}”不存在"),
    "font_not_truetype": (
        "font file '{path}' has no TrueType outlines (PDF needs .ttf with glyf outlines, not CFF/OTF)",
        "字体文件“{path}”不是 TrueType 轮廓（PDF 需要 glyf 轮廓的 .ttf，不能是 CFF/OTF）",
    ),
    "font_unreadable": ("font file '{path}' cannot be read: {detail}", "无法读取字体文件“{path}”：{detail}"),
    "font_lacks_glyphs": (
        "font file '{path}' lacks {count} characters the style needs (e.g. {sample})",
        "字体文件“{path}”缺少样式所需的 {count} 个字符（如 {sample}）",
    ),
    "table_no_columns": ("a table needs at least one column", "表格至少需要一列"),
    "table_too_wide": ("{count} columns do not fit the width of the page; this style holds at most {limit}",
                       "{count} 列超出版心宽度：此样式最多容纳 {limit} 列"),
    "table_width": (
        "row has {got} cells but the table has {want} columns",
        "该行有 {got} 个单元格，但表格有 {want} 列",
    ),
    "write_failed": ("cannot write output: {detail}", "无法写入输出文件：{detail}"),
    "output_name_too_long": ("the output name is {size} bytes long; file names hold at most {limit} bytes",
                             "输出文件名长 {size} 字节，文件名最多 {limit} 字节"),
    "format_none": ("no output format given; use docx, pdf or docx,pdf", "未指定输出格式：可用 docx、pdf 或 docx,pdf"),
    "output_not_folder": ("'{name}' is a file, not a folder for the outputs", "“{name}”是文件，不是存放输出的文件夹"),
    "format_unknown": ("unknown output format '{name}'; use docx, pdf, png", "未知的输出格式“{name}”，可用 docx、pdf、png"),
    # email delivery: briefmaker send (issue 5)
    "email_bad_address": ("'{value}' is not an email address ({reason})", "“{value}”不是有效的邮件地址（{reason}）"),
    "email_newline": (
        "{what} contains a line break; mail headers cannot hold one (it could smuggle in headers)",
        "{what}中含有换行；邮件头不能含换行（否则可能被插入额外的邮件头）",
    ),
    "email_unknown_name": ("'{name}' is not in the address book {book}{hint}", "地址簿 {book} 中没有“{name}”{hint}"),
    "email_no_book": (
        "'{name}' is not an email address, and the brief names no address book (email.address_book) to look it up in",
        "“{name}”不是邮件地址，且简报没有指定用来查找它的地址簿（email.address_book）",
    ),
    "email_no_recipients": (
        "no one to send to: give email.to, a distribution list with email.address_book, or --to",
        "没有收件人：请给出 email.to、带 email.address_book 的分送名单，或使用 --to",
    ),
    "address_book_format": (
        "an address book maps each name to an address or a list of addresses (name: address)",
        "地址簿应把每个名称对应到一个地址或地址列表（名称: 地址）",
    ),
    "address_book_csv": (
        "a CSV address book needs a header row with the columns name and address",
        "CSV 地址簿需要含 name 和 address 两列的表头行",
    ),
    "email_attach_unknown": ("unknown attachment format '{name}'; use pdf, docx", "未知的附件格式“{name}”，可用 pdf、docx"),
    "email_attachment_missing": ("attachment '{name}' does not exist", "附件“{name}”不存在"),
    "smtp_setting_missing": ("not set; sending needs it (set the variable or give --smtp-config; --dry-run needs neither)",
                             "未设置；发送邮件需要它（请设置该环境变量或使用 --smtp-config；--dry-run 不需要）"),
    "smtp_setting_bad": ("{name} is '{value}'; expected {expected}", "{name} 的值为“{value}”，应为{expected}"),
    "smtp_config_key": ("unknown setting '{key}'{hint}", "未知的设置“{key}”{hint}"),
    "send_failed": ("{recipient}: not delivered: {detail}", "{recipient}：未送达：{detail}"),
    "send_rejected": ("{recipient}: not delivered: the server answered {reply} {detail}",
                      "{recipient}：未送达：服务器答复 {reply} {detail}"),
    "send_gave_up": ("{recipient}: not delivered after {attempts} attempts: {detail}",
                     "{recipient}：尝试 {attempts} 次后仍未送达：{detail}"),
    "send_uncertain": (
        "{recipient}: in doubt: an earlier run sent this copy but never learned whether the server took it "
        "({detail}), so it may have arrived; not sent again (check with the recipient; --force resends)",
        "{recipient}：存疑：此前一次发送已发出此邮件，但未得知服务器是否收下（{detail}），邮件可能已送达；"
        "本次不再发送（请与收件人核实；--force 可重发）",
    ),
    "send_in_doubt": (
        "{recipient}: in doubt: the message was sent but the server's answer never came ({detail}); it may have "
        "arrived, so it is not sent again (check with the recipient; --force resends)",
        "{recipient}：存疑：邮件已发出，但服务器始终未答复（{detail}）；邮件可能已送达，因此不再重发"
        "（请与收件人核实；--force 可重发）",
    ),
    "send_not_tried": ("{recipient}: not sent: {detail} (earlier in this run); a later run sends it",
                       "{recipient}：未发送：{detail}（本次发送中已出现）；下次运行时会发送"),
    "send_held": (
        "{recipient}: not sent: another run is still sending this copy; run again later to see how it ended",
        "{recipient}：未发送：另一次运行仍在发送此邮件；请稍后再运行以查看结果",
    ),
    "email_control_char": ("{what} contains the control character {codepoint}, which a mail header cannot hold",
                           "{what}中含有控制字符 {codepoint}，邮件头不能含有"),
    "email_header_long": ("{length} characters is too long for a mail header (at most {limit})",
                          "长度为 {length} 个字符，超出邮件头的上限（{limit} 个字符）"),
    "email_header_bad": ("the message to {recipient} cannot be written: {detail}", "无法写出发给 {recipient} 的邮件：{detail}"),
    "delivery_log_not_file": (
        "the delivery log is not a file; nothing was sent (move it aside: a new log would send every copy again)",
        "投递记录不是普通文件；未发送任何邮件（请将其移走；新建记录后所有邮件会重新发送）",
    ),
    "delivery_log_garbage": (
        "the delivery log is not an SQLite database (damaged or overwritten); nothing was sent (move it aside: "
        "a new log would send every copy again)",
        "投递记录不是 SQLite 数据库（已损坏或被覆盖）；未发送任何邮件（请将其移走；新建记录后所有邮件会重新发送）",
    ),
    "delivery_log_foreign": (
        "the delivery log is an SQLite database but not one briefmaker wrote; nothing was sent",
        "投递记录虽是 SQLite 数据库，但不是 briefmaker 写的；未发送任何邮件",
    ),
    "delivery_log_locked": (
        "the delivery log is locked by another program (waited {seconds} s); nothing more was sent, run again later",
        "投递记录被其他程序锁定（已等待 {seconds} 秒）；未再发送邮件，请稍后再运行",
    ),
    "delivery_log_unusable": ("the delivery log cannot be used: {detail}; nothing more was sent",
                              "无法使用投递记录：{detail}；未再发送邮件"),
    "smtp_no_answer": ("the server did not answer within {seconds} s (BRIEFMAKER_SMTP_TIMEOUT)",
                       "服务器 {seconds} 秒内未答复（BRIEFMAKER_SMTP_TIMEOUT）"),
    "smtp_phase_deadline": ("{what} took longer than {seconds} s (BRIEFMAKER_SMTP_CONNECTION_DEADLINE)",
                            "{what}超过 {seconds} 秒（BRIEFMAKER_SMTP_CONNECTION_DEADLINE）"),
    "smtp_phase_connection": ("opening the connection", "建立连接"),
    "smtp_phase_message": ("sending this message", "发送此邮件"),
    "smtp_run_deadline": ("the run's time for sending ran out ({seconds} s, BRIEFMAKER_SMTP_RUN_DEADLINE)",
                          "本次发送的时限已到（{seconds} 秒，BRIEFMAKER_SMTP_RUN_DEADLINE）"),
    "smtp_too_many_lines": ("the server's answer ran past {lines} lines", "服务器的答复超过 {lines} 行"),
    "smtp_line_too_long": ("the server sent a line longer than {size} bytes", "服务器发来的一行超过 {size} 字节"),
    "smtp_not_smtp": ("the server's answer is not SMTP: {line}", "服务器的答复不符合 SMTP：{line}"),
    "smtp_closed": ("the server closed the connection", "服务器关闭了连接"),
    "send_sent": ("sent {file} to {recipient}", "已将 {file} 发送给 {recipient}"),
    "send_skipped": ("{file} was already sent to {recipient}; not sent again (--force resends)",
                     "{file} 已发送给 {recipient}，不再重复发送（--force 可重发）"),
    "send_written": ("wrote {path} (not sent: --dry-run)", "已写出 {path}（--dry-run，未发送）"),
    "send_summary": ("{sent} sent, {skipped} already sent, {failed} failed, {in_doubt} in doubt",
                     "发送 {sent} 封，此前已发送 {skipped} 封，失败 {failed} 封，存疑 {in_doubt} 封"),
    # extends, data tables, placeholders, batch builds (issue 4)
    "extends_not_found": ("the brief to extend, '{name}', does not exist", "要继承的简报“{name}”不存在"),
    "extends_bad": ("extends must name a brief file, e.g. _district.yaml", "extends 应为一个简报文件名，如 _district.yaml"),
    "extends_cycle": ("extends '{name}' leads back to this brief", "extends“{name}”又回到了本简报（循环继承）"),
    "extends_not_mapping": ("the brief to extend, '{name}', is not a mapping", "要继承的简报“{name}”不是映射（键: 值）"),
    "table_kind": ("a data table must be .csv or .xlsx, not '{suffix}'", "数据表应为 .csv 或 .xlsx 文件，而不是“{suffix}”"),
    "table_empty": ("the data table has no rows", "数据表没有数据行"),
    "table_too_long": ("the data table has more than {limit} rows", "数据表超过 {limit} 行"),
    "table_bad_column": (
        "column '{name}' is not a data name; use dotted keys such as disputes.found or meta.year",
        "列名“{name}”不是数据名称，请用 disputes.found、meta.year 这样用点分隔的键",
    ),
    "table_duplicate_column": ("column '{name}' is given twice (first in column {first})", "列“{name}”重复（第 {first} 列已有）"),
    "table_empty_cell": (
        "cell for '{name}' is empty and the template gives no value for it",
        "“{name}”的单元格为空，模板中也没有它的值",
    ),
    "table_name_column": ("--name: the data table has no column '{name}'", "--name：数据表中没有“{name}”列"),
    "table_name_bad": ("output name '{name}' cannot be a file name", "输出文件名“{name}”不能用作文件名"),
    "table_name_twice": ("output name '{name}' is used by rows {first} and {row}", "第 {first} 行和第 {row} 行的输出文件名都是“{name}”"),
    "needs_version": (
        "{feature} needs version: 1.1 (this brief is version 1); write version: 1.1 at the top "
        "(docs/brief-format.md, From 1 to 1.1)",
        "{feature}需要 version: 1.1（本简报为第 1 版）；请在开头写 version: 1.1（见 docs/brief-format.md“从 1 到 1.1”）",
    ),
    "section_outside": ("a subsection (an item with title:) belongs in a section's body, not in opening or closing",
                        "下级标题（带 title: 的条目）只能写在某一节的 body 中，不能写在 opening 或 closing 中"),
    "bound_kinds": ("a bound has one kind; this mapping has {kinds} (at_least, more_than, about, over)",
                    "一个界值只能有一种：此处同时写了 {kinds}（at_least、more_than、about、over）"),
    "bound_word": ("'{word}' is not a word for {kind}; write one of {words}",
                   "“{word}”不能用于 {kind}，请写 {words} 之一"),
    "indicator_target": ("the target is {value}; 完成率 needs a target above 0", "目标为 {value}，计算完成率需要大于 0 的目标"),
    "previous_not_found": ("last year's brief or data file '{name}' does not exist", "上年简报或数据文件“{name}”不存在"),
    "previous_data_key": ("a data file of last year's figures holds data: and year: only, not '{key}' (a file with "
                          "meta: is a brief)", "上年数据文件只能写 data: 和 year:，不能写“{key}”（写有 meta: 的文件是简报）"),
    "previous_no_data": ("a data file of last year's figures needs data: (a mapping of the figures)",
                         "上年数据文件需要 data:（数据的映射）"),
    "previous_rows": ("a table of last year's figures has one row; this one has {count}",
                      "上年数据表只能有一行数据，此表有 {count} 行"),
    "draft_names_source": (
        "this text names '{name}', a value still to fill as the template has it; review it once the value is filled",
        "此处文字写有“{name}”（尚待填写之值在模板中的内容），填写后请核对此处",
    ),
    "duplicate_id": ("id '{id}' is already used in this list (line {first}); a brief that extends this one "
                     "could not tell them apart", "id“{id}”在此列表中已用过（第 {first} 行），继承本简报时将无法区分"),
    "placeholder": ("value still to fill (待填写); build with --draft to preview", "尚待填写的值；如需预览请加 --draft 生成草稿"),
    "scaffold_exists": ("'{name}' already exists; choose another file name", "“{name}”已存在，请换一个文件名"),
    "worker_crashed": ("the build process failed: {detail}", "生成进程出错：{detail}"),
    # briefmaker serve: what an HTTP answer other than 200 says
    "service_time_limit": ("the build took longer than {seconds} s and was stopped",
                           "生成超过 {seconds} 秒，已中止"),
    "service_memory_limit": ("the build needed more than {mb} MB of memory and was stopped",
                             "生成所需内存超过 {mb} MB，已中止"),
    "service_unauthorized": ("sign in first: a valid API token is needed (Authorization: Bearer …)",
                             "请先登录：需要有效的 API 令牌（Authorization: Bearer …）"),
    "service_login_failed": ("wrong name or password", "用户名或密码错误"),
    "service_throttled": ("too many failed sign-ins; try again in {seconds} s", "登录失败次数过多，请 {seconds} 秒后再试"),
    "service_forbidden": ("your role ({role}) may not {action} '{name}'", "您的角色（{role}）无权对“{name}”执行{action}"),
    "service_bad_name": ("'{name}' is not a name in the workspace (no /, \\, .., NUL or %)",
                         "“{name}”不是工作区中的名称（不能含 /、\\、..、NUL 或 %）"),
    "service_not_found": ("there is no {what} named '{name}'", "没有名为“{name}”的{what}"),
    "service_conflict": ("'{name}' was changed since you read it (now version {current}); read it again and "
                         "reapply your edit", "“{name}”在您读取后已被修改（当前版本 {current}），请重新读取后再修改"),
    "service_precondition": ("saving '{name}' needs If-Match with the version you read (the ETag of GET)",
                             "保存“{name}”需要 If-Match 头，值为读取时的版本（GET 返回的 ETag）"),
    "service_too_large": ("the request body is over {limit} MB", "请求内容超过 {limit} MB"),
    "service_busy": ("every build worker is busy; try again in {seconds} s", "生成进程全忙，请 {seconds} 秒后再试"),
    "service_bad_request": ("bad request: {detail}", "请求有误：{detail}"),
    "service_media_type": ("send {expected} (got {got})", "请以 {expected} 格式发送（收到 {got}）"),
    "service_job_running": ("job {name} is not finished yet", "任务 {name} 尚未完成"),
    "service_failed": ("the service failed; the log has the details", "服务出错，详情见日志"),
    "batch_one_template": ("--data builds one BRIEF (the template) once per row; give exactly one",
                           "--data 按行生成同一个简报（模板），请只给一个简报文件"),
    "batch_summary": ("built {built}, failed {failed} ({seconds} s)", "生成成功 {built} 份，失败 {failed} 份（{seconds} 秒）"),
    "batch_failed": ("failed: {label}", "失败：{label}"),
    "batch_summary_reused": ("built {built} ({reused} already up to date), failed {failed} ({seconds} s)",
                             "生成成功 {built} 份（其中 {reused} 份已是最新），失败 {failed} 份（{seconds} 秒）"),
    "batch_ok": ("ok", "完成"),
    "batch_reused": ("up to date", "已是最新"),
    "batch_bad": ("FAILED", "失败"),
    # briefmaker import (issue 18)
    "import_save_as_docx": (
        "briefmaker cannot read {suffix} files; open it in Word or WPS and save it as .docx (文件 → 另存为 → Word 文档), then import that",
        "无法读取 {suffix} 文件：请在 Word 或 WPS 中打开，另存为 .docx（文件 → 另存为 → Word 文档）后再导入",
    ),
    "import_kind": ("cannot import a '{suffix}' file; give a .docx, .txt or .md file",
                    "无法导入“{suffix}”文件，请给出 .docx、.txt 或 .md 文件"),
    "import_binary": ("this is not text ({detail}); a .txt or .md file must be UTF-8 text",
                      "这不是文本（{detail}）；.txt 或 .md 文件必须是 UTF-8 文本"),
    "import_too_large": ("{size} bytes is more than the {limit} bytes briefmaker reads here; refusing it",
                         "大小 {size} 字节，超过此处可读取的上限 {limit} 字节，拒绝读取"),
    "import_not_zip": ("not a Word document: a .docx is a zip archive, and this is not one ({detail})",
                       "不是 Word 文档：.docx 应是 zip 压缩包，而此文件不是（{detail}）"),
    "import_zip_bomb": (
        "the part expands from {packed} to {size} bytes (over {limit}, or {ratio} times its packed size); refusing to unpack it",
        "该部件从 {packed} 字节解压为 {size} 字节（超过 {limit}，或为压缩大小的 {ratio} 倍），拒绝解压",
    ),
    "import_missing_part": ("the document has no {part}; it is not a complete .docx (save it again from Word or WPS)",
                            "文档缺少 {part}，不是完整的 .docx（请在 Word 或 WPS 中重新保存）"),
    "import_bad_xml": ("the part is not well-formed XML: {detail}", "该部件不是格式正确的 XML：{detail}"),
    "import_encrypted": ("the document is password-protected; save an unprotected copy as .docx",
                         "文档受密码保护，请另存一份未加密的 .docx"),
    "import_empty": ("the document holds no text to import", "文档中没有可导入的文字"),
    "import_no_title": ("no title found; the first line is not a title, so the brief's title is （无标题）: write it in meta.title",
                        "未找到标题（第一行不像标题），简报标题暂为“（无标题）”，请在 meta.title 中填写"),
    "import_heading_kept": (
        "these headings are numbered differently from the style's 一、（一）1.（1） (a skipped level, a run-in heading, "
        "or numbers that do not count 1, 2, 3 …), so they stay in the text, bold, numbered as written",
        "这些标题的编号与样式的 一、（一）1.（1） 不一致（跳级、段中标题或编号不连续），因此作为加粗正文保留原编号",
    ),
    "import_not_placed": ("could not place {what}; it is left out of the brief", "无法放置{what}，简报中未包含它"),
    "import_dropped": ("{what} is not imported", "未导入{what}"),
    "import_same_file": ("the brief would overwrite the document itself; give another -o", "简报会覆盖原文档，请用 -o 指定其他文件"),
    "import_exists": ("'{name}' already exists; choose another file name with -o", "“{name}”已存在，请用 -o 换一个文件名"),
    "import_done": ("wrote {name}: {lifted} of {figures} figures in the text quoted from data",
                    "已写入 {name}：正文 {figures} 个数字中 {lifted} 个引用自 data"),
    # templates, resources, numbers and meta text (issue 13: read-only data, budgets, bounds)
    "template_readonly": (
        "templates cannot change the data: '{method}' would change {kind}",
        "模板不能修改数据：“{method}”会修改{kind}",
    ),
    "template_clock": (
        "'{name}' depends on the clock, so two builds could differ; briefs cannot use it",
        "“{name}”取决于当前时间，两次生成的结果可能不同，简报中不能使用",
    ),
    "template_object": (
        "the template prints {kind}, which is not a value (its text differs from run to run)",
        "模板输出的是{kind}，不是数值或文字（其文字每次运行都不同）",
    ),
    "template_set": (
        "set operations are not available in templates (a set's order differs from run to run)",
        "模板中不能使用集合运算（集合的顺序每次运行都不同）",
    ),
    "template_tag": (
        "'{tag}' is not available in briefs: a brief's text cannot read other templates",
        "简报中不能使用“{tag}”：简报的文字不能读取其他模板",
    ),
    "template_steps": (
        "the template does too much work: more than {limit} steps (loop turns, calls, range items) {scope}",
        "模板运算量过大：超过 {limit} 步（循环、调用、range 的项）{scope}",
    ),
    "template_time": (
        "expanding the templates took more than {limit} s; simplify the loops",
        "模板展开用时超过 {limit} 秒，请简化循环",
    ),
    "template_too_long": (
        "the template would make text longer than {limit} characters",
        "模板生成的文字会超过 {limit} 个字符",
    ),
    "template_too_much": (
        "the template makes more than {limit} characters of text {scope}",
        "模板生成的文字超过 {limit} 个字符{scope}",
    ),
    "template_too_many": (
        "the template would make a list of more than {limit} items",
        "模板生成的列表会超过 {limit} 项",
    ),
    "template_depth": (
        "macros (or a recursive loop) call themselves more than {limit} levels deep",
        "宏（或递归循环）嵌套调用超过 {limit} 层",
    ),
    "template_star_width": (
        "a format width or precision must be written as a number, not taken from the arguments",
        "格式的宽度或精度应直接写成数字，不能从参数中取得",
    ),
    "filter_argument": ("filter '{filter}': {detail}", "过滤器“{filter}”：{detail}"),
    "filter_binds_tighter": (
        "in '{written}' the filter '{filter}' applies to {operand} alone, before the {operator}: a filter binds "
        "tighter than arithmetic; write {fixed}",
        "“{written}”中的过滤器“{filter}”只作用于 {operand}，先于 {operator} 运算（过滤器比算术运算符结合得更紧）；"
        "请写成 {fixed}",
    ),
    "unknown_filter": ("no filter named '{name}'{hint}; the filters are: {known}",
                       "没有名为“{name}”的过滤器{hint}；可用的过滤器：{known}"),
    "unknown_test": ("no test named '{name}'{hint}; the tests are: {known}",
                     "没有名为“{name}”的测试{hint}；可用的测试：{known}"),
    "number_too_large": (
        "the number {value} is too large (the limit is ±{limit})",
        "数字 {value} 过大（绝对值不能超过 {limit}）",
    ),
    "number_not_finite": ("the value {value} is not a finite number", "数值 {value} 不是有限的数"),
    "number_not_real": ("the result {value} is not a real number", "结果 {value} 不是实数"),
    "lone_surrogate": (
        "text contains a lone surrogate U+{codepoint:04X} (half of a character), which DOCX and PDF cannot hold",
        "文字中含有孤立的代理码位 U+{codepoint:04X}（半个字符），DOCX 和 PDF 都无法保存它",
    ),
    "scaffold_done": ("wrote {name}: {count} values to fill (待填写); `briefmaker check {name}` lists them",
                      "已写入 {name}：{count} 处待填写；`briefmaker check {name}` 可列出它们"),
}

_TYPE_NAMES = {
    "text": ("text", "文字"),
    "a number": ("a number", "数字"),
    "a whole number": ("a whole number", "整数"),
    "a date (2020-12-31)": ("a date (2020-12-31)", "日期（如 2020-12-31）"),
    "a list": ("a list", "列表"),
    "a mapping": ("a mapping (key: value)", "映射（键: 值）"),
    "true or false": ("true or false", "true 或 false"),
    "nothing": ("nothing (empty)", "空值"),
    "a folder": ("a folder", "文件夹"),
    "a pipe (FIFO)": ("a pipe (FIFO)", "管道（FIFO）"),
    "a device": ("a device", "设备文件"),
    "a socket": ("a socket", "套接字"),
    "not a regular file": ("a special file", "特殊文件"),
    "a sentence": ("a sentence: text, or {id, text}", "句子：文字，或 {id, text}"),
    "a number or a data name": ("a number or the name of a number in data (e.g. disputes.found)",
                                "数字或数据中某个数字的名称（如 disputes.found）"),
}


def current_language() -> str:
    """'zh' when the locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE) is Chinese, else 'en'."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def type_name(name: str, lang: str | None = None) -> str:
    """A type's name ('a number') in the message language."""
    en, zh = _TYPE_NAMES.get(name, (name, name))
    return zh if (lang or current_language()) == "zh" else en


def message(code: str, lang: str | None = None, **params) -> str:
    """The message for ``code`` in ``lang`` (default: the locale's), with ``params`` filled in."""
    lang = lang or current_language()
    en, zh = _MESSAGES[code]
    localized = {}
    for key, value in params.items():
        if isinstance(value, LocalText):
            value = value.zh if lang == "zh" else value.en
        localized[key] = value
    return (zh if lang == "zh" else en).format(**localized)


class LocalText:
    """A parameter that has its own English and Chinese form (a type name, a nested hint)."""

    def __init__(self, en: str, zh: str):
        self.en, self.zh = en, zh

    def __str__(self) -> str:
        return self.en

    @classmethod
    def of(cls, code: str, **params) -> "LocalText":
        return cls(message(code, "en", **params), message(code, "zh", **params))

    @classmethod
    def type(cls, name: str) -> "LocalText":
        return cls(type_name(name, "en"), type_name(name, "zh"))
