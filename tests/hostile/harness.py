"""Hostile input by property: what every request is checked for, and how forms are found.

For every form of the portal (found in the page's HTML, so a new field is driven without
touching these tests) hypothesis sends arbitrary values (strategies.py) and `send()` checks
the answer:

- never a server error (500), never slower than `MAX_SECONDS`;
- a refused input changes nothing in the database (no partial save); an accepted one (a
  redirect) leaves only objects that pass their own `full_clean()`;
- what was sent comes back escaped: no sent value with markup appears raw in the page.

Each example runs in a savepoint that is rolled back, so examples do not see each other.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction

# A request may cost the worker at most 2 s of CPU (what a forged formset count or a huge
# upload used to take); wall-clock time also counts the database and, on a shared 2-core CI
# machine, waiting for a core, so its limit is looser by default.
MAX_SECONDS = float(os.environ.get("HOSTILE_MAX_SECONDS", "2"))
MAX_WALL_SECONDS = float(os.environ.get("HOSTILE_MAX_WALL_SECONDS", "5"))
APPS = {"programmes", "governance", "actions", "monitoring"}
# Tables that may change when nothing is saved: the audit trail records refused logins.
NOT_DATA = {"audit.AuditEvent"}
# How a page shows a refused field (crispy, Django's error list).
# (is-invalid / invalid-feedback: templates of actions/, governance/, monitoring/ until their
# NL Design System restyle lands.)
ERROR_MARKERS = (
    'aria-invalid="true"',
    "utrecht-form-field-error-message",
    'class="errorlist',
    "is-invalid",
    "invalid-feedback",
)


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, str | list[str]] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)


class _FormParser(HTMLParser):
    """The forms of a page with the values a browser would submit unchanged."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: tuple[str, bool] | None = None
        self._select_first: str | None = None
        self._select_chosen: list[str] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Form(
                method=(a.get("method") or "get").lower(), action=a.get("action") or ""
            )
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._option(a)
            return
        name = a["name"]
        if name == "csrfmiddlewaretoken":
            return
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                return
            if kind == "file":
                form.files.add(name)
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    _add(form.fields, name, a.get("value") or "on")
                else:
                    form.fields.setdefault(name, [])
            else:
                form.fields[name] = a.get("value") or ""
        elif tag == "select":
            self._select = (name, "multiple" in a)
            self._select_first, self._select_chosen = None, []
        elif tag == "textarea":
            self._textarea, self._text = name, []

    def _option(self, a):
        value = a.get("value") or ""
        if self._select_first is None:
            self._select_first = value
        if "selected" in a:
            self._select_chosen.append(value)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, multiple = self._select
            chosen = self._select_chosen or ([] if multiple else [self._select_first or ""])
            self._form.fields[name] = chosen if multiple else chosen[0]
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form.fields[self._textarea] = "".join(self._text).lstrip("\n")
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)


def _add(fields, name, value):
    current = fields.get(name)
    if isinstance(current, list):
        current.append(value)
    else:
        fields[name] = [value]


