"""What every command shares: the store and endpoint options, the stderr console, error mapping."""

from __future__ import annotations

import functools
import os
import sys
from enum import Enum
from pathlib import Path

import typer

from kg.errors import InputError, KGError

StoreOpt = typer.Option(
    None, "--store", envvar="KG_STORE", help="The embedded store folder (default .kg/ or $KG_STORE)."
)
EndpointOpt = typer.Option(
    None, "--endpoint", help="Read from this SPARQL 1.1 endpoint instead of the embedded store."
)


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


def store_path(path: Path | None) -> Path:
    from kg.store import default_path  # on use: `kg --help` loads no store code

    return path or default_path()


def err_console():
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)  # a message is one line, however narrow; a terminal wraps it


def fail(message: str, code: int = 1) -> None:
    """One line on stderr, then exit with the code."""
    print(f"kg: {message}", file=sys.stderr)
    raise typer.Exit(code)


def plural(n: int, word: str) -> str:
    """A count with its noun: "1 council", "2 councils", "1 authority", "3 authorities".

    >>> plural(1, "authority"), plural(3, "authority"), plural(0, "document")
    ('1 authority', '3 authorities', '0 documents')
    """
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else f"{n} {word}s"


def print_table(columns: list[str], rows: list[list[str]], title: str | None = None, width: int | None = None,
                console=None, cuts: dict[str, int] | None = None) -> None:
    """A rich table on a terminal; piped or redirected, one tab-separated line a row under a header line, so
    no box drawing or wrapping at 80 columns breaks a name (tabs and newlines in a cell become spaces).
    ``console``: a rich Console to print on (default stdout). ``cuts``: the most characters a column's cells
    show on a terminal (the rest is an ellipsis); piped, every cell is written whole."""
    from rich.console import Console

    console = console or Console()
    if not console.is_terminal:
        out = console.file
        if title:
            out.write(title + "\n")
        for cells in [columns, *rows]:
            out.write("\t".join(" ".join(str(c).split()) for c in cells) + "\n")
        return
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for col in columns:
        table.add_column(col, overflow="fold")
    limits = [(cuts or {}).get(col) for col in columns]
    for cells in rows:
        table.add_row(*[cut(str(c), n) for c, n in zip(cells, limits)])
    if width:
        console.width = max(width, console.width)
    console.print(table)


def cut(text: str, n: int | None) -> str:
    """
    >>> cut("access to records", 9), cut("access", 9), cut("access", None)
    ('access t…', 'access', 'access')
    """
    return text if n is None or len(text) <= n else text[: n - 1] + "\u2026"


def output_file(out: Path) -> Path:
    """``out`` if a file can be written there; refused before any work when it names a folder or its folder
    is missing (a typo in a path must not make folders anywhere)."""
    if out.is_dir():
        raise InputError(f"{out}: is a folder; give --out a file name")
    if not out.parent.is_dir():
        raise InputError(f"{out.parent}: no such folder; create it first, or give --out another path")
    return out


def reports_errors(fn):
    """Map the library's exceptions to a one-line message and the exit code of their class."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KGError as e:
            fail(str(e), e.exit_code)
        except BrokenPipeError:  # the reader stopped (`| head`): not a fault, and no message (an OSError too)
            # What is still buffered goes nowhere, so flushing it at exit raises nothing either.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except (OSError, RuntimeError) as e:
            # What the library did not foresee still gets one line: a file the system refused, or a store
            # RocksDB found damaged.
            from kg.store import is_corruption

            if is_corruption(e):
                fail(f"the store is corrupt ({str(e).strip().splitlines()[0]})")
            if not isinstance(e, OSError) or not e.strerror:
                raise
            fail(f"{e.filename}: {e.strerror}" if e.filename else e.strerror)
        except KeyboardInterrupt:
            fail("interrupted; the store is as it was before this command", 130)

    return wrapper
