"""The `milepost` command: validate roadmaps and print the editor schema.

Exit codes follow the contract: 0 clean, 1 problems (errors, or warnings
with --strict), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


from milepost import __version__
from milepost.core import cache
from milepost.core.numbers import plural
from milepost.core.problems import Problem
from milepost.core.schema import json_schema
from milepost.core.validate import check
from milepost.settings import SettingsError, allows_raw_html, reading_rules, site_settings

KINDS = ("goal", "roadmap", "campaign", "calendar")
NEW_FLAGS = {
    "title": "the title, in any language",
    "owner": "the one accountable person or team",
    "roadmap": "a campaign's roadmap (its id)",
    "start": "first day, month or quarter (roadmap, campaign)",
    "end": "last day, month or quarter (roadmap, campaign)",
    "goal": "a goal it serves (roadmap, campaign); repeat for several",
    "type": "a roadmap's type",
    "metric": "a goal's metric",
    "target": "a goal's target (a number)",
    "deadline": "a goal's deadline",
}


class _UsageError(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (_UsageError, SettingsError) as error:
        parser.exit(2, f"milepost: error: {error}\n")
    except BrokenPipeError:  # `milepost validate | head`
        return 1


def _parser() -> argparse.ArgumentParser:
    """The command line: each command's arguments are added by a function of their own."""
    parser = argparse.ArgumentParser(
        prog="milepost",
        description="Marketing roadmaps as Markdown + YAML front matter: validate them, diff them, publish them with MkDocs.",
    )
    parser.add_argument("--version", action="version", version=f"milepost {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for add in (_validate_arguments, _diff_arguments, _new_arguments, _schema_arguments, _import_arguments, _render_arguments, _serve_arguments):  # --help lists them in this order
        add(commands)
    return parser


def _validate_arguments(commands) -> None:
    validate = commands.add_parser(
        "validate",
        help="check every roadmap document and report all problems",
        description="Check every roadmap document under DOCS_DIR and report all problems at once, as PATH:LINE:COL: error|warning: MESSAGE [CODE].",
    )
    validate.add_argument("docs_dir", nargs="?", metavar="DOCS_DIR", help="the folder of roadmaps (default: docs_dir of ./mkdocs.yml, else roadmaps/)")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    validate.add_argument("--format", choices=("text", "json", "github"), default="text", help="text (default), json, or github workflow annotations")
    validate.add_argument("--no-cache", dest="cache", action="store_false", help="parse every file afresh instead of reusing what earlier runs parsed (kept in ~/.cache/milepost)")
    validate.set_defaults(run=_validate)


def _diff_arguments(commands) -> None:
    diff = commands.add_parser(
        "diff",
        help="what changed in the roadmaps between two Git revisions, in roadmap terms",
        description=(
            "Compare the roadmaps at BASE with HEAD (default: the working tree, uncommitted edits included), documents matched by id. "
            "BASE...HEAD compares with the point where HEAD's branch left BASE. Exit 0 when nothing changed in roadmap terms, 1 when something did, 2 on bad usage."
        ),
    )
    diff.add_argument("base", nargs="?", metavar="BASE", help="a commit, branch or tag (origin/main, HEAD~3, v1.2), or BASE...HEAD")
    diff.add_argument("head", nargs="?", metavar="HEAD", help="the revision to compare with BASE (default: the working tree)")
    diff.add_argument(
        "--baseline",
        metavar="REF",
        help="compare with the approved plan REF in variance terms (slips, moves, added, removed, budgets, milestones) instead; "
        "a single revision given is the one compared (default: the working tree)",
    )
    diff.add_argument("--format", choices=("markdown", "text", "json"), default="markdown", help="markdown (default, for a pull-request comment), text, or json")
    diff.add_argument("--docs-dir", metavar="DOCS_DIR", help="the folder of roadmaps (default: docs_dir of ./mkdocs.yml, else roadmaps/)")
    diff.set_defaults(run=_diff)


def _new_arguments(commands) -> None:
    new = commands.add_parser(
        "new",
        help="write a new goal, roadmap, campaign or calendar that validates",
        description=(
            "Write a new roadmap document from the flags, asking on a terminal for what is missing and required. "
            "A campaign goes in its roadmap's folder, anything else in DOCS_DIR. Never overwrites a file; prints the path written. "
            "Exit 0 written, 1 not written (the file exists), 2 bad usage (a missing or wrong value without a terminal to ask on)."
        ),
    )
    new.add_argument("kind", choices=KINDS, metavar="{" + "|".join(KINDS) + "}")
    new.add_argument("--id", help="the id (default: proposed from the title, unique across the site)")
    for name, text in NEW_FLAGS.items():
        new.add_argument(f"--{name}", action="append" if name == "goal" else "store", metavar=name.upper(), help=text)
    new.add_argument("--docs-dir", metavar="DOCS_DIR", help="the folder of roadmaps (default: docs_dir of ./mkdocs.yml, else roadmaps/)")
    new.set_defaults(run=_new)


def _schema_arguments(commands) -> None:
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the front matter, for editors",
        description="Print the JSON Schema (draft 2020-12) of roadmap front matter, for editor completion and inline errors.",
    )
    schema.add_argument("--output", metavar="FILE", help="write the schema to FILE instead (tools such as check-jsonschema need a real file, not a pipe)")
    schema.set_defaults(run=_schema)


