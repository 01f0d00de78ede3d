"""A stand-in web server on loopback for the tools' tests: a route table of answers, every request kept.

::

    with StandIn({"/api/repos/a/b": Answer(body={"archived": False}), "/slow": Answer(delay=1.5)}) as server:
        ...  # ask server.url + "/api/repos/a/b"; then look at server.requests

A route is the path of the request without its query; its answer is an :class:`Answer`, or a
function of the :class:`Request` that returns one (for answers that depend on the query, or on a
table a test changes). A path without a route gets *fallback* (404 unless given). ``conftest.py``
offers it as the ``standin`` fixture, and :func:`dead_address` where nothing answers.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Answer:
    """What the stand-in answers: *body* as bytes as they are, a str as UTF-8 text, anything else as JSON."""

    status: int = 200
    body: object = b""
    #: The Content-Type; by default that of the body's kind.
    content_type: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    #: Seconds to wait before answering (a slow server).
    delay: float = 0.0

    def encoded(self) -> tuple[bytes, str]:
        if isinstance(self.body, bytes):
            return self.body, self.content_type or "application/octet-stream"
        if isinstance(self.body, str):
            return self.body.encode(), self.content_type or "text/plain; charset=utf-8"
        return json.dumps(self.body).encode(), self.content_type or "application/json; charset=utf-8"


@dataclass(frozen=True)
class Request:
    """A request the stand-in received, and when (``time.monotonic()`` on arrival)."""

    time: float
    #: The path with its query, as sent.
    path: str
    headers: dict[str, str]

    @property
    def route(self) -> str:
        return urlsplit(self.path).path

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.path).query)


Route = Answer | Callable[[Request], Answer]
NOT_FOUND = Answer(404, "not found")


class StandIn:
    """An HTTP server on a free port of 127.0.0.1, answering from *routes* (see the module's docstring)."""

    def __init__(self, routes: Mapping[str, Route] | None = None, fallback: Route = NOT_FOUND) -> None:
        self.routes = dict(routes or {})
        self.fallback = fallback
        #: Every request, in the order they came.
        self.requests: list[Request] = []
        self._serving = serving(self._handler())
        self.address = ""

    @property
    def url(self) -> str:
        return f"http://{self.address}"

    def answer(self, request: Request) -> Answer:
        route = self.routes.get(request.route, self.fallback)
        return route if isinstance(route, Answer) else route(request)

    def __enter__(self) -> StandIn:
        self.address = self._serving.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._serving.__exit__(*exc_info)

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        stand_in = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                request = Request(time.monotonic(), self.path, dict(self.headers))
                stand_in.requests.append(request)
                answer = stand_in.answer(request)
                time.sleep(answer.delay)
                body, content_type = answer.encoded()
                self.send_response(answer.status)
                self.send_header("Content-Type", content_type)
                for key, value in answer.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                        self.wfile.write(body)  # a slow answer may come after the client stopped waiting

            do_HEAD = do_GET

            def log_message(self, *args: object) -> None:
                pass

        return Handler


@contextlib.contextmanager
def serving(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run an HTTP server with *handler* on a free port of 127.0.0.1; yield ``127.0.0.1:port``."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def dead_address() -> str:
    """``127.0.0.1:port`` where nothing listens: the port was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"127.0.0.1:{port}"
