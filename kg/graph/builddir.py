"""The folder a build writes in, and kg's claim on it.

A build folder carries a marker, ``.kg-build``: a fixed line naming its format (no date or
process id: a rebuild leaves it byte for byte and time for time as it was). A build writes
in a new or empty folder, one with the marker, or one that holds nothing but kg's outputs (a
build made before the marker). In a folder with other files it writes only if none of them has
a name kg writes, replaces or removes (a log the user made first: ``kg build … --out d >d/log``),
and says so; a folder where one has is refused unless the build is forced, and even then kg
replaces only the files it writes there and removes only folders it made: its work folders
(``.kg-work-PID-XXXXXXXX``) carry a marker of their own, its store one too.

One build at a time: a build holds an exclusive ``flock`` on the marker from before it reads
the old build (``--into``) until its files are in place; another build of the same folder
waits, told which process it waits for (the one whose work folder is there).
"""
from __future__ import annotations

import errno
import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError, KgError

MARKER = ".kg-build"
MARKER_TEXT = b"kg build folder, format 1\n"
#: the work folder of a build in progress, in its build folder: ``.kg-work-PID-XXXXXXXX``
SCRATCH = ".kg-work-"
#: the file that marks a work folder as kg's, in it: a folder of that name without it is someone else's
SCRATCH_MARK = ".kg-work"
#: what kg may leave in a build folder besides its outputs: its pages (a build with --no-html keeps the old), its
#: store and those set aside, work folders
_OWN_PREFIXES = (SCRATCH, ".store.old-", ".parts.old-")
_OWN_NAMES = {MARKER, "graph.html", "report.html", "view.html", "store", "parts"}
#: a full disk or quota, a file over the size limit: there was no room for the build
NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
#: a folder or file system the user cannot write in
NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}
#: a path that cannot be a folder: a file on the way, a name too long, a loop of links
NOT_A_FOLDER = {errno.ENOTDIR, errno.EEXIST, errno.ENAMETOOLONG, errno.ELOOP}


def check(out: Path, outputs: set[str], *, force: bool = False) -> list[str]:
    """Refuse (``InputError``) a folder the build must not write in: a file; a folder that is not
    kg's (none of the marker, nor only kg's ``outputs``) holding something of a name kg writes,
    replaces or removes, when ``force`` is not given. Returns the names of what the folder holds
    that is not kg's, which the build leaves as they are (none if the folder is kg's)."""
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: a file, not a folder; choose an empty or new folder for the build")
    if not out.is_dir():
        return []
    try:
        names = set(os.listdir(out))
    except OSError as exc:
        raise InputError(f"{out}: cannot read the folder ({exc.strerror}); "
                         "choose another folder for the build") from exc
    if not names or _is_kgs(names, outputs):
        return []
    if not force and any(_kgs_name(n, outputs) for n in names):
        raise InputError(f"{out}: holds files and is not a kg build (no {MARKER}); choose an empty or new folder, "
                         "or pass --force to build there beside them")
    return sorted(names)


def _is_kgs(names: set[str], outputs: set[str]) -> bool:
    """A marked folder, or one with a build in it (``kg.ttl``) and nothing else than kg writes."""
    if MARKER in names:
        return True
    return "kg.ttl" in names and all(_kgs_name(n, outputs) for n in names)


def _kgs_name(name: str, outputs: set[str]) -> bool:
    """A name kg writes, replaces or removes in a build folder (and a file being written beside an output)."""
    return name in outputs or name in _OWN_NAMES or name.startswith((*_OWN_PREFIXES, *(f".{o}." for o in outputs)))


class Claim:
    """``Claim(out)`` makes ``out`` and its marker, and holds the marker's lock until ``release``;
    ``on_wait(message, acquired)``, when another build holds it, must return once ``acquired()``
    is true (it tries the lock again); without it the claim waits silently."""

    def __init__(self, out: Path, on_wait: Callable[[str, Callable[[], bool]], None] | None = None) -> None:
        out.mkdir(parents=True, exist_ok=True)
        _mark(out)
        self._fd: int | None = os.open(out / MARKER, os.O_RDONLY | os.O_CLOEXEC)
        try:
            if self._try():
                return
            if on_wait is None:
                fcntl.flock(self._fd, fcntl.LOCK_EX)
            else:
                on_wait(f"waiting for the build of {out} by {_holder(out)} to end", self._try)
        except BaseException:
            self.release()
            raise

    def _try(self) -> bool:
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # and with it the lock
            self._fd = None


