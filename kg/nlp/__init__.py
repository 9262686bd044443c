"""NLP stage: segmentation, the only NLP a build runs.

- ``pipeline``: the spaCy ``zh`` pipeline (``load``), its tokenizer segmenting with ``segmenter``;
  ``token_spans``, the token boundaries the recognisers read
- ``segmenter``: pkuseg's model computed a text at a time with numpy, word for word as spacy-pkuseg
- ``model``: where the pkuseg model lives; the error saying how to install it when it is missing
- ``install``: set-up's ``python -m kg.nlp.install``: the pkuseg model from its sdist, compacted,
  then compiled for ``segmenter``
"""
