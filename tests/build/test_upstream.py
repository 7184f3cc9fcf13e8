"""Pinned upstream sources: the shipped folders verify, and updates work against a local git
repository and a local HTTP server (never the network), leaving the old pin intact on failure."""

from __future__ import annotations

import datetime as dt
import socket
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from aimkg.build import fetch
from aimkg.build.fetch import SOURCES
from aimkg.build.manifest import MANIFEST, Manifest, changed_files, file_hashes, verified, verify, write_manifest
from aimkg.build.upstream import default_root, update
from aimkg.cli import cli
from aimkg.core.errors import InputError
from aimkg.history import store as history
from aimkg.history.models_dev import extract
from aimkg.history.store import HISTORY_FILE
from tests.helpers.catalogs import PEERS, REPO
from tests.helpers.repos import MIT, git, needs_git, write

UPSTREAM = REPO / "upstream"
#: Each pinned folder and its copy in ../shared/fixtures/peers.
PEER_FOLDERS = {"models-dev": "models.dev", "litellm": "litellm", "genai-prices": "genai-prices"}


# ---------------------------------------------------------------- the shipped pins


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_shipped_folder_verifies_against_its_manifest(source: str) -> None:
    assert verify(UPSTREAM / source) == []
    manifest = verified(UPSTREAM / source)
    assert manifest.license == "MIT"
    assert "LICENSE" in manifest.files
    # canonical bytes: reading and writing the manifest again gives the same file
    assert (UPSTREAM / source / MANIFEST).read_text(encoding="utf-8") == manifest.to_json()


@pytest.mark.parametrize(
    ("source", "version", "date"),
    [
        ("models-dev", "f3fc692299671838c7c65fd8126bf84d81a2e817", "2026-07-02"),
        ("litellm", "1.110.2", "2026-11-20"),
        ("genai-prices", "47df840a5ab10bbcffb8e5ac01b9899032245d1b", "2026-08-21"),
    ],
)
def test_shipped_manifests_name_the_pinned_versions(source: str, version: str, date: str) -> None:
    manifest = Manifest.read(UPSTREAM / source)
    assert (manifest.upstream, manifest.version, manifest.date) == (SOURCES[source].upstream, version, date)


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_shipped_folder_is_the_shared_fixture_byte_for_byte(source: str) -> None:
    peers = PEERS / PEER_FOLDERS[source]
    if not peers.is_dir():
        pytest.skip("../shared is absent")
    files = set(Manifest.read(UPSTREAM / source).files) - {HISTORY_FILE}  # derived from the bundle: tested below
    assert sorted(files) == sorted(file_hashes(peers))
    for relative in files:
        assert (UPSTREAM / source / relative).read_bytes() == (peers / relative).read_bytes(), relative


@needs_git
def test_models_dev_update_from_the_history_bundle_reproduces_the_pin(tmp_path: Path) -> None:
    bundle = PEERS / "models.dev.bundle"
    if not bundle.is_file():
        pytest.skip("../shared is absent")
    manifest = update("models-dev", tmp_path, origin=str(bundle), ref="f3fc6922")
    shipped = Manifest.read(UPSTREAM / "models-dev")
    assert (manifest.version, manifest.date, manifest.files) == (shipped.version, shipped.date, shipped.files)


def test_default_root_is_the_checkouts_upstream_folder() -> None:
    assert default_root() == UPSTREAM


# ---------------------------------------------------------------- verify


def pinned(folder: Path) -> Path:
    for relative, text in {"LICENSE": MIT, "data.json": "[1]\n", "sub/a.toml": "a = 1\n"}.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text, encoding="utf-8")
    write_manifest(
        folder, name="x", upstream="https://example.org/x", version="1", date="2026-01-01", retrieved_from="-"
    )
    return folder


