"""kg as a library, as a notebook uses it: each ``# %%`` section is a cell (paste its body into
Jupyter, where it needs no ``if __name__ == "__main__":``), and the whole runs as a script
(``tests/test_library.py`` runs it):

    python examples/notebook.py [BUILD_DIR]

It reads one text with kg's spaCy pipeline, builds the graph of the seed articles and queries it
into pandas DataFrames. A script that builds keeps its work under ``if __name__ == "__main__":``,
as Python's multiprocessing asks: the build's helper processes start from a fork server, which
imports the script again.
"""
import sys
import tempfile
from pathlib import Path

from spacy import displacy

import kg


def read_a_text() -> None:
    # %% The pipeline: a raw text in; entities, mentions and facts out
    nlp = kg.load()
    doc = nlp("黄岩区委书记徐淼主持召开会议，部署开展“五比亮剑”行动。")
    print([(ent.text, ent.label_) for ent in doc.ents])  # non-overlapping, longest first
    print([(span.text, span.label_, span.id_) for span in doc.spans["kg"]])  # every mention and its rule
    for fact in doc._.kg_facts:
        print(fact.subject.text, fact.relation, fact.object.text, fact.confidence, fact.extractor)
    html = displacy.render(doc, style="ent")  # in Jupyter: displacy.render(doc, style="ent", jupyter=True)
    print(len(html), "characters of displaCy markup")

    # %% A user dictionary: each of its words stays one token
    nlp.tokenizer.pkuseg_update_user_dict(["五比亮剑"])
    print([token.text for token in nlp.make_doc("五比亮剑比什么")])


def build_and_query(out: Path) -> None:
    # %% Build the seed articles, as `kg build seeds/ --out DIR` does, and query the graph
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    build = kg.build([seeds], out=out, html=False)
    print(build.report.summary())
    holds = build.query("""
        SELECT ?official ?post (COUNT(?statement) AS ?evidence) WHERE {
            ?official kg:holds ?post .
            ?statement rdf:subject ?official ; rdf:predicate kg:holds ; rdf:object ?post .
        } GROUP BY ?official ?post ORDER BY DESC(?evidence) ?official ?post""")
    print(holds[["official_label", "post_label", "evidence"]].head(10).to_string(index=False))

    # %% A build made before, and kg's errors (the command line's messages)
    again = kg.open(out)
    print(len(again.query("SELECT ?campaign WHERE { ?campaign a kg:Campaign }")), "campaigns")
    try:
        kg.open(out / "no-build-here")
    except kg.KgError as error:
        print(f"kg: {error}")


if __name__ == "__main__":
    read_a_text()
    build_and_query(Path(sys.argv[1]) if sys.argv[1:] else Path(tempfile.mkdtemp(prefix="kg-notebook-")) / "build")
