"""gunicorn settings for the web process (docker-compose.yml, the Dockerfile and `make loadbench` use them).

Workers: WEB_CONCURRENCY, default 3 — a web worker holds no spaCy model (only Celery workers load it), so
each stays near 100 MB RSS and three fit beside PostgreSQL and two Celery workers on a small 2-core host
(more workers than 2 × cores + 1 only add memory: requests are CPU-bound). A worker is recycled after
max_requests (with jitter) to bound any slow growth.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = 60
graceful_timeout = 30
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
