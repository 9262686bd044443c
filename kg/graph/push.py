"""``kg push``: load a build into a triplestore server through the SPARQL 1.1 Graph
Store HTTP Protocol (Oxigraph server, Apache Jena Fuseki, GraphDB, Virtuoso, ...).

The graph goes as N-Triples in chunks: the first request PUTs (replacing the target
graph), the others POST (adding to it), so pushing the same build twice leaves the
server with the same triples. Afterwards the server is asked how many triples the
target graph holds; fewer than were sent is an error, never a silent success, and an answer
that is not a count (or not a graph, where the graph is fetched and counted) is an error too.
Each request, its answer included, must be done within ``--timeout`` seconds (``deadline``).
"""
from __future__ import annotations

import base64
import functools
import http.client
import json
import os
import re
import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, ServerError
from .deadline import Deadline, opener

NTRIPLES = "application/n-triples"
#: triples per request: a few MB of N-Triples, well under servers' default body limits
CHUNK = 50_000
#: seconds one request may take, its answer included (--timeout; 0: no limit)
TIMEOUT = 120.0
#: the most of an answer to a PUT, POST or count query that is read: none is longer, but for a fault
_ANSWER_BYTES = 1 << 20
#: what --endpoint must be, for messages
_GSP = "Graph Store endpoint (Oxigraph .../store, Fuseki .../DATASET/data)"
#: Graph Store endpoint path -> SPARQL query endpoint path, for the servers whose layout is known
_QUERY_PATHS = (("/store", "/query"),                  # Oxigraph server
                ("/data", "/query"),                   # Apache Jena Fuseki
                ("/rdf-graphs/service", ""),           # GraphDB (the repository URL answers queries)
                ("/sparql-graph-crud-auth", "/sparql"),  # Virtuoso
                ("/sparql-graph-crud", "/sparql"))


@dataclass(frozen=True, slots=True)
class PushReport:
    endpoint: str
    graph: str | None  # None: the server's default graph
    sent: int
    requests: int
    held: int
    seconds: float

    def summary(self) -> str:
        where = f"graph <{self.graph}>" if self.graph else "the default graph"
        extra = (f" ({self.held - self.sent} more than pushed: the server counts other data in that graph)"
                 if self.held > self.sent else "")
        return (f"pushed {self.sent} triples to {where} of {self.endpoint} in {self.requests} "
                f"request{'s' if self.requests != 1 else ''}; the server now holds {self.held} triples there{extra}; "
                f"{self.seconds:.1f} s")


