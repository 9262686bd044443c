"""NLP stage: kg's spaCy pipeline, its tokenizer segmenting with kg's pkuseg segmenter.

- ``pipeline``: the pipeline, ``make`` (what ``kg.load()`` gives) or ``load`` (a build's, once a
  process): the tokenizer, then the components
- ``tokenizer``: ``kg.Segmenter.v1``, raw text -> clean text (``kg.text.clean``), segmented by
  ``segmenter``; a user dictionary; saved as the user words and the model's name
- ``components``: ``kg_entities`` (``doc.ents``, ``doc.spans["kg"]``) and ``kg_relations``
  (``doc._.kg_facts``), both running ``kg.extract.extract`` once a doc
- ``segmenter``: pkuseg's model computed a text at a time with numpy, word for word as spacy-pkuseg
- ``model``: where the pkuseg model lives; the error saying how to install it when it is missing
- ``install``: set-up's ``python -m kg.nlp.install``: the pkuseg model from its sdist, compacted,
  then compiled for ``segmenter``
"""
