"""`complaintsdesk report annual` and `complaintsdesk report quarterly` (registered in
`management/commands/report.py`'s SUBCOMMANDS).

    complaintsdesk report annual --year 2023-24 --format pdf --edition published -o report.pdf
    complaintsdesk report quarterly --year 2024-25 --quarter Q2 --format xlsx -o q2.xlsx

The published edition is refused (exit status 3, what to do named) while the annual report
is incomplete or not signed off, or any privacy finding is neither redacted nor accepted.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from complaintsdesk.reporting.annual.build import EDITIONS, annual_report_build, quarterly_build
from complaintsdesk.reporting.annual.model import Report
from complaintsdesk.reporting.annual.presets import DEFAULT_PRESET, PRESETS
from complaintsdesk.reporting.annual.publication import PublicationBlocked, report_publish_check
from complaintsdesk.reporting.annual.render import FORMATS, report_render
from complaintsdesk.reporting.figures import QUARTERS

REFUSED = 3  # exit status: the published edition is not safe to release yet
BINARY = ("pdf", "docx", "xlsx")


def _common(parser: CommandParser) -> None:
    parser.add_argument("--year", required=True, help="financial year, e.g. 2023-24")
    parser.add_argument("--format", default="html", choices=list(FORMATS))
    parser.add_argument("--edition", default="internal", choices=EDITIONS)
    parser.add_argument("--directorate", help="only this directorate's service areas")
    parser.add_argument("--service-area", dest="service_area", help="only this service area")
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (needed for pdf, docx, xlsx)"
    )


def _render(report: Report, options: dict[str, Any]) -> str | bytes:
    fmt = options["format"]
    if fmt in BINARY and not options.get("output"):
        raise CommandError(
            f"--format {fmt} writes a binary file: name it with -o FILE", returncode=2
        )
    if report.edition == "published":
        try:
            report_publish_check(report)
        except PublicationBlocked as e:
            lines = [
                e.message,
                *(f"  {f.source.label}: {f.kind_label.lower()} “{f.text}”" for f in e.findings),
                *(f"  {r}" for r in (e.reasons if not e.findings else ())),
            ]
            raise CommandError("\n".join(lines), returncode=REFUSED) from e
    return report_render(report, fmt)


class AnnualSubcommand:
    help = "an annual report (--preset children, adults or code) as html, pdf, docx, xlsx or json"

    def add_arguments(self, parser: CommandParser) -> None:
        _common(parser)
        parser.add_argument(
            "--preset",
            default=DEFAULT_PRESET,
            choices=list(PRESETS),
            help="which report: "
            + "; ".join(f"{k}: {p.short}" for k, p in PRESETS.items())
            + f" (default {DEFAULT_PRESET})",
        )

    def run(self, options: dict[str, Any]) -> str | bytes:
        try:
            report = annual_report_build(
                year=options["year"],
                edition=options["edition"],
                service_area=options.get("service_area"),
                directorate=options.get("directorate"),
                preset=options.get("preset"),
            )
        except ValueError as e:
            raise CommandError(str(e), returncode=2) from e
        return _render(report, options)


class QuarterlySubcommand:
    help = "the quarterly dashboard, Q1 to the quarter asked for"

    def add_arguments(self, parser: CommandParser) -> None:
        _common(parser)
        parser.add_argument("--quarter", required=True, choices=QUARTERS)

    def run(self, options: dict[str, Any]) -> str | bytes:
        try:
            report = quarterly_build(
                year=options["year"],
                quarter=options["quarter"],
                edition=options["edition"],
                service_area=options.get("service_area"),
                directorate=options.get("directorate"),
            )
        except ValueError as e:
            raise CommandError(str(e), returncode=2) from e
        return _render(report, options)
