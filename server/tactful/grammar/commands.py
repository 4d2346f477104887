"""``tactful languagetool …``: install, run and inspect the local LanguageTool server.

The main CLI adds this group with ``main.add_command(languagetool)``.
"""
from __future__ import annotations

import time
from pathlib import Path

import click

from tactful.config import current
from tactful.grammar.client import is_healthy
from tactful.grammar.install import (
    LT_VERSION,
    InstallError,
    install,
    installed_classpath,
    libs_dir,
)
from tactful.grammar.process import LanguageToolError, serve_forever
from tactful.grammar.state import resolve_url


def _size_mb(folder: Path) -> float:
    return sum(jar.stat().st_size for jar in folder.glob("*.jar")) / 1e6


@click.group("languagetool")
def languagetool() -> None:
    """Grammar and spelling: the local LanguageTool server."""


@languagetool.command("install")
def install_command() -> None:
    """Resolve LanguageTool and its English module from Maven Central (once; cached)."""
    started = time.monotonic()
    try:
        install()
    except InstallError as problem:
        raise click.ClickException(str(problem)) from problem
    folder = libs_dir()
    jars = len(list(folder.glob("*.jar")))
    click.echo(
        f"LanguageTool {LT_VERSION}: {jars} jars, {_size_mb(folder):.0f} MB in {folder} "
        f"({time.monotonic() - started:.1f} s)"
    )


@languagetool.command("needed")
def needed_command() -> None:
    """Exit 0 when this machine runs LanguageTool itself (grammar on, no TACTFUL_LT_URL), else 1."""
    settings = current()
    raise SystemExit(0 if settings.grammar and not settings.lt_url else 1)


@languagetool.command("start")
@click.option(
    "--port", type=int, default=None, help="Loopback port (default: TACTFUL_LT_PORT or a free one)."
)
def start_command(port: int | None) -> None:
    """Run LanguageTool in the foreground, restarting it if it dies; Ctrl-C stops it."""
    try:
        serve_forever(port=port)
    except LanguageToolError as problem:
        raise click.ClickException(str(problem)) from problem
    except KeyboardInterrupt:
        click.echo("LanguageTool stopped")


@languagetool.command("status")
def status_command() -> None:
    """Say whether LanguageTool is installed and whether the configured server answers."""
    installed = installed_classpath() is not None
    click.echo(f"installed: {'yes, ' + str(libs_dir()) if installed else 'no'}")
    url = resolve_url()
    if url is None:
        click.echo("server: none running (tactful languagetool start, or set TACTFUL_LT_URL)")
        raise SystemExit(1)
    healthy = is_healthy(url)
    click.echo(f"server: {url} {'answers' if healthy else 'does not answer'}")
    if not healthy:
        raise SystemExit(1)
