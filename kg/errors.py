"""The few exceptions kg raises; the CLI maps them to one-line messages and exit codes."""
from __future__ import annotations

import re


class KgError(Exception):
    """Base class: a problem the user can fix; the message says how."""

    exit_code = 1


class InputError(KgError):
    """Bad input: unreadable file, wrong encoding, malformed JSONL or option (exit 2)."""

    exit_code = 2


class ModelMissingError(KgError):
    """The pkuseg segmentation model is not installed (exit 2)."""

    exit_code = 2


class ServerError(KgError):
    """A triplestore server is unreachable, refused the login or rejected a request (exit 1)."""

    exit_code = 1


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """A message with its control characters (and line separators) shown as escapes (``\\n``,
    ``\\x1b``): a file name or an id in it cannot start a line of its own or drive the terminal."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
