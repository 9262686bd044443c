"""``report.html``: the summary of a build a user reads first, written beside ``graph.html``.

Counts per class and relation, facts by province and by year, adoptions (``launches``,
``issues``) of each policy type over the years and by province, the busiest localities and
officials (each linking to its node in ``graph.html``: ``graph.html#node=IRI``), and the
articles no fact came from. It is read from the same ``GraphData`` as ``kg table``.

The charts are inline SVG drawn here (bars, columns, heat maps): the page loads nothing, runs
no script and opens offline. Every name reaches the page through Jinja's autoescaping, so a
name holding markup stays text. Same graph, same bytes: no clock, no path.
"""
from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import jinja2

from ..atomic import write_atomic
from ..graph.query import width
from ..scratch import disk_errors
from ..types import RELATIONS
from .tables import ADOPTING, ARTICLE, PROPERTIES, GraphData, placed, read_graph, year_of
from .viz import style

_RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "viz"
#: rows of the busiest-localities and busiest-officials lists
TOP = 15
#: rows of a bar chart or heat map before the rest are summed into one row
MAX_ROWS = 30
#: articles without facts listed (the page says how many there are)
MAX_LISTED = 500
UNPLACED, UNTYPED, UNDATED = "未定位 not placed", "未分类 untyped", "无日期 undated"
_MUTED = (UNPLACED, UNTYPED, UNDATED)
_FONT_PX = 6.5  # width of one display column (a Chinese character is two) in the page's 12px font


@dataclass(frozen=True, slots=True)
class Mark:
    """A rectangle of a chart, with its tooltip."""

    x: int
    y: int
    w: int
    h: int
    fill: str
    title: str


@dataclass(frozen=True, slots=True)
class Label:
    """A text of a chart; ``href``: a link; ``rotate``: turned to read upwards at 45 degrees."""

    x: int
    y: int
    text: str
    anchor: str = "start"
    href: str = ""
    rotate: bool = False
    muted: bool = False
    light: bool = False  # on a dark fill


@dataclass(frozen=True, slots=True)
class Chart:
    name: str
    width: int
    height: int
    marks: list[Mark] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)


def node_link(iri: str) -> str:
    """The address of a node in the build's graph page."""
    return "graph.html#node=" + quote(iri, safe="")


def _text_width(text: str) -> int:
    return int(width(text) * _FONT_PX) + 1


def bar_chart(name: str, rows: Sequence[tuple[str, int, str]], colour: str = "#4e79a7") -> Chart:
    """Horizontal bars: (label, value, link or "") each, in the order given. The scale is the named
    rows': a row of what could not be placed or dated may run to the end of the scale, no further."""
    left = min(220, max([_text_width(label) for label, _, _ in rows] + [40]) + 8)
    span, step = 360, 20
    top = max([value for label, value, _ in rows if label not in _MUTED] + [1])
    chart = Chart(name, left + span + 60, step * len(rows) + 6)
    for i, (label, value, href) in enumerate(rows):
        y = 3 + i * step
        length = min(span, max(1, round(span * value / top))) if value else 0
        muted = label in _MUTED
        chart.marks.append(Mark(left, y + 3, length, step - 6, "#bab0ac" if muted else colour, f"{label}: {value}"))
        chart.labels.append(Label(left - 6, y + 14, label, "end", href, muted=muted))
        chart.labels.append(Label(left + length + 4, y + 14, f"{value:,}"))
    return chart


