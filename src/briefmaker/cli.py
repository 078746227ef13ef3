"""The ``briefmaker`` command. The only module that prints or chooses an exit status."""
from __future__ import annotations

import argparse
import json
import sys

from . import __version__
from .errors import BriefError
from .i18n import current_language

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
EXIT_IN_DOUBT = 3  # send: some copy may or may not have arrived (see docs/email.md)


def _print_problems(problems, stream=None) -> None:
    """Each problem on its own line in the locale's language, on ``stream`` (the current stderr)."""
    lang = current_language()
    for problem in problems:
        print(problem.render(lang), file=stream or sys.stderr)


def cmd_build(args) -> int:
    from .build import build

    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    if args.data or len(args.briefs) > 1:
        return _build_batch(args, formats)
    from .batch import default_jobs

    failed = 0
    parallel = (args.jobs or default_jobs()) > 1  # one brief: its two formats use two cores
    for brief in args.briefs:
        try:
            result = build(brief, args.output, formats, style=args.style, draft=args.draft,
                           embed_fonts=args.embed_fonts, parallel=parallel, reuse=True)
        except BriefError as exc:
            _print_problems(exc.problems)
            failed += 1
            continue
        _print_problems(result.warnings)
        for path in result.outputs:
            print(path)
    return EXIT_INPUT if failed else EXIT_OK


def _build_batch(args, formats) -> int:
    """Several briefs, or one template × the rows of --data: built on a process pool."""
    import time

    from . import batch
    from .i18n import message

    options = dict(outdir=args.output, formats=formats, style=args.style, draft=args.draft,
                   embed_fonts=args.embed_fonts, reuse=True)
    if args.data:
        if len(args.briefs) != 1:
            print(message("batch_one_template"), file=sys.stderr)
            return EXIT_USAGE
        from .brief.table import read_table

        tasks = batch.row_tasks(args.briefs[0], read_table(args.data), args.name, **options)
    else:
        tasks = [batch.Task(brief, brief, **options) for brief in args.briefs]
    tty = sys.stderr.isatty()
    start = time.perf_counter()

    def on_done(outcome, done, total):
        if tty:
            line = batch.progress_line(done, total, time.perf_counter() - start)
            print(f"\r{line}", end="\n" if done == total else "", file=sys.stderr, flush=True)
        else:
            state = message("batch_bad" if not outcome.ok else "batch_reused" if outcome.reused else "batch_ok")
            print(f"[{done}/{total}] {outcome.task.label}: {state} ({outcome.seconds:.1f}s)", file=sys.stderr, flush=True)

    outcomes = batch.run(tasks, args.jobs, on_done)
    built = [o for o in outcomes if o.ok]
    failed = [o for o in outcomes if not o.ok]
    for outcome in built:
        _print_problems(outcome.warnings)
        for path in outcome.outputs:
            print(path)
    reused = sum(o.reused for o in built)
    print(message("batch_summary_reused" if reused else "batch_summary", built=len(built), reused=reused, failed=len(failed),
                  seconds=f"{time.perf_counter() - start:.1f}"), file=sys.stderr)
    for outcome in failed:
        print(message("batch_failed", label=outcome.task.label), file=sys.stderr)
        _print_problems(outcome.problems)
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


def cmd_new(args) -> int:
    from .i18n import message
    from .scaffold import scaffold

    count = scaffold(args.source, args.target)
    print(message("scaffold_done", name=args.target, count=count))
    return EXIT_OK


def cmd_import(args) -> int:
    from .i18n import message
    from .importer import import_file

    target, result = import_file(args.document, args.output)
    _print_problems(result.warnings)
    print(message("import_done", name=target, lifted=result.lifted, figures=result.figures))
    return EXIT_OK


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


