"""Entry point of `kg`. Each command group lives in its own module and registers itself here.

Nothing heavy is imported at start-up: commands import the library inside their bodies.
"""

from __future__ import annotations

import typer

from kg.cli import build, sparql, tracker, viz

app = typer.Typer(
    name="kg",
    help="Inspection KG: a knowledge graph of English children's services inspections. "
    "Build it from reports and letters, then ask whether a recommendation was ever closed.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rendering it with rich costs more than the 0.3 s start-up budget
)

for module in (build, sparql, tracker, viz):
    module.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
