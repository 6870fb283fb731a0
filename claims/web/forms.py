"""Page forms: they only shape input; the services decide what is valid (an article, a review action)."""

import secrets

from django import forms

from claims.ids import parse_id
from claims.links import is_http_url
from claims.models import Article, Claim, Feed, Outlet, ReviewStatus, WebhookEndpoint
from claims.scores import CHECKWORTHY_HIGH, WORTH_CHECKING
from claims.selectors.queue import DEFAULT_SORT, SORTS, QueueFilters, assignable_users
from claims.services.review import BULK_ACTIONS
from claims.services.webhooks import refusal


class ArticleSubmitForm(forms.Form):
    """Exactly one source: pasted text, an uploaded .txt/.html file, or a URL to fetch."""

    text = forms.CharField(
        required=False,
        strip=False,  # whitespace-only text must reach ingest so it can say why it is empty
        widget=forms.Textarea(attrs={"rows": 14, "placeholder": "Paste the article text here…", "spellcheck": "false"}),
        label="Article text",
    )
    file = forms.FileField(
        required=False,
        label="…or upload a file",
        help_text="Plain text or HTML, UTF-8.",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,text/plain,text/html"}),
    )
    fetch_url = forms.URLField(
        required=False,
        max_length=2000,
        assume_scheme="https",
        label="…or fetch a web page",
        help_text="The page is downloaded in the background and appears in the list when done.",
        widget=forms.URLInput(attrs={"placeholder": "https://example.com/news/story"}),
    )
    title = forms.CharField(required=False, max_length=500, label="Title")
    url = forms.URLField(
        required=False,
        max_length=2000,
        assume_scheme="https",
        label="Original URL",
        help_text="Where the pasted text was published (optional).",
    )
    published_at = forms.DateField(
        required=False, label="Published", widget=forms.DateInput(attrs={"type": "date"}), help_text="Optional."
    )
    outlet = forms.ModelChoiceField(
        required=False, queryset=Outlet.objects.all(), empty_label="— Choose an outlet —", label="Outlet"
    )
    new_outlet = forms.CharField(
        required=False,
        max_length=200,
        label="…or a new outlet",
        help_text="Only if it is not in the list. A near miss of a known name is refused as a typo.",
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        if url and not is_http_url(url):
            raise forms.ValidationError("Use an http:// or https:// URL.")
        return url

    def clean_fetch_url(self):
        url = self.cleaned_data["fetch_url"]
        if url and not is_http_url(url):
            raise forms.ValidationError("Only http:// and https:// pages can be fetched.")
        return url

    def clean(self):
        data = super().clean() or {}
        if data.get("outlet") and (data.get("new_outlet") or "").strip():
            raise forms.ValidationError("Pick an outlet from the list or name a new one, not both.")
        sources = [name for name in ("text", "file", "fetch_url") if data.get(name)]
        if len(sources) > 1:
            raise forms.ValidationError("Give one source: pasted text, a file or a URL to fetch — not several.")
        if not sources and "text" not in self.errors:
            raise forms.ValidationError("Paste the article text, upload a file or give a URL to fetch.")
        data["source"] = sources[0] if sources else None
        return data


class ArticleFilterForm(forms.Form):
    status = forms.ChoiceField(required=False, choices=[("", "All")] + list(Article.Status.choices))


class QueueFilterForm(forms.Form):
    """Queue filters from the query string; invalid values fall back to "any" rather than failing the page."""

    STATUS_CHOICES = (("open", "Awaiting review"), ("all", "All"), *ReviewStatus.choices)
    KIND_CHOICES = (("", "Quotes and claims"), ("quote", "Quotes"), ("claim", "Claims"))

    status = forms.ChoiceField(required=False, choices=STATUS_CHOICES)
    kind = forms.ChoiceField(required=False, choices=KIND_CHOICES, label="Type")
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search",
        widget=forms.TextInput(attrs={"placeholder": "Text or speaker", "type": "search"}),
    )
    article = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    outlet = forms.ModelChoiceField(required=False, queryset=Outlet.objects.all(), empty_label="Any outlet")
    speaker = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    assigned = forms.ChoiceField(
        required=False, label="Assigned", choices=[("", "Anyone"), ("me", "Assigned to me"), ("none", "Unassigned")]
    )
    min_worth = forms.TypedChoiceField(
        required=False,
        coerce=float,
        empty_value=None,
        label="Check-worthiness",
        choices=[
            ("", "Any"),
            (str(CHECKWORTHY_HIGH), f"Most likely (≥ {CHECKWORTHY_HIGH:.0%})"),
            (str(WORTH_CHECKING), f"Worth checking (≥ {WORTH_CHECKING:.0%})"),
        ],
    )
    max_confidence = forms.TypedChoiceField(
        required=False,
        coerce=float,
        empty_value=None,
        label="Confidence",
        choices=[("", "Any"), ("0.5", "Low (≤ 50%)"), ("0.75", "Below 75%")],
    )
    date_from = forms.DateField(required=False, label="Article from", widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label="Article to", widget=forms.DateInput(attrs={"type": "date"}))
    verdict = forms.ChoiceField(required=False, label="Verdict", choices=[("", "Any"), *Claim.Verdict.choices])
    reviewed_on = forms.DateField(required=False, widget=forms.HiddenInput)
    sort = forms.ChoiceField(required=False, choices=[(k, v[0]) for k, v in SORTS.items()], label="Sort")

    def filters(self) -> QueueFilters:
        """The valid filters; a field with a bad value is ignored (its error is shown next to it)."""
        self.is_valid()
        data = {name: value for name, value in getattr(self, "cleaned_data", {}).items() if name not in self.errors}
        return QueueFilters(
            status=data.get("status") or "open",
            kind=data.get("kind") or "",
            article=data.get("article"),
            outlet=data["outlet"].pk if data.get("outlet") else None,
            speaker=data.get("speaker"),
            assigned=data.get("assigned") or "",
            min_worth=data.get("min_worth"),
            max_confidence=data.get("max_confidence"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            verdict=data.get("verdict") or "",
            reviewed_on=data.get("reviewed_on"),
            q=(data.get("q") or "").strip(),
            sort=data.get("sort") or DEFAULT_SORT,
        )


BULK_LABELS = {"verify": "Verify", "reject": "Reject", "needs_work": "Mark needs work", "assign": "Assign to…"}


class BulkForm(forms.Form):
    """Selected items as "quote:12:3" (type, id, version read) plus an action; or, with `scope=all`, every item
    the queue's filters (`query`, its query string) match, confirmed through a signed `token`."""

    action = forms.ChoiceField(choices=[(action, BULK_LABELS[action]) for action in BULK_ACTIONS])
    items = forms.MultipleChoiceField(choices=[], required=False)
    scope = forms.ChoiceField(required=False, choices=[("", "Selected items"), ("all", "All matching items")])
    query = forms.CharField(required=False, max_length=2000)
    token = forms.CharField(required=False, max_length=4000)
    assignee = forms.CharField(required=False)
    confirmed = forms.BooleanField(required=False)

    MAX_ITEMS = 200

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].valid_value = lambda value: True  # type: ignore[attr-defined]  # parsed in clean_items

    def clean_items(self):
        keys = []
        for raw in self.cleaned_data["items"]:
            kind, _, rest = raw.partition(":")
            pk, _, version = rest.partition(":")
            pk_value, version_value = parse_id(pk), parse_id(version)
            if kind not in ("quote", "claim") or pk_value is None or version_value is None:
                raise forms.ValidationError(f"“{raw[:40]}” is not a queue item.")
            keys.append((kind, pk_value, version_value))
        if len(keys) > self.MAX_ITEMS:
            raise forms.ValidationError(f"Select at most {self.MAX_ITEMS} items at a time.")
        return keys

    def clean(self):
        data = super().clean() or {}
        if data.get("scope") != "all" and not data.get("items") and "items" not in self.errors:
            self.add_error("items", "Select at least one item.")
        if data.get("action") == "assign":
            value = (data.get("assignee") or "").strip()
            if value in ("", "none"):
                data["assignee_user"] = None
            elif (pk := parse_id(value)) and (user := assignable_users().filter(pk=pk).first()):
                data["assignee_user"] = user
            else:
                raise forms.ValidationError("Choose a reviewer to assign the items to.")
        return data


