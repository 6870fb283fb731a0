"""Quote, speaker and claim extraction with spaCy: pure Python, no Django.

Importing this package loads nothing heavy. spaCy comes in only with `claims.nlp.pipeline`
(`extract`, `extract_many`, `iter_extract`, `EXTRACTOR_VERSION`), which only workers, the CLI,
the benchmarks and the evaluation import; web processes never do. The output types are in
`claims.nlp.spans`, the word lists in `claims.nlp.lexicon`.
"""