def test_verify_names_changed_missing_and_extra_files(tmp_path: Path) -> None:
    folder = pinned(tmp_path / "x")
    assert verify(folder) == []
    (folder / "data.json").write_text("[1", encoding="utf-8")  # truncated
    (folder / "sub" / "a.toml").unlink()
    (folder / "notes.txt").write_text("?", encoding="utf-8")
    problems = verify(folder)
    assert [problem.split(" ")[:2] for problem in problems] == [
        ["changed:", "data.json"],
        ["extra:", "notes.txt"],
        ["missing:", "sub/a.toml"],
    ]
    with pytest.raises(InputError, match=r"changed: data\.json .*\(and 2 more\)"):
        verified(folder)


def test_verify_reports_a_missing_or_broken_manifest(tmp_path: Path) -> None:
    folder = pinned(tmp_path / "x")
    (folder / MANIFEST).write_text("{", encoding="utf-8")
    [problem] = verify(folder)
    assert MANIFEST in problem
    assert verify(tmp_path / "absent") != []


# ---------------------------------------------------------------- models-dev from a local git repository


#: What the first commit's checkout yields: data files only, aliases as copies.
FIRST_SELECTION = {
    "LICENSE": MIT,
    "models/acme/acme-1.toml": 'name = "Acme 1"\n',
    "providers/acme/provider.toml": 'name = "Acme"\n',
    "providers/acme/models/acme-1.toml": 'base_model = "acme/acme-1"\n',
    "providers/acme/models/org/acme-2.toml": 'name = "Acme 2"\n',
    "providers/acme-alias/provider.toml": 'name = "Acme"\n',
    "providers/acme-alias/models/acme-1.toml": 'base_model = "acme/acme-1"\n',
    "providers/acme-alias/models/org/acme-2.toml": 'name = "Acme 2"\n',
    "providers/cloudflare-ai-gateway/provider.toml": 'name = "Cloudflare"\n',
    "providers/other/provider.toml": 'name = "Other"\n',
    "providers/other/models/linked.toml": 'base_model = "acme/acme-1"\n',
}


@pytest.fixture
def models_dev_repo(tmp_path: Path) -> tuple[Path, str]:
    """A small models.dev-like repository: its first commit, tagged v1, and that commit's hash."""
    repo = tmp_path / "origin"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=dev")
    write(repo, {path: text for path, text in FIRST_SELECTION.items() if "acme-alias" not in path})
    write(
        repo,
        {
            "README.md": "# models\n",
            "logo-light.svg": "<svg/>\n",
            "packages/web/config.toml": "x = 1\n",
            "providers/acme/logo.svg": "<svg/>\n",
            "providers/acme/README.md": "scripts\n",
            "providers/acme/sync.ts": "// script\n",
            "providers/acme/models/notes": "no .toml ending\n",
            "providers/cloudflare-ai-gateway/data/dump.toml": "raw = 1\n",
        },
    )
    (tmp_path / "outside.toml").write_text("secret = 1\n", encoding="utf-8")
    (repo / "providers/acme-alias").symlink_to("acme")  # a provider alias
    (repo / "providers/other/models/linked.toml").unlink()
    (repo / "providers/other/models/linked.toml").symlink_to("../../acme/models/acme-1.toml")
    (repo / "providers/acme/models/gone.toml").symlink_to("missing.toml")  # broken
    (repo / "providers/acme/models/escape.toml").symlink_to(tmp_path / "outside.toml")  # leaves the repository
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "first")
    git(repo, "tag", "v1")
    return repo, git(repo, "rev-parse", "HEAD")


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def read_tree(folder: Path) -> dict[str, str]:
    """The pinned text files (the history file aside: its commits are checked on their own)."""
    files = sorted(set(file_hashes(folder)) - {HISTORY_FILE})
    return {relative: (folder / relative).read_text(encoding="utf-8") for relative in files}


