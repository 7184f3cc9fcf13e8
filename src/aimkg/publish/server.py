"""Serve a built site with content negotiation at every entity IRI path, and SPARQL at /sparql.

``GET /id/<kind>/<slug>`` (and ``/ontology``) answers ``303 See Other`` to the representation the
Accept header prefers (``.html``, ``.ttl``, ``.jsonld`` or ``.nt``), with ``Vary: Accept``: the
IRIs name models, prices and organisations rather than documents, and w3id.org's redirects (the
site's ``.htaccess``) answer the same way, so local and published behaviour agree.
``/sparql`` implements the SPARQL 1.1 Protocol query operation, read-only
(https://www.w3.org/TR/sparql11-protocol/#query-operation).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, unquote, urlsplit

from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.publish.conneg import negotiate
from aimkg.publish.rdf import REPRESENTATIONS
from aimkg.publish.sparql import Answer, QueryLimits
from aimkg.publish.sparql.pool import QueryService

#: Media types of the files a site holds, by suffix.
FILE_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".nq": "application/n-quads",
    ".trig": "application/trig; charset=utf-8",
    ".png": "image/png",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".atom": "application/atom+xml",
}
FORM = "application/x-www-form-urlencoded"


class Handler(BaseHTTPRequestHandler):
    """Route one request: /sparql, an IRI path to negotiate, or a file of the site."""

    server: LinkedDataServer
    protocol_version = "HTTP/1.1"
    timeout = 30  # a client that stalls mid-request is dropped
    server_version = "aimkg"
    methods: ClassVar[str] = "GET, HEAD, POST"

    def do_GET(self) -> None:
        self.started = time.monotonic()
        url = urlsplit(self.path)
        if url.path == "/sparql":
            self.sparql_get(url.query)
        else:
            self.static(url.path)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_POST(self) -> None:
        self.started = time.monotonic()
        if urlsplit(self.path).path != "/sparql":
            self.reply(Answer.text(405, "only /sparql accepts POST"), {"Allow": "GET, HEAD"})
            return
        self.sparql_post()

    def refuse_method(self) -> None:
        self.started = time.monotonic()
        self.reply(Answer.text(405, "this server is read-only"), {"Allow": self.methods})

    do_PUT = do_DELETE = do_PATCH = refuse_method  # noqa: N815

    # ------------------------------------------------------------ SPARQL

    def sparql_get(self, query_string: str) -> None:
        limit = self.server.limits.max_query_chars
        if len(query_string) > 3 * limit:  # every character percent-encoded at worst
            self.reply(Answer.text(414, f"request URI too long; POST queries over {limit:,} characters"))
            return
        params = parse_qs(query_string)
        if "update" in params:
            self.reply(Answer.text(403, "updates are refused: this endpoint is read-only"))
            return
        queries = params.get("query", [])
        if len(queries) != 1:
            self.reply(Answer.text(400, "send exactly one 'query' parameter (SPARQL 1.1 Protocol)"))
            return
        if len(queries[0]) > limit:
            self.reply(Answer.text(414, f"query is longer than {limit:,} characters, this endpoint's limit"))
            return
        self.sparql(queries[0], params)

    def sparql_post(self) -> None:
        limit = self.server.limits.max_query_chars
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.reply(Answer.text(411, "send a Content-Length"))
            return
        if int(length) > 3 * limit:
            self.close_connection = True  # the body is not read
            self.reply(Answer.text(413, f"request body too large; queries may have {limit:,} characters"))
            return
        body = self.rfile.read(int(length)).decode("utf-8", errors="replace")
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            self.reply(Answer.text(403, "updates are refused: this endpoint is read-only"))
        elif media == "application/sparql-query":
            self.sparql(body, parse_qs(urlsplit(self.path).query))
        elif media == FORM:
            params = parse_qs(body)
            if "update" in params:
                self.reply(Answer.text(403, "updates are refused: this endpoint is read-only"))
            elif len(params.get("query", [])) != 1:
                self.reply(Answer.text(400, "send exactly one 'query' field (SPARQL 1.1 Protocol)"))
            else:
                self.sparql(params["query"][0], params)
        else:
            self.reply(Answer.text(415, f"POST a query as application/sparql-query or {FORM}"))

    def sparql(self, query: str, params: dict[str, list[str]]) -> None:
        if "default-graph-uri" in params or "named-graph-uri" in params:
            self.reply(
                Answer.text(
                    400,
                    "this endpoint serves one graph: default-graph-uri and named-graph-uri are not supported",
                )
            )
            return
        self.reply(self.server.service.answer(query, self.headers.get("Accept")))

    # ------------------------------------------------------------ site

    def static(self, raw_path: str) -> None:
        path = unquote(raw_path)
        segments = path.split("/")[1:]
        if "\x00" in path or "\\" in path or any(s in (".", "..") for s in segments):
            self.reply(Answer.text(400, "bad path"))
            return
        if any(s.startswith(".") for s in segments):
            self.reply(Answer.text(404, "not found"))
            return
        root = self.server.root
        relative = "/".join(segments)
        target = (root / relative).resolve()
        if not target.is_relative_to(root):
            self.reply(Answer.text(404, "not found"))
            return
        if target.is_dir():
            if not path.endswith("/"):
                self.redirect(301, path + "/")
                return
            target = target / "index.html"
        elif not target.exists() and (root / f"{relative}.html").is_file():
            self.negotiate(path, relative)
            return
        if not target.is_file():
            self.reply(Answer.text(404, "not found"))
            return
        media = FILE_TYPES.get(target.suffix, "application/octet-stream")
        self.reply(Answer(200, media, target.read_bytes()))

    def negotiate(self, path: str, relative: str) -> None:
        """Send a 303 to the representation of an IRI that the client prefers."""
        available = [suffix for suffix in REPRESENTATIONS if (self.server.root / f"{relative}{suffix}").is_file()]
        chosen = negotiate(self.headers.get("Accept"), [REPRESENTATIONS[suffix] for suffix in available])
        if chosen is None:
            offered = ", ".join(REPRESENTATIONS[suffix] for suffix in available)
            self.reply(Answer.text(406, f"not acceptable; {path} is available as {offered}"), {"Vary": "Accept"})
            return
        suffix = next(s for s in available if REPRESENTATIONS[s] == chosen)
        self.redirect(303, f"{path}{suffix}", {"Vary": "Accept"})

    # ------------------------------------------------------------ replies

    def redirect(self, status: int, location: str, headers: dict[str, str] | None = None) -> None:
        self.reply(Answer.text(status, f"see {location}"), {"Location": location, **(headers or {})})

    def reply(self, answer: Answer, headers: dict[str, str] | None = None) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Log each request in one line: client, request, status, time taken."""
        status = code.value if isinstance(code, HTTPStatus) else code
        elapsed = (time.monotonic() - getattr(self, "started", time.monotonic())) * 1000
        line = self.requestline if len(self.requestline) <= 200 else self.requestline[:200] + "..."
        sys.stderr.write(f'{self.address_string()} "{line}" {status} {elapsed:.1f}ms\n')

    def log_error(self, format: str, *args: object) -> None:
        """Errors are logged by log_request, in the same one line."""


