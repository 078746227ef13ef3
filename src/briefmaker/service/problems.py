"""Problems as JSON, in the language the client asks for (Accept-Language: zh or en)."""
from __future__ import annotations

from ..errors import Problem


def language(accept: str | None) -> str:
    """'zh' or 'en': the first of them in the client's Accept-Language by preference (default 'en')."""
    best, best_q = "en", -1.0
    for position, part in enumerate((accept or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        lang = tag.strip().lower().split("-")[0]
        if lang in ("zh", "en") and q > 0 and q - position * 1e-6 > best_q:
            best, best_q = lang, q - position * 1e-6
    return best


def problem_json(problem: Problem, lang: str, rename: dict[str, str] | None = None) -> dict:
    """``{"line", "column", "path", "message", "code"}`` (plus file and severity) for one problem.

    ``rename`` maps a file name as the worker saw it to the one the client knows."""
    where = problem.location
    return {"line": where.line, "column": where.col, "path": where.path, "message": problem.text(lang),
            "code": problem.code, "file": (rename or {}).get(where.file, where.file), "severity": problem.severity}


def localize(value, lang: str, rename: dict[str, str] | None = None):
    """``value`` with every Problem inside (lists, dicts) turned into its JSON form."""
    if isinstance(value, Problem):
        return problem_json(value, lang, rename)
    if isinstance(value, dict):
        return {k: localize(v, lang, rename) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [localize(v, lang, rename) for v in value]
    return value
