"""A throwaway SQLite database for the in-process benches: Django set up on it, Celery eager, migrated.

DEBUG is off unless the environment sets it, as in production: with it on, Django records every query
and templates keep debug data, which costs some 20 % of a page and is not what users are served."""

import os
import warnings


def setup_django(db_path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["CELERY_BROKER_URL"] = ""
    os.environ.setdefault("DEBUG", "false")
    # Without DEBUG, WhiteNoise warns that `collectstatic` has not run: the benches serve no static files.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
