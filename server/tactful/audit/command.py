"""``tactful audit``: the command line of the audit (options, messages and exit codes)."""
from __future__ import annotations

import os
from pathlib import Path

import click

from ..config import current
from ..engine.rulebook import Rulebook, load_rulebook
from ..engine.rules import RuleFileError
from ..learned.files import ModelFileError
from .execute import AuditError, Where
from .readers import FORMATS
from .readers.fields import utc_time
from .readers.table import Columns
from .records import ExportError
from .run import AuditOptions, audit


def _since(_: click.Context, __: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return utc_time(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _book() -> Rulebook:
    settings = current()
    try:
        return load_rulebook(settings.rule_packs, settings.models)
    except RuleFileError as error:
        raise click.UsageError(f"broken rule pack: {error}") from None
    except ModelFileError as error:
        raise click.ClickException(f"model file: {error}") from None


@click.command("audit")
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default="tactful-audit", show_default=True,
              help="Folder for findings.csv, replies.csv, bad-rows.csv and report.html.")
@click.option("--format", "form", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="What the exports are; auto tells Zendesk JSON, twcs CSV and plain tables apart.")
@click.option("--text", help="Plain CSV/JSONL: the column with the agent's reply (required for those).")
@click.option("--customer", help="Plain CSV/JSONL: the column with the customer message the reply answers.")
@click.option("--agent", help="Plain CSV/JSONL: the column naming the agent.")
@click.option("--team", help="Plain CSV/JSONL: the column naming the team.")
@click.option("--time", help="Plain CSV/JSONL: the column with the time the reply was sent.")
@click.option("--channel", help="Plain CSV/JSONL: the column with the channel (email, chat, twitter, …).")
@click.option("--id", "id_", help="Plain CSV/JSONL: the column with the reply's id  [default: file:line]")
@click.option("--ticket", help="Plain CSV/JSONL: the column with the ticket or conversation id.")
@click.option("--customer-name", help="Plain CSV/JSONL: the column with the customer's name (masked by --redact).")
@click.option("--since", callback=_since, help="Only replies sent at or after this time (2024-01-31 or ISO 8601, UTC).")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N replies (after --since), in export order.")
@click.option("--redact", is_flag=True, help="Mask emails, phone numbers, order numbers and customers' names in every file written.")
@click.option("--phone-region", default="US", show_default=True,
              help="Country of phone numbers written without a country code, for --redact (ISO code: GB, DE, …).")
@click.option("--processes", type=click.IntRange(min=1), help="Local worker processes  [default: one per core this process may use]")
@click.option("--workers", type=click.IntRange(min=1), help="Run on a local Dask cluster of N worker processes.")
@click.option("--scheduler", help="Run on a running Dask cluster (tcp://host:8786).")
@click.option("--keep-checkpoint", is_flag=True,
              help="Keep the parsed exports in OUT/.audit after the audit (unmasked), to rerun with other --since or --limit.")
@click.option("--progress/--no-progress", default=None, help="Progress bar  [default: when standard error is a terminal]")
def audit_command(exports: tuple[Path, ...], out: Path, form: str, text: str | None, customer: str | None, agent: str | None,
                  team: str | None, time: str | None, channel: str | None, id_: str | None, ticket: str | None,
                  customer_name: str | None, since: str | None, limit: int | None, redact: bool, phone_region: str,
                  processes: int | None, workers: int | None, scheduler: str | None, keep_checkpoint: bool,
                  progress: bool | None) -> None:
    """Check every agent reply in EXPORTS against the customer message it answers, and write a report.

    EXPORTS are Zendesk JSON exports (tickets with comments), conversation CSVs in the twcs
    shape, or plain CSV / JSON Lines files whose columns --text, --customer and the others
    name. Nothing is sent anywhere. Stopped part way, the same command goes on where it stopped.
    """
    if sum(x is not None for x in (processes, workers, scheduler)) > 1:
        raise click.UsageError("choose one of --processes, --workers and --scheduler")
    settings = current()
    book = _book()
    options = AuditOptions(
        exports=exports, out=out, form=form,
        columns=Columns(text, customer, agent, team, time, channel, id_, ticket, customer_name),
        since=since, limit=limit, redact=redact, region=phone_region.upper(),
        where=Where(processes or len(os.sched_getaffinity(0)), workers, scheduler), keep_checkpoint=keep_checkpoint,
        progress=progress,
    )
    try:
        result = audit(options, settings, book)
    except ExportError as error:
        raise click.ClickException(f"cannot read {error}") from None
    except AuditError as error:
        raise click.ClickException(str(error)) from None
    except KeyboardInterrupt:
        raise click.ClickException("stopped; run the same command again to go on where it stopped") from None
    resumed = f" (went on after {result.resumed_from:,} checked before)" if result.resumed_from else ""
    bad = f"; {result.bad_rows:,} bad rows not checked, listed in {out / 'bad-rows.csv'}" if result.bad_rows else ""
    click.echo(f"checked {result.checked:,} replies{resumed}{bad}")
    click.echo(f"report: {result.report}")