def push(build: Path, endpoint: str, *, graph: str | None = None, auth: tuple[str, str] | None = None,
         chunk: int = CHUNK, query_url: str | None = None, timeout: float = TIMEOUT) -> PushReport:
    """PUT then POST the triples of ``build`` into ``graph`` (default graph if None) at ``endpoint``;
    each request must be done within ``timeout`` seconds (0: no limit)."""
    started = time.perf_counter()
    _check_url(endpoint, "--endpoint")
    endpoint, auth = _login_apart(endpoint, auth, "--endpoint")
    if query_url:
        _check_url(query_url, "--query-url")
        query_url, auth = _login_apart(query_url, auth, "--query-url")
    if chunk < 1:
        raise InputError(f"--chunk-size must be at least 1, not {chunk}")
    target = _graph_url(endpoint, graph)
    client = _Client(auth, timeout)
    with tempfile.TemporaryDirectory(prefix="kg-push-") as scratch:
        source = _ntriples(build, Path(scratch))
        total, bnodes = _scan(source)
        # blank node labels are scoped to one request: a graph with any goes whole (kg's graphs have none)
        size = max(total, 1) if bnodes else chunk
        requests = max(1, -(-total // size))
        sent = 0
        for number, (body, lines) in enumerate(_bodies(source, size), 1):
            try:
                client.send("PUT" if number == 1 else "POST", target, body, {"Content-Type": NTRIPLES})
            except ServerError as exc:
                if number == 1:
                    raise
                raise ServerError(f"{exc} (request {number} of {requests}); the graph now holds only the first "
                                  f"{sent} of {total} triples: push again") from exc
            sent += lines
    try:
        held = _count(client, endpoint, graph, query_url)
    except ServerError as exc:
        raise ServerError(f"pushed {total} triples to {target} but could not count them there: {exc}") from exc
    if held < total:
        raise ServerError(f"the server holds only {held} of the {total} triples pushed to {target}; "
                          "it dropped some: push again, and check its logs")
    return PushReport(endpoint, graph, total, requests, held, time.perf_counter() - started)


def _ntriples(build: Path, scratch: Path) -> Path:
    """The build's N-Triples: ``kg.nt``, else its ``kg.ttl`` converted into ``scratch`` (an older build)."""
    if not build.is_dir():
        raise InputError(f"{build}: no such build directory; build one with: kg build INPUT --out {build}")
    if (build / "kg.nt").is_file():
        return build / "kg.nt"
    if (build / "kg.ttl").is_file():
        from rdflib import Graph  # only for builds made before kg.nt existed

        converted = scratch / "kg.nt"
        converted.write_bytes(Graph().parse(build / "kg.ttl", format="turtle").serialize(format="nt", encoding="utf-8"))
        return converted
    raise InputError(f"{build}: no kg build here (no kg.nt and no kg.ttl); build one with: kg build INPUT --out {build}")


def _triple_lines(source: Path) -> Iterator[bytes]:
    with source.open("rb") as fh:
        for line in fh:
            if line.strip() and not line.lstrip().startswith(b"#"):
                yield line if line.endswith(b"\n") else line + b"\n"


def _scan(source: Path) -> tuple[int, bool]:
    """How many triples ``source`` holds, and whether any has a blank node (one streaming pass)."""
    total, bnodes = 0, False
    for line in _triple_lines(source):
        total += 1
        bnodes = bnodes or _has_bnode(line)
    return total, bnodes


def _bodies(source: Path, size: int) -> Iterator[tuple[bytes, int]]:
    """Request bodies of at most ``size`` triples, streamed; one empty body for an empty graph
    (its PUT still empties the target graph)."""
    batch: list[bytes] = []
    sent_any = False
    for line in _triple_lines(source):
        batch.append(line)
        if len(batch) == size:
            yield b"".join(batch), len(batch)
            batch, sent_any = [], True
    if batch or not sent_any:
        yield b"".join(batch), len(batch)


def _has_bnode(line: bytes) -> bool:
    if b"_:" not in line:
        return False
    # a blank node is a term starting with _: outside a literal: drop escapes, then the quoted parts
    plain = line.replace(b"\\\\", b"").replace(b'\\"', b"")
    return b"_:" in b"".join(plain.split(b'"')[0::2])


def _graph_url(endpoint: str, graph: str | None) -> str:
    if graph is not None:
        _check_url(graph, "--graph", schemes=None)
        if re.search(r'[\s<>"{}|^`\\]', graph):
            raise InputError(f"--graph {graph!r}: an IRI has no spaces and none of <>\"{{}}|^`\\")
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def _query_url(endpoint: str) -> str | None:
    parts = urllib.parse.urlsplit(endpoint)
    for gsp, sparql in _QUERY_PATHS:
        if parts.path.rstrip("/").endswith(gsp):
            path = parts.path.rstrip("/")[: -len(gsp)] + sparql
            return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    return None


def _count(client: _Client, endpoint: str, graph: str | None, query_url: str | None) -> int:
    """Triples in the target graph: a SPARQL COUNT where the query endpoint is known, else a GSP GET."""
    url = query_url or _query_url(endpoint)
    if url:
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        body = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"}).encode()
        answer = client.send("POST", url, body, {"Content-Type": "application/x-www-form-urlencoded",
                                                 "Accept": "application/sparql-results+json"},
                             role="SPARQL query endpoint (give it with --query-url)")
        try:
            [row] = json.loads(answer)["results"]["bindings"]
            value = row["n"]["value"]
        except (ValueError, KeyError, TypeError):  # not JSON, not one row, not a binding of ?n
            value = None
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]{1,18}", value):
            raise ServerError(f"{url} did not answer the triple count as SPARQL JSON results; "
                              "give its SPARQL query endpoint with --query-url")
        return int(value)
    return client.count_triples(_graph_url(endpoint, graph))


def _login_apart(url: str, auth: tuple[str, str] | None, option: str) -> tuple[str, tuple[str, str] | None]:
    """``url`` without a ``user:password@`` in it (never printed again), and the login it gave."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, auth
    if auth is not None and (parts.username, parts.password or "") != auth:
        raise InputError(f"{option} holds a login and --user gives another; give the login once, with --user and "
                         "--password-env")
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    if ":" in (parts.hostname or ""):
        host = f"[{parts.hostname}]" + (f":{parts.port}" if parts.port else "")
    login = (urllib.parse.unquote(parts.username or ""), urllib.parse.unquote(parts.password or ""))
    return urllib.parse.urlunsplit(parts._replace(netloc=host)), auth or login


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or {"http": 80, "https": 443}.get(parts.scheme)


class _SameOriginLogin(urllib.request.HTTPRedirectHandler):
    """Redirects followed as urllib does, the login sent on only to the same scheme, host and port: a
    server that redirects elsewhere never receives the password (nor does the host it names)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 (urllib's signature)
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:  # one deadline for the request and its redirects
            new.deadline = getattr(req, "deadline", None)
        login = req.unredirected_hdrs.get("Authorization")
        if new is not None and login and _origin(newurl) == _origin(req.full_url):
            new.add_unredirected_header("Authorization", login)
        return new


@functools.cache
def _opener() -> urllib.request.OpenerDirector:
    return opener(_SameOriginLogin)


class _Client:
    """urllib with Basic authentication (kept to the endpoint's origin), a deadline for each request,
    and kg's one-line errors."""

    def __init__(self, auth: tuple[str, str] | None, timeout: float = TIMEOUT) -> None:
        self.auth = auth
        self.timeout = timeout
        self.headers = {"User-Agent": "kg-push"}
        self.login = None
        if auth:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
            self.login = f"Basic {token}"

    def send(self, method: str, url: str, body: bytes | None, headers: dict[str, str],
             role: str = _GSP) -> bytes:
        """The answer to one request: its first ``_ANSWER_BYTES`` bytes, and one more if it is longer."""
        with self._open(method, url, body, headers, role) as response:
            answer = response.read(_ANSWER_BYTES + 1)
            if len(answer) <= _ANSWER_BYTES:
                _whole(response, answer)
            return answer

    def count_triples(self, url: str) -> int:
        """Triples of the graph at ``url``, fetched (to a temporary file) and parsed: an answer that is
        not triples is an error, not a count of its lines."""
        import pyoxigraph as ox  # only for a server of no known layout

        from .store import explain

        with tempfile.TemporaryFile() as copy:
            with self._open("GET", url, None, {"Accept": NTRIPLES}) as response:
                shutil.copyfileobj(response, copy)
                _whole(response, b"")
                media = (response.headers.get("Content-Type") or "").partition(";")[0].strip().lower()
            copy.seek(0)
            # what a Graph Store answers a GET with (no RDF/XML: its entities could expand to gigabytes)
            fmt = {"": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES, NTRIPLES: ox.RdfFormat.N_TRIPLES,
                   "text/turtle": ox.RdfFormat.TURTLE, "application/n-quads": ox.RdfFormat.N_QUADS,
                   "application/trig": ox.RdfFormat.TRIG}.get(media)
            if fmt is None:
                raise ServerError(f"{url}: the server answered the GET of the graph with {media}, not N-Triples "
                                  "or Turtle; give its SPARQL query endpoint with --query-url")
            try:
                return sum(1 for _ in ox.parse(copy, format=fmt))
            except SyntaxError as exc:
                raise ServerError(f"{url}: the server's answer to the GET of the graph is not {fmt.name} "
                                  f"({explain(exc)[:200]}); give its SPARQL query endpoint with --query-url") from exc

    @contextmanager
    def _open(self, method: str, url: str, body: bytes | None, headers: dict[str, str],
              role: str = _GSP) -> Iterator[Any]:
        request = urllib.request.Request(url, data=body, method=method, headers={**self.headers, **headers})
        if self.login:  # not copied into a redirected request but by _SameOriginLogin
            request.add_unredirected_header("Authorization", self.login)
        request.deadline = deadline = Deadline(self.timeout)  # type: ignore[attr-defined]
        try:
            with _opener().open(request, timeout=deadline.left()) as response:
                yield response
        except urllib.error.HTTPError as exc:
            message = _message(exc)
            if exc.code in (401, 403):
                login = (f"check --user {self.auth[0]} and its password" if self.auth
                         else "give --user and --password-env")
                raise ServerError(f"{url}: the server refused the login (HTTP {exc.code} {exc.reason}{message}); {login}") from exc
            hint = {404: f"; is this the server's {role}?", 405: f"; is this the server's {role}?",
                    413: "; send smaller requests with --chunk-size"}.get(exc.code, "")
            raise ServerError(f"{url}: the server answered HTTP {exc.code} {exc.reason}{message}{hint}") from exc
        except urllib.error.URLError as exc:  # while connecting or sending
            if isinstance(exc.reason, (TimeoutError, ConnectionError)) and not isinstance(exc.reason,
                                                                                         ConnectionRefusedError):
                raise self._broken(method, url, exc.reason) from exc
            reason = exc.reason.strerror or exc.reason if isinstance(exc.reason, OSError) else exc.reason
            raise ServerError(f"cannot reach {url}: {reason}; is the server running, and is this its address?") from exc
        except (OSError, http.client.HTTPException) as exc:  # while waiting for the answer or reading it
            raise self._broken(method, url, exc) from exc

    def _broken(self, method: str, url: str, exc: BaseException) -> ServerError:
        """A request that failed after the connection was made, in words that say how."""
        if isinstance(exc, TimeoutError):
            return ServerError(f"{url}: the {method} was not done within {self.timeout:g} s (--timeout), answer "
                               "included; the server is stalled or slow: try again later, or give a larger --timeout")
        if isinstance(exc, http.client.IncompleteRead):
            short = f", {exc.expected} bytes short of the length it announced" if exc.expected else ""
            got = f" after {len(exc.partial)} bytes" if exc.partial else ""
            return ServerError(f"{url}: the server's answer to the {method} broke off{got}{short}; push again, "
                               "and check the server's logs")
        if isinstance(exc, ConnectionError):  # RemoteDisconnected, reset, broken pipe
            return ServerError(f"{url}: the server closed the connection during the {method} ({_reason(exc)}); "
                               "if it limits the size of a request, send smaller ones with --chunk-size; "
                               "check its logs")
        if isinstance(exc, http.client.HTTPException):
            return ServerError(f"{url}: the answer to the {method} is not HTTP ({_reason(exc)}); is this the "
                               "server's address?")
        return ServerError(f"{url}: the {method} failed: {_reason(exc)}")


def _whole(response: http.client.HTTPResponse, read: bytes) -> None:
    """Raise ``IncompleteRead`` if the answer, read to its end, was shorter than its Content-Length
    (http.client says so only when the answer is read in one call)."""
    if response.length:  # what it announced and did not send
        raise http.client.IncompleteRead(read, response.length)


def _reason(exc: BaseException) -> str:
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
    return " ".join(text.split())[:200]


def _message(exc: urllib.error.HTTPError) -> str:
    """The first line of the server's error text, if any, as ': text'."""
    try:
        text = exc.read(2000).decode("utf-8", "replace")
    except OSError:
        return ""
    if text.lstrip().startswith("<"):  # an HTML error page: its text only
        text = re.sub(r"<[^>]*>", "\n", re.sub(r"(?is)<(head|script|style)\b.*?</\1>", "", text))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    first = lines[0] if len(lines[0]) <= 200 else lines[0][:199] + "…"
    return f": {first}"


def _check_url(url: str, option: str, schemes: tuple[str, ...] | None = ("http", "https")) -> None:
    parts = urllib.parse.urlsplit(url)
    if not parts.scheme or (schemes and (parts.scheme not in schemes or not parts.netloc)):
        wanted = "an http:// or https:// URL" if schemes else "an absolute IRI"
        raise InputError(f"{option} {url!r} is not {wanted}")


def password_from(env_var: str | None, user: str | None) -> tuple[str, str] | None:
    """``(user, password)`` from ``--user`` and the variable named by ``--password-env``."""
    if user is None and env_var is None:
        return None
    if user is None or env_var is None:
        raise InputError("--user and --password-env go together (the password is read from that environment variable)")
    if env_var not in os.environ:
        raise InputError(f"--password-env {env_var}: that environment variable is not set")
    return user, os.environ[env_var]
