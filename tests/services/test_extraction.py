"""claims.services.extraction: storing extractor output idempotently without touching human work."""

from dataclasses import replace

import pytest

from claims.models import Article, Claim, Quote, ReviewEvent, ReviewStatus, Speaker, SpeakerAlias
from claims.nlp.pipeline import EXTRACTOR_VERSION
from claims.nlp.spans import Extraction
from claims.services.extraction import apply_extraction, article_extract
from tests.factories import SpeakerFactory


def snapshot(article):
    return sorted(
        Quote.objects.filter(article=article).values_list(
            "start", "end", "text", "speaker__name", "confidence", "version"
        )
    ), sorted(Claim.objects.filter(article=article).values_list("start", "end", "speaker__name", "quote__start"))


def test_rows_match_the_article_text(article, extraction):
    apply_extraction(article=article, extraction=extraction, version="t1")
    for quote in Quote.objects.filter(article=article):
        assert article.body_text[quote.start : quote.end] == quote.text
        quote.full_clean()
    claim = Claim.objects.get()
    assert claim.speaker.name == "Maria Lopez" and claim.quote.start == claim.start
    speaker = Speaker.objects.get()
    assert speaker.description == "council leader"
    assert list(SpeakerAlias.objects.values_list("alias", flat=True)) == ["Ms Lopez"]
    assert ReviewEvent.objects.filter(action="extracted", actor=None).count() == 3


def test_applying_twice_leaves_the_same_rows(article, extraction):
    apply_extraction(article=article, extraction=extraction, version="t1")
    first = snapshot(article)
    apply_extraction(article=article, extraction=extraction, version="t1")
    assert snapshot(article) == first
    assert Speaker.objects.count() == 1 and SpeakerAlias.objects.count() == 1


def test_rerun_keeps_human_fields_and_reviewed_items(article, extraction, alice):
    apply_extraction(article=article, extraction=extraction, version="t1")
    corrected, verified = Quote.objects.order_by("start")
    human = SpeakerFactory(name="Daniel Okafor")
    corrected.speaker = human
    corrected.human_fields = ["speaker"]
    corrected.save()
    verified.status, verified.reviewer = ReviewStatus.VERIFIED, alice
    verified.save()

    rerun = Extraction(
        quotes=[replace(q, speaker="Somebody Else", confidence=0.4) for q in extraction.quotes], claims=[]
    )
    apply_extraction(article=article, extraction=rerun, version="t2")

    corrected.refresh_from_db()
    verified.refresh_from_db()
    assert corrected.speaker == human  # human field kept
    assert corrected.confidence == pytest.approx(0.4)  # model field updated
    assert verified.speaker.name == "Maria Lopez" and verified.confidence == pytest.approx(0.9)
    assert Claim.objects.count() == 0  # the untouched model claim disappeared with the new output


def test_stale_items_with_human_work_survive(article, extraction, alice):
    apply_extraction(article=article, extraction=extraction, version="t1")
    Quote.objects.filter(start=extraction.quotes[1].start).update(assigned_to=alice)
    apply_extraction(article=article, extraction=Extraction(quotes=[], claims=[]), version="t2")
    assert list(Quote.objects.values_list("text", flat=True)) == ["We cannot wait another winter."]


def test_article_extract_runs_the_real_extractor_once(article):
    done = article_extract(article_id=article.pk)
    article.refresh_from_db()
    assert done and article.status == Article.Status.EXTRACTED and article.attempts == 1
    assert article.extractor_version == EXTRACTOR_VERSION
    rows = snapshot(article)
    assert rows[0], "the demo text has quotes"
    assert article_extract(article_id=article.pk) is None  # idempotent: already extracted
    assert snapshot(article) == rows