def column_chart(name: str, columns: Sequence[tuple[str, int]], colour: str = "#4e79a7") -> Chart:
    """Vertical columns: (label, value) each, left to right."""
    step, span, base = 40, 150, 170
    top = max([value for _, value in columns] + [1])
    chart = Chart(name, 40 + step * len(columns), base + 24)
    for i, (label, value) in enumerate(columns):
        x = 24 + i * step
        length = max(1, round(span * value / top)) if value else 0
        chart.marks.append(Mark(x, base - length, step - 10, length, colour, f"{label}: {value}"))
        chart.labels.append(Label(x + (step - 10) // 2, base - length - 4, f"{value:,}", "middle"))
        chart.labels.append(Label(x + (step - 10) // 2, base + 16, label, "middle"))
    return chart


def heat_map(name: str, rows: Sequence[str], columns: Sequence[str], counts: Counter,
             links: dict[str, str] | None = None) -> Chart:
    """A grid of rows x columns, each cell shaded and labelled by its count (``counts[(row, column)]``)."""
    links = links or {}
    left = min(220, max([_text_width(r) for r in rows] + [40]) + 8)
    cell_w, cell_h = 44, 24
    rotate = any(_text_width(c) > cell_w - 4 for c in columns)
    head = min(150, max([_text_width(c) for c in columns] + [20]) * 3 // 4 + 12) if rotate else 22
    top = max(list(counts.values()) + [1])
    chart = Chart(name, left + cell_w * len(columns) + (head if rotate else 10), head + cell_h * len(rows) + 4)
    for j, column in enumerate(columns):
        x = left + j * cell_w + cell_w // 2
        chart.labels.append(Label(x, head - 6, column, "start" if rotate else "middle", links.get(column, ""),
                                  rotate, muted=column in _MUTED))
    for i, row in enumerate(rows):
        y = head + i * cell_h
        chart.labels.append(Label(left - 6, y + 16, row, "end", links.get(row, ""),
                                  muted=row in _MUTED))
        for j, column in enumerate(columns):
            n = counts[(row, column)]
            chart.marks.append(Mark(left + j * cell_w + 1, y + 1, cell_w - 2, cell_h - 2, _shade(n / top if n else 0),
                                    f"{row} · {column}: {n}"))
            if n:
                chart.labels.append(Label(left + j * cell_w + cell_w // 2, y + 16, str(n), "middle",
                                          light=n / top >= 0.5))
    return chart


def _shade(share: float) -> str:
    """From near white (none) to the page's blue (the most)."""
    low, high = (0xf2, 0xf4, 0xf7), (0x2f, 0x5d, 0x8c)
    if share <= 0:
        return "#f7f7f7"
    return "#" + "".join(f"{round(a + (b - a) * (0.15 + 0.85 * share)):02x}" for a, b in zip(low, high))


def _capped(counts: Counter, last: Sequence[str] = ()) -> list[tuple[str, int]]:
    """The counts, most first (ties by name), past ``MAX_ROWS`` summed into one row; ``last`` rows at the end."""
    ranked = sorted(((k, v) for k, v in counts.items() if k not in last), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) > MAX_ROWS:
        ranked = ranked[:MAX_ROWS - 1] + [(_others(len(ranked) - MAX_ROWS + 1), sum(v for _, v in ranked[MAX_ROWS - 1:]))]
    return ranked + [(k, counts[k]) for k in last if counts[k]]


def _others(n: int) -> str:
    return f"其他 {n} others"


def _rows(counts: Counter, last: str) -> tuple[list[str], Callable[[str], str]]:
    """The rows ``_capped`` keeps of ``counts``, and the row each key counts in (the summed one if
    it is not kept)."""
    rows = [k for k, _ in _capped(counts, (last,))]
    kept = set(rows)
    other = next((r for r in rows if r not in counts), "")
    return rows, lambda key: key if key in kept else other


def report_page(data: GraphData) -> str:
    """The page of a build's graph. Each statement is placed once, into a table beside the graph's
    index, and everything the page counts is counted from there, so the page is made in the same
    memory for a graph of any size."""
    db = data.db
    db.execute("DROP TABLE IF EXISTS fact")
    db.execute("CREATE TABLE fact (relation TEXT, subject TEXT, subject_name TEXT, object TEXT, object_name TEXT, "
               "article TEXT, date TEXT, year TEXT, locality TEXT, locality_name TEXT, province TEXT, "
               "province_node TEXT)")
    adopted: Counter = Counter()  # (policy type, year, province) of each launches or issues statement
    rows = []
    for st, place in placed(data):
        date = data.date(st)
        year, province = year_of(date) or UNDATED, place.province or UNPLACED
        if st.relation in ADOPTING:
            adopted.update((kind, year, province) for kind in data.types.get(st.object) or [UNTYPED])
        rows.append((st.relation, st.subject, data.labels.get(st.subject, ""), st.object,
                     data.labels.get(st.object, ""), st.article, date, year, place.node, place.locality, province,
                     place.province_node))
        if len(rows) >= 1 << 14:
            db.executemany(f"INSERT INTO fact VALUES ({', '.join('?' * 12)})", rows)
            rows.clear()
    db.executemany(f"INSERT INTO fact VALUES ({', '.join('?' * 12)})", rows)
    provinces = {name: node_link(node) for name, node in db.execute(
        "SELECT province, MIN(province_node) FROM fact WHERE province_node != '' GROUP BY province")}
    by_province = Counter(dict(db.execute("SELECT province, COUNT(*) FROM fact GROUP BY province")))
    by_year = Counter(dict(db.execute("SELECT year, COUNT(*) FROM fact GROUP BY year")))
    without, without_count = _articles_without_facts(data)
    return _template().render(
        title="kg 报告 Report",
        totals=_totals(data),
        dated=sum(1 for a in data.articles.values() if year_of(a.date)),
        classes=_class_counts(data),
        relations=_relation_counts(data),
        province_chart=bar_chart("facts by province", [(k, v, provinces.get(k, "")) for k, v in
                                                       _capped(by_province, (UNPLACED,))]) if by_province else None,
        year_chart=_year_chart(by_year),
        undated=by_year[UNDATED],
        adoptions=_one(db, f"SELECT COUNT(*) FROM fact WHERE relation IN {ADOPTING}"),
        **_adoption_maps(adopted, provinces),
        localities=_busiest_localities(data),
        officials=_busiest_officials(data),
        without=without,
        without_count=without_count,
    )


def _one(db: sqlite3.Connection, query: str) -> int:
    return db.execute(query).fetchone()[0]


def _year_chart(by_year: Counter) -> Chart | None:
    """Statements by year, every year from the first to the last (only those with statements when
    they span more than ``MAX_ROWS``), then the undated."""
    years = sorted(y for y in by_year if y != UNDATED)
    if not years:
        return None
    if int(years[-1]) - int(years[0]) < MAX_ROWS:
        years = [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]
    return column_chart("facts by year", [(y, by_year[y]) for y in years + [UNDATED] * (by_year[UNDATED] > 0)])


def _adoption_maps(adopted: Counter, provinces: dict[str, str]) -> dict[str, Chart | None]:
    """Heat maps of the adoptions of each policy type by year and by province (a campaign or
    measure of several types counts for each), from the count of each (type, year, province)."""
    if not adopted:
        return {"type_year": None, "type_province": None}
    kind_counts, place_counts = Counter(), Counter()
    for (kind, _, province), n in adopted.items():
        kind_counts[kind] += n
        place_counts[province] += n
    kinds, kind_row = _rows(kind_counts, UNTYPED)
    places, place_row = _rows(place_counts, UNPLACED)
    by_year, by_province = Counter(), Counter()
    for (kind, year, province), n in adopted.items():
        by_year[(kind_row(kind), year)] += n
        by_province[(place_row(province), kind_row(kind))] += n
    years = sorted({y for _, y in by_year if y != UNDATED}) + [UNDATED] * any(y == UNDATED for _, y in by_year)
    return {"type_year": heat_map("adoptions by type and year", kinds, years, by_year),
            "type_province": heat_map("adoptions by province and type", places, kinds, by_province, provinces)}


def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_RESOURCES), autoescape=True,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2")


def _totals(data: GraphData) -> dict[str, int]:
    return {"articles": len(data.articles), "entities": len(data.classes),
            "statements": _one(data.db, "SELECT COUNT(*) FROM fact"),
            "facts": _one(data.db, "SELECT COUNT(*) FROM (SELECT DISTINCT subject, relation, object FROM fact)")}


def _class_counts(data: GraphData) -> list[dict]:
    counts = Counter(data.classes.values())
    return [{"name": name, **cls, "count": counts[name]} for name, cls in style()["classes"].items()]


def _relation_counts(data: GraphData) -> list[dict]:
    statements = dict(data.db.execute("SELECT relation, COUNT(*) FROM fact GROUP BY relation"))
    triples = dict(data.db.execute(
        "SELECT relation, COUNT(*) FROM (SELECT DISTINCT subject, relation, object FROM fact) GROUP BY relation"))
    return [{"name": name, "zh": style()["relations"][name]["zh"], "color": style()["relations"][name]["color"],
             "facts": triples.get(name, 0), "statements": statements.get(name, 0)} for name in RELATIONS]


def _busiest_localities(data: GraphData) -> list[dict]:
    """The localities where most facts happened: facts, adoptions, officials placed there."""
    ranked = data.db.execute(
        f"SELECT locality, COUNT(*) AS n, SUM(relation IN {ADOPTING}), "
        "COUNT(DISTINCT CASE WHEN relation = 'holds' THEN subject END) FROM fact WHERE locality != '' "
        f"GROUP BY locality ORDER BY n DESC, MIN(locality_name), locality LIMIT {TOP}").fetchall()
    places = {node: data.place(node) for node, *_ in ranked}
    return [{"name": places[n].locality, "province": places[n].province, "prefecture": places[n].prefecture,
             "facts": facts, "adoptions": adoptions, "officials": officials, "href": node_link(n)}
            for n, facts, adoptions, officials in ranked]


def _busiest_officials(data: GraphData) -> list[dict]:
    """The officials most articles give a post: their posts, articles, first and last dates seen."""
    ranked = data.db.execute(
        "SELECT subject, COUNT(DISTINCT article) AS n, COUNT(DISTINCT object_name) AS posts FROM fact "
        f"WHERE relation = 'holds' GROUP BY subject ORDER BY n DESC, posts DESC, MIN(subject_name), subject "
        f"LIMIT {TOP}").fetchall()
    rows = []
    for node, articles, _ in ranked:
        posts = [name for name, in data.db.execute(
            "SELECT DISTINCT object_name FROM fact WHERE relation = 'holds' AND subject = ? ORDER BY object_name",
            (node,))]
        first, last = data.db.execute(f"SELECT MIN(date), MAX(date) FROM fact WHERE relation = 'holds' "
                                      f"AND subject = ? AND year != '{UNDATED}'", (node,)).fetchone()
        rows.append({"name": data.labels.get(node, ""), "posts": "、".join(posts), "articles": articles,
                     "first": first or "", "last": last or "", "href": node_link(node)})
    return rows


def _articles_without_facts(data: GraphData) -> tuple[list[dict], int]:
    """The first ``MAX_LISTED`` articles no statement came from, by identifier, and how many there are."""
    query = (f"FROM v AS a LEFT JOIN v AS i ON i.s = a.s AND i.p = {PROPERTIES['dcterms:identifier']} "
             f"WHERE a.p = {PROPERTIES['rdf:type']} AND a.o = ? AND a.s NOT IN (SELECT article FROM fact)")
    count = data.db.execute(f"SELECT COUNT(*) {query}", (ARTICLE,)).fetchone()[0]
    listed = [data.articles[node] for node, in data.db.execute(
        f"SELECT a.s {query} ORDER BY i.o, a.s LIMIT {MAX_LISTED}", (ARTICLE,))]
    return [{"id": a.identifier, "title": a.title, "date": a.date, "source": a.source,
             "url": a.url if a.url.startswith(("http://", "https://")) else ""} for a in listed], count


def render_report(nt: Path, path: Path) -> None:
    """Write the report of the graph in the N-Triples file ``nt`` to ``path`` (a build's writer
    makes it beside the other files, and puts it in place with them; its index is kept there too)."""
    import pyoxigraph as ox

    from .tables import read_triples
    with read_triples(ox.parse(path=nt, format=ox.RdfFormat.N_TRIPLES), nt, path.parent) as data, \
            disk_errors(path):
        path.write_bytes(report_page(data).encode("utf-8"))


def write_report(build: Path, path: Path | None = None) -> Path:
    """Write the report of the build in ``build`` to ``path`` (default ``build/report.html``), atomically."""
    path = path or build / "report.html"
    with read_graph(build) as data, disk_errors(path):
        write_atomic(path, report_page(data).encode("utf-8"))
    return path
