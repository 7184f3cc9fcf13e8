"""Pinned upstream catalogs: the exact inputs the graph is built from, checked by sha256 and refreshed on request.

Each source lives in ``upstream/<source>/`` with its licence and a ``MANIFEST.json`` that names
the upstream repository, the version (a release or a full commit), its date, how the copy was
made and the sha256 of every file. ``verify`` lets the build refuse a corrupt or truncated pin;
``update`` refreshes one source and swaps the new folder in only once it is complete and
verified, so a failed refresh (network, git, a truncated or invalid download) changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import json
import os
import re
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

from aimkg.core.errors import InputError
from aimkg.core.resources import resource_root
from aimkg.io.atomic import write_atomic

MANIFEST = "MANIFEST.json"
#: Seconds an HTTP request may stall before the update fails, instead of hanging the build.
HTTP_TIMEOUT = 60
#: Seconds a git command may take (a first clone of models.dev's history takes a minute or two).
GIT_TIMEOUT = 1800
#: Every manifest records licence MIT: an upstream LICENSE without this sentence is refused.
MIT_GRANT = "Permission is hereby granted, free of charge"
#: What a models.dev update copies (the rules of shared/fixtures/peers/README.md).
MODELS_DEV_SELECTION = (
    "LICENSE, providers/*/provider.toml, providers/*/models/**/*.toml, models/**/*.toml "
    "(symlinks as copies of their targets; broken symlinks skipped)"
)


@dataclass(frozen=True)
class Source:
    """Where one pinned catalog comes from.

    A git source is cloned from ``git``; an HTTPS source downloads ``files`` (repository paths,
    the main data file first) from ``raw`` (a URL template with ``{ref}``), each stored under
    its base name.
    """

    name: str
    upstream: str
    git: str = ""
    raw: str = ""
    files: tuple[str, ...] = ()


SOURCES = {
    "models-dev": Source(
        "models.dev", "https://github.com/anomalyco/models.dev", git="https://github.com/anomalyco/models.dev.git"
    ),
    "litellm": Source(
        "LiteLLM",
        "https://github.com/BerriAI/litellm",
        raw="https://raw.githubusercontent.com/BerriAI/litellm/{ref}/",
        files=("model_prices_and_context_window.json", "LICENSE"),
    ),
    "genai-prices": Source(
        "genai-prices",
        "https://github.com/pydantic/genai-prices",
        raw="https://raw.githubusercontent.com/pydantic/genai-prices/{ref}/",
        files=("prices/new_data/v2/data.json", "prices/new_data/v2/data.schema.json", "LICENSE"),
    ),
}


@dataclass(frozen=True)
class Manifest:
    """The contents of a ``MANIFEST.json``: what a pinned folder holds and where it came from."""

    name: str
    upstream: str
    version: str
    date: str
    retrieved_from: str
    files: dict[str, str]
    license: str = "MIT"

    def to_json(self) -> str:
        """Sorted keys, indent 2, trailing newline: the same pin always writes the same bytes."""
        return json.dumps(asdict(self), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = Path(folder) / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            fields = {key: data[key] for key in ("name", "upstream", "version", "date", "retrieved_from", "license")}
            files = data["files"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise InputError(
                f"{path}: no readable manifest ({error}); regenerate the folder with `aimkg update`"
            ) from error
        valid_files = isinstance(files, dict) and all(isinstance(v, str) for v in files.values())
        if not valid_files or not all(isinstance(value, str) for value in fields.values()):
            raise InputError(f"{path}: a field has the wrong type; regenerate the folder with `aimkg update`")
        return cls(files=dict(files), **fields)


def sha256(path: Path) -> str:
    with Path(path).open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _listing(folder: Path) -> set[str]:
    """Every file under ``folder`` but its manifest, as relative POSIX paths."""
    found = set()
    for directory, _dirs, names in os.walk(folder):
        found |= {Path(directory, name).relative_to(folder).as_posix() for name in names}
    return found - {MANIFEST}


def file_hashes(folder: Path) -> dict[str, str]:
    """The sha256 of every file under ``folder`` but its manifest, by relative POSIX path."""
    return {relative: sha256(Path(folder) / relative) for relative in sorted(_listing(Path(folder)))}


def verify(folder: Path) -> list[str]:
    """Compare every file with the manifest; return one line per missing, extra or changed file (empty: intact)."""
    folder = Path(folder)
    try:
        manifest = Manifest.read(folder)
    except InputError as error:
        return [str(error)]
    problems = []
    paths = _listing(folder)
    for relative in sorted(paths | manifest.files.keys()):
        if relative not in manifest.files:
            problems.append(f"extra: {relative} (not in {MANIFEST})")
        elif relative not in paths:
            problems.append(f"missing: {relative}")
        else:
            try:
                actual = sha256(folder / relative)
            except OSError as error:
                problems.append(f"unreadable: {relative} ({error.strerror or error})")
                continue
            if actual != manifest.files[relative]:
                problems.append(f"changed: {relative} (sha256 {actual}, manifest {manifest.files[relative]})")
    return problems


def verified(folder: Path) -> Manifest:
    """Return the manifest of an intact pinned folder; raise InputError naming the first problem otherwise."""
    problems = verify(folder)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(
            f"{folder}: does not match its {MANIFEST}: {problems[0]}{more}; "
            f"restore it with git or refresh it with `aimkg update {Path(folder).name}`"
        )
    return Manifest.read(folder)


def write_manifest(folder: Path, *, name: str, upstream: str, version: str, date: str, retrieved_from: str) -> Manifest:
    """Hash every file of ``folder`` and write its manifest: for a pin made by hand (LiteLLM's, from a wheel)."""
    manifest = Manifest(name, upstream, version, date, retrieved_from, file_hashes(Path(folder)))
    write_atomic(Path(folder) / MANIFEST, manifest.to_json())
    return manifest


def changed_files(old: Manifest | None, new: Manifest) -> list[str]:
    """The files an update added, removed or changed (all of them when there was no previous pin)."""
    before = old.files if old else {}
    return sorted(path for path in before.keys() | new.files.keys() if before.get(path) != new.files.get(path))


def default_root() -> Path:
    """The checkout's ``upstream/`` folder: pinned sources are updated in a checkout, never in an installed wheel."""
    root = resource_root()
    if root.name == "_resources":
        raise InputError("aimkg runs from an installed wheel, which has no upstream/ folder: pass --root DIR")
    return root / "upstream"


def update(
    source: str, root: Path, *, origin: str | None = None, ref: str | None = None, date: str | None = None
) -> Manifest:
    """Refresh ``root/<source>`` from upstream and return its new manifest.

    ``origin`` replaces the upstream address (a git URL or path for models-dev; for the HTTPS
    sources the URL of the main data file, with the licence and schema beside it where the
    upstream repository keeps them). ``ref`` is a branch, tag or commit (default: the default
    branch). ``date`` (YYYY-MM-DD, HTTPS sources only) is the date of that release or commit:
    a raw download carries none, so it defaults to today (UTC), right for a moving ref.
    The new folder is written and verified beside the old one, then swapped in by renames.
    """
    spec = SOURCES.get(source)
    if spec is None:
        raise InputError(f"unknown source {source!r}: use one of {', '.join(sorted(SOURCES))}")
    if ref is not None and (not ref.strip() or ref.startswith("-")):
        raise InputError(f"--ref {ref!r}: give a branch, tag or commit")
    if date is not None and (spec.git or not _is_date(date)):
        raise InputError(f"--date {date!r}: only for HTTPS sources, as YYYY-MM-DD (models-dev takes its commit's date)")
    root = Path(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=root, prefix=f".{source}.", suffix=".new"))
    except OSError as error:
        raise InputError(f"{root}: cannot write the update there ({error.strerror or error})") from error
    try:
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # mkdtemp's 0700 would hide the pinned folder from other users
        if spec.git:
            manifest = _fetch_git(spec, staging, origin or spec.git, ref)
        else:
            manifest = _fetch_https(spec, staging, origin, ref, date)
        _check_license(staging / "LICENSE", f"{source} at {manifest.version}")
        write_atomic(staging / MANIFEST, manifest.to_json())
        problems = verify(staging)
        if problems:
            raise InputError(f"{source}: the new copy does not verify ({problems[0]}); the pinned folder is unchanged")
        _swap(staging, root / source)
    except OSError as error:
        raise InputError(
            f"{root / source}: cannot write the update ({error}); the pinned folder is unchanged"
        ) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already after a successful swap
    return manifest


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))


