"""The `tiltakstrapp` command: check, import, report, serve."""

import argparse
import os
import sys
from pathlib import Path

import yaml

from server.content.loader import BUNDLED_CONTENT, content_hash, load_content, load_with_warnings
from server.content.problems import ContentError
from server.content.translations import check as translations_check
from server.settings import Settings


def _print_problems(error: ContentError) -> int:
    print(f"Fant {len(error.problems)} problem(er) i innholdet:", file=sys.stderr)
    for problem in error.problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


def check(args: argparse.Namespace) -> int:
    """Validate every content file and report every problem, then every contradiction."""
    root = Path(args.content_dir)
    try:
        content, warnings = load_with_warnings(root)
    except ContentError as error:
        return _print_problems(error)
    if warnings:
        print(f"{len(warnings)} advarsel(er): teksten sier noe annet enn dataene.", file=sys.stderr)
        for warning in warnings:
            print(f"  {warning}", file=sys.stderr)
    missing, stale = translations_check(content)
    if stale:
        print(f"{len(stale)} advarsel(er) om oversettelser (`tiltakstrapp translations todo`):", file=sys.stderr)
        for note in stale:
            print(f"  {note}", file=sys.stderr)
    if missing:
        print(f"Fant {len(missing)} problem(er) i oversettelsene: engelsk skal ha alt.", file=sys.stderr)
        for problem in missing:
            print(f"  {problem}", file=sys.stderr)
        return 1
    measures = sum(len(group.measures) for m in content.municipalities for s in m.steps for group in s.groups)
    print(
        f"Innholdet er i orden: {len(content.municipalities)} kommuner, {measures} tiltak, "
        f"{len(content.glossary)} ord i ordlisten, {len(content.helplines)} hjelpetelefoner, "
        f"{len(content.situations)} situasjoner."
    )
    return 1 if warnings and args.strict else 0  # a stale translation is shown in Norwegian: no failure


def import_(args: argparse.Namespace) -> int:
    """Validate and import the content into the store; never over editors' changes unless asked."""
    from server.datadir import DataDir
    from server.publish import EditsWouldBeLost, import_bundle

    settings = Settings.from_env(data_dir=args.data_dir, content_dir=args.content_dir)
    data = DataDir(settings.data_dir)
    try:
        version = import_bundle(settings, data, replace=args.replace)
    except ContentError as error:
        return _print_problems(error)
    except EditsWouldBeLost as error:
        print(
            f"Importerte ikke: redaksjonen har publisert {len(error.edited)} endringer siden forrige import, "
            "og de ville gått tapt:",
            file=sys.stderr,
        )
        for item in error.edited:
            print(f"  {item}", file=sys.stderr)
        print(
            "Skriv innholdet ut med `tiltakstrapp dump-content MAPPE` for å ta vare på det, "
            "eller bruk --replace for å erstatte det.",
            file=sys.stderr,
        )
        return 1
    print(f"Importerte innholdet til {data.main.path} (versjon {version[:12]}).")
    return 0


def dump_content(args: argparse.Namespace) -> int:
    """Write the published content back as a content folder (YAML), for git or a new import."""
    from server.content.dump import dump
    from server.datadir import DataDir

    settings = Settings.from_env(data_dir=args.data_dir)
    content = DataDir(settings.data_dir).main.content()
    if content is None:
        print(f"Det er ikke noe innhold i {settings.data_dir}.", file=sys.stderr)
        return 1
    count = dump(content, Path(args.directory), sources=settings.content_dir / "sources")
    print(f"Skrev {count} filer til {args.directory}.")
    return 0


def report(args: argparse.Namespace) -> int:
    """Print per municipality what editors need to see: counts, readability, gaps."""
    from server.report import content_report

    try:
        content = load_content(Path(args.content_dir))
    except ContentError as error:
        return _print_problems(error)
    print(content_report(content))
    return 0


def export(args: argparse.Namespace) -> int:
    """Write the whole site as static files."""
    from server.app import create_app
    from server.export import ExportRefused, check_target, export_site

    # A static host cannot receive «Er noe feil?», so the exported pages leave the form out.
    settings = Settings.from_env(data_dir=args.data_dir, public_url=args.public_url, feedback=False)
    try:
        check_target(Path(args.directory).resolve())  # before the slow part
        app = create_app(settings)
        count = export_site(app, Path(args.directory))
    except ContentError as error:
        return _print_problems(error)
    except ExportRefused as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Skrev {count} filer (og .br- og .gz-utgaver) til {args.directory}.")
    return 0


