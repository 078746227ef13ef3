"""Every word the web pages show, in English and Chinese, as i18n.py keeps the CLI's messages.

:func:`text` looks a code up here first and then among the CLI's and the service's messages
(``i18n.message``), so a refusal reads the same on a page as in the API.
"""
from __future__ import annotations

from ...i18n import _MESSAGES, message

STYLE_NAMES = {"gongwen": "公文 gongwen", "jianbao": "简报 jianbao", "report": "报告 report"}

TEXTS: dict[str, tuple[str, str]] = {
    # code: (English, Chinese)
    "web_app": ("briefmaker", "简报生成"),
    "web_skip": ("Skip to the content", "跳到正文"),
    "web_nav": ("Pages", "页面"),
    "web_units": ("Units", "单位简报"),
    "web_units_caption": ("The briefs you may work on", "您可以处理的简报"),
    "web_logout": ("Log out", "退出登录"),
    "web_login": ("Log in", "登录"),
    "web_login_button": ("Log in", "登录"),
    "web_name": ("Name", "用户名"),
    "web_password": ("Password", "密码"),
    "web_error": ("Error", "出错了"),
    "web_back_to_units": ("Back to the units", "返回单位列表"),
    "web_csrf": ("This form has expired or did not come from this site; reload the page and try again",
                 "表单已过期或并非来自本站，请刷新页面后重试"),
    "web_no_briefs": ("There are no briefs you may read.", "没有您可以查看的简报。"),
    "web_brief": ("Brief", "简报"),
    "web_unit": ("Unit", "单位"),
    "web_last_build": ("Last build (UTC)", "最近生成（UTC）"),
    "web_last_send": ("Last send (UTC)", "最近发送（UTC）"),
    "web_to_fill": ("Still to fill", "待填写"),
    "web_n_to_fill": ("{n} to fill", "{n} 处待填写"),
    "web_none_to_fill": ("complete", "已填完"),
    "web_template": ("template", "模板"),
    "web_has_problems": ("has problems", "有错误"),
    "web_version": ("version", "版本"),
    "web_brief_actions": ("What to do with this brief", "简报操作"),
    "web_history": ("History", "历史版本"),
    "web_send": ("Send", "发送"),
    "web_batch": ("Batch", "批量生成"),
    "web_saved": ("Saved.", "已保存。"),
    "web_not_saved": ("Not saved: fix the problems listed below first.", "未保存：请先改正下列错误。"),
    "web_conflict": ("Not saved: someone saved this brief after you opened it. Your text is below; "
                     "copy your changes, reload the page and make them again.",
                     "未保存：您打开后已有他人保存了此简报。您的文字仍在下方，请复制修改内容，刷新页面后重新修改。"),
    "web_style": ("Style", "版式"),
    "web_style_own": ("The brief's own", "简报自带"),
    "web_download": ("Download:", "下载："),
    "web_long_png": ("Long image (PNG)", "长图（PNG）"),
    "web_download_hint": ("Downloads are built from the saved brief.", "下载的文件按已保存的简报生成。"),
    "web_problems": ("Problems", "错误"),
    "web_figures": ("Figures", "数据"),
    "web_figures_top": ("General", "总体"),
    "web_no_figures": ("This brief has no figures of its own; edit its full text below.",
                       "此简报没有自己的数据，请在下方编辑全文。"),
    "web_fill_in": ("still to fill", "待填写"),
    "web_full_text": ("Full text (YAML)", "全文（YAML）"),
    "web_editor_hint": ("Tab leaves the editor; indent with spaces.", "按 Tab 键离开编辑器；缩进请用空格。"),
    "web_save": ("Save", "保存"),
    "web_save_hint": ("Every saved version is kept.", "每个保存的版本都会保留。"),
    "web_preview": ("Preview", "预览"),
    "web_preview_working": ("Updating the preview …", "正在更新预览……"),
    "web_preview_ready": ("Preview is up to date.", "预览已是最新。"),
    "web_preview_failed": ("The brief has problems; the preview shows the last good version.",
                           "简报有错误，预览显示的是上一个正确的版本。"),
    "web_preview_draft": ("Draft: values are still to fill.", "草稿：仍有待填写的值。"),
    "web_page_n": ("Page {n}", "第 {n} 页"),
    "web_not_a_number": ("enter a number, such as 1200 or 0.95", "请输入数字，如 1200 或 0.95"),
    "web_empty": ("enter a value", "请输入内容"),
    "role_admin": ("administrator", "管理员"),
    "role_editor": ("editor", "编辑"),
    "role_viewer": ("viewer", "查看者"),
}


def text(code: str, lang: str = "zh", **params) -> str:
    """The words for ``code`` in ``lang`` ('zh' or 'en'), with ``params`` filled in."""
    if code in TEXTS:
        en, zh = TEXTS[code]
        return (zh if lang == "zh" else en).format(**params)
    if code in _MESSAGES:
        return message(code, lang, **params)
    return code
