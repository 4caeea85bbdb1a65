"""The organisation's view: dashboard, PDF report (made by a background task), exports, and the report about
one interview. Every figure comes from the suppression-aware queries of spiegel.analysis."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from spiegel.analysis.queries import FilterError, Filters, parse_month, shared_statements_for
from spiegel.interviews.models import Mode
from spiegel.language.text import strip_control
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_organisation_view
from spiegel.reports.actions import request_report
from spiegel.reports.dashboard import (
    AGGREGATE_HEADER,
    STATEMENT_HEADER,
    aggregate_rows,
    build_dashboard,
    leave_type_choices,
)
from spiegel.reports.exports import to_csv, to_xlsx
from spiegel.reports.queries import latest_report, report_for, report_pdf
from spiegel.tenancy.models import Department
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import access_for
from spiegel.web.signed_in import signed_in_user

FILTER_FIELDS = ("from", "to", "department", "leave_type", "mode")


def _language() -> str:
    return (get_language() or "nl")[:2]


def _form(data: Any) -> dict[str, str]:
    # control characters carry no meaning in a filter (and PostgreSQL refuses NUL in a query)
    return {name: strip_control(str(data.get(name, "") or "")).strip()[:120] for name in FILTER_FIELDS}


def _shown(form: dict[str, str]) -> dict[str, str]:
    """The filters as the audit log keeps them: only those given."""
    return {k: v for k, v in form.items() if v}


def _filters(form: dict[str, str]) -> Filters:
    filters = Filters(
        start=parse_month(form["from"], "from") if form["from"] else None,
        end=parse_month(form["to"], "to") if form["to"] else None,
        department=form["department"] or None,
        leave_type=form["leave_type"] or None,
        mode=form["mode"] or None,
        language=_language(),
    )
    filters.validate()
    return filters


def filter_message(exc: FilterError, form: dict[str, str]) -> str:
    """What was wrong with a filter, in the page's language (FilterError's own message is the API's English)."""
    if exc.field in ("from", "to"):
        try:
            later = parse_month(form["from"], "from") > parse_month(form["to"], "to")
        except FilterError:
            later = False
        if later:
            return _("The start month is later than the end month. Choose a start on or before the end.")
        return _("Write a month as year and month between 1900-01 and 2100-12, for example 2025-01.")
    return _("That filter value is not one of the choices. Choose one from the list.")


def _filters_or_error(form: dict[str, str]) -> tuple[Filters | None, str | None]:
    try:
        return _filters(form), None
    except FilterError as exc:
        return None, filter_message(exc, form)


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(signed_in_user(request), slug, Capability.OVERVIEW_VIEW)
    form = _form(request.GET)
    filters, error = _filters_or_error(form)
    # A view that is not what was asked would be read as if it were: with a bad filter, the page shows the
    # message and the form, and no figures.
    dash = build_dashboard(access, filters) if filters else None
    log_organisation_view(
        Actor.for_user(signed_in_user(request)),
        access.organisation,
        "dashboard.viewed",
        detail={"filters": _shown(form)},
    )
    context = {
        "access": access,
        "org": access.organisation,
        "dash": dash,
        "form": form,
        "error": error,
        "query": urlencode({k: v for k, v in form.items() if v}),
        "departments": list(Department.objects.filter(organisation=access.organisation).values_list("name", flat=True)),
        "leave_types": leave_type_choices(),
        "modes": Mode.choices,
        "job": latest_report(access),
    }
    return render(request, "spiegel/dashboard/dashboard.html", context, status=422 if error else 200)


@login_required
@require_POST
def report_request(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(signed_in_user(request), slug, Capability.OVERVIEW_VIEW)
    form = _form(request.POST)
    try:
        filters = _filters(form)
    except FilterError as exc:
        return HttpResponse(exc.message, status=422)
    job = request_report(access, filters, signed_in_user(request))
    if request.headers.get("HX-Request"):
        return render(
            request, "spiegel/dashboard/_report_status.html", {"access": access, "org": access.organisation, "job": job}
        )
    return redirect(f"{reverse('web:report_status', args=[slug])}?job={job.id}")


@login_required
def report_status(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(signed_in_user(request), slug, Capability.OVERVIEW_VIEW)
    job = report_for(access, request.GET.get("job", ""))
    context = {"access": access, "org": access.organisation, "job": job}
    if request.headers.get("HX-Request"):
        return render(request, "spiegel/dashboard/_report_status.html", context)
    return render(request, "spiegel/dashboard/report_status.html", context)


@login_required
def report_download(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(signed_in_user(request), slug, Capability.OVERVIEW_VIEW)
    job = report_for(access, request.GET.get("job", ""))
    pdf = report_pdf(job)  # None once a leaver in it withdrew, until it is made again without them
    if pdf is None:
        raise Http404("The report is not ready.")
    log_organisation_view(
        Actor.for_user(signed_in_user(request)),
        access.organisation,
        "report.downloaded",
        object_type="report",
        object_id=str(job.id),
        detail={"filters": job.filters},
    )
    stamp = job.created_at.strftime("%Y-%m")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="spiegel-{slug}-{stamp}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def export(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(signed_in_user(request), slug, Capability.OVERVIEW_VIEW)
    kind, fmt = request.GET.get("what", ""), request.GET.get("format", "")
    if kind not in ("aggregates", "statements") or fmt not in ("csv", "xlsx"):
        raise Http404("No such export.")
    try:
        filters = _filters(_form(request.GET))
    except FilterError as exc:
        return HttpResponse(exc.message, status=422, content_type="text/plain; charset=utf-8")
    if kind == "aggregates":
        header, rows = AGGREGATE_HEADER, aggregate_rows(build_dashboard(access, filters))
        title = _("Figures")
    else:
        header = STATEMENT_HEADER
        rows = [[s.case, s.theme, s.label, s.polarity, s.kind, s.text] for s in shared_statements_for(access, filters)]
        title = _("Shared statements")
    log_organisation_view(
        Actor.for_user(signed_in_user(request)),
        access.organisation,
        "export.downloaded",
        detail={"what": kind, "format": fmt, "rows": len(rows), "filters": _shown(_form(request.GET))},
    )
    if fmt == "csv":
        body, content_type = to_csv(header, rows), "text/csv; charset=utf-8"
    else:
        body = to_xlsx([(title, header, rows)])
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="spiegel-{slug}-{kind}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response
