"""An organisation's interview guide per language (issue 15), for the practice's consultants only: leave
topics out and add the organisation's own questions to a topic. Saving goes through `customise_guide`, as
`spiegel guide set` does: every added question is checked against the interviewer's rules and a refused
question is shown beside its topic with the reason; nothing is saved then. New cases use the saved guide."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from spiegel.interviews.actions import customise_guide
from spiegel.interviews.engine import load_default_guide
from spiegel.interviews.models import GuideCustomisation, Language
from spiegel.privacy.actors import Actor
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import access_for
from spiegel.web.signed_in import signed_in_user

MAX_QUESTION_CHARS = 300


@dataclass
class TopicRow:
    id: str
    label: str
    question: str
    left_out: bool
    questions: str  # the organisation's own questions, one per line
    errors: list[str] = field(default_factory=list)


def _rows(language: str, removed: set[str], extra: dict[str, list[str]]) -> list[TopicRow]:
    return [
        TopicRow(t.id, t.label, t.question, t.id in removed, "\n".join(extra.get(t.id, [])))
        for t in load_default_guide(language).ordered_topics()
    ]


def _posted(request: HttpRequest, language: str) -> tuple[list[str], dict[str, list[str]]]:
    known = [t.id for t in load_default_guide(language).topics]
    removed = [t for t in request.POST.getlist("leave_out") if t in known]
    extra: dict[str, list[str]] = {}
    for topic in known:
        lines = [" ".join(line.split()) for line in request.POST.get(f"questions_{topic}", "").splitlines()]
        kept = [line[:MAX_QUESTION_CHARS] for line in lines if line]
        if kept:
            extra[topic] = kept
    return removed, extra


def _place_errors(exc: ValidationError, rows: list[TopicRow]) -> list[str]:
    """Refused questions beside their topic (the error's code names it); the rest for the top of the page."""
    by_id = {row.id: row for row in rows}
    general: list[str] = []
    grouped = exc.error_dict if hasattr(exc, "error_dict") else {"": exc.error_list}
    for name, problems in grouped.items():
        for problem in problems:
            text = " ".join(problem.messages)
            topic = (problem.code or "").removeprefix("topic:") if name == "questions" else ""
            if topic in by_id:
                by_id[topic].errors.append(text)
            else:
                general.append(text)
    return general


@login_required
@require_http_methods(["GET", "POST"])
def guide(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    access = access_for(user, slug, Capability.SETTINGS_MANAGE)
    org = access.organisation
    language = request.GET.get("lang", "nl")
    if language not in Language.values:
        language = "nl"
    general: list[str] = []
    if request.method == "POST":
        removed, extra = _posted(request, language)
        rows = _rows(language, set(removed), extra)
        try:
            customise_guide(Actor.for_user(user), org, language, remove_topics=removed, extra_questions=extra)
        except ValidationError as exc:
            general = _place_errors(exc, rows)
        else:
            messages.success(request, _("Saved: new cases in this language use this guide."))
            return redirect(f"{reverse('web:settings_guide', args=[slug])}?lang={language}")
    else:
        custom = GuideCustomisation.objects.filter(organisation=org, language=language).first()
        rows = _rows(
            language,
            set(custom.remove_topics) if custom else set(),
            dict(custom.extra_questions) if custom else {},
        )
    refused = bool(general) or any(row.errors for row in rows)
    context = {
        "access": access,
        "org": org,
        "language": language,
        "languages": [(str(v), str(label)) for v, label in Language.choices],
        "rows": rows,
        "general_errors": general,
        "refused": refused,
    }
    return render(request, "spiegel/settings/guide.html", context, status=400 if refused else 200)
