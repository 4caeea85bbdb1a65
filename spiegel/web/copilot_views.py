"""A conversation held by a person of the practice (issue 14): the planning page, the co-pilot page beside the
call with its notes and suggestions, the statements the notes become, the interviewer's profile and own page,
and the leaver's page for a human-led case (who, what happens with their words, the moment, consent).

Who may: the case's assigned interviewer and the organisation's consultants; client roles never
(`copilot.queries.human_case_for`). Every write goes through `spiegel.copilot.actions`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from spiegel.copilot.actions import (
    NoteInputData,
    PlanInput,
    ProfileInput,
    answer_plan,
    assign_interviewer,
    close_notes,
    correct_statements,
    flag_disclosures,
    human_of,
    plan_conversation,
    save_note,
    save_profile,
    send_mirror,
)
from spiegel.copilot.models import Channel, HumanConversation, LeaverAnswer, Note, NoteKind
from spiegel.copilot.queries import human_case_for, my_conversations, notes_of, possible_interviewers, profile_of
from spiegel.copilot.suggest import Copilot, NoteInput, Replay
from spiegel.disclosures.models import Disclosure
from spiegel.disclosures.queries import open_disclosures_for
from spiegel.interviews.bridge import case_context, guide_for
from spiegel.interviews.lifecycle import give_consent
from spiegel.interviews.models import Interview, Status
from spiegel.interviews.queries import TokenError, case_by_token, reference_of
from spiegel.language.classify import THEME_LABELS
from spiegel.mirror.actions import Decision
from spiegel.mirror.queries import mirror_statements
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_interview_view
from spiegel.tenancy.models import Role, User
from spiegel.tenancy.queries import Access, access_for
from spiegel.validation import field_errors, is_uuid
from spiegel.web.leaver_case import leaver_language, link_problem
from spiegel.web.signed_in import signed_in_user


def _copilot(interview: Interview) -> Copilot:
    return Copilot(guide_for(interview), case_context(interview))


def _note_inputs(notes: list[Note]) -> list[NoteInput]:
    return [NoteInput(key=n.client_id, text=n.text, topic=n.topic, kind=n.kind) for n in notes]


def _suggestions(interview: Interview, human: HumanConversation, copilot: Copilot) -> dict[str, Any]:
    """The co-pilot's suggestions for the notes so far; the engine's reading is kept for the next call."""
    notes = _note_inputs(list(notes_of(interview)))
    cached = None
    if human.copilot_state:
        try:
            cached = Replay.from_dict(human.copilot_state)
        except (KeyError, TypeError, ValueError):
            cached = None
    # The engine's reading of all notes but the last is kept: the last one is usually still being typed, so
    # the next call costs one engine turn.
    usable = [n for n in notes if n.text.strip() or n.kind in ("refusal", "skip")]
    prefix = copilot.replay(usable[:-1], cached) if usable else None
    found, _replay = copilot.suggest(notes, prefix)
    if prefix is not None and prefix.digest != human.copilot_digest:
        _store_replay(human, prefix)
    out = found.to_dict()
    if out["warnings"] and not interview.flagged:
        flag_disclosures(interview, out["warnings"])
    return out


def _store_replay(human: HumanConversation, replay: Replay) -> None:
    human.copilot_state = replay.to_dict()
    human.copilot_digest = replay.digest
    human.save(update_fields=["copilot_state", "copilot_digest", "updated_at"])


def _case_page(access: Access, interview: Interview, human: HumanConversation) -> dict[str, Any]:
    """What every staff page of a human-led case shows: the organisation, the case, its reference, the plan."""
    return {
        "access": access,
        "org": access.organisation,
        "case": interview,
        "human": human,
        "reference": reference_of(interview),
    }


# ------------------------------------------------------------------------------------------ planning


@login_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, slug: str, case_id: str) -> HttpResponse:
    """Planning a human-led case: who holds it, the moment and channel proposed, the leaver's answer."""
    access = access_for(signed_in_user(request), slug)
    interview = human_case_for(access, case_id)
    human = human_of(interview)
    errors: dict[str, list[str]] = {}
    values: dict[str, str] = {
        "planned_for": timezone.localtime(human.planned_for).strftime("%Y-%m-%dT%H:%M") if human.planned_for else "",
        "channel": human.channel,
        "channel_detail": human.channel_detail,
        "duration_minutes": str(human.duration_minutes),
    }
    if request.method == "POST":
        actor = Actor.for_user(signed_in_user(request))
        try:
            if request.POST.get("action") == "assign":
                if access.role != Role.CONSULTANT:
                    raise ValidationError(_("Only a consultant gives a case to another interviewer."))
                picked = request.POST.get("interviewer", "")
                user = possible_interviewers(interview).filter(public_id=picked).first() if is_uuid(picked) else None
                if user is None:
                    raise ValidationError(
                        {"interviewer": _("Choose a consultant or interviewer of this organisation.")}
                    )
                assign_interviewer(actor, interview, user)
                messages.success(request, _("The case was given to %(name)s.") % {"name": _name_of(user)})
            else:
                values = {k: request.POST.get(k, "").strip() for k in values}
                moment = parse_datetime(values["planned_for"]) if values["planned_for"] else None
                if moment is not None and timezone.is_naive(moment):
                    moment = timezone.make_aware(moment)
                plan_conversation(
                    actor,
                    interview,
                    PlanInput(
                        planned_for=moment,
                        channel=values["channel"],
                        channel_detail=values["channel_detail"],
                        duration_minutes=_int(values["duration_minutes"], 0),
                    ),
                )
                messages.success(request, _("The moment was proposed; the leaver sees it at their link."))
        except ValidationError as exc:
            errors = field_errors(exc)
        else:
            return redirect("web:human_plan", slug=slug, case_id=interview.id)
    interview.refresh_from_db()
    human.refresh_from_db()
    context = {
        **_case_page(access, interview, human),
        "values": values,
        "errors": errors,
        "channels": Channel.choices,
        "interviewers": [(u, _name_of(u)) for u in possible_interviewers(interview)],
        "assigned_name": _name_of(interview.assigned_interviewer) if interview.assigned_interviewer else "",
        "has_profile": profile_of(signed_in_user(request)) is not None,
    }
    return render(request, "spiegel/copilot/plan.html", context, status=422 if errors else 200)


