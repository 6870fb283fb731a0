"""Score levels: where a quote's attribution confidence or a claim's check-worthiness counts as high or low.

The thresholds live here only; the reader's colours, the side panel's bars, the queue's filters and
the template filter all ask these functions.
"""

from __future__ import annotations

from typing import Literal

Level = Literal["high", "medium", "low"]

# Attribution confidence: at or above HIGH the speaker is probably right; below MEDIUM check it first.
CONFIDENCE_HIGH = 0.75
CONFIDENCE_MEDIUM = 0.5
# Check-worthiness is the trained model's probability (claims/nlp/checkworthiness.py): at or above
# WORTH_CHECKING a sentence is "worth checking" (the queue's and the API's min_checkworthiness use it; its
# precision there is in the model card); HIGH marks the surest; below CLAIM_KEPT a sentence is not stored.
WORTH_CHECKING = 0.5
CHECKWORTHY_HIGH = 0.75
CHECKWORTHY_MEDIUM = WORTH_CHECKING
CLAIM_KEPT = 0.25


def _level(value: float, high: float, medium: float) -> Level:
    return "high" if value >= high else "medium" if value >= medium else "low"


def confidence_level(value: float) -> Level:
    """ "high" / "medium" / "low" for an attribution confidence (0–1)."""
    return _level(value, CONFIDENCE_HIGH, CONFIDENCE_MEDIUM)


def checkworthiness_level(value: float) -> Level:
    """ "high" / "medium" / "low" for a claim's check-worthiness (0–1)."""
    return _level(value, CHECKWORTHY_HIGH, CHECKWORTHY_MEDIUM)
