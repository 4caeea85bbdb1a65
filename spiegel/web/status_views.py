"""The consultants' status page: how this Spiegel server is configured and whether it works.

Server-wide, so it is for the practice's consultants (a consultant membership in any organisation); other
signed-in users get 403. The model check makes a real request and waits up to the time limit, so it runs
only when asked for (``?check=model``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from spiegel.tenancy.models import Membership, Role, User
from spiegel.web.diagnostics import check_model, llm_summary, run_checks


@login_required
def status(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if not Membership.objects.filter(user=user, role=Role.CONSULTANT).exists():
        raise PermissionDenied("Only consultants see the server's status.")
    checks = run_checks(model=False)
    model_checked = request.GET.get("check") == "model"
    if model_checked:
        checks += check_model()
    llm = {
        "on": bool(settings.SPIEGEL_LLM_BASE_URL),
        "summary": llm_summary(),
        "base_url": settings.SPIEGEL_LLM_BASE_URL,
        "model": settings.SPIEGEL_LLM_MODEL,
        "api_key_set": bool(settings.SPIEGEL_LLM_API_KEY),
        "timeout": settings.SPIEGEL_LLM_TIMEOUT,
        "connect_timeout": settings.SPIEGEL_LLM_CONNECT_TIMEOUT,
        "analyser_timeout": settings.SPIEGEL_LLM_ANALYSER_TIMEOUT,
        "stream": settings.SPIEGEL_LLM_STREAM,
    }
    return render(
        request,
        "spiegel/status.html",
        {
            "checks": checks,
            "llm": llm,
            "model_checked": model_checked,
            "problems": any(c.level == "problem" for c in checks),
        },
    )
