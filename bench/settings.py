"""Production settings for the load bench, plus the bench's baseline endpoint (bench/urls.py).

The baseline URL lives only here: production URLs (factcheck.urls) never serve it.
"""

from factcheck.settings import *  # noqa: F403  # the production settings, unchanged but for the URLconf

ROOT_URLCONF = "bench.urls"
