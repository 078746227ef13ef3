"""The ``briefmaker`` command. The only module that prints or chooses an exit status."""
from __future__ import annotations

import argparse
import json
import sys

from . import __version__
from .errors import BriefError
from .i18n import current_language

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def _print_problems(problems, stream=sys.stderr) -> None:
    lang = current_language()
    for problem in problems:
        print(problem.render(lang), file=stream)


def cmd_build(args) -> int:
    from .build import build

    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    failed = 0
    for brief in args.briefs:
        try:
            result = build(brief, args.output, formats, style=args.style)
        except BriefError as exc:
            _print_problems(exc.problems)
            failed += 1
            continue
        _print_problems(result.warnings)
        for path in result.outputs:
            print(path)
    return EXIT_INPUT if failed else EXIT_OK


def cmd_check(args) -> int:
    from .build import glyph_warnings, prepare

    failed = 0
    for brief in args.briefs:
        try:
            loaded, _, document = prepare(brief, args.style)
        except BriefError as exc:
            _print_problems(exc.problems)
            failed += 1
            continue
        _print_problems(glyph_warnings(loaded, document))
        print(f"{brief}: ok" if current_language() != "zh" else f"{brief}：检查通过")
    return EXIT_INPUT if failed else EXIT_OK


def cmd_styles(args) -> int:
    from .style import list_styles

    styles = list_styles()
    width = max(len(name) for name, _ in styles)
    for name, description in styles:
        print(f"{name.ljust(width)}  {description}")
    return EXIT_OK


def cmd_schema(args) -> int:
    from .brief.model import Brief

    schema = Brief.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "briefmaker brief, format version 1"
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="briefmaker",
        description="Turn YAML facts and figures into finished Chinese summaries (DOCX + PDF).",
    )
    top.add_argument("--version", action="version", version=f"briefmaker {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build = sub.add_parser("build", help="build briefs into DOCX and PDF",
                           description="Build each BRIEF into OUTDIR/<stem>.docx and .pdf.")
    build.add_argument("briefs", nargs="+", metavar="BRIEF.yaml")
    build.add_argument("-o", "--output", default="out", metavar="OUTDIR", help="output folder (default: out)")
    build.add_argument("--format", default="docx,pdf", help="comma-separated formats (default: docx,pdf)")
    build.add_argument("--style", help="style to use instead of the brief's own: a built-in name "
                                       "(see `briefmaker styles`) or a style file")
    build.set_defaults(run=cmd_build)

    check = sub.add_parser("check", help="validate briefs without writing anything",
                           description="Report every problem in each BRIEF; write nothing.")
    check.add_argument("briefs", nargs="+", metavar="BRIEF.yaml")
    check.add_argument("--style", help="style template to check against")
    check.set_defaults(run=cmd_check)

    schema = sub.add_parser("schema", help="print the brief format as JSON Schema",
                            description="Print the JSON Schema of the brief format (for editors).")
    schema.set_defaults(run=cmd_schema)

    styles = sub.add_parser("styles", help="list the built-in styles",
                            description="List the built-in style templates, one line each.")
    styles.set_defaults(run=cmd_styles)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 bad input, 2 usage)."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BriefError as exc:
        _print_problems(exc.problems)
        return EXIT_INPUT


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