def _swap(staging: Path, target: Path) -> None:
    """Put the staged folder in place by renames: a reader may for an instant find no folder, never a partial one."""
    if not target.exists():
        staging.rename(target)
        return
    old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
    old.rmdir()
    target.rename(old)
    try:
        staging.rename(target)
    except BaseException:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _check_license(path: Path, where: str) -> None:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputError(
            f"{where}: no LICENSE file ({error.strerror or error}); the pinned folder is unchanged"
        ) from error
    if MIT_GRANT not in " ".join(text.split()):
        raise InputError(f"{where}: LICENSE is no longer MIT; review the licence before pinning this version")


# ---------------------------------------------------------------- git (models.dev)


def _run_git(args: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},  # fail, never wait for a password
        )
    except FileNotFoundError as error:
        raise InputError("git is not installed: models-dev is updated with git") from error
    except subprocess.TimeoutExpired as error:
        raise InputError(f"git {args[0]} took longer than {GIT_TIMEOUT} s; check the network and retry") from error


def _git(args: list[str], what: str, hint: str) -> str:
    done = _run_git(args)
    if done.returncode:
        lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        detail = lines[-1] if lines else f"exit status {done.returncode}"
        raise InputError(f"{what} failed: {detail}; {hint}")
    return done.stdout.strip()


