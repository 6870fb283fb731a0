"""Reviewer-page forms; they only shape input, the ingest service decides what is a valid article."""
from django import forms

from .models import Article


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
        required=False, max_length=2000, assume_scheme="https", label="Original URL",
        help_text="Where the pasted text was published (optional).",
    )
    outlet = forms.CharField(required=False, max_length=200, label="Outlet")

    def clean(self):
        data = super().clean()
        sources = [name for name in ("text", "file", "fetch_url") if data.get(name)]
        if len(sources) > 1:
            raise forms.ValidationError("Give one source: pasted text, a file or a URL to fetch — not several.")
        if not sources and "text" not in self.errors:
            raise forms.ValidationError("Paste the article text, upload a file or give a URL to fetch.")
        data["source"] = sources[0] if sources else None
        return data


class ArticleFilterForm(forms.Form):
    status = forms.ChoiceField(required=False, choices=[("", "All")] + list(Article.Status.choices))