def forms_of(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def encode(data: dict) -> str:
    """URL-encoded form data the way a hostile client may send it: lone surrogates go out
    as the (invalid) UTF-8 bytes they stand for, which no browser would send."""
    parts = []
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            k = quote(str(key).encode("utf-8", "surrogatepass"))
            v = quote(str(item).encode("utf-8", "surrogatepass"))
            parts.append(f"{k}={v}")
    return "&".join(parts)


def _models():
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if model._meta.app_label in APPS and label not in NOT_DATA:
            if not model.__name__.startswith("Historical"):
                yield model


def snapshot() -> dict[str, dict]:
    """Every row of the project's tables, by model and primary key."""
    state = {}
    for model in _models():
        names = [f.attname for f in model._meta.concrete_fields]
        state[model._meta.label] = {
            row[0]: row
            for row in model._base_manager.order_by().values_list("pk", *names).iterator()
        }
    return state


def changed(before: dict, after: dict) -> dict[str, dict]:
    """{model label: {primary key: the changed field names, or None for a new or deleted
    row}}."""
    diff: dict[str, dict] = {}
    for label, rows in after.items():
        old = before.get(label, {})
        names = [f.name for f in apps.get_model(label)._meta.concrete_fields]
        found = {}
        for pk, row in rows.items():
            if pk not in old:
                found[pk] = None
            elif old[pk] != row:
                found[pk] = {
                    n for n, a, b in zip(names, old[pk][1:], row[1:], strict=True) if a != b
                }
        found |= {pk: None for pk in set(old) - set(rows)}
        if found:
            diff[label] = found
    return diff


@dataclass
class Outcome:
    status: int
    seconds: float  # CPU time of the request in this process
    wall: float
    changes: dict[str, dict]
    text: str


class Counter:
    """How many hostile requests a test sent (reported in the terminal summary)."""

    def __init__(self) -> None:
        self.requests = 0


def send(
    client, method: str, url: str, data: dict, *, files=None, htmx=False, counter=None, keep=False
):
    """One hostile request, with every check made, in a savepoint that is rolled back (unless
    `keep`: then what it saved stays for the test to look at)."""
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    with transaction.atomic():
        before = snapshot()
        start, cpu_start = time.perf_counter(), time.thread_time()
        if files is not None:
            response = client.post(url, {**data, **files}, **headers)
        elif method == "post":
            response = client.post(
                url, encode(data), content_type="application/x-www-form-urlencoded", **headers
            )
        else:
            query = encode(data)
            response = client.get(f"{url}?{query}" if query else url, **headers)
        wall, seconds = time.perf_counter() - start, time.thread_time() - cpu_start
        content = b"" if response.streaming else response.content
        text = content.decode("utf-8", "replace")
        after = snapshot()
        diff = changed(before, after)
        outcome = Outcome(response.status_code, seconds, wall, diff, text)
        problems = check(outcome, method, data, response)
        transaction.set_rollback(not keep)
    if counter is not None:
        counter.requests += 1
    assert not problems, f"{method.upper()} {url} with {_short(data)}: {problems}"
    return outcome


def check(outcome: Outcome, method: str, data: dict, response) -> list[str]:
    problems = []
    if outcome.status >= 500:
        problems.append(f"server error {outcome.status}")
    if outcome.seconds > MAX_SECONDS or outcome.wall > MAX_WALL_SECONDS:
        problems.append(f"took {outcome.seconds:.2f} s CPU, {outcome.wall:.2f} s in all")
    if outcome.changes:
        # Saved: a redirect, or 200 for an htmx change answered with a fragment. A refusal
        # (4xx, or a page showing field errors) must have saved nothing at all.
        shows_errors = any(marker in outcome.text for marker in ERROR_MARKERS)
        if outcome.status not in (200, 301, 302, 303) or shows_errors:
            problems.append(f"answered {outcome.status} but changed {outcome.changes}")
        problems.extend(_invalid_objects(outcome.changes))
    if "html" in response.get("Content-Type", ""):
        for value in _values(data):
            if "<" in value and ">" in value and len(value) < 2000 and value in outcome.text:
                problems.append(f"unescaped {value!r} in the page")
    return problems


def _invalid_objects(changes: dict[str, dict]) -> list[str]:
    """What is wrong with the saved objects: a new object in any field, a changed one in the
    fields that changed (a record made elsewhere may lack a field this form never touches)."""
    problems = []
    for label, keys in changes.items():
        model = apps.get_model(label)
        if model._meta.auto_created:  # a many-to-many row: its two ends are checked
            continue
        for obj in model._base_manager.filter(pk__in=keys):
            try:
                obj.full_clean()
            except ValidationError as error:
                fields = keys[obj.pk]
                wrong = {
                    k: v for k, v in error.message_dict.items() if fields is None or k in fields
                }
                if wrong:
                    problems.append(f"saved an invalid {label} {obj.pk}: {wrong}")
    return problems


def _values(data: dict):
    for value in data.values():
        for item in value if isinstance(value, list) else [value]:
            yield str(item)


def _short(data: dict) -> dict:
    return {k: (v[:80] + "…" if isinstance(v, str) and len(v) > 80 else v) for k, v in data.items()}