def serve(args: argparse.Namespace) -> int:
    """Import the content if it changed, then serve the app."""
    from granian import Granian
    from granian.constants import Interfaces

    from server.publish import ensure_imported

    settings = Settings.from_env(data_dir=args.data_dir, host=args.host, port=args.port, workers=args.workers)
    try:
        outcome = ensure_imported(settings, strict=args.strict)
    except ContentError as error:
        return _print_problems(error)
    if outcome.imported:
        print(f"Importerte innholdet fra {settings.content_dir} (versjon {content_hash(settings.content_dir)[:12]}).")
    if outcome.kept_edits:
        print(
            f"Innholdet i {settings.content_dir} er endret, men redaksjonen har publisert {len(outcome.kept_edits)} "
            "endringer siden forrige import. De beholdes; `tiltakstrapp import --replace` erstatter dem.",
            flush=True,
        )
    if outcome.problems:
        print(f"ADVARSEL: innholdet i {settings.content_dir} har feil og ble ikke importert.", file=sys.stderr)
        print(
            f"Nettstedet viser det siste gode innholdet fra databasen. Fant {len(outcome.problems)} problem(er):",
            file=sys.stderr,
        )
        for problem in outcome.problems:
            print(f"  {problem}", file=sys.stderr)
    os.environ.update(settings.to_env())
    print(f"Tiltakstrappa kjører på http://{settings.host}:{settings.port}/ (Ctrl+C stopper).", flush=True)
    Granian(
        "server.app:create_app",
        factory=True,
        interface=Interfaces.ASGI,
        address=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_access=False,
    ).serve()
    return 0


def user(args: argparse.Namespace) -> int:
    """Accounts for the editor: add, list, disable, reset (a new one-time link)."""
    from server.datadir import DataDir
    from server.editor import accounts

    settings = Settings.from_env(data_dir=args.data_dir)
    data = DataDir(settings.data_dir)
    by = f"tiltakstrapp user {args.action}"
    try:
        if args.action == "list":
            for account in accounts.all_accounts(data):
                state = "sperret" if account.disabled else ("aktiv" if account.password_hash else "venter på passord")
                print(f"{account.email}\t{account.municipality}\t{account.role}\t{state}")
            return 0
        if args.action == "add":
            content = data.main.content()
            if content is None:
                raise accounts.AccountError("Det er ikke noe innhold i databasen. Kjør `tiltakstrapp import` først.")
            known = {m.slug for m in content.municipalities} | {"felles"}
            if args.municipality not in known:
                raise accounts.AccountError(
                    f"Ukjent kommune «{args.municipality}». Velg en av: {', '.join(sorted(known))}."
                )
            token = accounts.add(data, args.email, args.municipality, args.role, by)
        elif args.action == "reset":
            token = accounts.reset(data, args.email, by)
        else:
            accounts.disable(data, args.email, by)
            print(f"{args.email} er sperret.")
            return 0
    except accounts.AccountError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Send denne lenken til {accounts.normalise_email(args.email)}. Den virker i 24 timer og bare én gang:")
    print(f"{settings.base_url}/redaksjon/passord/{token}")
    return 0


def translations(args: argparse.Namespace) -> int:
    """`translations todo LANG SCOPE`: what to translate (missing or stale), as YAML to work from."""
    from server.content.translations import LANGUAGES, todo

    if args.language not in LANGUAGES:
        print(f"Ukjent språk «{args.language}». Kjente: {', '.join(LANGUAGES)}.", file=sys.stderr)
        return 2
    try:
        content = load_content(Path(args.content_dir))
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    work = todo(content, LANGUAGES[args.language], args.scope)
    if work is None:
        print(f"Ukjent område «{args.scope}»: felles eller en kommunes kortnavn.", file=sys.stderr)
        return 2
    sys.stdout.write(yaml.safe_dump(work, allow_unicode=True, sort_keys=False, width=100))
    return 0


def feedback(args: argparse.Namespace) -> int:
    """«Er noe feil?» reports: list the open ones (or all), mark one done."""
    from server.datadir import DataDir
    from server.feedback import reports
    from server.feedback.reports import REASON_LABELS

    data = DataDir(Settings.from_env(data_dir=args.data_dir).data_dir)
    if args.action == "done":
        if not reports.mark_done(data, args.id):
            print(f"Fant ingen åpen melding med id {args.id}.", file=sys.stderr)
            return 1
        data.audit("melding ferdig", "tiltakstrapp feedback done", item=args.id)
        print(f"Melding {args.id} er merket ferdig.")
        return 0
    found = reports.reports(data, args.municipality, include_done=args.all)
    for report in found:
        state = " (ferdig)" if report.done else ""
        print(f"{report.id}  {report.at}  {report.page}  {REASON_LABELS[report.reason]}{state}")
        if report.text:
            print("    " + report.text.replace("\n", "\n    "))
    print(f"{len(found)} meldinger.")
    return 0


