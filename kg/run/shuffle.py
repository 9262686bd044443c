"""Files of sections: what one task hands to many others (``kg/run/partitioned.py``).

A task that sorts its output by the task that will read it writes one file of sections,
``write_sections``; each reader reads its own section of every such file (``read_section``),
at the offset the file's header gives, and nothing else. The files are in the build's work
folder, on storage every worker sees: what workers exchange does not pass through the
process that runs the build.
"""
from __future__ import annotations

import pickle
import struct
from collections.abc import Sequence
from pathlib import Path

_OFFSET = struct.Struct("<Q")


def write_sections(path: Path, sections: Sequence[list]) -> None:
    """One file of ``sections`` (lists of picklable items), after a header of their offsets."""
    blobs = [pickle.dumps(section, protocol=pickle.HIGHEST_PROTOCOL) for section in sections]
    offset = _OFFSET.size * (len(blobs) + 2)
    offsets = [len(blobs)]
    for blob in blobs:
        offsets.append(offset)
        offset += len(blob)
    offsets.append(offset)
    with open(path, "wb") as fh:
        fh.write(b"".join(_OFFSET.pack(o) for o in offsets))
        fh.writelines(blobs)


def read_section(path: Path, number: int) -> list:
    """Section ``number`` of a file ``write_sections`` wrote."""
    return read_sections(path, range(number, number + 1))


def read_sections(path: Path, numbers: range) -> list:
    """The items of the sections ``numbers`` (a run of them: read at once) of a file ``write_sections`` wrote."""
    with open(path, "rb") as fh:
        count, = _OFFSET.unpack(fh.read(_OFFSET.size))
        if not (0 <= numbers.start <= numbers.stop <= count and numbers.step == 1):
            raise IndexError(f"{path}: no sections {numbers.start}-{numbers.stop - 1} of {count}")
        fh.seek(_OFFSET.size * (numbers.start + 1))
        offsets = struct.unpack(f"<{len(numbers) + 1}Q", fh.read(_OFFSET.size * (len(numbers) + 1)))
        fh.seek(offsets[0])
        data = fh.read(offsets[-1] - offsets[0])
    out: list = []
    for start, end in zip(offsets, offsets[1:]):
        out += pickle.loads(data[start - offsets[0]:end - offsets[0]])
    return out