def _import_arguments(commands) -> None:
    plan = commands.add_parser(
        "import",
        help="turn an execution-plan spreadsheet (.xlsx, .csv) into roadmap documents",
        description="Read an execution-plan spreadsheet, one campaign a row, and write its campaigns, goals and roadmap as documents that validate. Never overwrites a file. Exit 0 when every cell was read, 1 when some need attention, 2 on bad usage.",
    )
    plan.add_argument("file", metavar="FILE", type=Path, help="the plan: .xlsx or .csv")
    plan.add_argument("--roadmap", required=True, metavar="ID", help="the roadmap the campaigns belong to; created when it does not exist")
    plan.add_argument("--start", type=_day, metavar="DAY", help="the day the plan starts (YYYY-MM-DD): week 1 is the week holding it")
    plan.add_argument("--out", type=Path, metavar="DIR", help="where to write (default: the roadmap's folder)")
    plan.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the first)")
    plan.add_argument("--encoding", metavar="NAME", help="the encoding of a .csv file (default: UTF-8, GB18030 or Big5, detected)")
    plan.add_argument("--dry-run", action="store_true", help="print what would be written, write nothing")
    plan.set_defaults(run=_import)


def _render_arguments(commands) -> None:
    render = commands.add_parser(
        "render",
        help="write the whole site as a plain docs dir, for generators that run no MkDocs plugins (Zensical)",
        description=(
            "Validate as 'milepost validate' does, then write into DIR a docs dir (DIR/docs) and its mkdocs.yml: the site's own pages, "
            "every generated page as Markdown holding the plugin's HTML, the assets, the exports and a navigation. Zensical, ProperDocs "
            "or MkDocs without the plugin build DIR as the plugin would. Files whose bytes did not change are left alone. "
            "Exit codes as validate: 0 written, 1 on errors (or warnings with --strict; nothing written), 2 on bad usage."
        ),
    )
    render.add_argument("--out", required=True, type=Path, metavar="DIR", help="the folder to write (created; its docs/ and mkdocs.yml are Milepost's)")
    render.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), metavar="FILE", help="the site's MkDocs configuration (default: ./mkdocs.yml)")
    render.add_argument(
        "--generator", choices=("zensical", "mkdocs"), default="zensical",
        help="what will build DIR: zensical (default), or mkdocs for MkDocs or ProperDocs without the plugin (links in HTML differ)",
    )
    render.add_argument("--strict", action="store_true", help="fail on warnings too")
    render.add_argument("--format", choices=("text", "json", "github"), default="text", help="how problems are printed, as for validate")
    render.add_argument("--watch", action="store_true", help="render again whenever the docs dir, mkdocs.yml or the theme's custom_dir change (Ctrl-C stops)")
    render.set_defaults(run=_render)


