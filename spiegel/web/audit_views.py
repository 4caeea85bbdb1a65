"""The organisation's audit log as people read it (issue 15): translated events, who, what, when; filters by
kind of event, person and date range; paging; a CSV export that is itself in the log. Consultants only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spiegel.interviews.models import Interview
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_audit
from spiegel.privacy.models import AuditEvent
from spiegel.privacy.queries import audit_actors_of, audit_events_for
from spiegel.reports.exports import to_csv
from spiegel.tenancy.models import User
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import Access, access_for
from spiegel.validation import is_uuid
from spiegel.web.audit_labels import EVENT_LABELS, actor_label, object_kind_label, what_label
from spiegel.web.signed_in import signed_in_user

PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    """The filters, from the query string: action, who, from, to (dates, both ends included)."""

    def __init__(self, data: Any, access: Access) -> None:
        super().__init__(data)
        events = sorted(EVENT_LABELS.items(), key=lambda item: str(item[1]))
        self.fields["action"] = forms.ChoiceField(
            label=gettext_lazy("Kind of event"),
            required=False,
            choices=[("", _("everything"))] + [(code, str(label)) for code, label in events],
        )
        people = [(str(u.public_id), u.get_full_name() or u.username) for u in audit_actors_of(access)]
        self.fields["who"] = forms.ChoiceField(
            label=gettext_lazy("Who"),
            required=False,
            choices=[
                ("", _("everyone")),
                ("leaver", _("leavers")),
                ("apikey", _("API keys")),
                ("system", _("Spiegel itself")),
                *people,
            ],
        )
        date_errors = {"invalid": gettext_lazy("Enter a date such as 2026-03-31.")}
        widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        self.fields["from"] = forms.DateField(
            label=gettext_lazy("From"), required=False, widget=widget, error_messages=date_errors
        )
        self.fields["to"] = forms.DateField(
            label=gettext_lazy("To (inclusive)"), required=False, widget=widget, error_messages=date_errors
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            raise forms.ValidationError(
                _(
                    "The start date %(start)s is later than the end date %(end)s. Choose a start on or before the end;"
                    " no events are shown until then."
                )
                % {"start": formats.date_format(start, "DATE_FORMAT"), "end": formats.date_format(end, "DATE_FORMAT")}
            )
        return data


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filtered_events(access: Access, form: AuditFilterForm) -> QuerySet[AuditEvent] | None:
    """The events the valid filters select; None when a filter is wrong (then nothing is shown)."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    return audit_events_for(
        access,
        action=data.get("action") or None,
        actor=data.get("who") or None,
        since=_start_of(data["from"]) if data.get("from") else None,
        before=_start_of(data["to"] + dt.timedelta(days=1)) if data.get("to") else None,
    )


def _references(access: Access, events: list[AuditEvent]) -> dict[str, str]:
    """The short reference (ZN-2026-014) of every case the events concern."""
    ids = {e.object_id for e in events if e.object_type == "interview"}
    cases = Interview.objects.filter(organisation=access.organisation, pk__in=ids).values_list("pk", "reference")
    # A case opened before references existed has none: it reads as "case".
    return {str(pk): reference or object_kind_label("interview") for pk, reference in cases}


def _accounts(events: list[AuditEvent]) -> dict[str, str]:
    """Whose account the events about a user concern: 'account of Sanne de Vries', by public id."""
    ids = {e.object_id for e in events if e.object_type == "user" and is_uuid(e.object_id)}
    return {
        str(u.public_id): _("account of %(name)s") % {"name": u.get_full_name() or u.username}
        for u in User.objects.filter(public_id__in=ids)
    }


def rows_of(access: Access, events: list[AuditEvent]) -> list[dict[str, Any]]:
    """What the page and the export show of each event: all in words, the case by its reference, an account
    by its person's name."""
    references = _references(access, events)
    accounts = _accounts(events)
    rows = []
    for event in events:
        reference = references.get(event.object_id) if event.object_type == "interview" else None
        if event.object_type == "interview":
            thing = reference or _("a case that no longer exists")
        elif event.object_type == "apikey":
            thing = f"{object_kind_label('apikey')} spk_{event.object_id}_…"
        elif event.object_type == "user":
            thing = accounts.get(event.object_id) or object_kind_label("user")
        else:
            thing = object_kind_label(event.object_type)
        rows.append(
            {
                "when": timezone.localtime(event.created_at),
                "who": actor_label(event),
                "what": what_label(event),
                "object": thing,
                "case_id": event.object_id if reference else None,
            }
        )
    return rows


@login_required
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(signed_in_user(request), slug, Capability.AUDIT_VIEW)
    form = AuditFilterForm(request.GET, access)
    events = filtered_events(access, form)
    page = Paginator(events if events is not None else AuditEvent.objects.none(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "access": access,
        "org": access.organisation,
        "form": form,
        "page": page,
        "rows": rows_of(access, list(page.object_list)),
        "query": query.urlencode(),
        "filtered": events is not None,
    }
    return render(request, "spiegel/privacy/audit.html", context, status=200 if events is not None else 400)


@login_required
def audit_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The filtered log as CSV (all pages). The export is recorded in the log, with its filters and size."""
    user = signed_in_user(request)
    access = access_for(user, slug, Capability.AUDIT_VIEW)
    form = AuditFilterForm(request.GET, access)
    events = filtered_events(access, form)
    if events is None:
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    rows = rows_of(access, list(events))
    shown = {key: str(value) for key, value in form.cleaned_data.items() if value}
    log_audit(
        Actor.for_user(user),
        "audit.exported",
        organisation=access.organisation,
        detail={"rows": len(rows), "filters": shown},
    )
    header = [_("When"), _("Who"), _("What"), _("Concerning")]
    body = to_csv(header, ([r["when"].strftime("%Y-%m-%d %H:%M"), r["who"], r["what"], r["object"]] for r in rows))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="audit-{access.organisation.slug}-{stamp}.csv"'
    return response
