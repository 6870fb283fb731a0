"""claims.services.speakers.speakers_merge: editors merge duplicate speakers; the duplicates' names become aliases.

(Beside tests/services/test_speakers.py, which holds the matching and alias rules.)
"""

import pytest
from django.core.exceptions import PermissionDenied

from claims.models import Quote, Speaker
from claims.services.speakers import speakers_merge
from tests.factories import SpeakerFactory

pytestmark = pytest.mark.django_db


def test_merge_speakers(quote, alice, erin):
    target = quote.speaker
    duplicate = SpeakerFactory(name="Maria E. Lopez", aliases=["Councillor Lopez"])
    Quote.objects.filter(pk=quote.pk).update(speaker=duplicate)
    with pytest.raises(PermissionDenied):
        speakers_merge(user=alice, target=target, sources=[duplicate])
    speakers_merge(user=erin, target=target, sources=[duplicate])
    quote.refresh_from_db()
    assert quote.speaker == target and not Speaker.objects.filter(name="Maria E. Lopez").exists()
    assert {"Maria E. Lopez", "Councillor Lopez"} <= set(target.aliases.values_list("alias", flat=True))