def _serve_arguments(commands) -> None:
    serve = commands.add_parser(
        "serve",
        help="preview the site live: an edit renders only the pages it touches, the browser reloads",
        description="Build the site of ./mkdocs.yml once, serve it on 127.0.0.1 and, after each save, render again only the pages that show what changed (the search index and navigation kept whole), then the generated pages. Ctrl-C stops.",
    )
    serve.add_argument("-f", "--config-file", metavar="FILE", help="the site's MkDocs configuration (default: ./mkdocs.yml)")
    serve.add_argument("-a", "--dev-addr", metavar="PORT", help="the port, or 127.0.0.1:PORT (default: dev_addr of mkdocs.yml, else 8000); never another host")
    serve.add_argument("-o", "--open", action="store_true", help="open the preview in the browser")
    serve.set_defaults(run=_serve)


def _serve(args) -> int:
    from milepost import serve  # MkDocs is imported only by the commands that need it

    try:
        return serve.main(args.config_file, args.dev_addr, args.open)
    except serve.UsageError as error:
        raise _UsageError(str(error)) from None


def _render(args) -> int:
    from milepost import standalone  # MkDocs is imported only by the commands that need it

    try:
        return standalone.main(args.config_file, args.out, args.generator, args.strict, args.format, args.watch, _report)
    except standalone.ConfigError as error:
        raise _UsageError(str(error)) from None