def _fetch_git(spec: Source, staging: Path, origin: str, ref: str | None) -> Manifest:
    """Clone ``origin``, check out ``ref`` and copy the data files of that commit into ``staging``."""
    if origin.startswith("-"):
        raise InputError(f"--from {origin!r}: give a git URL or path")
    with tempfile.TemporaryDirectory(prefix="aimkg-update-") as temporary:
        checkout = Path(temporary, "checkout")
        # blob:none fetches the history's commits and trees, and only the blobs of the commit checked out
        clone = ["clone", "--quiet", "--filter=blob:none", "--no-checkout", "--", origin, str(checkout)]
        _git(clone, f"git clone {origin}", "check --from and the network")
        commit = _resolve(checkout, origin, ref)
        _git(["-C", str(checkout), "checkout", "--quiet", "--detach", commit], f"git checkout {commit}", "retry")
        # --date=short writes the committer's own calendar date, as the commit shows it upstream
        date = _git(["-C", str(checkout), "show", "-s", "--format=%cd", "--date=short", commit], "git show", "retry")
        selected = _select_models_dev(checkout)
        if "LICENSE" not in selected or not any(path.endswith("/provider.toml") for path in selected):
            raise InputError(
                f"{origin} at {commit}: no models.dev data (LICENSE, providers/*/provider.toml); check --from"
            )
        for relative, real in selected.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(real, target)
    return Manifest(
        name=spec.name,
        upstream=spec.upstream,
        version=commit,
        date=date,
        retrieved_from=f"git clone {origin}, commit {commit}: {MODELS_DEV_SELECTION}",
        files=file_hashes(staging),
    )


def _resolve(checkout: Path, origin: str, ref: str | None) -> str:
    """The full commit hash of ``ref``: a branch, a tag, a commit, or else whatever the remote gives for it."""
    candidates = ["HEAD"] if ref is None else [f"refs/remotes/origin/{ref}", f"refs/tags/{ref}", ref]
    for candidate in candidates:
        done = _run_git(["-C", str(checkout), "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}"])
        if done.returncode == 0:
            return done.stdout.strip()
    # neither a branch, a tag nor a commit of those: a pull-request ref, or a commit the clone did not bring
    hint = "give a branch, tag or commit of that repository"
    _git(
        ["-C", str(checkout), "fetch", "--quiet", "--filter=blob:none", "origin", str(ref)],
        f"ref {ref!r} in {origin}",
        hint,
    )
    return _git(["-C", str(checkout), "rev-parse", "--verify", "FETCH_HEAD^{commit}"], f"ref {ref!r} in {origin}", hint)


