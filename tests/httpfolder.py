"""A folder served over HTTP on loopback, as a web server or object store serves a corpus: Python's
own file server (directory pages with links, which fsspec's HTTP filesystem lists) that also answers
byte-range requests (``Range: bytes=A-B``, which it reads a file's parts with), in a thread."""
from __future__ import annotations

import functools
import http.server
import io
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_RANGE = re.compile(r"bytes=(\d+)-(\d*)")


class _Handler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        wanted = _RANGE.fullmatch(self.headers.get("Range", ""))
        path = self.translate_path(self.path)
        if wanted is None or not os.path.isfile(path):
            return super().send_head()
        size = os.path.getsize(path)
        first = int(wanted[1])
        last = min(int(wanted[2]) if wanted[2] else size - 1, size - 1)
        if first >= size:
            self.send_error(416)
            return None
        with open(path, "rb") as fh:
            fh.seek(first)
            data = fh.read(last - first + 1)
        self.send_response(206)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)

    def log_message(self, *args) -> None:  # the test's output is kept for its failures
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """``with serving(folder) as url:`` ``url`` (``http://127.0.0.1:PORT``) serves ``folder`` until the block ends."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