def _int(value: str, default: int) -> int:
    try:
        return int(value)
    except ValueError:
        return default


def _name_of(user: User | None) -> str:
    if user is None:
        return ""
    profile = profile_of(user)
    if profile is not None:
        return profile.display_name
    return user.get_full_name() or user.username


# ------------------------------------------------------------------------------------------ the co-pilot


@login_required
@require_GET
def copilot(request: HttpRequest, slug: str, case_id: str) -> HttpResponse:
    """The page beside the call: the guide's topics, the notes field, the suggestions, the time."""
    access = access_for(signed_in_user(request), slug)
    interview = human_case_for(access, case_id)
    human = human_of(interview)
    if human.notes_closed_at is not None:
        return redirect("web:human_statements", slug=slug, case_id=interview.id)
    log_interview_view(Actor.for_user(signed_in_user(request)), interview, "notes")
    helper = _copilot(interview)
    notes = list(notes_of(interview))
    with translation.override(interview.language):
        suggestions = _suggestions(interview, human, helper)
    context = {
        **_case_page(access, interview, human),
        "topics": suggestions["topics"],
        "notes": notes,
        "boot": {
            "notes": [{"client_id": n.client_id, "text": n.text, "topic": n.topic, "kind": n.kind} for n in notes],
            "suggestions": suggestions,
            "started": human.started_at.isoformat() if human.started_at else "",
            "minutes": human.duration_minutes,
            "open": interview.status == Status.IN_PROGRESS,
        },
        "kinds": NoteKind.choices,
    }
    return render(request, "spiegel/copilot/copilot.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def copilot_notes(request: HttpRequest, slug: str, case_id: str) -> JsonResponse:
    """The notes as JSON (GET) or one note saved as typed (POST, JSON {client_id, text, topic, kind}); both
    answer with the co-pilot's suggestions for the notes so far."""
    access = access_for(signed_in_user(request), slug)
    interview = human_case_for(access, case_id)
    human = human_of(interview)
    helper = _copilot(interview)
    saved: dict[str, Any] | None = None
    if request.method == "POST":
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            return JsonResponse({"errors": {"": [_("The request is not valid JSON.")]}}, status=400)
        if not isinstance(body, dict):
            return JsonResponse({"errors": {"": [_("The request is not valid JSON.")]}}, status=400)
        data = NoteInputData(
            client_id=str(body.get("client_id", "")),
            text=str(body.get("text", "")),
            topic=str(body.get("topic", "") or ""),
            kind=str(body.get("kind", "note") or "note"),
        )
        try:
            note = save_note(Actor.for_user(signed_in_user(request)), interview, data, helper.topics)
        except ValidationError as exc:
            status = 409 if human_of(interview).notes_closed_at or interview.status != Status.IN_PROGRESS else 422
            return JsonResponse({"errors": field_errors(exc)}, status=status)
        saved = {"client_id": data.client_id, "seq": note.seq if note else None, "stored": note is not None}
        human.refresh_from_db()
    with translation.override(interview.language):
        suggestions = _suggestions(interview, human, helper)
    notes = [{"client_id": n.client_id, "text": n.text, "topic": n.topic, "kind": n.kind} for n in notes_of(interview)]
    return JsonResponse({"saved": saved, "notes": notes, "suggestions": suggestions})


@login_required
@require_POST
def copilot_close(request: HttpRequest, slug: str, case_id: str) -> HttpResponse:
    """End the conversation: the notes become statements, which the interviewer reads next."""
    access = access_for(signed_in_user(request), slug)
    interview = human_case_for(access, case_id)
    try:
        count = close_notes(Actor.for_user(signed_in_user(request)), interview)
    except ValidationError as exc:
        for problem in exc.messages:
            messages.error(request, problem)
        human = human_of(interview)
        if human.notes_closed_at is not None:
            return redirect("web:human_statements", slug=slug, case_id=interview.id)
        return redirect("web:copilot", slug=slug, case_id=interview.id)
    messages.success(request, _("The notes became %(n)s statements. Read them before the leaver does.") % {"n": count})
    return redirect("web:human_statements", slug=slug, case_id=interview.id)


# ------------------------------------------------------------------------------------------ statements


@login_required
@require_http_methods(["GET", "POST"])
def statements(request: HttpRequest, slug: str, case_id: str) -> HttpResponse:
    """The statements made of the notes: the interviewer corrects them, then sends the leaver the mirror."""
    access = access_for(signed_in_user(request), slug)
    interview = human_case_for(access, case_id)
    human = human_of(interview)
    if human.notes_closed_at is None:
        return redirect("web:copilot", slug=slug, case_id=interview.id)
    actor = Actor.for_user(signed_in_user(request))
    errors: dict[str, list[str]] = {}
    items = list(mirror_statements(interview))
    if request.method == "POST":
        sending = request.POST.get("action") == "send"
        try:
            if sending and request.POST.get("read") != "1":
                raise ValidationError({"read": [_("Tick that you have read every statement, then send.")]})
            decisions = []
            for s in items:
                key = str(s.id)
                text = request.POST.get(f"text-{key}")
                decisions.append(
                    Decision(
                        id=key,
                        text=text if text is not None and text.strip() != s.text else None,
                        delete=request.POST.get(f"delete-{key}") == "1",
                    )
                )
            with translation.override(interview.language):
                correct_statements(actor, interview, decisions)
                if sending:
                    send_mirror(actor, interview)
            if sending:
                messages.success(request, _("The leaver can now read your account at their link."))
            else:
                messages.success(request, _("Your corrections were saved."))
        except ValidationError as exc:
            errors = field_errors(exc)
        else:
            return redirect("web:human_statements", slug=slug, case_id=interview.id)
    log_interview_view(actor, interview, "statements")
    interview.refresh_from_db()
    human.refresh_from_db()
    context = {
        **_case_page(access, interview, human),
        "statements": [
            {"s": s, "themes": [_theme_label(t) for t in s.theme_ids]} for s in mirror_statements(interview)
        ],
        "errors": errors,
        "sent": human.mirror_sent_at is not None,
    }
    return render(request, "spiegel/copilot/statements.html", context, status=422 if errors else 200)


def _theme_label(theme: str) -> str:

    return THEME_LABELS.get(theme, {}).get((translation.get_language() or "en")[:2], theme)


# ------------------------------------------------------------------------------------------ the interviewer


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """How this interviewer introduces themself to leavers: name, practice, introduction, photo."""
    user = signed_in_user(request)
    if not user.memberships.filter(role__in=(Role.CONSULTANT, Role.INTERVIEWER)).exists():
        raise Http404("Only the practice holds conversations.")
    current = profile_of(user)
    values = {
        "display_name": current.display_name if current else (user.get_full_name() or ""),
        "practice": current.practice if current else "",
        "introduction": current.introduction if current else "",
    }
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in values}
        photo = request.FILES.get("photo")
        try:
            save_profile(
                user,
                ProfileInput(**values),
                photo=photo,
                remove_photo=request.POST.get("remove_photo") == "1",
            )
        except ValidationError as exc:
            errors = field_errors(exc)
        else:
            messages.success(request, _("Your profile was saved."))
            return redirect("web:interviewer_profile")
    context = {"values": values, "errors": errors, "profile": current}
    return render(request, "spiegel/copilot/profile.html", context, status=422 if errors else 200)