@needs_git
def test_models_dev_update_copies_exactly_the_selected_files(tmp_path: Path, models_dev_repo: tuple[Path, str]) -> None:
    repo, first = models_dev_repo
    root = tmp_path / "upstream"
    manifest = update("models-dev", root, origin=str(repo))
    folder = root / "models-dev"
    assert read_tree(folder) == FIRST_SELECTION
    assert list(history.read(folder / HISTORY_FILE)) == list(extract(repo))  # the history up to the pin
    assert not any(path.is_symlink() for path in folder.rglob("*"))
    assert (manifest.version, manifest.date) == (first, "2026-03-02")  # the committer's own date (UTC: 03-01)
    assert manifest.upstream == "https://github.com/anomalyco/models.dev"
    assert manifest.retrieved_from.startswith(f"git clone {repo}, commit {first}")
    assert Manifest.read(folder) == manifest
    assert verify(folder) == []
    assert names(root) == ["models-dev"]  # no staging folder left behind


@needs_git
def test_models_dev_second_update_changes_only_what_changed(tmp_path: Path, models_dev_repo: tuple[Path, str]) -> None:
    repo, first = models_dev_repo
    root = tmp_path / "upstream"
    old = update("models-dev", root, origin=str(repo))
    write(repo, {"providers/other/provider.toml": 'name = "Other Inc."\n', "models/acme/acme-3.toml": "name = 3\n"})
    git(repo, "rm", "--quiet", "providers/cloudflare-ai-gateway/provider.toml")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "second", date="2026-04-05T12:00:00+00:00")
    new = update("models-dev", root, origin=str(repo))
    assert new.version == git(repo, "rev-parse", "HEAD") != first
    assert new.date == "2026-04-05"
    assert changed_files(old, new) == [
        HISTORY_FILE,  # extended by the new commit
        "models/acme/acme-3.toml",
        "providers/cloudflare-ai-gateway/provider.toml",
        "providers/other/provider.toml",
    ]
    assert list(history.read(root / "models-dev" / HISTORY_FILE)) == list(extract(repo))
    assert read_tree(root / "models-dev")["providers/other/provider.toml"] == 'name = "Other Inc."\n'

    pinned_again = update("models-dev", root, origin=str(repo), ref=first)  # --ref pins the older commit
    assert (pinned_again.version, pinned_again.files) == (first, old.files)
    assert update("models-dev", root, origin=str(repo), ref="v1").version == first  # a tag
    assert update("models-dev", root, origin=str(repo), ref=first[:10]).version == first  # a short hash


@needs_git
@pytest.mark.parametrize(
    ("origin", "ref", "message"),
    [
        ("repo", "no-such-branch", "ref 'no-such-branch' in"),
        ("absent", None, "git clone"),
        ("empty", None, "no models.dev data"),
    ],
)
def test_models_dev_failed_update_leaves_the_pin_intact(
    tmp_path: Path, models_dev_repo: tuple[Path, str], origin: str, ref: str | None, message: str
) -> None:
    repo, _first = models_dev_repo
    root = tmp_path / "upstream"
    before = update("models-dev", root, origin=str(repo))
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "--quiet")
    git(empty, "commit", "--quiet", "--allow-empty", "-m", "nothing")
    origins = {"repo": str(repo), "absent": str(tmp_path / "absent"), "empty": str(empty)}
    with pytest.raises(InputError, match=message) as raised:
        update("models-dev", root, origin=origins[origin], ref=ref)
    assert "\n" not in str(raised.value)
    assert Manifest.read(root / "models-dev") == before
    assert verify(root / "models-dev") == []
    assert names(root) == ["models-dev"]


# ---------------------------------------------------------------- LiteLLM and genai-prices from a local HTTP server


class Handler(SimpleHTTPRequestHandler):
    """Serves files; a path in ``server.truncated`` gets half its body under the full Content-Length."""

    def do_GET(self) -> None:
        truncated: set[str] = getattr(self.server, "truncated", set())
        if self.path not in truncated:
            super().do_GET()
            return
        body = Path(self.translate_path(self.path)).read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:  # keep the test output clean
        pass


class Server(ThreadingHTTPServer):
    truncated: set[str]


