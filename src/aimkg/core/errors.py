"""Errors the CLI turns into one clear line on stderr and an exit code (DESIGN.md: CLI conventions)."""

from __future__ import annotations


class AimkgError(Exception):
    """Base class: carries the exit code the CLI should return."""

    exit_code = 2


class InputError(AimkgError):
    """A file or argument cannot be used: unreadable, unparsable, unsafe or of the wrong kind."""

    exit_code = 2


class InvalidDataError(AimkgError):
    """The data does not conform to the shapes."""

    exit_code = 1
