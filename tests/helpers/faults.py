"""Run ``aimkg build`` in this process with one fault injected mid-stage: the fault suite's child process.

``python -m tests.helpers.faults FAULT [ARGUMENT] -- BUILD-OPTIONS...`` (from the checkout) sets the
fault up, then runs ``aimkg build BUILD-OPTIONS...`` as the console script would:

- ``kill STAGE``: SIGKILL this process in the middle of ``catalog`` (its catalog written, not its
  report), ``validate`` (while validating), ``export`` (three exports written) or ``commit``
  (the catalog renamed into place, dist/ not yet);
- ``file-size BYTES``: no file may grow past BYTES (RLIMIT_FSIZE; a write past it fails with
  EFBIG, as on a full disk);
- ``none``: no fault (the caller makes one: a read-only folder, another build);
- ``pause FILE``: mid-validate, create FILE + ".paused" and wait until FILE exists.
"""

from __future__ import annotations

import importlib
import os
import resource
import signal
import sys
import time
from pathlib import Path
from typing import Any


def kill_now() -> None:
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def kill_in(stage: str) -> None:
    from aimkg.build import pipeline

    write = pipeline.write_atomic
    written = []

    def write_then_maybe_kill(path: Path, data: bytes | str) -> None:
        if stage == "catalog" and path.name == pipeline.REPORT_FILE:
            kill_now()
        staged_export = path.parent.name.endswith(".next") and path.parent.name != pipeline.STAGING
        if stage == "export" and staged_export:
            written.append(path)
            if len(written) == 3:
                kill_now()
        write(path, data)

    pipeline.write_atomic = write_then_maybe_kill  # type: ignore[assignment]
    if stage == "validate":
        validation = importlib.import_module("aimkg.validate")  # the package's ``validate`` is a function
        validation.validate_ntriples = lambda *args, **kwargs: kill_now()
    if stage == "commit":
        pipeline.replace_folder = lambda *args: kill_now()  # type: ignore[assignment]


def pause_in_validate(gate: Path) -> None:
    validation = importlib.import_module("aimkg.validate")
    validate = validation.validate_ntriples

    def paused(*args: Any, **kwargs: Any) -> Any:
        Path(f"{gate}.paused").touch()
        while not gate.exists():
            time.sleep(0.05)
        return validate(*args, **kwargs)

    validation.validate_ntriples = paused


def main() -> None:
    separator = sys.argv.index("--")
    fault, options, build = sys.argv[1], sys.argv[2:separator], sys.argv[separator + 1 :]
    if fault == "kill":
        kill_in(options[0])
    elif fault == "file-size":
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write (EFBIG) rather than end the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (int(options[0]), int(options[0])))
    elif fault == "pause":
        pause_in_validate(Path(options[0]))
    elif fault != "none":
        raise SystemExit(f"unknown fault {fault!r}")
    from aimkg.cli import cli

    cli(["build", *build], prog_name="aimkg")


if __name__ == "__main__":
    main()
