"""The leaver's mirror and record: read back the statements, correct them, choose what is shared, answer the
closing questions; then the receipt, with which the record can be read, downloaded and withdrawn.

No account: the invitation token (and after completion the receipt token) is the credential. Everything works
without JavaScript; pages use the case's language unless the leaver switches it.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from spiegel.copilot.closing import account_question
from spiegel.interviews.models import Interview, Status
from spiegel.language.classify import THEME_LABELS
from spiegel.language.statements import generalise, recognisable
from spiegel.mirror.actions import (
    ClosingAnswers,
    Decision,
    receipt_url,
    save_decisions,
    submit_review,
    withdraw_record,
)
from spiegel.mirror.models import Statement, Visibility, WouldReturn
from spiegel.mirror.preparing import mirror_ready
from spiegel.mirror.queries import (
    mirror_statements,
    outcome_of,
    record_of,
    replaced_originals,
    restorable,
)
from spiegel.validation import field_errors
from spiegel.web.leaver_case import by_receipt, by_token, leaver_language, link_problem

LeaverView = Callable[[HttpRequest, Interview, str], HttpResponse]


@dataclass
class StatementView:
    statement: Statement
    text: str
    visibility: str
    deleted: bool
    restorable: list[tuple[str, str]]
    errors: list[str] = field(default_factory=list)
    # The leaver's own words the statement was made from ("your words"), while the mirror is open.
    words: list[str] = field(default_factory=list)
    # What a colleague could recognise the leaver by (date, incident, role, small_group), and whether the
    # one-click "make it more general" would change the wording.
    recognisable: list[str] = field(default_factory=list)
    can_generalise: bool = False


@dataclass
class ThemeGroup:
    id: str
    label: str
    items: list[StatementView]


def _theme_label(theme: str, lang: str) -> str:
    return THEME_LABELS.get(theme, {}).get(lang, theme)


def _groups(
    statements: list[Statement], lang: str, posted: dict[str, Any] | None, errors: dict[str, list[str]]
) -> list[ThemeGroup]:
    """Statements grouped by their main theme, in conversation order within each theme; the group of the
    first thing the leaver said (why they leave: the main reason) comes first, then the others in the order
    the leaver first raised them; statements without a theme come last."""
    groups: dict[str, ThemeGroup] = {}
    for s in statements:
        key = str(s.id)
        originals = replaced_originals(s)
        view = StatementView(
            statement=s,
            text=s.text,
            visibility=s.visibility,
            deleted=s.removed,
            restorable=[(p, originals[p]) for p in restorable(s)],
            errors=errors.get(key, []),
            words=[str(x["words"]) for x in s.sources or [] if x.get("words")],
        )
        view.recognisable = recognisable(s.text, lang)
        view.can_generalise = bool(view.recognisable) and generalise(s.text, lang) != s.text
        if posted is not None:
            view.text = posted.get(f"text-{key}", s.text)
            view.visibility = posted.get(f"visibility-{key}", s.visibility)
            view.deleted = posted.get(f"delete-{key}") == "1"
        theme = s.theme_ids[0] if s.theme_ids else ""
        if theme not in groups:
            with translation.override(lang):
                label = _theme_label(theme, lang) if theme else translation.gettext("Other")
            groups[theme] = ThemeGroup(id=theme or "other", label=label, items=[])
        groups[theme].items.append(view)
    return sorted(groups.values(), key=lambda g: g.id == "other")  # dicts keep the order of first mention


# The bulk choices at the top of the mirror: one click sets every statement's visibility.
BULK_CHOICES = (Visibility.ANONYMOUS, Visibility.PRIVATE)


def _decisions_from(post: Any, statements: list[Statement], language: str) -> list[Decision]:
    """The leaver's decisions from the mirror form; "share all anonymously" / "keep all private" set every
    statement's visibility, and "make it more general" rewrites one statement's recognisable details."""
    bulk = post.get("bulk")
    general = post.get("generalise")
    decisions = []
    for s in statements:
        key = str(s.id)
        text = post.get(f"text-{key}")
        if general == key:
            text = generalise(text if text is not None else s.text, language)
        visibility = post.get(f"visibility-{key}") or None
        if bulk in BULK_CHOICES:
            visibility = bulk
        decisions.append(
            Decision(
                id=key,
                visibility=visibility,
                text=text if text is not None and text.strip() != s.text else None,
                delete=post.get(f"delete-{key}") == "1",
                restore=tuple(post.getlist(f"restore-{key}")),
            )
        )
    return decisions


def _page(request: HttpRequest, template: str, context: dict[str, Any], errors: dict[str, list[str]]) -> HttpResponse:
    """A leaver page in the language of its context; 422 when the form it shows has errors."""
    with translation.override(context["lang"]):
        return render(request, template, context, status=422 if errors else 200)


def _in_review(view: LeaverView) -> LeaverView:
    """The mirror and the closing questions are open while the case is in review; otherwise they lead back to
    the conversation, which shows where the case is."""

    @functools.wraps(view)
    def opened(request: HttpRequest, interview: Interview, token: str) -> HttpResponse:
        if interview.status != Status.REVIEW:
            return redirect("web:leaver_chat", token=token)
        return view(request, interview, token)

    return opened


@never_cache
@require_http_methods(["GET", "POST"])
@by_token
@_in_review
def mirror(request: HttpRequest, interview: Interview, token: str) -> HttpResponse:
    lang = leaver_language(request, interview)
    if not mirror_ready(interview):
        return _being_prepared(request, interview, token, lang)
    statements = list(mirror_statements(interview))
    errors: dict[str, list[str]] = {}
    posted = None
    if request.method == "POST":
        try:
            with translation.override(lang):
                save_decisions(interview, _decisions_from(request.POST, statements, lang))
        except ValidationError as exc:
            errors = field_errors(exc)
            posted = request.POST
        else:
            if request.POST.get("next") == "continue":
                return redirect("web:leaver_closing", token=token)
            general = request.POST.get("generalise")
            anchor = f"#s-{general}" if general and general in {str(s.id) for s in statements} else ""
            return redirect(f"{request.path}?saved=1{anchor}")
    context = {
        "case": interview,
        "token": token,
        "lang": lang,
        "groups": _groups(statements, lang, posted, errors),
        "count": len(statements),
        "has_errors": bool(errors),
        "saved": request.GET.get("saved") == "1",
        "visibilities": Visibility.choices,
    }
    return _page(request, "spiegel/leaver/mirror.html", context, errors)


# Seconds between the refreshes of the "still being prepared" page.
PREPARING_REFRESH_SECONDS = 2


def _being_prepared(request: HttpRequest, interview: Interview, token: str, lang: str) -> HttpResponse:
    """The mirror is still being prepared in the background: a short waiting page that reloads itself (the
    Refresh header works without JavaScript) until the statements are there."""
    context = {"case": interview, "token": token, "lang": lang, "refresh": PREPARING_REFRESH_SECONDS}
    with translation.override(lang):
        response = render(request, "spiegel/leaver/mirror_preparing.html", context, status=200)
    response["Refresh"] = str(PREPARING_REFRESH_SECONDS)
    return response


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


@never_cache
@require_http_methods(["GET", "POST"])
@by_token
@_in_review
def closing(request: HttpRequest, interview: Interview, token: str) -> HttpResponse:
    lang = leaver_language(request, interview)
    errors: dict[str, list[str]] = {}
    values: dict[str, str] = {"felt_heard": "", "recommend_score": "", "would_return": "", "comment": ""}
    # After a conversation held by a person, the first closing question: is their account right? (issue 14)
    account = account_question(interview, request.POST.get("account_right") if request.method == "POST" else None)
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip() for k in values}
        answers = ClosingAnswers(
            felt_heard=_int_or_none(values["felt_heard"]),
            recommend_score=_int_or_none(values["recommend_score"]),
            would_return=values["would_return"],
            comment=values["comment"],
        )
        try:
            with translation.override(lang):
                account.check()
                receipt = submit_review(interview, [], answers)
                account.save()
        except ValidationError as exc:
            errors = field_errors(exc)
        else:
            thanks = {"case": interview, "token": None, "lang": lang, "receipt": receipt, "url": receipt_url(receipt)}
            with translation.override(lang):
                return render(request, "spiegel/leaver/receipt_thanks.html", thanks)
    context: dict[str, Any] = {
        "case": interview,
        "token": token,
        "lang": lang,
        "values": values,
        "errors": errors,
        "heard_scale": range(1, 6),
        "recommend_scale": range(0, 11),
        "return_choices": WouldReturn.choices,
        "account_choices": account.choices,
        "account_value": account.value,
    }
    return _page(request, "spiegel/leaver/mirror_closing.html", context, errors)


@never_cache
@require_http_methods(["GET", "POST"])
@by_token
def leaver_withdraw(request: HttpRequest, interview: Interview, token: str) -> HttpResponse:
    return _withdraw_page(request, interview, back=f"/i/{token}/")


def _withdraw_page(request: HttpRequest, interview: Interview, *, back: str) -> HttpResponse:
    lang = leaver_language(request, interview)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        with contextlib.suppress(ValidationError):  # a record that can no longer be withdrawn stays as it is
            withdraw_record(interview)
        interview.refresh_from_db()
    context = {"case": interview, "token": None, "lang": lang, "back": back}
    with translation.override(lang):
        return render(request, "spiegel/leaver/receipt_withdraw.html", context)


def _kept_statements(interview: Interview, lang: str) -> dict[str, Any]:
    """What the receipt page and its PDF show: the statements the leaver kept, by theme, and the outcome."""
    statements = list(Statement.objects.filter(interview=interview, removed=False).order_by("seq"))
    return {"groups": _groups(statements, lang, None, {}), "outcome": outcome_of(interview)}


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@require_http_methods(["GET"])
@by_receipt
def receipt(request: HttpRequest, interview: Interview, receipt: str) -> HttpResponse:
    lang = leaver_language(request, interview)
    context: dict[str, Any] = {"case": interview, "token": None, "receipt": receipt, "lang": lang}
    if interview.status != Status.WITHDRAWN:
        context |= _kept_statements(interview, lang)
    with translation.override(lang):
        return render(request, "spiegel/leaver/receipt.html", context)


@never_cache
@require_http_methods(["GET"])
@by_receipt
def receipt_json(request: HttpRequest, found: Interview, receipt: str) -> HttpResponse:
    if found.status == Status.WITHDRAWN:
        return link_problem(request, "closed")
    body = json.dumps(record_of(found), ensure_ascii=False, indent=2)
    return _download(body.encode("utf-8"), "application/json; charset=utf-8", "spiegel-record.json")


@never_cache
@require_http_methods(["GET"])
@by_receipt
def receipt_pdf(request: HttpRequest, found: Interview, receipt: str) -> HttpResponse:
    # deferred: WeasyPrint takes over a second to load; only making a PDF pays for it
    from weasyprint import HTML

    if found.status == Status.WITHDRAWN:
        return link_problem(request, "closed")
    lang = leaver_language(request, found)
    context = {"case": found, "lang": lang, "record": record_of(found)} | _kept_statements(found, lang)
    with translation.override(lang):
        html = render_to_string("spiegel/leaver/receipt_pdf.html", context)
    return _download(HTML(string=html).write_pdf(), "application/pdf", "spiegel-record.pdf")


@never_cache
@require_http_methods(["GET", "POST"])
@by_receipt
def receipt_withdraw(request: HttpRequest, found: Interview, receipt: str) -> HttpResponse:
    return _withdraw_page(request, found, back=f"/r/{receipt}/")
