"""Reads an admin form back from its HTML, so tests post what a browser would."""

from html.parser import HTMLParser

from django.urls import reverse
from reversion.models import Version


class _FormParser(HTMLParser):
    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.data: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_values: list[str] = []
        self._select_first: str | None = None
        self._option_value: str | None = None
        self._option_selected = False
        self._option_text = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(name, []).append(
                a.get("value", "on" if kind == "checkbox" else "")
            )
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select, self._select_values, self._select_first = name, [], None
        elif tag == "option" and self._select:
            self._option_value = a.get("value")
            self._option_selected = "selected" in a
            self._option_text = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea][-1] += data
        elif self._option_value is not None or self._select and self._option_text is not None:
            self._option_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "option" and self._select:
            value = self._option_value if self._option_value is not None else self._option_text
            if self._select_first is None:
                self._select_first = value
            if self._option_selected:
                self._select_values.append(value)
            self._option_value = None
        elif tag == "select" and self._select:
            values = self._select_values or (
                [self._select_first] if self._select_first is not None else []
            )
            if values:
                self.data[self._select] = values
            self._select = None


def form_data(html: str, form_id: str) -> dict[str, str | list[str]]:
    """The fields a browser would submit for the form `form_id`."""
    parser = _FormParser(form_id)
    parser.feed(html)
    data: dict[str, str | list[str]] = {}
    for name, values in parser.data.items():
        values = [v[1:] if v.startswith("\n") else v for v in values]
        data[name] = values[0] if len(values) == 1 else values
    return data


def change_form_data(client, url: str, form_id: str = "countrypage_form") -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return form_data(response.content.decode(), form_id)


def change_url(page) -> str:
    """The admin change form of a country page."""
    return reverse("admin:pages_countrypage_change", args=[page.pk])


def oldest_revision_url(page) -> str:
    """The admin page that restores the page's first saved version."""
    baseline = Version.objects.get_for_object(page).last()
    return reverse("admin:pages_countrypage_revision", args=[page.pk, baseline.pk])
