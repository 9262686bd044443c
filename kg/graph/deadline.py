"""urllib requests bounded as a whole: ``Deadline`` is the moment a request, its redirects and
the reading of its answer must be done by.

A socket timeout bounds each read alone: a server that sends one byte every few seconds never
trips it, and a request can last for ever. Here each read and write of the request's sockets is
given only the time left to the request, so the whole of it ends by its deadline with a
``TimeoutError``. Reads and writes go through the socket's methods on plain HTTP and through
``ssl.SSLSocket``'s on HTTPS, so both kinds of socket are bounded.
"""
from __future__ import annotations

import functools
import http.client
import socket
import ssl
import time
import urllib.request
from typing import Any


class Deadline:
    """``seconds`` from now (0: never); ``left()`` the time that remains, ``TimeoutError`` when none does."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds if seconds else None

    def left(self) -> float | None:
        if self.end is None:
            return None
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"not done within {self.seconds:g} s")
        return left


class _Bounded:
    """Socket methods that give each read and write only the time left to the request."""

    deadline: Deadline | None = None

    def _bound(self) -> None:
        if self.deadline is not None:
            self.settimeout(self.deadline.left())  # type: ignore[attr-defined]

    def recv_into(self, *args: Any, **kwargs: Any) -> int:
        self._bound()
        return super().recv_into(*args, **kwargs)  # type: ignore[misc]

    def recv(self, *args: Any, **kwargs: Any) -> bytes:
        self._bound()
        return super().recv(*args, **kwargs)  # type: ignore[misc]

    def send(self, *args: Any, **kwargs: Any) -> int:
        self._bound()
        return super().send(*args, **kwargs)  # type: ignore[misc]

    def sendall(self, *args: Any, **kwargs: Any) -> None:
        self._bound()  # a timeout bounds a whole sendall, not each of its writes
        return super().sendall(*args, **kwargs)  # type: ignore[misc]


class _BoundedSocket(_Bounded, socket.socket):
    pass


class _BoundedSSLSocket(_Bounded, ssl.SSLSocket):
    pass


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, deadline: Deadline | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = deadline

    def connect(self) -> None:
        super().connect()
        plain, timeout = self.sock, self.sock.gettimeout()
        self.sock = _BoundedSocket(plain.family, plain.type, plain.proto, fileno=plain.detach())
        self.sock.settimeout(timeout)
        self.sock.deadline = self.deadline


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, deadline: Deadline | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = deadline

    def connect(self) -> None:
        super().connect()  # the context of _HTTPSHandler makes the socket a _BoundedSSLSocket
        self.sock.deadline = self.deadline


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_HTTPConnection, deadline=getattr(req, "deadline", None)), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self) -> None:
        super().__init__()
        self.bounded_context = ssl.create_default_context()
        self.bounded_context.sslsocket_class = _BoundedSSLSocket

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_HTTPSConnection, deadline=getattr(req, "deadline", None),
                                              context=self.bounded_context), req)


def opener(*handlers: urllib.request.BaseHandler | type) -> urllib.request.OpenerDirector:
    """urllib's opener with ``handlers``, whose requests keep to the ``Deadline`` set as their
    ``deadline`` attribute (a redirect handler must carry it over to the new request)."""
    return urllib.request.build_opener(*handlers, _HTTPHandler, _HTTPSHandler())
