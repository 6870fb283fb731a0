"""Store each quote's and claim's `sentence`, and fill it for the rows that exist.

The backfill applies the one rule (claims.sentences, pure Python with no model import) with each article's
sentence bounds computed once, reading articles and spans with iterators and writing with bulk_update in
batches, so it runs in flat memory on SQLite and PostgreSQL alike.
"""

from django.db import migrations, models

from claims.sentences import sentence_around, sentence_bounds

BATCH = 1000


def backfill(apps, schema_editor):
    Article = apps.get_model("claims", "Article")
    alias = schema_editor.connection.alias
    for name in ("Quote", "Claim"):
        model = apps.get_model("claims", name)
        rows = model.objects.using(alias)
        pending = []
        with_spans = rows.values("article_id").distinct()
        articles = Article.objects.using(alias).filter(pk__in=with_spans).values_list("pk", "body_text")
        for article_id, body in articles.order_by("pk").iterator(chunk_size=100):
            bounds = sentence_bounds(body)
            for span in rows.filter(article_id=article_id).only("pk", "start", "end").iterator(chunk_size=BATCH):
                span.sentence = sentence_around(body, span.start, span.end, bounds=bounds)
                pending.append(span)
                if len(pending) >= BATCH:
                    rows.bulk_update(pending, ["sentence"])
                    pending = []
        if pending:
            rows.bulk_update(pending, ["sentence"])


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0005_merge_review_ingest"),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="sentence",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="quote",
            name="sentence",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
