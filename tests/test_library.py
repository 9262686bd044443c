"""kg as a library: the spaCy pipeline (``kg.load``: tokenizer, components, saving, displaCy, the
user dictionary), the build through it, and the notebook API (``kg.build``, ``kg.open``, queries
as DataFrames, errors), all on the real pipeline and the seed articles."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy import displacy
from spacy.language import Language
from spacy.util import get_lang_class

import kg
from conftest import REPO, SEEDS
from kg.errors import InputError, KgError
from kg.graph.rdf import article_block
from kg.text.ingest import read_inputs
from kgcli import kg as kg_cli
from kgcli import one_error

#: a sentence of the genre: a post with its organisation and locality inside, an official, a campaign
SENTENCE = "黄岩区委书记徐淼主持召开会议，部署开展“五比亮剑”行动。"


def _seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]


def _annotations(nlp: Language, texts: list[str]) -> list[tuple]:
    """What the pipeline finds in each text: tokens, entities, mentions and facts."""
    out = []
    for doc in nlp.pipe(texts):
        out.append(([t.text for t in doc],
                    [(e.start_char, e.end_char, e.label_, e.kb_id_) for e in doc.ents],
                    [(s.start_char, s.end_char, s.label_, s.kb_id_, s.id_) for s in doc.spans["kg"]],
                    [(f.subject.start_char, f.subject.text, f.relation, f.object.start_char, f.object.text,
                      f.confidence, f.extractor) for f in doc._.kg_facts]))
    return out


def test_the_pipeline_is_kg_tokenizer_and_components(nlp: Language) -> None:
    assert nlp.pipe_names == ["kg_entities", "kg_relations"]
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "kg.Segmenter.v1"
    doc = nlp(SENTENCE)
    assert [(e.text, e.label_) for e in doc.ents] == [("黄岩区委书记", "Post"), ("徐淼", "Official"),
                                                      ("“五比亮剑”行动", "Campaign")]
    # every mention, overlaps included: the post holds its organisation, which holds its locality
    spans = {(s.text, s.label_) for s in doc.spans["kg"]}
    assert {("黄岩区委书记", "Post"), ("黄岩区委", "Organization"), ("黄岩区", "Locality")} <= spans
    assert [(f.subject.text, f.relation, f.object.text) for f in doc._.kg_facts] == [
        ("徐淼", "holds", "黄岩区委书记"), ("黄岩区", "launches", "“五比亮剑”行动")]


def test_each_component_works_alone_and_on_any_doc(nlp: Language) -> None:
    """kg_relations without kg_entities finds the same facts; a doc kg's tokenizer did not make
    (no article: its text taken as clean) is read too."""
    want = [(f.fact.subject, f.relation, f.fact.object) for f in nlp(SENTENCE)._.kg_facts]
    with nlp.select_pipes(disable=["kg_entities"]):
        doc = nlp(SENTENCE)
    assert not doc.ents and "kg" not in doc.spans
    assert [(f.fact.subject, f.relation, f.fact.object) for f in doc._.kg_facts] == want
    doc = nlp(nlp.tokenizer.segment(SENTENCE))
    assert doc._.kg_article is None
    assert [(f.fact.subject, f.relation, f.fact.object) for f in doc._.kg_facts] == want


def test_spans_name_their_nodes_and_rules(nlp: Language) -> None:
    """A span's kb_id is its node's key in the graph, its id the rule that found it; a fact's spans
    are mentions of its nodes."""
    for doc in nlp.pipe(_seed_texts()):
        ex = doc._.kg_extraction
        keys = {e.key: e.cls for e in ex.entities}
        for span in doc.spans["kg"]:
            assert keys[span.kb_id_] == span.label_
            assert span.id_
        assert len(doc._.kg_facts) == len(ex.facts)
        for fact in doc._.kg_facts:
            assert (fact.subject.kb_id_, fact.relation, fact.object.kb_id_) == (
                fact.fact.subject, fact.fact.predicate, fact.fact.object)
            assert fact.confidence == fact.fact.evidence.confidence


def test_ents_do_not_overlap_and_the_longest_wins(nlp: Language) -> None:
    for doc in nlp.pipe(_seed_texts()):
        ents = list(doc.ents)
        assert all(a.end <= b.start for a, b in zip(ents, ents[1:]))
        for span in doc.spans["kg"]:  # each mention is an entity, or overlaps one at least as long
            assert any(e.start_char < span.end_char and span.start_char < e.end_char
                       and len(e.text) >= len(span.text) for e in ents), span.text


def test_offsets_map_back_to_the_raw_text(nlp: Language) -> None:
    """The tokenizer cleans (Traditional script, ASCII punctuation); the clean text's offsets map
    back to the text given."""
    raw = "黃岩區委書記徐淼出席會議,部署工作。"
    doc = nlp(raw)
    assert doc.text == "黄岩区委书记徐淼出席会议，部署工作。"
    for span in doc.spans["kg"]:
        start, end = doc._.kg_clean.original_span(span.start_char, span.end_char)
        assert doc._.kg_article.text[start:end] == raw[start:end] and end - start == len(span.text)
    official = next(s for s in doc.spans["kg"] if s.label_ == "Official")
    assert raw[slice(*doc._.kg_clean.original_span(official.start_char, official.end_char))] == "徐淼"


def test_a_doc_saved_without_kg_objects_keeps_ents_and_spans(nlp: Language) -> None:
    """kg's doc._ values are Python objects: a doc saved without them keeps its entities and mentions."""
    from spacy.tokens import Doc

    doc = nlp(SENTENCE)
    with pytest.raises(TypeError, match="Article"):
        doc.to_bytes()
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes(exclude=["user_data"]))
    assert [(e.text, e.label_, e.kb_id_) for e in again.ents] == [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    assert [(s.text, s.label_, s.kb_id_, s.id_) for s in again.spans["kg"]] == [
        (s.text, s.label_, s.kb_id_, s.id_) for s in doc.spans["kg"]]


def test_saved_pipeline_gives_the_same_ents_and_facts(tmp_path: Path) -> None:
    nlp = kg.load(user_words=["五比亮剑"])
    texts = _seed_texts()
    want = _annotations(nlp, texts)
    nlp.to_disk(tmp_path / "pipeline")
    # the model is named, not copied: the folder is a few kilobytes
    assert sum(p.stat().st_size for p in (tmp_path / "pipeline").rglob("*") if p.is_file()) < 100_000
    from_disk = spacy.load(tmp_path / "pipeline")
    assert from_disk.tokenizer.user_words == ("五比亮剑",)
    assert _annotations(from_disk, texts) == want
    from_bytes = get_lang_class("zh").from_config(nlp.config).from_bytes(nlp.to_bytes())
    assert from_bytes.tokenizer.user_words == ("五比亮剑",)
    assert _annotations(from_bytes, texts) == want


def test_a_pipeline_of_another_model_is_refused(tmp_path: Path) -> None:
    kg.load().to_disk(tmp_path / "pipeline")
    cfg = tmp_path / "pipeline" / "tokenizer" / "cfg"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("pkuseg==", "pkuseg==9"), encoding="utf-8")
    with pytest.raises(KgError, match=r"cfg: this pipeline segments with 'pkuseg==9"):
        spacy.load(tmp_path / "pipeline")