def _mark(out: Path) -> None:
    """Write the marker unless it is there: made in place (not renamed into it), so a build checking the
    folder meanwhile sees the marker, never a temporary file beside it; only its presence counts."""
    try:
        fd = os.open(out / MARKER, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return
    try:
        os.write(fd, MARKER_TEXT)
    finally:
        os.close(fd)


def _holder(out: Path, tries: int = 10) -> str:
    """Which process holds ``out``: the one whose work folder is there (it makes it just after taking the lock)."""
    for _ in range(tries):
        for folder in out.glob(f"{SCRATCH}*"):
            pid = _pid(folder)
            if pid is not None and (folder / SCRATCH_MARK).is_file() and _running(pid):
                return f"pid {pid}"
        time.sleep(0.05)
    return "another process"


def scratch_folder(out: Path) -> Path:
    """A new work folder for a build holding ``out``, marked as kg's. Those of kg builds that crashed
    (marked, their process gone) are removed; a build that ends removes its own; a folder of such a
    name that is not marked is left alone."""
    for old in out.glob(f"{SCRATCH}*"):
        pid = _pid(old)
        if pid is not None and (old / SCRATCH_MARK).is_file() and not _running(pid):
            shutil.rmtree(old, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(dir=out, prefix=f"{SCRATCH}{os.getpid()}-"))
    (folder / SCRATCH_MARK).touch()
    return folder


def _pid(folder: Path) -> int | None:
    pid = folder.name.removeprefix(SCRATCH).split("-")[0]
    return int(pid) if pid.isdigit() else None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def write_error(out: Path, exc: OSError) -> KgError | None:
    """The one-line error of a build that could not write in ``out``; None for an error of another kind."""
    code = errno_of(exc)
    reason = exc.strerror or (os.strerror(code) if code else str(exc))
    if code in NO_ROOM:
        return KgError(f"{out}: {reason.lower()} while writing the build; free some space on its disk and build "
                       f"again (what was in {out} is unchanged)")
    if code in NOT_WRITABLE:
        return InputError(f"{out}: cannot write there ({reason.lower()}); make it writable, or choose another "
                          "folder for the build")
    if code in NOT_A_FOLDER:
        return InputError(f"{out}: cannot be made a folder ({reason.lower()}); choose another folder for the build")
    return None


def errno_of(exc: OSError) -> int | None:
    """The error number of ``exc``; for an error with none, as pyoxigraph raises RocksDB's ("IO error:
    No space left on device: While appending to file: ...") or its own ("... (os error 28)"), that
    of the system message it quotes."""
    if exc.errno:
        return exc.errno
    text = str(exc)
    return next((code for code in (*NO_ROOM, *NOT_WRITABLE) if os.strerror(code) in text), None)


#: a helper process (a writer, the store's loader) that fails to write exits with this plus the error number
ERRNO_EXIT = 100


def exit_for(exc: OSError) -> None:
    """In a helper process: exit with the error number of a failure to write (a full disk), for the build
    to report in its words, not by a traceback; re-raise an error that has none."""
    code = errno_of(exc)
    if not code or code + ERRNO_EXIT > 255:
        raise exc
    sys.exit(ERRNO_EXIT + code)


def exit_error(exitcode: int, path: Path, doing: str) -> BaseException | None:
    """The error of a helper process that exited with ``exitcode`` while ``doing`` ``path``; None if it succeeded."""
    if exitcode > ERRNO_EXIT:
        return OSError(exitcode - ERRNO_EXIT, os.strerror(exitcode - ERRNO_EXIT), str(path))
    if exitcode:
        return KgError(f"{path}: the process {doing} failed (exit code {exitcode}); its error is above")
    return None
