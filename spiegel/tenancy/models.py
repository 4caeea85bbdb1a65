"""Organisations (the practice and its clients), departments, people's memberships and API keys."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from spiegel.tenancy.group_size import MIN_GROUP_SIZE


class Role(models.TextChoices):
    """The roles of privacy.md. A membership gives one role in one organisation."""

    CONSULTANT = "consultant", _("Consultant")
    INTERVIEWER = "interviewer", _("Interviewer")
    CLIENT_ADMIN = "client_admin", _("Client administrator")
    CLIENT_VIEWER = "client_viewer", _("Client viewer")


class User(AbstractUser):
    """A staff user of the practice or of a client organisation. Leavers never have an account."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    language = models.CharField(max_length=2, choices=[("nl", "Nederlands"), ("en", "English")], default="nl")

    class Meta:
        ordering = ["username"]


class OrganisationKind(models.TextChoices):
    PRACTICE = "practice", _("Practice")
    CLIENT = "client", _("Client organisation")


class Organisation(models.Model):
    """A client organisation whose leavers are interviewed, or the independent practice itself."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    kind = models.CharField(max_length=10, choices=OrganisationKind.choices, default=OrganisationKind.CLIENT)
    min_group_size = models.PositiveSmallIntegerField(_("minimum group size"), default=5)
    transcript_retention_days = models.PositiveIntegerField(_("days to keep raw transcripts"), default=90)
    statement_retention_days = models.PositiveIntegerField(_("days to keep shared statements"), default=730)
    brand_colour = models.CharField(_("colour"), max_length=7, default="#2f5d62")
    # Shown on the organisation's PDF report (PNG or JPEG, stored under SPIEGEL_DATA_DIR/media/logos/).
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    # The cost of turnover in the advice (analysis): average annual salary × replacement-cost factor. The
    # default factor is the playbook's (spiegel/analysis/playbook/playbook.json, turnover_cost.default_factor).
    average_salary = models.PositiveIntegerField(_("average annual salary"), null=True, blank=True)
    replacement_cost_factor = models.DecimalField(
        _("replacement-cost factor"), max_digits=4, decimal_places=2, default=Decimal("0.50")
    )
    # Named by the interviewer when a leaver discloses something serious (harassment, fraud, unsafe care):
    # who at the organisation they can turn to (e.g. the confidential adviser's name and phone), and where
    # the integrity reporting procedure is (text or a link). Empty: only the general options are named.
    disclosure_contact = models.TextField(_("contact for serious matters"), max_length=500, blank=True)
    reporting_procedure = models.TextField(_("integrity reporting procedure"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_group_size__gte=MIN_GROUP_SIZE), name="org_min_group_size_at_least_3"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="department_unique_name")]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.role})"


class ApiKey(models.Model):
    """An organisation's API key. The key is shown once; only its SHA-256 is stored."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=120, blank=True)
    prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation.slug}:{self.prefix}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
