"""The practice's follow-up of serious disclosures (issue 13): the case's disclosures page, reached from the
case page and from the practitioner's overview. Client roles never reach it (403), other organisations 404.

The route is formed from the organisation and the case alone (the leak tests walk every such route); the
disclosure a POST changes is named in its body.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from spiegel.disclosures.actions import follow_up, store_for_case
from spiegel.disclosures.forms import FollowUpForm
from spiegel.disclosures.queries import FOLLOW_UP, disclosure_for, disclosures_of
from spiegel.interviews.queries import case_for, reference_of
from spiegel.privacy.actors import Actor
from spiegel.tenancy.queries import access_for
from spiegel.validation import field_errors
from spiegel.web.signed_in import signed_in_user


@login_required
@require_http_methods(["GET", "POST"])
def case_disclosures(request: HttpRequest, slug: str, case_id: str) -> HttpResponse:
    """Every disclosure of the case with its follow-up form; a valid POST saves one (audited) and shows the
    page again at that disclosure (post/redirect/get)."""
    user = signed_in_user(request)
    access = access_for(user, slug)
    interview = case_for(access, case_id, FOLLOW_UP)
    chosen = None
    if request.method == "POST":
        try:
            chosen = disclosure_for(access, interview.pk, request.POST.get("disclosure", ""))
        except Http404:
            messages.error(request, _("That disclosure is not part of this case."))
            return redirect(reverse("web:case_disclosures", args=[slug, interview.pk]))
    else:
        store_for_case(interview)
    forms = []
    status = 200
    for disclosure in disclosures_of(access, interview):
        bound = chosen is not None and disclosure.pk == chosen.pk
        form = FollowUpForm(request.POST if bound else None, disclosure=disclosure, prefix=str(disclosure.pk))
        if bound and form.is_valid():
            data = form.cleaned_data
            try:
                follow_up(
                    Actor.for_user(user),
                    disclosure,
                    status=data["status"],
                    note=data.get("note", ""),
                    wish=None if form.wish_from_leaver else data.get("wish", ""),
                )
            except ValidationError as exc:
                for field, errors in field_errors(exc).items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("The follow-up is saved."))
                url = reverse("web:case_disclosures", args=[slug, interview.pk])
                return redirect(f"{url}#disclosure-{disclosure.pk}")
        if bound:
            status = 400
        forms.append((disclosure, form))
    return render(
        request,
        "spiegel/disclosures/case_disclosures.html",
        {
            "access": access,
            "org": access.organisation,
            "case": interview,
            "reference": reference_of(interview),
            "forms": forms,
        },
        status=status,
    )
