"""Retrieving a pinned upstream catalog: where each source comes from, and its git or HTTPS copy.

``fetch`` copies one source at a ref into an empty staging folder and returns the manifest of
what it copied; it neither checks the licence nor swaps the folder in (``aimkg.build.upstream``
does). models.dev is cloned with git and its data files selected; LiteLLM and genai-prices are
downloaded file by file over HTTPS, each JSON file checked to parse.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import re
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

from aimkg.build.manifest import Manifest, file_hashes
from aimkg.core.errors import InputError

#: Seconds an HTTP request may stall before the update fails, instead of hanging the build.
HTTP_TIMEOUT = 60
#: Seconds a git command may take (a first clone of models.dev's history takes a minute or two).
GIT_TIMEOUT = 1800
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


def fetch(
    spec: Source, staging: Path, origin: str | None, ref: str | None, date: str | None, pinned: Path | None = None
) -> Manifest:
    """Copy ``spec`` at ``ref`` (from ``origin`` when given) into ``staging``; return the manifest of the copy.

    ``pinned``: the current pinned folder, whose history a git source extends (``aimkg.history.store``).
    """
    if spec.git:
        return _fetch_git(spec, staging, origin or spec.git, ref, pinned)
    return _fetch_https(spec, staging, origin, ref, date)


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


def _fetch_git(spec: Source, staging: Path, origin: str, ref: str | None, pinned: Path | None) -> Manifest:
    """Clone ``origin``, check out ``ref``, copy the data files of that commit into ``staging``, and its history.

    The history (``history.jsonl.gz``: what every first-parent commit changed) is the ``pinned``
    one with the new commits added, or the whole history when there is none yet.
    """
    from aimkg.history.store import HISTORY_FILE, extend

    if origin.startswith("-"):
        raise InputError(f"--from {origin!r}: give a git URL or path")
    with tempfile.TemporaryDirectory(prefix="aimkg-update-") as temporary:
        checkout = Path(temporary, "checkout")
        clone = ["clone", "--quiet", *_blob_filter(origin), "--no-checkout", "--", origin, str(checkout)]
        _git(clone, f"git clone {origin}", "check --from and the network")
        commit = _resolve(checkout, origin, ref)
        _git(["-C", str(checkout), "checkout", "--quiet", "--detach", commit], f"git checkout {commit}", "retry")
        # a blob the repository lacks is left out of the checkout with a message, and git still exits 0
        left_out = _git(["-C", str(checkout), "ls-files", "--deleted"], "git ls-files", "retry").splitlines()
        if left_out:
            more = f" and {len(left_out) - 1} more" if len(left_out) > 1 else ""
            raise InputError(
                f"git checkout {commit}: {left_out[0]}{more} could not be read: {origin} is incomplete or corrupt; "
                "check --from, or clone it again"
            )
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
        if pinned is not None and (pinned / HISTORY_FILE).is_file():
            shutil.copyfile(pinned / HISTORY_FILE, staging / HISTORY_FILE)
        extend(staging / HISTORY_FILE, checkout, ref=commit)  # only the commits after the pinned history's last
    return Manifest(
        name=spec.name,
        upstream=spec.upstream,
        version=commit,
        date=date,
        retrieved_from=f"git clone {origin}, commit {commit}: {MODELS_DEV_SELECTION}",
        files=file_hashes(staging),
    )


def _blob_filter(origin: str) -> list[str]:
    """Fetch the history's commits and trees, and only the blobs of the commit checked out, from a server.

    Not from a local repository (a path or file://): a path ignores the filter, and git (2.39)
    asks a shallow one for it in an endless loop.
    """
    local = origin.startswith("file:") or Path(origin).exists()
    return [] if local else ["--filter=blob:none"]


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
        ["-C", str(checkout), "fetch", "--quiet", *_blob_filter(origin), "origin", str(ref)],
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