class LinkedDataServer(ThreadingHTTPServer):
    """The HTTP server: a site folder and a query service."""

    daemon_threads = True
    request_queue_size = 128  # the default 5 drops connection bursts, which clients retry only after 1 s

    def __init__(self, address: tuple[str, int], root: Path, service: QueryService) -> None:
        super().__init__(address, Handler)
        self.root = root.resolve()
        self.service = service
        self.limits: QueryLimits = service.limits

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def server_close(self) -> None:
        super().server_close()
        self.service.close()


def open_server(
    sources: Sequence[Path],
    root: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    limits: QueryLimits | None = None,
    input_limits: InputLimits = DEFAULT_LIMITS,
) -> LinkedDataServer:
    """Bind a server for a built site and the RDF files it was built from (port 0: any free port)."""
    service = QueryService(sources, limits, input_limits)
    try:
        return LinkedDataServer((host, port), root, service)
    except OSError:
        service.close()
        raise


def serve(
    sources: Sequence[Path],
    host: str,
    port: int,
    site: Path | None = None,
    limits: QueryLimits | None = None,
    input_limits: InputLimits = DEFAULT_LIMITS,
) -> None:
    """Serve the graph of some RDF files until interrupted: the site given, or one built now into a temporary folder."""
    import os
    import tempfile

    from aimkg.publish.site import build_site

    with tempfile.TemporaryDirectory(prefix="aimkg-site-") as temporary:
        if site is None:
            site = Path(temporary) / "site"
            build_site(sources, site, limits=input_limits, jobs=min(4, os.cpu_count() or 1))
        server = open_server(sources, site, host, port, limits, input_limits)
        sys.stderr.write(f"serving {site} at {server.url}/ (SPARQL at {server.url}/sparql); Ctrl-C stops\n")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
