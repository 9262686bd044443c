"""Plain data that travels between the pipeline stages.

ingest -> Article -> clean -> CleanText -> nlp (spaCy Doc) -> extract -> Extraction -> rdf.
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: The six scored entity classes, the unscored organisation class, and the divisions of the
#: gazetteer that named localities belong to (the hierarchy up to the province).
ENTITY_CLASSES = ("Locality", "Official", "Post", "Campaign", "Measure", "CadreGroup", "Organization", "Division")
#: The four scored relations.
RELATIONS = ("launches", "holds", "targets", "issues")


@dataclass(frozen=True, slots=True)
class Article:
    """One input article as read, before any cleaning."""

    id: str
    text: str
    source: str
    title: str | None = None
    url: str | None = None
    date: str | None = None  # YYYY-MM-DD once ingest has dated it (text.dates); as given before
    date_source: str | None = None  # where the date came from: jsonl, metadata, html-meta, url, text-... (text.dates)
    encoding: str | None = None  # what the file was decoded from: utf-8, gb18030, big5hkscs, utf-16 ...
    notes: tuple[str, ...] = field(default=(), compare=False)  # what reading it had to fix (bad bytes, HTML)


@dataclass(frozen=True, slots=True)
class CleanText:
    """Cleaned Simplified text with a map back to the original characters.

    ``offsets[i]`` is the index in the original text of ``text[i]`` (of the character after it for a
    line break put back into a copy that lost its own); ``offsets[len(text)]`` is one past the last
    kept original character.
    """

    text: str
    offsets: tuple[int, ...]
    reporters: tuple[str, ...] = ()
    title: str | None = None  # the article's title, its own or its first line, never site furniture
    notes: tuple[str, ...] = ()  # mojibake repaired, lost characters kept as gaps

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the clean text to the original text."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True, slots=True)
class Mention:
    """A recognised entity mention: exact character span in the clean text."""

    cls: str
    label: str  # the preferred (fullest) name this mention stands for
    start: int
    end: int
    text: str  # the surface form, as written (after cleaning)
    alt_labels: tuple[str, ...] = ()
    rule: str = ""  # the recogniser's rule that found it (gazetteer, unit-chain, quoted, apposition ...)
    key: str = ""  # the key of the node it names (``Entity.key``)


@dataclass(frozen=True, slots=True)
class Entity:
    """A node of one article's graph. ``key`` identifies it across articles."""

    cls: str
    key: str
    label: str
    alt_labels: tuple[str, ...] = ()
    admin_code: str | None = None
    part_of: str | None = None  # key of the parent Locality (Locality, Organization)
    post_in: str | None = None  # key of the Organization of a Post
    subjects: tuple[str, ...] = ()  # what a Campaign or Measure is about: concepts of ontology/policy-types.ttl


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact comes from: sentence and offsets in the ORIGINAL article text."""

    article_id: str
    sentence: str
    start: int
    end: int
    confidence: float
    extractor: str


@dataclass(frozen=True, slots=True)
class Fact:
    """A relation between two entities (by key), with its evidence."""

    subject: str
    predicate: str
    object: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything one article contributes to the graph."""

    article: Article
    clean: CleanText
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    mentions: tuple[Mention, ...] = field(default=(), compare=False)
