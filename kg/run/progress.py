"""Progress of a long build on a terminal: articles done, articles per second, ETA.

The bar goes to stderr and only when stderr is a terminal, so logs and pipes (and the
``kg: ...`` lines tests read) never see it. Its total is the number of articles the
inputs hold (files and JSON lines, counted before the build); skipped and duplicate
articles make the bar end a little short of it.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from ..errors import one_line
from ..text.ingest import count_articles

T = TypeVar("T")


def shown() -> bool:
    """Whether a bar would be seen: stderr is a terminal."""
    return sys.stderr.isatty()


def say(line: str) -> None:
    """Print a line on stderr above the bar, if one is drawn (the bar is redrawn below it); a newline,
    escape or other control character from a file name or an id is shown escaped, so an input cannot
    write a line of its own or drive the terminal."""
    from tqdm import tqdm  # here: only a build that has something to say, or a bar to draw, imports tqdm

    tqdm.write(one_line(line), file=sys.stderr)


def wait(message: str, acquired: Callable[[], bool], *, ticking: bool = True, poll: float = 0.2) -> None:
    """Say ``message`` and return once ``acquired()`` is true, asked every ``poll`` seconds; with
    ``ticking``, on a terminal, the time waited so far is shown below the message."""
    from tqdm import tqdm

    say(f"kg: {message}")
    with tqdm(bar_format="kg: waited {elapsed}", file=sys.stderr, leave=False,
              disable=not (ticking and shown())) as bar:
        while not acquired():
            time.sleep(poll)
            bar.refresh()


def progress(items: Iterable[T], inputs: Iterable[str | Path], size: Callable[[T], int] = lambda item: 1) -> Iterator[T]:
    """``items``, drawing a bar on stderr as they are consumed; ``size``: how many articles an item is."""
    from tqdm import tqdm

    with tqdm(total=count_articles(inputs), unit="article", file=sys.stderr, dynamic_ncols=True,
              smoothing=0.1, leave=False) as bar:
        for item in items:
            yield item
            bar.update(size(item))  # once the item is dealt with
        bar.refresh()  # the final count, however soon after the last redraw it came
