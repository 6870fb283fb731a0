"""The production URLs plus `/bench/baseline/quotes/`: the same page of verified quotes the API list
serves (first 50 by id), read with a bare `values()` and sent with `JsonResponse` — the load bench's floor."""

from django.http import JsonResponse
from django.urls import include, path

from claims.models import Quote


def baseline(request):
    rows = list(Quote.objects.filter(status="verified").order_by("id").values()[:50])
    return JsonResponse({"next": None, "previous": None, "results": rows})


urlpatterns = [path("bench/baseline/quotes/", baseline), path("", include("factcheck.urls"))]
