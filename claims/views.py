"""Reviewer pages (placeholder, being built)."""
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def article_list(request):
    return HttpResponse("list")


@login_required
def article_submit(request):
    return HttpResponse("submit")


@login_required
def article_detail(request, pk):
    return HttpResponse("detail")


@login_required
def article_retry(request, pk):
    return HttpResponse("retry")
