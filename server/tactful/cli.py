"""The ``tactful`` command: check a reply from a file or stdin, list rules, serve the API.

``tactful check`` prints one line per finding, the way linters do, and exits 0 when nothing
reaches ``--fail-on``, 1 when something does, and 2 on a usage error.
"""
from __future__ import annotations

import json
import os
import secrets
import sys
from typing import IO

import click

from .api.protection import hash_key
from .app import build_checker
from .audit.command import audit_command
from .config import current
from .engine.checker import Checker, Report
from .engine.findings import SEVERITY_RANK, CustomerReading, Finding
from .engine.rules import CHANNELS, RuleFileError
from .engine.suggest import Contact
from .grammar.commands import languagetool
from .learned.files import ModelFileError

_COLOURS = {"error": "red", "warning": "yellow", "suggestion": "cyan"}


def _checker() -> Checker:
    try:
        return build_checker(current())
    except RuleFileError as error:
        raise click.UsageError(f"broken rule pack: {error}") from None
    except ModelFileError as error:
        raise click.ClickException(f"model file: {error}") from None


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def _line(text: str, finding: Finding) -> str:
    severity = click.style(f"{finding.severity:<10}", fg=_COLOURS[finding.severity], bold=finding.severity == "error")
    fix = f"  → {finding.suggestions[0].text.strip()!r}" if finding.suggestions else ""
    where = f"{_position(text, finding.offset):<7}"
    quoted = f" {finding.text!r}" if finding.text else ""
    return f"{where} {severity} {finding.category:<24} {finding.message}{quoted}{fix}"


def _reading(reading: CustomerReading) -> str:
    mood = click.style("upset", fg="red", bold=True) if reading.upset else click.style("calm", fg="green")
    return f"customer {mood}: " + "; ".join(reading.reasons)


def _as_json(report: Report, text: str) -> str:
    from .api.serialize import report_json

    status = {"status": "off", "reason": "The command line checks tone only."}
    return json.dumps(report_json(text, report, status, 0.0), ensure_ascii=False, indent=2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tactful")
def main() -> None:
    """Catch a support reply before it makes an upset customer angrier."""
    try:
        current()
    except ValueError as error:
        raise click.UsageError(str(error)) from None


@main.command()
@click.argument("reply", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--customer", type=click.File("r", encoding="utf-8"), help="File with the customer's message.")
@click.option("--channel", type=click.Choice(CHANNELS), default="generic", show_default=True)
@click.option("--format", "output", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(tuple(SEVERITY_RANK)), default="error", show_default=True,
              help="Exit 1 when a finding is at least this severe.")
@click.option("--name", help="Your name, for contact suggestions.")
@click.option("--phone", help="Your direct line, for contact suggestions.")
@click.option("--email", help="Your email address, for contact suggestions.")
@click.option("--follow-up", help="When you will follow up, as it reads after “by” (Friday, 5pm today).")
def check(reply: IO[str], customer: IO[str] | None, channel: str, output: str, fail_on: str,
          name: str | None, phone: str | None, email: str | None, follow_up: str | None) -> None:
    """Check REPLY (a file, or - for standard input)."""
    text = reply.read()
    if not text.strip():
        raise click.UsageError("the reply is empty")
    report = _checker().check(
        text, channel=channel, customer_message=customer.read() if customer else None,
        contact=Contact(name, phone, email), follow_up=follow_up,
    )
    if output == "json":
        click.echo(_as_json(report, text))
    else:
        if report.customer:
            click.echo(_reading(report.customer))
        for finding in report.findings:
            click.echo(_line(text, finding))
        click.echo(f"score {report.score}/100 — {report.reason}")
    worst = max((SEVERITY_RANK[f.severity] for f in report.findings), default=-1)
    sys.exit(1 if worst >= SEVERITY_RANK[fail_on] else 0)


@main.command("rules")
def list_rules() -> None:
    """List the rules in force (core pack and TACTFUL_RULE_PACKS)."""
    for rule in _checker().book.rules.values():
        click.echo(f"{rule.id:<28} {rule.kind:<9} {rule.category:<24} {rule.severity:<10} {rule.message}")


@main.group()
def key() -> None:
    """Make API keys (the server keeps only their SHA-256 digests)."""


@key.command("new")
def new_key() -> None:
    """Print a new random key (give it to the client) and its digest (give it to the server)."""
    value = secrets.token_urlsafe(32)
    click.echo(f"key:    {value}")
    click.echo(f"digest: {hash_key(value)}   (add to TACTFUL_API_KEYS or TACTFUL_API_KEYS_FILE)")


@key.command("digest")
@click.argument("value")
def key_digest(value: str) -> None:
    """Print the digest of an existing key VALUE."""
    click.echo(hash_key(value))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--workers", type=click.IntRange(min=1), help="gunicorn workers  [default: one per core]")
def serve(host: str, port: int, workers: int | None) -> None:
    """Serve the API with gunicorn (and the shared LanguageTool, unless TACTFUL_GRAMMAR=off)."""
    _checker()
    workers = workers or current().workers
    os.execvp(sys.executable, [
        sys.executable, "-m", "gunicorn", "--config", "python:tactful.gunicorn_config",
        "--bind", f"{host}:{port}", "--workers", str(workers), "tactful.app:create_app()",
    ])


@main.group()
def train() -> None:
    """Rebuild a committed model head from the committed examples (needs the 'train' extra)."""


@train.command("customer")
def train_customer_head() -> None:
    """Retrain models/customer-upset.json on models/training/customer-messages.csv."""
    from .learned.train import train_customer

    head = train_customer()
    info = head.trained_on
    click.echo(f"trained on {info['rows']} messages ({info['upset']} upset, {info['calm']} calm); "
               f"cross-validated accuracy {info['cross_validated_accuracy']}")


main.add_command(languagetool)
main.add_command(audit_command)


if __name__ == "__main__":
    main()
