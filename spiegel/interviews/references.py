"""A case's short human reference, `ZN-2026-014`: the organisation's initials, the year the case was opened and
its number among that organisation's cases of that year. Stored on the case when it is opened, so it never shifts
when older cases are purged or the organisation is renamed."""

from __future__ import annotations

import re

from django.db.models import QuerySet

from spiegel.interviews.models import Interview
from spiegel.tenancy.models import Organisation

# What a search box accepts as a reference: `ZN-2026-014`, `2026-14`, `zn-2026-0014`.
REFERENCE_SEARCH = re.compile(r"^\s*(?:([A-Za-z]{1,3})-)?(\d{4})-0*(\d{1,6})\s*$")


def reference_prefix(organisation_name: str) -> str:
    """'Zorggroep Noord' → 'ZN': the initials of the organisation's first three words (two letters of one word)."""
    words = [w for w in re.split(r"[^\w]+", organisation_name) if w]
    if not words:
        return "SP"
    if len(words) == 1:
        return words[0][:2].upper()
    return "".join(w[0] for w in words[:3]).upper()


def next_reference(organisation: Organisation, year: int) -> str:
    """The next free reference of `organisation` in `year`. The caller holds a lock on the organisation's row
    (open_case does), so two cases opened at once cannot get the same number."""
    taken = Interview.objects.filter(organisation=organisation, reference__contains=f"-{year}-")
    numbers = [int(ref.rsplit("-", 1)[1]) for ref in taken.values_list("reference", flat=True)]
    return f"{reference_prefix(organisation.name)}-{year}-{max(numbers, default=0) + 1:03d}"


def filter_by_reference(qs: QuerySet[Interview], search: str) -> QuerySet[Interview] | None:
    """The cases whose reference is `search` (with or without the initials, with or without leading zeros), or
    None when `search` is no reference."""
    found = REFERENCE_SEARCH.match(search)
    if found is None:
        return None
    _prefix, year, number = found.groups()
    return qs.filter(reference__iendswith=f"-{year}-{int(number):03d}")
