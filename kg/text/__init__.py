"""Text stage: files in, clean Simplified text out, every character mapped back to the original.

- ``ingest``: files, directories, JSON Lines and HTML pages -> ``Article`` (what the build reads)
- ``metadata``: a folder's metadata file (CSV, TSV, JSON Lines) -> each article's URL, date and title
- ``dates``: ``Article`` -> its publication date and where it came from (given, the page's text, its URL)
- ``titles``: the article's title among its candidates, never the site's furniture
- ``decode``: a file's bytes -> text, its encoding detected, bad bytes counted
- ``script``: Traditional -> Simplified, character for character (OpenCC)
- ``webpage``: an HTML page -> its main text, title, canonical URL and date (trafilatura)
- ``mojibake``: UTF-8 read as GBK or Windows-1252 repaired, lost characters -> gaps
- ``clean``: ``Article`` -> ``CleanText``: pinyin, boilerplate and bylines out, Traditional ->
  Simplified, full-width punctuation, an offset map
- ``dedupe``: the same article once (hash of its clean text), near-duplicates reported (MinHash)
"""
