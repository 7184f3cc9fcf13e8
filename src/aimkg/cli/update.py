"""``aimkg update SOURCE``: refresh one pinned upstream catalog (see upstream/README.md).

Registered in the ``aimkg`` group like every other area; like the other commands it imports its
modules when it runs (``aimkg.build.fetch`` pulls in http.client and ssl, 60 ms that every other
command would pay at start-up).
Failures raise InputError, which the ``aimkg`` group turns into one line and exit status 2.
"""

from __future__ import annotations

from pathlib import Path

import click

#: aimkg.build.fetch.SOURCES, named here so that start-up need not import it (a test keeps them equal).
SOURCE_NAMES = ("genai-prices", "litellm", "models-dev")


@click.command("update")
@click.argument("source", type=click.Choice(SOURCE_NAMES))
@click.option(
    "--from",
    "origin",
    metavar="URL",
    help="Fetch from here instead of upstream: a git URL or path (models-dev), "
    "else the URL of the main data file, with LICENSE (and schema) where the upstream repository keeps them.",
)
@click.option("--ref", metavar="REF", help="Branch, tag or commit to pin (default: the default branch's head).")
@click.option(
    "--date",
    metavar="YYYY-MM-DD",
    help="HTTPS sources: the date of the release or commit given by --ref (default: today, UTC).",
)
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder holding the pinned sources (default: the checkout's upstream/).",
)
def update_command(source: str, origin: str | None, ref: str | None, date: str | None, root: Path | None) -> None:
    """Refresh the pinned copy of SOURCE and its MANIFEST.json; a failed refresh changes nothing."""
    from aimkg.build.manifest import Manifest, changed_files
    from aimkg.build.upstream import default_root, update
    from aimkg.core.errors import InputError

    root = root if root is not None else default_root()
    try:
        previous: Manifest | None = Manifest.read(root / source)
    except InputError:  # first pin, or an unreadable manifest: every file counts as changed
        previous = None
    manifest = update(source, root, origin=origin, ref=ref, date=date)
    changed = len(changed_files(previous, manifest))
    click.echo(
        f"{source}: version {manifest.version} ({manifest.date}), {len(manifest.files)} files, {changed} changed",
        err=True,
    )
