"""Accuracy tooling: scorers and baselines run by `make eval` (speed lives in bench/).

Run each module with `python -m evaluation.<module>` from the repository root; the shared data and the
shared scorer are read from `../shared` (or $QUOTECHECK_SHARED), never copied into the repository.
"""