# (text, user word): the segmenter splits the word unless it is in the user dictionary
USER_WORDS = [
    ("黄岩区委书记徐淼出席会议。", "徐淼"),
    ("五比亮剑比什么", "五比亮剑"),
    ("乡镇党政正职谈心谈话制度", "谈心谈话制度"),
    ("徐淼 出席 徐淼", "徐淼"),  # twice, between spaces
]


@pytest.mark.parametrize(("text", "word"), USER_WORDS)
def test_a_user_word_stays_whole(text: str, word: str) -> None:
    nlp = kg.load()
    assert word not in [t.text for t in nlp.make_doc(text)]
    nlp.tokenizer.pkuseg_update_user_dict([word])
    tokens = [t.text for t in nlp.make_doc(text)]
    assert tokens.count(word) == text.count(word)
    assert "".join(tokens) == "".join(text.split())
    nlp.tokenizer.pkuseg_update_user_dict([], reset=True)
    assert word not in [t.text for t in nlp.make_doc(text)]


def test_the_longest_user_word_is_taken() -> None:
    nlp = kg.load(user_words=["谈心", "谈心谈话制度"])
    assert "谈心谈话制度" in [t.text for t in nlp.make_doc("建立谈心谈话制度")]


def test_displacy_shows_each_entity(nlp: Language) -> None:
    for doc in [nlp(SENTENCE), *nlp.pipe(_seed_texts()[:2])]:
        html = displacy.render(doc, style="ent")
        assert doc.ents
        for ent in doc.ents:
            assert ent.text in html and ent.label_ in html


