"""Start `aimkg serve`'s server on a free local port for a test, and stop it afterwards."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph

from aimkg.publish.server import LinkedDataServer, open_server
from aimkg.publish.site import build_site
from aimkg.publish.sparql import Limits


@contextmanager
def running_server(graph: Graph, folder: Path, limits: Limits | None = None) -> Iterator[LinkedDataServer]:
    site = folder / "site"
    build_site(graph, site)
    server = open_server(graph, site, limits=limits)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
