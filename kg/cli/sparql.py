"""`kg query`, `kg queries`, `kg export`, `kg serve`, `kg push` (being built)."""

from __future__ import annotations

import typer

from kg.cli.common import fail


def register(app: typer.Typer) -> None:
    for name in ("query", "queries", "export", "serve", "push"):
        app.command(name, help=f"{name}: not built yet.")(_not_built(name))


def _not_built(name):
    def cmd() -> None:
        fail(f"`kg {name}` is not built yet in this version", 2)

    return cmd
