"""A stored case as the Django-free engine needs it: its guide, its context, the engine that holds it; and the
shapes of a reply (:class:`PostResult`, :class:`StreamPiece`). Used by conversation.py and language_model.py,
which both sit on top of it."""

from __future__ import annotations

from dataclasses import dataclass

from spiegel.interviews.engine import CaseContext, Engine, Guide, Phraser, load_default_guide
from spiegel.interviews.engine.interviewer import Understander
from spiegel.interviews.models import GuideCustomisation, Interview, Message
from spiegel.tenancy.group_size import group_size
from spiegel.tenancy.models import Organisation, OrganisationKind


def guide_for_organisation(organisation: Organisation, language: str) -> Guide:
    """The default guide in this language with the organisation's customisation applied."""
    guide = load_default_guide(language)
    custom = GuideCustomisation.objects.filter(organisation=organisation, language=language).first()
    return custom.apply(guide) if custom is not None else guide


def guide_for(interview: Interview) -> Guide:
    """The guide a new conversation of this case uses."""
    return guide_for_organisation(interview.organisation, interview.language)


def case_context(interview: Interview) -> CaseContext:
    """The real settings of this case that the interviewer may tell the leaver about: the organisation, the
    practice that holds the case, the minimum group size, the organisation's own contact and reporting
    procedure for serious disclosures, and who holds the conversation."""
    organisation = interview.organisation
    practice = (
        organisation
        if organisation.kind == OrganisationKind.PRACTICE
        else Organisation.objects.filter(kind=OrganisationKind.PRACTICE).only("name").first()
    )
    return CaseContext(
        organisation=organisation.name,
        practice=practice.name if practice is not None else "",
        min_group_size=group_size(organisation),
        contact=organisation.disclosure_contact.strip(),
        reporting_procedure=organisation.reporting_procedure.strip(),
        mode=str(interview.mode),
    )


def engine_for(
    guide: Guide,
    phraser: Phraser | None = None,
    context: CaseContext | None = None,
    understander: Understander | None = None,
) -> Engine:
    """The built-in engine for ``guide``; ``phraser`` words its moves (a language model's wording made ahead
    of the lock, see language_model.py), the templates when None; ``context`` is the case's settings
    (:func:`case_context`) that its answers to questions about the interview and about disclosures use;
    ``understander`` reads answers next to the rules (the model's reading made ahead of the lock), the rules
    alone when None."""
    return Engine(guide, phraser=phraser, context=context, understander=understander)


@dataclass(frozen=True)
class PostResult:
    status: str
    messages: list[Message]


@dataclass(frozen=True)
class StreamPiece:
    """A piece of the question while the model writes it (``text``), or the end (``result``)."""

    text: str = ""
    result: PostResult | None = None
