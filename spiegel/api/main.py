"""REST API v1: OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs.

Errors are JSON `{"detail": "...", "errors": [{"field", "message"}]}`; another organisation's objects answer 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from spiegel.analysis.queries import FIRST_YEAR, LAST_YEAR, MONTH_PATTERN
from spiegel.api.schemas import EMAIL_PATTERN
from spiegel.language.text import CONTROL_FREE
from spiegel.tenancy.queries import Access, api_key_access
from spiegel.validation import field_errors

PATTERN_MESSAGES = {
    MONTH_PATTERN: f"Must be a month written YYYY-MM between {FIRST_YEAR}-01 and {LAST_YEAR}-12, for example 2025-01.",
    CONTROL_FREE: "Must not contain control characters.",
    EMAIL_PATTERN: "This is not a valid e-mail address.",
}


class ApiKeyAuth(HttpBearer):
    """`Authorization: Bearer spk_…` — an organisation's API key."""

    def authenticate(self, request: HttpRequest, token: str) -> Access | None:
        return api_key_access(token.strip())


api = NinjaAPI(
    title="Spiegel API",
    version="1",
    description="Open exit-interview cases for leavers and follow them; hold a conversation with a leaver's token.",
    urls_namespace="api-v1",
    auth=ApiKeyAuth(),
    docs_url="/docs",
    # Swagger UI's default validator badge loads an image from validator.swagger.io: no third-party requests.
    docs=Swagger(settings={"validatorUrl": None}),
    openapi_url="/openapi.json",
)


def _error(request: HttpRequest, status: int, detail: str, errors: list[dict[str, str]] | None = None) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or []}, status=status)


def _field_of(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "data", "filters")]
    return ".".join(parts) or "request"


def _message(error: dict[str, Any]) -> str:
    """pydantic's message, or ours where it would show a regular expression to a person."""
    if error.get("type") == "string_pattern_mismatch":
        known = PATTERN_MESSAGES.get(str((error.get("ctx") or {}).get("pattern", "")))
        if known:
            return known
    return str(error.get("msg", "invalid"))


@api.exception_handler(NinjaValidationError)
def _validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = [{"field": _field_of(e.get("loc", ())), "message": _message(e)} for e in exc.errors]
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "invalid input"
    return _error(request, 422, f"The request is not valid — {summary}.", errors)


@api.exception_handler(DjangoValidationError)
def _domain_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    per_field = field_errors(exc, general="request")
    errors = [{"field": f, "message": str(m)} for f, msgs in per_field.items() for m in msgs]
    return _error(request, 422, " ".join(e["message"] for e in errors), errors)


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(request, 401, "A valid API key is required: send the header 'Authorization: Bearer <key>'.")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, str(exc) or "Not found.")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(exc) or "Not allowed.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc))


from spiegel.api import conversations, interviews  # noqa: E402  (routers register on `api`)

api.add_router("/interviews", interviews.router)
api.add_router("/conversations", conversations.router)

from spiegel.api import insights  # noqa: E402

api.add_router("/insights", insights.router)

from spiegel.api import review  # noqa: E402

api.add_router("/conversations", review.router)