def stats(args: argparse.Namespace) -> int:
    """The usage counts of the last days, per municipality."""
    from server.datadir import DataDir
    from server.publish import load_catalogue
    from server.usage.stats import report

    settings = Settings.from_env(data_dir=args.data_dir)
    try:
        catalogue = load_catalogue(settings)
    except ContentError as error:
        return _print_problems(error)
    for line in report(DataDir(settings.data_dir), catalogue, args.days):
        print(line)
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="tiltakstrapp", description="Tiltakstrappa: hjelp for barn, unge og familier.")
    commands = main.add_subparsers(dest="command", required=True)

    command = commands.add_parser("check", help="kontroller innholdet (YAML) og vis alle feil")
    command.add_argument("content_dir", nargs="?", default=str(BUNDLED_CONTENT))
    command.add_argument("--strict", action="store_true", help="feil også ved advarsler")
    command.set_defaults(run=check)

    command = commands.add_parser("import", help="importer innholdet til databasefilen")
    command.add_argument("--data-dir", type=Path, default=None)
    command.add_argument("--content-dir", type=Path, default=None)
    command.add_argument("--replace", action="store_true", help="erstatt også endringer fra redaksjonen")
    command.set_defaults(run=import_)

    command = commands.add_parser("dump-content", help="skriv det publiserte innholdet ut som YAML")
    command.add_argument("directory")
    command.add_argument("--data-dir", type=Path, default=None)
    command.set_defaults(run=dump_content)

    command = commands.add_parser("report", help="vis en rapport om innholdet for redaktører")
    command.add_argument("content_dir", nargs="?", default=str(BUNDLED_CONTENT))
    command.set_defaults(run=report)

    command = commands.add_parser("export", help="skriv hele nettstedet som statiske filer")
    command.add_argument("directory")
    command.add_argument("--data-dir", type=Path, default=None)
    command.add_argument("--public-url", default=None)
    command.set_defaults(run=export)

    command = commands.add_parser("user", help="kontoer i redaksjonen")
    actions = command.add_subparsers(dest="action", required=True)
    action = actions.add_parser("add", help="lag en konto og en engangslenke til passordet")
    action.add_argument("email")
    action.add_argument("--municipality", required=True, help="kommunens kortnavn, eller felles")
    action.add_argument("--role", required=True, choices=["editor", "publisher", "admin"])
    for name, text in (("disable", "sperr en konto"), ("reset", "ny engangslenke til passordet")):
        actions.add_parser(name, help=text).add_argument("email")
    actions.add_parser("list", help="vis alle kontoer")
    command.add_argument("--data-dir", type=Path, default=None)
    command.set_defaults(run=user)

    command = commands.add_parser("translations", help="oversettelser: hva som mangler eller er utdatert")
    actions = command.add_subparsers(dest="action", required=True)
    action = actions.add_parser("todo", help="tekster å oversette, med norsk tekst og hash, som YAML")
    action.add_argument("language")
    action.add_argument("scope", help="felles eller en kommunes kortnavn")
    action.add_argument("--content-dir", default=str(BUNDLED_CONTENT))
    command.set_defaults(run=translations)

    command = commands.add_parser("feedback", help="meldinger fra «Er noe feil?»")
    actions = command.add_subparsers(dest="action", required=True)
    action = actions.add_parser("list", help="vis åpne meldinger")
    action.add_argument("--municipality", default=None, help="bare for denne kommunen (kortnavn)")
    action.add_argument("--all", action="store_true", help="også meldinger som er ferdige")
    actions.add_parser("done", help="merk en melding som ferdig").add_argument("id")
    command.add_argument("--data-dir", type=Path, default=None)
    command.set_defaults(run=feedback)

    command = commands.add_parser("stats", help="brukstall: mest og minst viste tiltak, søk uten treff")
    command.add_argument("--days", type=int, default=30)
    command.add_argument("--data-dir", type=Path, default=None)
    command.set_defaults(run=stats)

    command = commands.add_parser("serve", help="start nettstedet")
    command.add_argument("--host", default=None)
    command.add_argument("--port", type=int, default=None)
    command.add_argument("--data-dir", type=Path, default=None)
    command.add_argument("--workers", type=int, default=None)
    command.add_argument("--strict", action="store_true", help="ikke start hvis innholdet har feil")
    command.set_defaults(run=serve)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
