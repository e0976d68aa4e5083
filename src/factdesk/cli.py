"""The ``factdesk`` command: thin over the library (parse, call, render).

Every command lives in a module of :mod:`factdesk.commands`, one per command or group, and is
assembled here, in the order ``factdesk --help`` lists them:

- ``check`` (:mod:`~factdesk.commands.check`), ``verify`` (:mod:`~factdesk.commands.verify`),
  ``schema`` (:mod:`~factdesk.commands.schema`);
- the groups ``store``, ``models``, ``train``, ``eval`` (:mod:`~factdesk.commands.store`,
  :mod:`~factdesk.commands.models`, :mod:`~factdesk.commands.train`, :mod:`~factdesk.commands.eval`);
- ``listen``, ``serve``, ``batch`` and ``monitor`` (:mod:`~factdesk.commands.listen`,
  :mod:`~factdesk.commands.serve`, :mod:`~factdesk.commands.scale`).

Every deliberate error (``FactdeskError``) ends as one line on stderr and exit code 2.
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from factdesk import __version__
from factdesk.commands import check, listen, models, scale, schema, serve, store, train, verify
from factdesk.commands import eval as evaluate
from factdesk.commands.output import err_console
from factdesk.errors import FactdeskError

app = typer.Typer(
    name="factdesk",
    help="An offline fact desk for news: what in this article is true?",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factdesk {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = None,
) -> None:
    """factdesk reads a news article the way a careful fact-checker would."""


app.command()(check.check)
app.command()(verify.verify)
app.command()(schema.schema)
app.add_typer(store.app, name="store")
app.add_typer(models.app, name="models")
app.add_typer(train.app, name="train")
app.add_typer(evaluate.app, name="eval")
app.command()(listen.listen)
app.command()(serve.serve)
app.command()(scale.batch)
app.command()(scale.monitor)


def _error_line(message: str) -> None:
    """``error: MESSAGE`` on stderr: one line (whitespace folded), never read as console markup."""
    from rich.markup import escape

    err_console().print(f"[red]error:[/] {escape(' '.join(message.split()))}", highlight=False, soft_wrap=True)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI, turning deliberate errors into one line and exit code 2."""
    from factdesk.outputs import StdoutError, guard_stdout, silence_stdout

    replaced = guard_stdout()  # a full disk or a closed pipe on stdout becomes a StdoutError (one line below)
    try:
        rc = _run(argv)
        if sys.stdout is not None:
            sys.stdout.flush()  # a full or closed stdout fails here, not in the interpreter's exit
    except StdoutError as exc:  # writing to stdout failed (a full disk, a closed pipe): one line, exit 2
        silence_stdout()
        _error_line(f"cannot write to standard output: {exc.strerror or exc}")
        rc = 2
    finally:
        if replaced is not None:
            try:
                sys.stdout.flush()
            except (OSError, ValueError):
                silence_stdout()
            sys.stdout = replaced
    return rc


def _run(argv: list[str] | None) -> int:
    try:
        rc = app(args=argv, standalone_mode=False)
        if isinstance(rc, int) and rc:  # click returns (not raises) a typer.Exit code here
            return rc
    except FactdeskError as exc:
        _error_line(str(exc))
        return 2
    except KeyboardInterrupt:
        err_console().print("interrupted")
        return 130
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        return 1
    except typer.TyperException as exc:  # usage errors (typer's own click): its short message, no traceback
        if hasattr(exc, "show"):
            exc.show()
        else:
            _error_line(str(exc))
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
