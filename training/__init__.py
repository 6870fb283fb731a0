"""Training of the extractor's models from ../shared/data (`make train-claims`); needs requirements-dev."""
