"""The `policyhub` command line, as tests run it: in the test's own process, or in a process of
its own where the process is what a test is about (signals, locks, the exit status a shell sees,
the installed command).

A run in this process saves the ~0.5 s a new Python spends starting and importing MkDocs, and
gives the same result a separate process would: the exit status (also of `sys.exit` and of
argparse's usage errors; an uncaught exception prints its traceback and gives 1, as Python
does), stdout and stderr encoded and decoded as through a pipe. What a run may change in the
process is put back afterwards: the working folder, the environment, the logging
configuration (MkDocs's logger gets a handler bound to the captured stderr), warning filters,
`sys.path` and the SIGINT/SIGTERM handlers. tests/unit/commands/test_cli_in_process.py proves it.
"""
from __future__ import annotations

import contextlib
import io
import locale
import logging
import os
import signal
import subprocess
import sys
import traceback
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ENV = {"NO_MKDOCS_2_WARNING": "1"}   # Material's notice about MkDocs 2 is not the product's output
ALWAYS_A_PROCESS = {"serve"}            # runs until it is stopped


def environment() -> dict[str, str]:
    """The environment of a separate `python -m generator`: this one, with the checkout first on the path."""
    env = dict(os.environ, **ENV)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def in_a_process(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
                 timeout: float | None = None) -> subprocess.CompletedProcess:
    """`python -m generator ARGS` in a process of its own."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd or REPO, capture_output=True,
                          text=True, env=env if env is not None else environment(), timeout=timeout)


def in_this_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`generator.cli.main(ARGS)` here, with what a separate process would print and return."""
    if args and args[0] in ALWAYS_A_PROCESS:
        return in_a_process(*args, cwd=cwd)
    from generator import cli

    out, err = _pipe("stdout"), _pipe("stderr")
    with _put_back(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        os.environ.update(ENV)
        os.chdir(cwd or REPO)
        try:
            code = cli.main(list(args))
        except SystemExit as exc:
            code = _exit_status(exc.code, err)
        except KeyboardInterrupt:
            raise
        except BaseException:   # what Python prints and returns for an uncaught exception
            traceback.print_exc(file=err)
            code = 1
        out.flush()
        err.flush()
    return subprocess.CompletedProcess(["policyhub", *args], code if code is not None else 0,
                                       _read(out), _read(err))


def _pipe(name: str) -> io.TextIOWrapper:
    """A stream that encodes as this interpreter's own stdout/stderr would into a pipe."""
    real = getattr(sys, f"__{name}__", None)
    encoding = getattr(real, "encoding", None) or locale.getpreferredencoding(False)
    errors = getattr(real, "errors", None) or ("backslashreplace" if name == "stderr" else "strict")
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors=errors, write_through=True)


def _read(stream: io.TextIOWrapper) -> str:
    """What `subprocess.run(..., text=True)` reads from the pipe."""
    data = stream.buffer.getvalue().decode(locale.getpreferredencoding(False))
    return data.replace("\r\n", "\n").replace("\r", "\n")


def _exit_status(code, err) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=err)   # sys.exit("message"): printed, status 1
    return 1


@contextlib.contextmanager
def _put_back():
    cwd, environ, path = os.getcwd(), dict(os.environ), list(sys.path)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    loggers = _logging_state()
    try:
        with warnings.catch_warnings():
            yield
    finally:
        os.chdir(cwd)
        for name in set(os.environ) - set(environ):
            del os.environ[name]
        for name, value in environ.items():
            if os.environ.get(name) != value:
                os.environ[name] = value
        sys.path[:] = path
        for sig, handler in handlers.items():
            if signal.getsignal(sig) is not handler:
                signal.signal(sig, handler)
        _restore_logging(loggers)


def _logging_state() -> dict:
    manager = logging.root.manager
    loggers = [logging.root, *(lg for lg in list(manager.loggerDict.values()) if isinstance(lg, logging.Logger))]
    return {"disable": manager.disable,
            "loggers": {lg: (lg.handlers[:], lg.level, lg.propagate, lg.disabled) for lg in loggers}}


def _restore_logging(state: dict) -> None:
    manager = logging.root.manager
    before = state["loggers"]
    for lg in [logging.root, *(lg for lg in list(manager.loggerDict.values()) if isinstance(lg, logging.Logger))]:
        handlers, level, propagate, disabled = before.get(lg, ([], logging.NOTSET, True, False))
        if lg.handlers != handlers:
            lg.handlers[:] = handlers
        lg.propagate, lg.disabled = propagate, disabled
        if lg.level != level:
            lg.setLevel(level)   # also clears the loggers' cached levels
    if manager.disable != state["disable"]:
        logging.disable(state["disable"])
