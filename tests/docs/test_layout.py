"""The README's Layout matches the tree, and the modules and links the docs name exist."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docpages import PAGES, README, REPO, anchors, dotted_names, links, relative, resolve

PACKAGE = REPO / "src" / "aimkg"
#: An entry line: at most two spaces of indent, a folder (``core/``) or file (``validate.py``), then its description.
ENTRY = re.compile(r"^(?P<indent> {0,2})(?P<path>[\w.-]+(?:/[\w.-]+)*/?)(?:\s+(?P<what>\S.*))?$")


def layout_block() -> str:
    """Return the code block of the README's "Layout" section."""
    text = README.read_text(encoding="utf-8")
    section = re.search(r"^## Layout\n(.*?)(?=^## )", text, re.DOTALL | re.MULTILINE)
    assert section, "README.md has no '## Layout' section"
    block = re.search(r"^```\n(.*?)^```", section[1], re.DOTALL | re.MULTILINE)
    assert block, "README.md's Layout section has no code block listing the tree"
    return block[1]


def layout_entries() -> dict[str, str]:
    """Return the documented paths (``src/aimkg/core/``) with their descriptions.

    An unindented entry is relative to the repository; an entry indented by two spaces is
    relative to the unindented folder above it; deeper-indented lines continue a description.
    """
    entries: dict[str, str] = {}
    parent = ""
    for line in layout_block().splitlines():
        match = ENTRY.match(line)
        if not match:
            continue
        path, what = match["path"], match["what"] or ""
        if match["indent"]:
            assert parent.endswith("/"), f"README Layout: {path} is indented under {parent!r}, which is not a folder"
            path = parent + path
        else:
            parent = path
        entries[path] = what
    return entries


ENTRIES = layout_entries()


def test_layout_lists_something() -> None:
    assert "src/aimkg/" in ENTRIES, "README Layout must list src/aimkg/ and its packages"
    assert len(ENTRIES) > 10


@pytest.mark.parametrize("path", sorted(ENTRIES))
def test_documented_path_exists(path: str) -> None:
    target = REPO / path
    assert target.is_dir() if path.endswith("/") else target.is_file(), (
        f"README.md's Layout lists {path}, which does not exist: fix the Layout section"
    )
    assert ENTRIES[path], f"README.md's Layout lists {path} without saying what it holds"


def packages() -> list[str]:
    """Return the package folders under src/aimkg (every folder holding Python modules)."""
    return sorted(
        f"{relative(folder)}/"
        for folder in PACKAGE.iterdir()
        if folder.is_dir() and not folder.name.startswith(("_", ".")) and any(folder.glob("*.py"))
    )


def top_modules() -> list[str]:
    """Return the modules directly under src/aimkg, but for the package's own __init__ and __main__."""
    return sorted(relative(path) for path in PACKAGE.glob("*.py") if not path.name.startswith("_"))


@pytest.mark.parametrize("path", packages() + top_modules())
def test_package_is_documented(path: str) -> None:
    assert path in ENTRIES, f"{path} is missing from README.md's Layout: add a line saying what it holds"


def tracked_folders() -> list[str]:
    """Return the top-level folders git tracks (an empty list outside a git checkout)."""
    if shutil.which("git") is None:
        return []
    listing = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-z"], capture_output=True, text=True, check=False, timeout=60
    )
    if listing.returncode != 0:
        return []
    return sorted({f"{name.split('/')[0]}/" for name in listing.stdout.split("\0") if "/" in name})


def test_every_top_level_folder_is_documented() -> None:
    folders = tracked_folders()
    if not folders:
        pytest.skip("not a git checkout")
    missing = [folder for folder in folders if not any(path.startswith(folder) for path in ENTRIES)]
    assert not missing, f"README.md's Layout does not list {', '.join(missing)}"


def module_references() -> list[tuple[str, str]]:
    return sorted((relative(page), name) for page in PAGES for name in dotted_names(page))


def test_docs_name_modules() -> None:
    assert ("docs/export.md", "aimkg.io.jsonld.document_loader") in module_references()


@pytest.mark.parametrize(("page", "name"), module_references())
def test_documented_module_exists(page: str, name: str) -> None:
    try:
        resolve(name)
    except (ImportError, AttributeError) as error:
        pytest.fail(f"{page} names {name}, which does not exist ({error}): fix the name in {page}")


def local_links() -> list[tuple[str, str]]:
    return sorted(
        (relative(page), target)
        for page in PAGES
        for target in links(page)
        if not re.match(r"[a-z][a-z0-9+.-]*:", target)  # http:, https:, mailto:
    )


@pytest.mark.parametrize(("page", "target"), local_links())
def test_local_link_resolves(page: str, target: str) -> None:
    source = REPO / page
    file_part, _, anchor = target.partition("#")
    linked = (source.parent / file_part).resolve() if file_part else source
    assert linked.exists(), f"{page} links to {target}, which does not exist"
    if anchor:
        assert anchor in anchors(linked), f"{page} links to {target}: {relative(linked)} has no heading #{anchor}"


def test_image_is_referenced() -> None:
    """Figures in docs/ are shown somewhere, not left behind."""
    shown = {(REPO / page).parent / target for page, target in local_links()}
    for figure in sorted((REPO / "docs").glob("*.png")):
        assert figure in {Path(path).resolve() for path in shown}, f"{relative(figure)} is not shown on any page"
