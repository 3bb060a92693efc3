"""The demo data: the expert's home has something to show, the bulletin has figures."""

from __future__ import annotations

from django.utils import timezone

from smartvet.consult import demo, queries, rules
from smartvet.consult.models import Article, Expert, TrainingEvent


def test_the_demo_loads_once_and_gives_every_page_something(personas):
    demo.load()
    demo.load()  # idempotent
    assert Expert.objects.filter(account=personas.expert).count() == 1
    assert Article.objects.count() == 2
    assert "13907171234" not in Article.objects.order_by("id").first().question
    assert queries.waiting_for(personas.expert).count() == 1
    assert TrainingEvent.objects.count() == 1
    rows = queries.bulletin("420506", rules.monday_of(timezone.localdate()))
    assert {row.commodity for row in rows} >= {"live_hog", "piglet"}
    assert all(row.wow is not None and row.yoy is not None for row in rows)