def test_nlp_pipe_over_the_seeds_gives_the_graph_of_kg_build(nlp: Language, seeds_out: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Each article's graph from its doc, in input order, is the build's kg.nq, byte for byte, and
    their triples are kg.nt's."""
    monkeypatch.chdir(REPO)  # the build was given seeds/: each article's source is its path from there
    articles = list(read_inputs(["seeds/"]))
    docs = nlp.pipe(nlp.tokenizer.article_doc(a) for a in articles)
    blocks = b"".join(article_block(doc._.kg_extraction) for doc in docs)
    assert blocks == (seeds_out / "kg.nq").read_bytes()
    triples = {line.rsplit(b" <", 1)[0] + b" ." for line in blocks.splitlines()}
    assert triples == set((seeds_out / "kg.nt").read_bytes().splitlines())


def test_a_failing_article_is_raised_or_kept_on_its_doc(nlp: Language) -> None:
    """An error in a component is raised by default; with spaCy's ignore_error (a build's pipeline)
    it is kept on the doc and the next doc is read."""
    from spacy.util import ignore_error

    from kg.types import Article

    bad = nlp.tokenizer.article_doc(Article(id="bad", text=SENTENCE, source="bad.txt"), reading="not a reading")
    with pytest.raises(AttributeError):
        nlp(bad)
    tolerant = kg.load()
    tolerant.set_error_handler(ignore_error)
    bad._.kg_error = None
    docs = list(tolerant.pipe([bad, SENTENCE]))
    assert docs[0]._.kg_error.startswith("AttributeError") and docs[0]._.kg_facts is None
    assert docs[1]._.kg_error is None and docs[1]._.kg_facts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> kg.Build:
    """``kg.build`` of the seeds, given as the command line's builds are (``seeds/`` from the repository)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        return kg.build(["seeds/"], out=tmp_path_factory.mktemp("api-build"), html=False,
                        on_warn=lambda message: None)


def test_kg_build_is_kg_build(built: kg.Build, seeds_out: Path) -> None:
    assert built.report.articles == 5
    for name in ("kg.nt", "kg.nq", "kg.ttl"):
        assert (built.path / name).read_bytes() == (seeds_out / name).read_bytes(), name


def test_query_gives_a_dataframe_with_labels(built: kg.Build) -> None:
    df = built.query("SELECT ?official ?post ?name WHERE { ?official kg:holds ?post ; rdfs:label ?name } "
                     "ORDER BY ?official ?post")
    assert list(df.columns) == ["official", "official_label", "post", "post_label", "name"]
    assert len(df) == built.report.relations["holds"]
    assert (df["official_label"] == df["name"]).all()  # each node's label, as the graph has it
    assert df["official"].str.startswith("kgid:official").all()
    count = built.query("SELECT (COUNT(*) AS ?n) WHERE { ?s kg:holds ?o }")
    assert count["n"].tolist() == [built.report.relations["holds"]]  # a number, not its text
    assert built.query("ASK { ?s kg:launches ?o }")["boolean"].tolist() == [True]


def test_kg_open_reads_a_build(built: kg.Build) -> None:
    opened = kg.open(built.path)
    assert opened.report is None
    want = built.query("SELECT ?c WHERE { ?c a kg:Campaign } ORDER BY ?c")
    assert opened.query("SELECT ?c WHERE { ?c a kg:Campaign } ORDER BY ?c").equals(want)
    assert len(opened.graph) == len(built.graph) > 0


def test_api_errors_are_the_command_lines(tmp_path: Path) -> None:
    missing = tmp_path / "nothing"
    with pytest.raises(InputError) as opened:
        kg.open(missing)
    assert one_error(kg_cli("query", missing, "ASK {}")) == f"kg: {opened.value}"
    with pytest.raises(KgError) as building:
        kg.build([missing / "a.txt"], out=tmp_path / "out", on_skip=lambda message: None)
    proc = kg_cli("build", missing / "a.txt", "--out", tmp_path / "out")
    assert one_error(proc) == f"kg: {building.value}" and proc.returncode == building.value.exit_code
    with pytest.raises(InputError) as not_a_graph:
        kg.open(SEEDS / "000_65aed96cc3a38a9a.txt")
    assert one_error(kg_cli("query", SEEDS / "000_65aed96cc3a38a9a.txt", "ASK {}")) == f"kg: {not_a_graph.value}"


def test_the_tables_of_kg_table_as_data_frames(built: kg.Build) -> None:
    import csv
    import io

    for name in ("facts", "careers", "adoptions"):
        frame = built.table(name)
        printed = list(csv.DictReader(io.StringIO(kg_cli("table", built.path, name).stdout)))
        assert list(frame.columns) == list(printed[0]) and len(frame) == len(printed) > 0
    careers = built.table("careers")
    assert "黄岩区委书记" in set(careers[careers["official"] == "徐淼"]["post"])
    with pytest.raises(KgError) as unknown:
        built.table("people")
    assert one_error(kg_cli("table", built.path, "people")) == f"kg: {unknown.value}"


def test_import_kg_and_kg_help_import_no_spacy() -> None:
    code = ("import sys, kg, kg.cli; kg.cli.parser().format_help(); "
            "print(' '.join(m for m in ('spacy', 'pandas', 'kg.api') if m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=REPO).stdout.split() == []


def test_help_shows_the_api() -> None:
    import pydoc

    for name in ("load", "build", "open", "Build"):
        text = pydoc.render_doc(getattr(kg, name), renderer=pydoc.plaintext)
        assert getattr(kg, name).__doc__.split("\n")[0].strip() in text


def test_the_notebook_example_runs(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(REPO / "examples" / "notebook.py"), str(tmp_path / "build")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "徐淼 holds 黄岩区委书记" in proc.stdout
    assert "['五比亮剑', '比', '什么']" in proc.stdout
    assert "5 articles" in proc.stdout
    assert f"kg: {tmp_path / 'build' / 'no-build-here'}: no such build directory or graph file" in proc.stdout
