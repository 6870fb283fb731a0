"""Typed readers for settings from the environment that fail loudly on a bad value.

`SECURE_SSL_REDIRECT=ture` must stop the app at start-up with a message that names the variable,
not quietly read as False. An unset or empty variable takes the default.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None or not value.strip() else value.strip()


def env_str(name: str, default: str) -> str:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean; use one of {', '.join(sorted(TRUE | FALSE))}.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    return int(_number(name, default, int, "a whole number", minimum))


def env_float(name: str, default: float, *, minimum: float | None = None) -> float:
    return float(_number(name, default, float, "a number", minimum))


def _number(name: str, default: float, parse: Callable[[str], float], kind: str, minimum: float | None) -> float:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = parse(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not {kind}.") from None
    if not math.isfinite(number):
        raise ImproperlyConfigured(f"{name}={value!r} is not a finite number.")
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum of {minimum:g}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list; blanks dropped."""
    value = _raw(name)
    if value is None:
        return list(default)
    return [part.strip() for part in value.split(",") if part.strip()]