def _day(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a day: write YYYY-MM-DD") from None


def _import(args) -> int:
    from milepost.importer.command import Request, UsageError, run

    docs_dir, currency = site_settings()
    request = Request(args.file, args.roadmap, docs_dir, currency, args.start, args.out, args.sheet, args.encoding, args.dry_run)
    try:
        return run(request)
    except UsageError as error:
        raise _UsageError(str(error)) from None


def _validate(args) -> int:
    docs_dir, currency = site_settings()
    fiscal, require_retrospectives = reading_rules()
    if args.docs_dir:
        docs_dir = Path(args.docs_dir)
    if not docs_dir.is_dir():
        raise _UsageError(f"no such folder: {docs_dir}")
    memo = cache.read(cache.location(docs_dir)) if args.cache else None
    before = set(memo) if memo is not None else None
    checked = check(docs_dir, currency, memo, fiscal=fiscal, require_retrospectives=require_retrospectives, raw_html=allows_raw_html())
    if memo is not None and set(memo) != before and not os.environ.get("CI"):  # a CI machine never reads it back
        cache.write(cache.location(docs_dir), memo, before)
    return _report(checked, args.format, args.strict)


def _report(checked, format: str, strict: bool) -> int:
    """Print the problems and the summary as `validate` does; its exit code."""
    documents, errors, warnings = len(checked.site.documents), len(checked.errors), len(checked.warnings)
    out = sys.stdout
    if format == "json":
        json.dump(
            {
                "documents": documents,
                "errors": errors,
                "warnings": warnings,
                "problems": [p.as_data() for p in checked.problems],
            },
            out,
            ensure_ascii=False,
            allow_nan=False,
            indent=2,
        )
        out.write("\n")
    else:
        for problem in checked.problems:
            out.write((_annotation(problem) if format == "github" else str(problem)) + "\n")
        summary = f"{plural(documents, 'document')}, {plural(errors, 'error')}, {plural(warnings, 'warning')}"
        out.write(summary + "\n" if format == "text" else f"::notice title=milepost::{summary}\n")
    return 1 if errors or (strict and warnings) else 0


def _annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command, escaped as the runner expects."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    level = "error" if problem.is_error else "warning"
    return f"::{level} file={prop(problem.path)},line={problem.line},col={problem.col},title={prop(problem.code)}::{data(problem.message)}"


def _schema(args) -> int:
    text = json.dumps(json_schema(), ensure_ascii=False, allow_nan=False, indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise _UsageError(f"cannot write {args.output}: {error.strerror}") from None
    return 0


def _diff(args) -> int:
    from milepost.review import compare, report, revision

    docs_dir, currency = site_settings()
    fiscal, _ = reading_rules()
    if args.docs_dir:
        docs_dir = Path(args.docs_dir)
    if args.baseline is not None:
        return _variance(args, docs_dir, currency, fiscal)
    if args.base is None:
        raise _UsageError("milepost diff needs BASE (or --baseline REF)")
    base, head = args.base, args.head
    memo: cache.Memo = {}  # a file unchanged between the two revisions is read once
    try:
        repo = revision.locate(docs_dir)
        if head is None and ".." in base:  # BASE..HEAD as for git diff; BASE...HEAD from where HEAD's branch left BASE
            three = "..." in base
            base, _, head = base.partition("..." if three else "..")
            base, head = base or "HEAD", head or "HEAD"
            if three:
                start = revision.merge_base(repo, revision.resolve(repo, base), revision.resolve(repo, head))
                before = revision.read_revision(repo, start, currency, label=f"{base}...{head} (merge base)", memo=memo, fiscal=fiscal)
            else:
                before = revision.read_revision(repo, base, currency, memo=memo, fiscal=fiscal)
        else:
            before = revision.read_revision(repo, base, currency, memo=memo, fiscal=fiscal)
        after = revision.read_revision(repo, head, currency, docs_dir=docs_dir, memo=memo, fiscal=fiscal)
    except revision.RevisionError as error:
        raise _UsageError(str(error)) from None
    changes = compare.diff_sites(before.site, after.site, unreadable_before=before.unreadable, unreadable_after=after.unreadable)
    changes.base = compare.Side(before.label, before.commit, before.errors, len(before.warnings))
    changes.head = compare.Side(after.label, after.commit, after.errors, len(after.warnings))
    render = {"markdown": report.to_markdown, "text": report.to_text, "json": report.to_json}[args.format]
    sys.stdout.write(render(changes))
    return 1 if changes.changed else 0


def _new(args) -> int:
    """`milepost new`: the answers from flags, else from the terminal, checked before anything is written."""
    from milepost.core import scaffold
    from milepost.core.load import read_document

    docs_dir, currency = site_settings()
    docs_dir = Path(args.docs_dir) if args.docs_dir else docs_dir
    if not docs_dir.is_dir():
        raise _UsageError(f"no such folder: {docs_dir}")
    fiscal, _ = reading_rules()
    site = check(docs_dir, currency, fiscal=fiscal).site
    wanted = {answer.name: answer for answer in scaffold.ANSWERS[args.kind]}
    stray = [f"--{name}" for name in NEW_FLAGS if getattr(args, name) is not None and name not in wanted]
    if stray:
        raise _UsageError(f"{', '.join(stray)}: not used for a {args.kind}")
    answers = {name: getattr(args, name) for name in wanted}
    for name, value in [*answers.items(), ("id", args.id)]:
        for one in (value if isinstance(value, list) else [value] if value is not None else []):
            if (why := scaffold.check_answer(name, one, site)) is not None:
                raise _UsageError(f"--{name}: {why}")
    _check_period(answers)
    terminal = sys.stdin.isatty()
    missing = [name for name, answer in wanted.items() if answer.required and answers[name] is None]
    if missing and not terminal:
        raise _UsageError(f"a {args.kind} needs {', '.join('--' + name for name in missing)} (no terminal to ask on)")
    if terminal:
        _ask_missing(answers, wanted, site)
    folder = scaffold.folder_for(args.kind, answers.get("roadmap"), site, docs_dir)
    ident = args.id or scaffold.propose_id(answers["title"], args.kind, site, docs_dir, folder)
    if terminal and not args.id:
        ident = _ask("id", f"Id [{ident}]", site, default=ident)
    text = scaffold.front_matter(args.kind, ident, answers)
    path = folder / f"{ident}.md"
    _, problems = read_document(text.encode("utf-8"), path.relative_to(docs_dir).as_posix(), str(path), currency, fiscal)
    if any(p.is_error for p in problems):  # a bug in the scaffold, never the author's doing: say so, write nothing
        raise RuntimeError("milepost new made a document that does not validate:\n" + "\n".join(map(str, problems)))
    try:
        with open(path, "x", encoding="utf-8") as out:  # "x": never overwrite, even a file that appeared meanwhile
            out.write(text)
    except FileExistsError:
        sys.stderr.write(f"milepost: {path} exists: not overwritten; choose another --id\n")
        return 1
    print(os.path.relpath(path))
    return 0


def _check_period(answers: dict) -> None:
    from milepost.core import dates, scaffold

    start, end = answers.get("start"), answers.get("end")
    if start and end and not scaffold.is_relative("start", start) and not scaffold.is_relative("end", end) and dates.parse(end).last < dates.parse(start).first:
        raise _UsageError(f"--end: {end} is before --start {start}")


def _ask_missing(answers: dict, wanted: dict, site) -> None:
    """Ask for each required answer not given (and for the goals served, which may stay empty)."""
    for name, answer in wanted.items():
        if answer.many and answers[name] is None:
            goals = ", ".join(g.id for g in site.goals if g.id)
            text = _ask(name, f"{answer.question} (ids separated by commas{'; ' + goals if goals else ''}) []", site, default="", many=True)
            answers[name] = [g.strip() for g in text.split(",") if g.strip()] or None
        elif answer.required and answers[name] is None:
            known = [d.id for d in site.roadmaps if d.id] if name == "roadmap" else []
            default = known[0] if len(known) == 1 else None
            choices = f" [{default}]" if default else f" ({', '.join(known)})" if known else ""
            answers[name] = _ask(name, answer.question + choices, site, default=default)
            if name == "end":
                while (why := _period_problem(answers)) is not None:
                    sys.stderr.write(f"  {why}\n")
                    answers["end"] = _ask("end", answer.question, site)


def _period_problem(answers: dict) -> str | None:
    try:
        _check_period(answers)
    except _UsageError as error:
        return str(error).removeprefix("--end: ")
    return None


def _ask(name: str, question: str, site, default: str | None = None, many: bool = False) -> str:
    """One answer from the terminal, asked again until it will do; end of input is bad usage."""
    from milepost.core import scaffold

    while True:
        try:
            text = input(f"{question}: ").strip()
        except EOFError:
            raise _UsageError(f"no answer for {name}") from None
        text = text or (default or "")
        values = [v.strip() for v in text.split(",") if v.strip()] if many else [text]
        problems = [why for v in values if (why := scaffold.check_answer(name, v, site)) is not None]
        if not problems:
            return text
        sys.stderr.write(f"  {problems[0]}\n")


def _variance(args, docs_dir: Path, currency: str, fiscal) -> int:
    """`milepost diff --baseline REF [HEAD]`: the plan (the working tree, or HEAD) against the approved plan REF."""
    from milepost.review import revision, variance, variance_report

    if args.head is not None:
        raise _UsageError("with --baseline, give at most one revision to compare (default: the working tree)")
    memo: cache.Memo = {}  # a file unchanged since the baseline is read once
    try:
        repo = revision.locate(docs_dir)
        before = revision.read_revision(repo, args.baseline, currency, memo=memo, fiscal=fiscal)
        after = revision.read_revision(repo, args.base, currency, docs_dir=docs_dir if args.base is None else None, memo=memo, fiscal=fiscal)
    except revision.RevisionError as error:
        raise _UsageError(str(error)) from None
    found = variance.compare(before.site, after.site, args.baseline, before.commit or "")
    if args.format == "markdown":
        sys.stdout.write(variance_report.to_markdown(found, before.site, after.site))
    else:
        sys.stdout.write(variance_report.to_json(found) if args.format == "json" else variance_report.to_text(found))
    return 1 if variance_report.changed(found) else 0