class WebhookEndpointForm(forms.Form):
    """A new webhook endpoint: a public http(s) URL, its signing secret (generated if empty) and events."""

    url = forms.URLField(max_length=2000, assume_scheme="https", label="URL")
    secret = forms.CharField(
        max_length=200, required=False, help_text="Leave empty to have one generated. Used to sign every request."
    )
    events = forms.MultipleChoiceField(
        choices=WebhookEndpoint.Event.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked means every event.",
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not is_http_url(url):
            raise forms.ValidationError("Use an http:// or https:// URL.")
        if why := refusal(url):
            raise forms.ValidationError(f"Webhooks must go to a public address: {why}")
        return url

    def clean_secret(self):
        return self.cleaned_data["secret"].strip() or secrets.token_urlsafe(32)


class FeedForm(forms.Form):
    """Follow a feed: its URL (RSS or Atom), and optionally a title, how often to poll and its outlet."""

    url = forms.URLField(max_length=2000, assume_scheme="https", label="Feed URL")
    title = forms.CharField(max_length=300, required=False, help_text="Leave empty to use the feed's own title.")
    interval_minutes = forms.IntegerField(min_value=1, max_value=7 * 24 * 60, initial=30, label="Poll every (minutes)")
    outlet = forms.ModelChoiceField(required=False, queryset=Outlet.objects.all(), empty_label="— Any —")

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not is_http_url(url):
            raise forms.ValidationError("Use an http:// or https:// URL.")
        if Feed.objects.filter(url=url).exists():
            raise forms.ValidationError("This feed is already followed.")
        return url