def _select_models_dev(checkout: Path) -> dict[str, Path]:
    """Map each data file's path in the repository to the real file to copy.

    Symlinks are followed (a provider alias becomes a copy of its target) if their target
    exists inside the checkout; a broken link, or one leading out of the repository, is skipped.
    """
    top = checkout.resolve()
    selected: dict[str, Path] = {}

    def real(path: Path) -> Path | None:
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):  # broken link, or a link loop
            return None
        return resolved if resolved.is_relative_to(top) else None

    def tomls(folder: Path, relative: str, ancestors: frozenset[Path]) -> None:
        resolved = real(folder)
        if resolved is None or resolved in ancestors or not resolved.is_dir():
            return
        for entry in sorted(folder.iterdir()):
            target, name = real(entry), f"{relative}/{entry.name}"
            if target is not None and target.is_dir():
                tomls(entry, name, ancestors | {resolved})
            elif target is not None and target.is_file() and entry.name.endswith(".toml"):
                selected[name] = target

    license_file = real(checkout / "LICENSE")
    if license_file is not None and license_file.is_file():
        selected["LICENSE"] = license_file
    tomls(checkout / "models", "models", frozenset())
    providers = checkout / "providers"
    for provider in sorted(providers.iterdir()) if providers.is_dir() else []:
        resolved = real(provider)
        if resolved is None or not resolved.is_dir():
            continue
        provider_toml = real(provider / "provider.toml")
        if provider_toml is not None and provider_toml.is_file():
            selected[f"providers/{provider.name}/provider.toml"] = provider_toml
        tomls(provider / "models", f"providers/{provider.name}/models", frozenset())
    return dict(sorted(selected.items()))


# ---------------------------------------------------------------- HTTPS (LiteLLM, genai-prices)


def _fetch_https(spec: Source, staging: Path, origin: str | None, ref: str | None, date: str | None) -> Manifest:
    """Download every file of the source into ``staging``, refusing a JSON file that does not parse."""
    main = origin or spec.raw.format(ref=ref or "main") + spec.files[0]
    up = "../" * spec.files[0].count("/")  # from the main file's folder back to the repository root
    urls = {
        PurePosixPath(path).name: urljoin(main, up + path) if index else main for index, path in enumerate(spec.files)
    }
    for name, url in urls.items():
        data = _download(url)
        if name.endswith(".json"):
            _check_json(data, url)
        (staging / name).write_bytes(data)
    version = ref[1:] if ref and re.fullmatch(r"v\d.*", ref) else ref or "main"
    return Manifest(
        name=spec.name,
        upstream=spec.upstream,
        version=version,
        date=date or dt.datetime.now(dt.UTC).date().isoformat(),
        retrieved_from="download " + " ".join(urls.values()),
        files=file_hashes(staging),
    )


def _download(url: str) -> bytes:
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "aimkg-update"})
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:
            data: bytes = response.read()
    except urllib.error.HTTPError as error:
        raise InputError(f"download {url}: HTTP {error.code} {error.reason}; check --ref and --from") from error
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as error:
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        raise InputError(f"download {url} failed: {reason}; check the URL and the network, then retry") from error
    if not data:
        raise InputError(f"download {url}: empty file; check the URL, then retry")
    return data


def _check_json(data: bytes, url: str) -> None:
    try:
        value = json.loads(data)
    except ValueError as error:
        raise InputError(
            f"download {url}: not valid JSON ({error}); it may be truncated, retry or check --from"
        ) from error
    if not isinstance(value, dict | list) or not value:
        raise InputError(f"download {url}: JSON is not a non-empty object or array; check --from")
