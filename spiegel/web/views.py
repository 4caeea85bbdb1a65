"""Staff pages: sign-in, organisation switcher, cases, API keys."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from spiegel.disclosures.actions import store_for_case
from spiegel.disclosures.queries import disclosures_of, sees_disclosures, with_open_disclosures
from spiegel.interviews.actions import open_case, renew_invitation
from spiegel.interviews.forms import CaseForm
from spiegel.interviews.lifecycle import withdraw_case
from spiegel.interviews.links import invitation_url
from spiegel.interviews.models import Mode, Status
from spiegel.interviews.queries import (
    SORTS,
    case_for,
    cases_for,
    possible_duplicates,
    reference_of,
    status_counts,
)
from spiegel.interviews.references import reference_prefix
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_audit
from spiegel.privacy.second_factor import needs_second_step
from spiegel.privacy.throttle import (
    account_key,
    account_limit,
    count_failure,
    forget_failures,
    ip_key,
    ip_limit,
    retry_after,
)
from spiegel.tenancy.actions import log_account_event
from spiegel.tenancy.models import Role, User
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import access_for, memberships_of
from spiegel.validation import field_errors
from spiegel.web.doors import minutes
from spiegel.web.privacy_views import overview_context
from spiegel.web.second_factor_views import begin_second_step
from spiegel.web.signed_in import signed_in_user


class SpiegelLoginView(LoginView):
    """Sign-in, throttled per address and per user name (429 with Retry-After once locked, before any
    password is hashed); every sign-in and failed sign-in is in the audit log."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def _keys(self) -> tuple[str, str]:
        return ip_key(self.request), account_key(str(self.request.POST.get("username", ""))[:150])

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        address, account = self._keys()
        wait = max(retry_after(address, ip_limit()), retry_after(account, account_limit()))
        if wait:
            context = self.get_context_data(form=self.get_form(), locked_minutes=minutes(wait))
            response = self.render_to_response(context, status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        count_failure(*self._keys())
        username = str(self.request.POST.get("username", ""))[:150]
        known = User.objects.filter(username=username).first()
        if known is None:
            log_audit(Actor(label="sign-in"), "auth.login_failed", organisation=None, detail={"account_exists": False})
        else:  # each organisation of the account sees the failed attempts on it
            log_account_event(
                Actor(label="sign-in", user=known), "auth.login_failed", known, detail={"account_exists": True}
            )
        return super().form_invalid(form)

    def form_valid(self, form: Any) -> HttpResponse:

        user = form.get_user()
        if needs_second_step(user):  # the password alone does not sign in: a code follows
            return begin_second_step(self.request, user, self.get_success_url())
        forget_failures(self._keys()[1])
        response = super().form_valid(form)
        user = signed_in_user(self.request)
        log_account_event(Actor.for_user(user), "auth.login", user)
        return response


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("web:login")


def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    memberships = list(memberships_of(signed_in_user(request)))
    if len(memberships) == 1:
        return redirect("web:org_home", slug=memberships[0].organisation.slug)
    return redirect("web:orgs")


@login_required
def org_switcher(request: HttpRequest) -> HttpResponse:
    return render(request, "spiegel/orgs.html", {"memberships": memberships_of(signed_in_user(request))})


@login_required
def org_home(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(signed_in_user(request), slug, Capability.OVERVIEW_VIEW)
    counts = status_counts(access)
    rows = [(Status(s).label, s, n) for s, n in counts.items()]
    context = {"access": access, "org": access.organisation, "rows": rows, "role_label": Role(access.role).label}
    context |= overview_context(access)
    return render(request, "spiegel/org_home.html", context)


CASES_PER_PAGE = 25


@login_required
def case_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(signed_in_user(request), slug, Capability.CASE_LIST)
    status = request.GET.get("status") or None
    if status and status not in Status.values:
        status = None
    department = request.GET.get("department") or None
    mode = request.GET.get("mode") or None
    if mode and mode not in Mode.values:
        mode = None
    # Disclosures are for the practice only (the consultant, the interviewer their cases), as on the case page.
    sees_flags = sees_disclosures(access)
    flagged = {"yes": True, "no": False}.get(request.GET.get("flagged", "")) if sees_flags else None
    search = request.GET.get("q", "").strip()[:120]
    sort = request.GET.get("sort", "newest")
    if sort not in SORTS:
        sort = "newest"
    cases = cases_for(
        access, status=status, department=department, mode=mode, flagged=flagged, search=search, sort=sort
    )
    if sees_flags:
        cases = with_open_disclosures(cases)
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "spiegel/case_list.html",
        {
            "access": access,
            "org": access.organisation,
            "cases": page.object_list,
            "page": page,
            "query": query.urlencode(),
            "prefix": reference_prefix(access.organisation.name),
            "statuses": Status.choices,
            "modes": Mode.choices,
            "sorts": [
                ("newest", _("Newest first")),
                ("oldest", _("Oldest first")),
                ("leave_date", _("Leave date")),
                ("department", _("Department")),
                ("status", _("Status")),
            ],
            "sees_flags": sees_flags,
            "departments": access.organisation.departments.all(),
            "current_status": status or "",
            "current_department": department or "",
            "current_mode": mode or "",
            "current_flagged": {True: "yes", False: "no"}.get(flagged, "") if flagged is not None else "",
            "current_sort": sort,
            "search": search,
        },
    )


# The invitation link waits in the session only from the POST that made it to the page that shows it once.
LINK_SESSION_KEY = "spiegel.new_link"


def _show_link_once(
    request: HttpRequest, slug: str, interview_id: object, token: str, *, renewed: bool
) -> HttpResponse:
    """Post/redirect/get: a reload of the link's page shows the page again and opens nothing new."""
    request.session[LINK_SESSION_KEY] = {"case": str(interview_id), "link": invitation_url(token), "renewed": renewed}
    return redirect("web:case_link", slug=slug, case_id=interview_id)


@login_required
def case_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(signed_in_user(request), slug, Capability.CASE_CREATE)
    form = CaseForm(request.POST or None, organisation=access.organisation)
    duplicates: list[Any] = []
    if request.method == "POST" and form.is_valid():
        data = form.to_input()
        if request.POST.get("confirm_duplicate") != "yes":
            duplicates = list(
                possible_duplicates(
                    access, department=data.department, role_title=data.role_title, leave_date=data.leave_date
                )[:5]
            )
        if not duplicates:
            try:
                interview, token = open_case(Actor.for_user(signed_in_user(request)), access.organisation, data)
            except ValidationError as exc:
                for field, errors in field_errors(exc).items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                return _show_link_once(request, slug, interview.id, token, renewed=False)
    status = 200
    if request.method == "POST":
        status = 409 if duplicates else 422
    return render(
        request,
        "spiegel/case_new.html",
        {
            "access": access,
            "org": access.organisation,
            "form": form,
            "departments": access.organisation.departments.all(),
            "duplicates": duplicates,
        },
        status=status,
    )


@login_required
def case_link(request: HttpRequest, slug: str, case_id: str) -> HttpResponse:
    """The leaver's link, shown once after it was made; afterwards this page says how to get a new one."""
    access = access_for(signed_in_user(request), slug)
    interview = case_for(access, case_id, Capability.CASE_INVITE)
    waiting = request.session.get(LINK_SESSION_KEY) or {}
    shown = waiting.get("case") == str(interview.id)
    if shown:
        del request.session[LINK_SESSION_KEY]
    return render(
        request,
        "spiegel/case_created.html",
        {
            "access": access,
            "org": access.organisation,
            "case": interview,
            "link": waiting.get("link") if shown else None,
            "renewed": bool(waiting.get("renewed")) if shown else False,
        },
    )


@login_required
def case_detail(request: HttpRequest, slug: str, case_id: str) -> HttpResponse:
    access = access_for(signed_in_user(request), slug, Capability.CASE_VIEW)
    interview = case_for(access, case_id)
    reference = reference_of(interview)
    if sees_disclosures(access):
        store_for_case(interview)
    context = {"access": access, "org": access.organisation, "case": interview, "reference": reference}
    return render(request, "spiegel/case_detail.html", context | {"disclosures": disclosures_of(access, interview)})


@login_required
@require_POST
def case_withdraw(request: HttpRequest, slug: str, case_id: str) -> HttpResponse:
    access = access_for(signed_in_user(request), slug)
    interview = case_for(access, case_id, Capability.CASE_WITHDRAW)
    try:
        withdraw_case(Actor.for_user(signed_in_user(request)), interview)
        messages.success(request, _("The case was withdrawn; its link no longer works."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("web:case_detail", slug=slug, case_id=interview.id)


@login_required
@require_POST
def case_renew(request: HttpRequest, slug: str, case_id: str) -> HttpResponse:
    access = access_for(signed_in_user(request), slug)
    interview = case_for(access, case_id, Capability.CASE_INVITE)
    try:
        token = renew_invitation(Actor.for_user(signed_in_user(request)), interview)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("web:case_detail", slug=slug, case_id=interview.id)
    return _show_link_once(request, slug, interview.id, token, renewed=True)