@pytest.fixture
def http_root(tmp_path: Path) -> Iterator[tuple[str, Path, Server]]:
    """A local HTTP server on a free port: its base URL, the folder it serves, the server."""
    www = tmp_path / "www"
    www.mkdir()
    server = Server(("127.0.0.1", 0), partial(Handler, directory=str(www)))
    server.truncated = set()
    thread = threading.Thread(target=partial(server.serve_forever, poll_interval=0.05), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", www, server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


#: Each HTTPS source's files as a copy of its repository serves them, and the main file's path.
REPOSITORY_FILES = {
    "litellm": (
        "litellm/model_prices_and_context_window.json",
        {"litellm/model_prices_and_context_window.json": '{"gpt-4o": {"mode": "chat"}}\n', "litellm/LICENSE": MIT},
    ),
    "genai-prices": (
        "genai/prices/new_data/v2/data.json",
        {
            "genai/prices/new_data/v2/data.json": '[{"id": "anthropic"}]\n',
            "genai/prices/new_data/v2/data.schema.json": '{"type": "array"}\n',
            "genai/prices/new_data/v2/README.md": "not copied\n",
            "genai/LICENSE": MIT,
        },
    ),
}


def serve(source: str, base: str, www: Path) -> str:
    """Put a source's files on the server; return the URL of its main data file."""
    main, files = REPOSITORY_FILES[source]
    write(www, files)
    return base + main


@pytest.mark.parametrize("source", ["litellm", "genai-prices"])
def test_https_update_downloads_checks_and_pins(
    tmp_path: Path, http_root: tuple[str, Path, Server], source: str
) -> None:
    base, www, _server = http_root
    url = serve(source, base, www)
    root = tmp_path / "upstream"
    manifest = update(source, root, origin=url, ref="v1.2.3", date="2026-02-03")
    _main, files = REPOSITORY_FILES[source]
    expected = {Path(path).name: text for path, text in files.items() if not path.endswith("README.md")}
    assert read_tree(root / source) == expected
    assert (manifest.version, manifest.date, manifest.license) == ("1.2.3", "2026-02-03", "MIT")
    assert manifest.retrieved_from.startswith(f"download {url} ")
    assert len(manifest.retrieved_from.split()) == 1 + len(expected)
    assert verify(root / source) == []

    commit = "0123456789abcdef0123456789abcdef01234567"
    moving = update(source, root, origin=url)
    assert (moving.version, moving.date) == ("main", dt.datetime.now(dt.UTC).date().isoformat())
    assert update(source, root, origin=url, ref=commit).version == commit
    assert changed_files(manifest, moving) == []


def test_https_default_urls_are_the_raw_github_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without --from, the files come from raw.githubusercontent.com at the ref (recorded, never fetched here)."""
    fetched: list[str] = []

    def fake_download(url: str) -> bytes:
        fetched.append(url)
        return MIT.encode() if url.endswith("LICENSE") else b"[1]"

    monkeypatch.setattr(fetch, "_download", fake_download)
    update("genai-prices", tmp_path, ref="abc")
    update("litellm", tmp_path)
    raw = "https://raw.githubusercontent.com"
    assert fetched == [
        f"{raw}/pydantic/genai-prices/abc/prices/new_data/v2/data.json",
        f"{raw}/pydantic/genai-prices/abc/prices/new_data/v2/data.schema.json",
        f"{raw}/pydantic/genai-prices/abc/LICENSE",
        f"{raw}/BerriAI/litellm/main/model_prices_and_context_window.json",
        f"{raw}/BerriAI/litellm/main/LICENSE",
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        ("invalid-json", "not valid JSON"),
        ("empty-json", "not a non-empty object or array"),
        ("truncated-body", "failed"),
        ("404-data", "HTTP 404"),
        ("404-license", "HTTP 404"),
        ("not-mit", "LICENSE is no longer MIT"),
        ("refused", "failed"),
        ("timeout", "failed"),
    ],
)
def test_https_failed_update_leaves_the_pin_intact(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    http_root: tuple[str, Path, Server],
    breakage: str,
    message: str,
) -> None:
    base, www, server = http_root
    url = serve("genai-prices", base, www)
    root = tmp_path / "upstream"
    before = update("genai-prices", root, origin=url, ref="v1", date="2026-01-01")
    before_bytes = (root / "genai-prices" / "data.json").read_bytes()
    data, license_file = www / "genai/prices/new_data/v2/data.json", www / "genai/LICENSE"
    write(www, {"genai/prices/new_data/v2/data.json": '[{"id": "anthropic"}, {"id": "openai"}]\n'})  # an update
    listener = None
    if breakage == "invalid-json":
        data.write_text('[{"id": "anthropic"}, {"id": "op', encoding="utf-8")
    elif breakage == "empty-json":
        data.write_text("{}", encoding="utf-8")
    elif breakage == "truncated-body":
        server.truncated.add("/genai/prices/new_data/v2/data.json")
    elif breakage == "404-data":
        data.unlink()
    elif breakage == "404-license":
        license_file.unlink()
    elif breakage == "not-mit":
        license_file.write_text("All rights reserved.\n", encoding="utf-8")
    elif breakage == "refused":
        url = f"http://127.0.0.1:{free_port()}/genai/prices/new_data/v2/data.json"
    elif breakage == "timeout":  # a server that accepts the connection and never answers
        listener = socket.create_server(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/data.json"
        monkeypatch.setattr(fetch, "HTTP_TIMEOUT", 0.5)
    try:
        with pytest.raises(InputError, match=message) as raised:
            update("genai-prices", root, origin=url, ref="v2", date="2026-01-02")
    finally:
        if listener is not None:
            listener.close()
    assert "\n" not in str(raised.value)
    assert Manifest.read(root / "genai-prices") == before
    assert (root / "genai-prices" / "data.json").read_bytes() == before_bytes
    assert verify(root / "genai-prices") == []
    assert names(root) == ["genai-prices"]


@pytest.mark.parametrize(
    ("source", "kwargs", "message"),
    [
        ("pypi", {}, "unknown source 'pypi'"),
        ("litellm", {"ref": "--upload-pack=x"}, "--ref"),
        ("litellm", {"date": "yesterday"}, "--date"),
        ("models-dev", {"date": "2026-01-01"}, "--date"),
        ("models-dev", {"origin": "--upload-pack=x"}, "--from"),
        ("litellm", {"origin": "not-a-url"}, "download not-a-url failed: unknown url type"),
    ],
)
def test_update_refuses_bad_arguments(tmp_path: Path, source: str, kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(InputError, match=message):
        update(source, tmp_path, **kwargs)
    assert [path for path in tmp_path.iterdir() if path.name.startswith(".")] == []  # no staging folder left


# ---------------------------------------------------------------- the command


def test_cli_update_prints_one_summary_line(tmp_path: Path, http_root: tuple[str, Path, Server]) -> None:
    base, www, _server = http_root
    url = serve("litellm", base, www)
    root = tmp_path / "upstream"
    arguments = ["litellm", "--from", url, "--ref", "v1.110.2", "--date", "2026-11-20", "--root", str(root)]
    result = CliRunner().invoke(cli, ["update", *arguments])
    assert result.exit_code == 0, result.output
    assert result.stderr == "litellm: version 1.110.2 (2026-11-20), 2 files, 2 changed\n"
    assert result.stdout == ""

    write(www, {"litellm/model_prices_and_context_window.json": '{"gpt-4o": {"mode": "responses"}}\n'})
    result = CliRunner().invoke(cli, ["update", *arguments])
    assert result.stderr == "litellm: version 1.110.2 (2026-11-20), 2 files, 1 changed\n"


def test_cli_update_failure_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """Through the aimkg group, as users run it: a bare command invoked alone would cache click's
    help option without the group's -h, and the CLI reference test would then see it."""
    group = cli
    url = f"http://127.0.0.1:{free_port()}/model_prices_and_context_window.json"
    result = CliRunner().invoke(group, ["update", "litellm", "--from", url, "--root", str(tmp_path)])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: download {url} failed: ")
    assert CliRunner().invoke(group, ["update", "pypi"]).exit_code == 2  # click's own usage error
