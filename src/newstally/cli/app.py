"""The `newstally` command group: one line for every error, an exit code, never a traceback.

Errors the user can act on (`NewstallyError`) become `newstally: error: <message>` on stderr
and exit code 1; usage errors exit 2; Ctrl-C exits 130; a closed pipe (`| head`) exits quietly;
anything else is reported as a bug in one line (NEWSTALLY_DEBUG=1 shows the traceback).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from newstally.cli.common import DEBUG_ENV, fail, warn
from newstally.errors import NewstallyError


def _pass_through() -> tuple[type[BaseException], ...]:
    """Exceptions Typer turns into exit codes itself. Typer >= 0.25 vendors click, older
    versions use click; accept both so the error handling below never swallows them."""
    kinds: list[type[BaseException]] = [typer.Exit, typer.Abort]
    typer_errors = getattr(typer, "exceptions", None)
    if typer_errors is not None and hasattr(typer_errors, "TyperException"):
        kinds.append(typer_errors.TyperException)
    try:
        import click

        kinds += [click.ClickException, click.exceptions.Exit, click.Abort]
    except ImportError:  # pragma: no cover - typer without click
        pass
    return tuple(kinds)


_PASS_THROUGH = _pass_through()


def _report_click_error(exc: BaseException) -> int:
    """Show a usage error as `newstally: error: ...` and return its exit code."""
    code = getattr(exc, "exit_code", 1)
    if isinstance(exc, typer.Abort) or type(exc).__name__ == "Abort":
        warn("aborted")
        return 1
    if type(exc).__name__ == "NoArgsIsHelpError" or not hasattr(exc, "format_message"):
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        return int(code)
    ctx = getattr(exc, "ctx", None)
    hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    warn(f"{exc.format_message()}{hint}")
    return int(code)


def _reader_went_away() -> NoReturn:
    """`newstally tally | head`: the reader closed the pipe. Stop quietly, as Unix tools do,
    and keep Python from complaining again when it flushes stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(141)


class _Commands(TyperGroup):
    """Turn the project's errors into one line and an exit code for every command."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Print usage errors as one line too (Typer draws a box of several)."""
        if not kwargs.get("standalone_mode", True):
            return super().main(*args, **kwargs)
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except _PASS_THROUGH as exc:
            sys.exit(_report_click_error(exc))
        except BrokenPipeError:
            _reader_went_away()
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _PASS_THROUGH:
            raise
        except NewstallyError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            warn("interrupted")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            _reader_went_away()
        except Exception as exc:
            if os.environ.get(DEBUG_ENV):
                raise
            fail(
                f"unexpected {type(exc).__name__}: {exc} "
                f"(this is a bug; {DEBUG_ENV}=1 shows the traceback)"
            )


app = typer.Typer(
    cls=_Commands,
    name="newstally",
    help="Turn news reports into a sourced ledger of the figures they report.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def main(
    lexicon: Annotated[
        Path | None,
        typer.Option(
            "--lexicon",
            metavar="FILE",
            help="TOML file that extends the built-in word lists (as NEWSTALLY_LEXICON=FILE"
            " does), for this run and its worker processes.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Turn news reports into a sourced ledger of the figures they report."""
    if lexicon is not None:
        from newstally.lexicon import use

        use(lexicon)  # a bad file is a LexiconError: one line, exit 1 (`_Commands.invoke`)