@login_required
@require_GET
def profile_photo(request: HttpRequest) -> FileResponse:
    current = profile_of(signed_in_user(request))
    if current is None or not current.photo:
        raise Http404("No photo.")
    return _photo_response(current.photo)


def _photo_response(photo: Any) -> FileResponse:
    name = str(photo.name)
    kind = "image/png" if name.endswith(".png") else "image/jpeg"
    response = FileResponse(photo.open("rb"), content_type=kind)
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The interviewer's own page: upcoming conversations, notes to finish, statements to read, mirrors with
    the leaver, disclosures to follow up."""
    user = signed_in_user(request)
    if not user.memberships.filter(role__in=(Role.CONSULTANT, Role.INTERVIEWER)).exists():
        raise Http404("Only the practice holds conversations.")
    groups = my_conversations(user)
    where = {
        "upcoming": ("web:human_plan", _("Upcoming conversations"), _("Nothing planned."), _("Plan")),
        "notes": ("web:copilot", _("Notes to finish"), _("No conversation under way."), _("Co-pilot")),
        "statements": (
            "web:human_statements",
            _("Statements to read and send"),
            _("Nothing waiting for you."),
            _("Statements"),
        ),
        "mirror": (
            "web:human_plan",
            _("With the leaver (mirror sent)"),
            _("No mirror waiting for a leaver."),
            _("Open"),
        ),
        "flagged": ("web:human_plan", _("Disclosures to follow up"), _("No disclosures."), _("Open")),
    }
    sections = []
    for key, (route, title, empty, action) in where.items():
        rows = [
            {
                "case": i,
                "ref": reference_of(i),
                "human": getattr(i, "human", None),
                "url": reverse(route, args=[i.organisation.slug, i.id]),
            }
            for i in groups[key]
        ]
        sections.append({"key": key, "title": title, "empty": empty, "action": action, "rows": rows})
    open_disclosures = [
        {"disclosure": d, "ref": reference_of(d.interview), "url": _follow_up_url(d)}
        for d in open_disclosures_for(user)
    ]
    return render(request, "spiegel/copilot/mine.html", {"sections": sections, "open_disclosures": open_disclosures})


def _follow_up_url(disclosure: Disclosure) -> str:
    url = reverse("web:case_disclosures", args=[disclosure.interview.organisation.slug, disclosure.interview_id])
    return f"{url}#disclosure-{disclosure.pk}"


# ------------------------------------------------------------------------------------------ the leaver


def leaver_page(request: HttpRequest, token: str, interview: Interview) -> HttpResponse:
    """The leaver's page of a human-led case (called by the landing page): who holds the conversation, what
    happens with their words, the proposed moment with confirm or ask for another, and consent; after the
    conversation, that the account is being written, and once sent, the mirror."""
    lang = leaver_language(request, interview)
    if interview.status == Status.REVIEW:
        return redirect("web:leaver_mirror", token=token)
    human = human_of(interview)
    errors: dict[str, list[str]] = {}
    message = ""
    if request.method == "POST":
        confirm = request.POST.get("answer") == "confirm"
        message = request.POST.get("message", "")
        try:
            with translation.override(lang):
                if request.POST.get("answer") == "consent":
                    _consent_only(request, interview)
                elif confirm and request.POST.get("consent") != "yes":
                    raise ValidationError({"consent": _("Please tick the box to agree, or ask for another moment.")})
                elif request.POST.get("answer") in ("confirm", "other"):
                    answer_plan(interview, confirm=confirm, message=message)
                else:
                    raise ValidationError(_("Choose to confirm the moment or to ask for another one."))
        except ValidationError as exc:
            errors = field_errors(exc)
        else:
            return redirect("web:leaver_landing", token=token)
        interview.refresh_from_db()
        human.refresh_from_db()
    holder = interview.assigned_interviewer
    context = {
        "case": interview,
        "token": token,
        "lang": lang,
        "human": human,
        "holder": profile_of(holder),
        "holder_name": _name_of(holder) if holder else "",
        "errors": errors,
        "message": message,
        "consented": interview.consented_at is not None,
        "confirmed": human.leaver_answer == LeaverAnswer.CONFIRMED,
        "asked_other": human.leaver_answer == LeaverAnswer.OTHER_MOMENT,
        "held": human.notes_closed_at is not None or human.started_at is not None,
        "end": human.planned_for + dt.timedelta(minutes=human.duration_minutes) if human.planned_for else None,
    }
    with translation.override(lang):
        return render(request, "spiegel/copilot/leaver.html", context, status=422 if errors else 200)


def _consent_only(request: HttpRequest, interview: Interview) -> None:

    if request.POST.get("consent") != "yes":
        raise ValidationError({"consent": _("Please tick the box to agree, or simply close this page.")})
    give_consent(interview)


@never_cache
@require_GET
def leaver_photo(request: HttpRequest, token: str) -> HttpResponse | FileResponse:
    """The interviewer's photo on the leaver's page (behind the leaver's link, like the page itself)."""
    try:
        interview = case_by_token(token)
    except TokenError as exc:
        return link_problem(request, exc.reason, exc.language)
    current = profile_of(interview.assigned_interviewer)
    if current is None or not current.photo:
        raise Http404("No photo.")
    return _photo_response(current.photo)
