"""``kg push`` into a real Oxigraph server on loopback, and into small real HTTP servers
that refuse: every failure is one line, a non-zero exit, and the build stays as it was."""
from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kgcli import QUERIES, kg, one_error, snapshot

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server (the ``oxigraph`` package's binary) on a free loopback port; its base URL."""
    if not OXIGRAPH.exists():
        pytest.fail(f"{OXIGRAPH} is missing: pip install -e '.[test]' brings the oxigraph server")
    port = free_port()
    log = tmp_path_factory.mktemp("oxigraph-log") / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                   "--bind", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph did not start: {log.read_text(errors='replace')}")
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def sparql(base: str, query: str) -> dict:
    """A query over HTTP (SPARQL 1.1 Protocol), answered as SPARQL JSON results."""
    request = urllib.request.Request(f"{base}/query", data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json",
                                              "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def rows(results: dict) -> list[tuple]:
    names = results["head"]["vars"]
    return sorted(tuple(tuple(b.get(n, {}).get(k, "") for k in ("type", "value", "xml:lang", "datatype")) for n in names)
                  for b in results["results"]["bindings"])


def count(base: str, graph: str | None = None) -> int:
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    return int(sparql(base, f"SELECT (COUNT(*) AS ?n) {{ {pattern} }}")["results"]["bindings"][0]["n"]["value"])


def triples_in(build: Path) -> int:
    return len((build / "kg.nt").read_bytes().splitlines())


def test_push_then_readme_queries_over_http_match_kg_query(oxigraph: str, seeds_out: Path) -> None:
    before = snapshot(seeds_out)
    proc = kg("push", seeds_out, "--endpoint", f"{oxigraph}/store")
    assert proc.returncode == 0, proc.stderr
    n = triples_in(seeds_out)
    assert proc.stdout.startswith(f"pushed {n} triples to the default graph of {oxigraph}/store in 1 request; "
                                  f"the server now holds {n} triples there"), proc.stdout
    assert count(oxigraph) == n
    for query in sorted(QUERIES.glob("*.rq")):
        local = kg("query", seeds_out / "kg.ttl", "--file", query, "--format", "json")
        assert local.returncode == 0, local.stderr
        over_http = rows(sparql(oxigraph, query.read_text(encoding="utf-8")))
        assert over_http == rows(json.loads(local.stdout)) and over_http, query.name
    again = kg("push", seeds_out, "--endpoint", f"{oxigraph}/store")
    assert again.returncode == 0, again.stderr
    assert count(oxigraph) == n  # PUT replaced the graph: nothing doubled
    assert snapshot(seeds_out) == before


def test_chunked_push_into_a_named_graph_replaces_it(oxigraph: str, seeds_out: Path) -> None:
    graph = "https://example.org/graphs/cadre-kg"
    n = triples_in(seeds_out)
    for _ in range(2):
        proc = kg("push", seeds_out, "--endpoint", f"{oxigraph}/store", "--graph", graph, "--chunk-size", "400")
        assert proc.returncode == 0, proc.stderr
        requests = -(-n // 400)
        assert f"in {requests} requests; the server now holds {n} triples there" in proc.stdout
        assert count(oxigraph, graph) == n


def test_push_of_an_older_build_with_only_kg_ttl(oxigraph: str, seeds_out: Path, tmp_path: Path) -> None:
    build = tmp_path / "old-build"
    build.mkdir()
    shutil.copy(seeds_out / "kg.ttl", build / "kg.ttl")  # an older build: only kg.ttl
    proc = kg("push", build, "--endpoint", f"{oxigraph}/store", "--graph", "urn:x-kg:old",
              "--query-url", f"{oxigraph}/query")
    assert proc.returncode == 0, proc.stderr
    assert count(oxigraph, "urn:x-kg:old") == triples_in(seeds_out)


# --- servers that refuse --------------------------------------------------------------------------


class Refusing(BaseHTTPRequestHandler):
    """Answers each request with the next status of ``statuses`` (then the last one again)."""

    statuses: list[int] = []
    seen: list[tuple[str, str, str]] = []  # method, path, Authorization header

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.seen.append((self.command, self.path, self.headers.get("Authorization", "")))
        status = self.statuses[min(len(self.seen), len(self.statuses)) - 1]
        body = (f"storage says no ({status})\nsecond line".encode() if status >= 300
                else b"<urn:a> <urn:p> <urn:b> .\n# a comment\n<urn:a> <urn:p> \"\u4e2d\" .\n" if self.command == "GET"
                else b"")
        self.send_response(status)
        if status in (301, 302, 307, 308):
            self.send_header("Location", self.location)
        if status == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="kg"')
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_PUT = do_POST = do_GET = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def refusing() -> Iterator[type[Refusing]]:
    """A tiny real HTTP server on loopback; set ``statuses`` on the yielded class, read ``seen``."""
    handler = type("Handler", (Refusing,), {"statuses": [500], "seen": [], "location": ""})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.url = f"http://127.0.0.1:{server.server_address[1]}/gsp"  # no known layout: counted by a GET
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield handler
    finally:
        server.shutdown()
        server.server_close()


def failing_push(build: Path, *args: str, env: dict[str, str] | None = None) -> str:
    before = snapshot(build)
    proc = kg("push", build, *args, env=env)
    error = one_error(proc)
    assert snapshot(build) == before
    return error


def test_unreachable_endpoint(seeds_out: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/store"
    error = failing_push(seeds_out, "--endpoint", url)
    assert error.startswith(f"kg: cannot reach {url}") and "Connection refused" in error


def test_wrong_path_on_a_real_server(oxigraph: str, seeds_out: Path) -> None:
    error = failing_push(seeds_out, "--endpoint", f"{oxigraph}/no-such-endpoint")
    assert "HTTP 404" in error and "is not supported by this server" in error and "Graph Store endpoint" in error


def test_server_error_carries_the_servers_message(refusing: type[Refusing], seeds_out: Path) -> None:
    refusing.statuses = [500]
    error = failing_push(seeds_out, "--endpoint", refusing.url)
    assert "HTTP 500" in error and "storage says no (500)" in error and "second line" not in error
    assert [m for m, _, _ in refusing.seen] == ["PUT"]


def test_failure_midway_says_the_graph_is_partial(refusing: type[Refusing], seeds_out: Path) -> None:
    refusing.statuses = [204, 204, 503]
    error = failing_push(seeds_out, "--endpoint", refusing.url, "--chunk-size", "300")
    n = triples_in(seeds_out)
    assert "HTTP 503" in error and "request 3 of" in error and f"only the first 600 of {n} triples" in error
    assert [m for m, _, _ in refusing.seen] == ["PUT", "POST", "POST"]


def test_refused_login(refusing: type[Refusing], seeds_out: Path) -> None:
    refusing.statuses = [401]
    error = failing_push(seeds_out, "--endpoint", refusing.url, "--user", "editor", "--password-env", "KG_TEST_PW",
                         env={"KG_TEST_PW": "s3cret 密码"})
    assert "refused the login (HTTP 401" in error and "--user editor" in error and "s3cret" not in error
    token = base64.b64encode("editor:s3cret 密码".encode()).decode()
    assert refusing.seen[0][2] == f"Basic {token}"


def test_login_never_follows_a_redirect_to_another_host(refusing: type[Refusing], seeds_out: Path) -> None:
    """A server that redirects the count to another host: that host never sees the password."""
    other = type("Other", (Refusing,), {"statuses": [200], "seen": [], "location": ""})
    server = ThreadingHTTPServer(("127.0.0.2", 0), other)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        refusing.statuses = [204, 302]
        refusing.location = f"http://127.0.0.2:{server.server_address[1]}/elsewhere"
        error = failing_push(seeds_out, "--endpoint", refusing.url, "--user", "editor", "--password-env", "KG_TEST_PW",
                             env={"KG_TEST_PW": "s3cret"})
    finally:
        server.shutdown()
        server.server_close()
    assert refusing.seen[0][2].startswith("Basic ")  # the endpoint itself got the login
    assert other.seen and all(auth == "" for _, _, auth in other.seen), other.seen
    assert "s3cret" not in error


def test_a_login_in_the_endpoint_url_is_never_printed(refusing: type[Refusing], seeds_out: Path) -> None:
    refusing.statuses = [401]
    url = refusing.url.replace("http://", "http://editor:s3cret@")
    error = failing_push(seeds_out, "--endpoint", url)
    assert "s3cret" not in error and "refused the login" in error
    assert refusing.seen[0][2] == "Basic " + base64.b64encode(b"editor:s3cret").decode()


def test_server_dropping_triples_is_an_error(refusing: type[Refusing], seeds_out: Path) -> None:
    refusing.statuses = [204, 200]  # accepts the PUT, then returns a graph of two triples
    error = failing_push(seeds_out, "--endpoint", refusing.url)
    assert f"holds only 2 of the {triples_in(seeds_out)} triples" in error
    assert [m for m, _, _ in refusing.seen] == ["PUT", "GET"]


def test_bad_options_and_missing_build(seeds_out: Path, tmp_path: Path) -> None:
    proc = kg("push", tmp_path / "nowhere", "--endpoint", "http://127.0.0.1:9/store")
    assert proc.returncode == 2 and "no such build directory" in one_error(proc)
    assert not (tmp_path / "nowhere").exists()
    assert "not an http" in failing_push(seeds_out, "--endpoint", "ftp://127.0.0.1/store")
    assert "KG_UNSET_PW" in failing_push(seeds_out, "--endpoint", "http://127.0.0.1:9/store",
                                         "--user", "u", "--password-env", "KG_UNSET_PW")


def test_push_help_has_an_example() -> None:
    proc = kg("push", "--help")
    assert proc.returncode == 0 and "example: kg push" in proc.stdout


# --- servers that stall, break off or answer nonsense ---------------------------------------------


def trickle(handler: BaseHTTPRequestHandler, data: bytes, pause: float = 0.5) -> None:
    """Send ``data`` one byte every ``pause`` seconds, until the client goes (or half a minute)."""
    stop = time.monotonic() + 30
    try:
        for byte in data:
            if time.monotonic() > stop:
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(pause)
    except OSError:
        pass


def answer(handler: BaseHTTPRequestHandler, status: int, body: bytes, media: str = "text/plain",
           length: int | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", media)
    handler.send_header("Content-Length", str(len(body) if length is None else length))
    handler.end_headers()
    handler.wfile.write(body)


JUNK = b"".join(b"junk line %d of a server kg does not know\n" % i for i in range(100_000))
STATUS_204 = b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"


class Hostile(BaseHTTPRequestHandler):
    """A server that misbehaves as ``mode`` says; a PUT or POST it accepts is answered 204."""

    mode = ""
    seen: list[str] = []

    def _body(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_PUT(self) -> None:
        self.seen.append(self.command)
        if self.mode == "close mid-upload":
            self.rfile.read(1000)
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if self.mode == "read the upload slowly":
            while self.rfile.read(1):
                time.sleep(0.5)
            return
        self._body()
        if self.mode == "trickle the status line":
            trickle(self, STATUS_204)
        elif self.mode == "trickle the body":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            trickle(self, b"x" * 100)
        elif self.mode == "short body":
            answer(self, 200, b"stored 10", length=1000)
        else:
            answer(self, 204, b"")

    do_POST = do_PUT

    def do_GET(self) -> None:
        self.seen.append(self.command)
        if self.mode == "junk graph":
            answer(self, 200, JUNK)
        elif self.mode == "html graph":
            answer(self, 200, b"<html><body>" + JUNK + b"</body></html>", media="text/html")
        else:
            answer(self, 200, b"<urn:a> <urn:p> <urn:b> .\n")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def hostile() -> Iterator[type[Hostile]]:
    """A misbehaving HTTP server on loopback (set ``mode``); its stalled handlers never hold up the test."""
    handler = type("Handler", (Hostile,), {"mode": "", "seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads, server.block_on_close = True, False
    handler.url = f"http://127.0.0.1:{server.server_address[1]}/gsp"  # no known layout: counted by a GET
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield handler
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("mode", ["trickle the status line", "trickle the body", "read the upload slowly"])
def test_a_stalling_server_is_given_up_at_the_timeout(hostile: type[Hostile], seeds_out: Path, mode: str) -> None:
    """Each read gets a byte in time, but the request as a whole does not end: --timeout bounds the whole."""
    hostile.mode = mode
    began = time.monotonic()
    error = failing_push(seeds_out, "--endpoint", hostile.url, "--timeout", "2")
    assert time.monotonic() - began < 30  # with a timeout per read, it would go on as long as the server
    assert error == (f"kg: {hostile.url}?default: the PUT was not done within 2 s (--timeout), answer included; "
                     "the server is stalled or slow: try again later, or give a larger --timeout")


def test_an_answer_shorter_than_announced_is_one_line(hostile: type[Hostile], seeds_out: Path) -> None:
    hostile.mode = "short body"
    error = failing_push(seeds_out, "--endpoint", hostile.url)
    assert error == (f"kg: {hostile.url}?default: the server's answer to the PUT broke off after 9 bytes, 991 bytes "
                     "short of the length it announced; push again, and check the server's logs")


def test_a_connection_closed_mid_upload_is_said_so(hostile: type[Hostile], seeds_out: Path) -> None:
    hostile.mode = "close mid-upload"
    error = failing_push(seeds_out, "--endpoint", hostile.url)
    assert error.startswith(f"kg: {hostile.url}?default: the server closed the connection during the PUT (")
    assert "--chunk-size" in error and "within" not in error


@pytest.mark.parametrize(("mode", "said"), [
    ("junk graph", "the server's answer to the GET of the graph is not N-Triples (Parser error at line 1 "),
    ("html graph", "the server answered the GET of the graph with text/html, not N-Triples or Turtle"),
])
def test_an_answer_that_is_no_graph_is_not_counted(hostile: type[Hostile], seeds_out: Path, mode: str,
                                                   said: str) -> None:
    """A server of no known layout answers the GET with 100,000 lines that are not triples."""
    hostile.mode = mode
    error = failing_push(seeds_out, "--endpoint", hostile.url)
    assert error.startswith(f"kg: pushed {triples_in(seeds_out)} triples to {hostile.url}?default but could not "
                            f"count them there: {hostile.url}?default: {said}"), error
    assert error.endswith("give its SPARQL query endpoint with --query-url") and "100000" not in error
    assert hostile.seen == ["PUT", "GET"]


class CountAnswer(BaseHTTPRequestHandler):
    """A SPARQL endpoint whose answer to the count query is ``body``; PUT and POST are accepted."""

    body = b""

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        answer(self, 204, b"")

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        answer(self, 200, self.body, media="application/sparql-results+json")

    def log_message(self, *args: object) -> None:
        pass


def count_json(*values: object) -> bytes:
    return json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": v}}
                                                                          for v in values]}}).encode()


@pytest.mark.parametrize("body", [JUNK, count_json("1e9"), count_json("-5"), count_json("\u0661\u0667"),
                                  count_json(1786), count_json("1786", "1786"), b"[]", b"x" * (2 << 20)],
                         ids=["junk", "exponent", "negative", "arabic digits", "a number", "two rows", "a list",
                              "2 MB"])
def test_a_count_answer_is_read_strictly(seeds_out: Path, body: bytes) -> None:
    handler = type("Handler", (CountAnswer,), {"body": body})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        error = failing_push(seeds_out, "--endpoint", f"{base}/gsp", "--query-url", f"{base}/sparql")
    finally:
        server.shutdown()
        server.server_close()
    assert error == (f"kg: pushed {triples_in(seeds_out)} triples to {base}/gsp?default but could not count them "
                     f"there: {base}/sparql did not answer the triple count as SPARQL JSON results; give its SPARQL "
                     "query endpoint with --query-url")


# --- a build in partitions, loaded in parallel -------------------------------------------------------------

def test_partitions_load_in_parallel_into_oxigraph_and_a_server(oxigraph: str, tmp_path: Path) -> None:
    """``kg build --partitions`` writes ``parts/``: sorted files, one per partition, that hold ``kg.nq``'s quads
    and its index; Oxigraph's loader takes them all at once (in parallel), and a server takes each as its own
    POST, sent together; a build without ``--partitions`` removes the folder."""
    import hashlib
    from concurrent.futures import ThreadPoolExecutor

    import pyoxigraph as ox

    from kgcli import SEEDS

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paragraphs = [p for f in sorted(SEEDS.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n") if len(p) > 100]
    for i, text in enumerate(paragraphs[:40]):
        (corpus / f"parts-{i:02d}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    proc = kg("build", corpus, "--out", out, "--partitions", "--jobs", "2", "--no-html", "--no-store")
    assert proc.returncode == 0, proc.stderr
    index = (out / "parts" / "index.tsv").read_text(encoding="utf-8").splitlines()
    assert index[0] == "file\tarticles\tquads\tbytes\tsha256" and len(index) >= 4  # partitions and the derived graph
    shards = []
    for row in index[1:]:
        name, articles, quads, size, sha = row.split("\t")
        data = (out / "parts" / name).read_bytes()
        lines = data.splitlines(keepends=True)
        assert (len(lines), len(data), hashlib.sha256(data).hexdigest()) == (int(quads), int(size), sha), name
        assert lines == sorted(set(lines)), name
        shards.append(out / "parts" / name)
    assert sum(int(row.split("\t")[1]) for row in index[1:]) == 40
    together = sorted({line for shard in shards for line in shard.read_bytes().splitlines()})
    assert together == sorted(set((out / "kg.nq").read_bytes().splitlines()))

    db = tmp_path / "db"
    loaded = subprocess.run([str(OXIGRAPH), "load", "--location", str(db), "--file", *map(str, shards)],
                            capture_output=True, text=True, timeout=300)
    assert loaded.returncode == 0, loaded.stderr
    assert len(ox.Store.read_only(str(db))) == len(together)

    def post(shard: Path) -> int:
        request = urllib.request.Request(f"{oxigraph}/store", data=shard.read_bytes(), method="POST",
                                         headers={"Content-Type": "application/n-quads"})
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status

    with ThreadPoolExecutor(4) as pool:
        assert set(pool.map(post, shards)) <= {200, 201, 204}
    held = sparql(oxigraph, "SELECT (COUNT(*) AS ?n) { { SELECT DISTINCT ?g { GRAPH ?g { ?g "
                            '<http://purl.org/dc/terms/identifier> ?id } FILTER(STRSTARTS(?id, "parts-")) } } '
                            "GRAPH ?g { ?s ?p ?o } }")
    articles = [line for line in together if not line.endswith(b"/graph/derived> .")]
    assert int(held["results"]["bindings"][0]["n"]["value"]) == len(articles)

    again = kg("build", corpus, "--out", out, "--no-html", "--no-store")
    assert again.returncode == 0, again.stderr
    assert not (out / "parts").exists()


def test_partitions_of_a_grown_build_are_refused_in_one_line(seeds_out: Path) -> None:
    before = snapshot(seeds_out)
    proc = kg("build", "seeds/", "--into", seeds_out, "--partitions")
    assert proc.returncode == 2
    assert one_error(proc).startswith("kg: --partitions cannot be used with --into"), proc.stderr
    assert snapshot(seeds_out) == before