def cmd_send(args) -> int:
    from .deliver.send import check_sender, deliver, parse_attach, plan
    from .deliver.settings import load_settings
    from .i18n import message

    settings = load_settings(config=args.smtp_config)  # bad or missing settings: refused before building
    check_sender(settings, args.dry_run)
    if args.data and len(args.briefs) != 1:
        print(message("batch_one_template"), file=sys.stderr)
        return EXIT_USAGE
    planned = plan(args.briefs, args.output, parse_attach(args.attach), args.to, data=args.data, name=args.name)
    for item in planned:
        _print_problems(item.warnings)
    counts = {"sent": 0, "skipped": 0, "failed": 0, "written": 0, "in_doubt": 0}

    def report(outcome) -> None:
        counts[outcome.status] += 1
        name = outcome.unit
        if outcome.status in ("failed", "in_doubt"):
            _print_problems([outcome.problem])
        elif outcome.status == "written":
            print(message("send_written", path=outcome.path), flush=True)
        else:
            print(message(f"send_{outcome.status}", file=name, recipient=outcome.recipient), flush=True)

    deliver(planned, args.output, settings, dry_run=args.dry_run, force=args.force, on_outcome=report)
    if not args.dry_run:
        print(message("send_summary", **{k: counts[k] for k in ("sent", "skipped", "failed", "in_doubt")}))
    if counts["in_doubt"]:
        return EXIT_IN_DOUBT
    return EXIT_INPUT if counts["failed"] else EXIT_OK


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number above 0, got '{text}'")
    return value


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
    build.add_argument("--format", default="docx,pdf", help="comma-separated formats: docx, pdf, png (the whole report as one long "
                                                           "picture) (default: docx,pdf)")
    build.add_argument("--style", help="style to use instead of the brief's own: a built-in name "
                                       "(see `briefmaker styles`) or a style file")
    build.add_argument("--data", metavar="TABLE", help="a CSV or XLSX file, one row per unit: build the (one) "
                                                     "BRIEF once per row, the row's columns overriding its data")
    build.add_argument("--name", metavar="PATTERN", help="output name per row: a column (unit.name) or a pattern "
                                                       "({unit.name}-{meta.year}); default: the first column")
    build.add_argument("--jobs", "-j", type=_positive, metavar="N",
                       help="builds run at once when there are several (default: the number of cores)")
    build.add_argument("--draft", action="store_true",
                       help="build even with values still to fill (待填写), stamping 草稿 on every page")
    build.add_argument("--embed-fonts", action="store_true",
                       help="embed the bundled fonts in the DOCX (subset to its characters), so it looks the same "
                            "on machines without the office fonts (as the style option embed_fonts: true)")
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

    new = sub.add_parser("new", help="start a brief for another unit from an existing one",
                         description="Write NEW.yaml: extends the template FROM uses (or FROM itself), "
                                     "with every value to fill marked 待填写 for `check` to list.")
    new.add_argument("--from", dest="source", required=True, metavar="FROM.yaml", help="the brief to start from")
    new.add_argument("target", metavar="NEW.yaml")
    new.set_defaults(run=cmd_new)

    imp = sub.add_parser("import", help="turn last year's summary (.docx, .txt, .md) into a brief",
                         description="Write a brief in the current format from a .docx, .txt or .md summary: "
                                     "its structure, and every figure lifted into data (docs/import.md).")
    imp.add_argument("document", metavar="FILE.docx|.txt|.md")
    imp.add_argument("-o", "--output", metavar="BRIEF.yaml", help="the brief to write (default: FILE.yaml beside FILE)")
    imp.set_defaults(run=cmd_import)

    send = sub.add_parser("send", help="email the built PDF (and DOCX) to a brief's recipients",
                          description="Build each BRIEF, then email it to the recipients in the brief "
                                      "(email.to, or the distribution list via email.address_book) or "
                                      "given with --to; copies already sent are not sent again. SMTP "
                                      "settings: BRIEFMAKER_SMTP_* variables or --smtp-config (docs/email.md).")
    send.add_argument("briefs", nargs="+", metavar="BRIEF.yaml")
    send.add_argument("--to", action="append", metavar="ADDR",
                      help="send to this address (or 'Name <addr>') instead of the brief's recipients; repeatable")
    send.add_argument("-o", "--output", default="out", metavar="OUTDIR",
                      help="output folder, also holding the delivery log (default: out)")
    send.add_argument("--attach", default="pdf", help="comma-separated attachments: pdf, docx (default: pdf)")
    send.add_argument("--dry-run", action="store_true", help="write each message to OUTDIR as .eml; send nothing")
    send.add_argument("--force", action="store_true",
                      help="send again to recipients who already have this version or whose copy is in doubt")
    send.add_argument("--data", metavar="TABLE", help="a CSV or XLSX file: build and send the (one) BRIEF "
                                                    "once per row, as `build --data` does")
    send.add_argument("--name", metavar="PATTERN", help="output name per row, as for `build --data`")
    send.add_argument("--smtp-config", metavar="FILE", help="YAML file of SMTP settings (host, port, user, "
                                                            "password, security, from); variables win over it")
    send.set_defaults(run=cmd_send)

    from .service.server import add_arguments  # serve, users: the HTTP service (docs/service.md)

    add_arguments(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 bad input or not delivered, 2 usage,
    3 a copy in doubt)."""
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
