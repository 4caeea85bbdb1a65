"""The leaver's mirror: statements from the closed conversation, corrections, choices, completion, receipt."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from spiegel.interviews.models import Interview, Message, Status
from spiegel.interviews.transcript import _mask_echoes
from spiegel.mirror.actions import ClosingAnswers, Decision, save_decisions, submit_review
from spiegel.mirror.models import Receipt, ReviewOutcome, Statement, ThemeTally
from spiegel.privacy.models import PseudonymMap
from tests.support.builders import NAMES_IN_LEAVER_ANSWERS, build_closed_case, build_completed_case, build_org

pytestmark = pytest.mark.django_db


def statements_of(interview: Interview) -> list[Statement]:
    return list(Statement.objects.filter(interview=interview).order_by("seq"))


def test_closing_the_conversation_splits_the_answers_into_pseudonymised_statements_with_themes() -> None:
    built = build_closed_case(build_org())
    assert built.interview.status == Status.REVIEW
    rows = [(s.phase, s.text, s.theme_ids) for s in statements_of(built.interview)]
    # One statement per point: the manager point's two sentences are one statement, the health sentence stands
    # apart from the workload it followed, and "bel me gerust op …" is no statement (it says nothing of work).
    assert rows == [
        (
            "opening",
            "Ik ga weg omdat mijn leidinggevende [leidinggevende] nooit feedback gaf. "
            "Ik heb drie jaar geen functioneringsgesprek gehad.",
            ["manager"],
        ),
        ("opening", "Mijn collega [collega A] en ik deden al het extra werk.", ["collaboration"]),
        ("story", "De werkdruk was enorm hoog, we waren altijd onderbezet op de afdeling.", ["workload"]),
        ("story", "Ik sliep slecht en raakte uiteindelijk overspannen.", ["wellbeing"]),
        ("check_in", "Het salaris bij mijn nieuwe baan is vijftien procent hoger.", ["pay"]),
    ]
    first = statements_of(built.interview)[0]
    assert [(x["start"], x["end"]) for x in first.sources] == [(0, 69), (70, 120)]
    assert first.sources[1]["words"] == "Ik heb drie jaar geen functioneringsgesprek gehad."
    assert {s.visibility for s in statements_of(built.interview)} == {"anonymous"}
    # The mapping with the original names is stored, encrypted, for this interview only.
    mapping = PseudonymMap.objects.get(interview=built.interview).mapping
    assert [e["placeholder"] for e in mapping["entities"]] == ["[leidinggevende]", "[collega A]"]


def test_the_mirror_over_the_api_lists_statements_and_completing_it_returns_a_working_receipt() -> None:
    built = build_closed_case(build_org())
    client = Client()
    review = client.get(f"/api/v1/conversations/{built.token}/review").json()
    assert sorted(review["statements"][0]) == sorted(
        ["id", "text", "themes", "visibility", "kind", "topic", "phase", "deleted", "special_category", "restorable"]
    )
    first, second, *_rest = review["statements"]
    assert first["themes"][0]["id"] == "manager"
    assert first["restorable"] == ["[leidinggevende]"]
    payload = {
        "decisions": [
            {"id": first["id"], "visibility": "attributed", "text": "Mijn baas Piet Jansen gaf nooit feedback."},
            {"id": second["id"], "visibility": "private"},
        ],
        "felt_heard": 4,
        "recommend_score": 6,
        "would_return": "maybe",
        "comment": "Groet aan Anna Bakker.",
    }
    response = client.post(
        f"/api/v1/conversations/{built.token}/review", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "completed"
    assert body["receipt_url"].endswith(f"/r/{body['receipt']}/")
    assert len(body["receipt"]) >= 43  # 256 bits
    interview = Interview.objects.get(pk=built.interview.pk)
    assert interview.status == Status.COMPLETED
    assert Receipt.objects.get(interview=interview).token_hash != body["receipt"]
    texts = {s.text: s.visibility for s in statements_of(interview)}
    assert texts["Mijn baas [leidinggevende B] gaf nooit feedback."] == "attributed"
    assert ReviewOutcome.objects.get(interview=interview).comment == "Groet aan [persoon A]."
    record = client.get(f"/api/v1/conversations/{body['receipt']}/record").json()
    assert [s["visibility"] for s in record["statements"]][:2] == ["attributed", "private"]
    again = client.post(
        f"/api/v1/conversations/{built.token}/review", json.dumps(payload), content_type="application/json"
    )
    assert again.status_code == 409


def test_health_statements_cannot_be_attributed_and_nothing_is_saved_then() -> None:
    built = build_closed_case(build_org())
    rows = statements_of(built.interview)
    health = next(s for s in rows if s.special_category)
    other = rows[0]
    with pytest.raises(ValidationError) as caught:
        save_decisions(
            built.interview,
            [Decision(id=str(other.id), visibility="private"), Decision(id=str(health.id), visibility="attributed")],
        )
    assert list(caught.value.message_dict) == [str(health.id)]
    assert [s.visibility for s in statements_of(built.interview)] == ["anonymous"] * len(rows)


def test_a_statement_wrongly_filed_under_health_can_still_be_shared_linked_to_the_case() -> None:
    built = build_closed_case(build_org())
    rows = statements_of(built.interview)
    wrong = rows[0]
    # A theme model's mistake: an ordinary remark filed under health.
    wrong.text = "Ze zei: we komen erop terug, en daarna hoorde ik er nooit meer iets van."
    wrong.themes = [{"id": "wellbeing", "polarity": "push", "confidence": 0.6}, *wrong.themes]
    wrong.save()
    assert wrong.special_category and not wrong.health_locked
    html = Client().get(f"/i/{built.token}/mirror/").content.decode()
    assert f'name="visibility-{wrong.id}" value="attributed" disabled' not in html
    save_decisions(built.interview, [Decision(id=str(wrong.id), visibility="attributed")])
    wrong.refresh_from_db()
    assert wrong.visibility == "attributed"
    assert "wellbeing" not in wrong.theme_ids
    assert wrong.theme_ids == ["manager"]


def test_the_mirror_shows_the_main_reason_first_and_the_leavers_own_words_beside_each_statement() -> None:
    built = build_closed_case(build_org())
    html = Client().get(f"/i/{built.token}/mirror/").content.decode()
    assert html.index('id="theme-manager"') < html.index('id="theme-collaboration"') < html.index('id="theme-pay"')
    assert html.count('data-testid="your-words"') == 5
    assert "<blockquote>Ik heb drie jaar geen functioneringsgesprek gehad.</blockquote>" in html


def test_a_statement_plainly_about_health_stays_locked_out_of_sharing_with_the_case() -> None:
    built = build_closed_case(build_org())
    health = next(s for s in statements_of(built.interview) if s.special_category)
    assert health.health_locked
    html = Client().get(f"/i/{built.token}/mirror/").content.decode()
    assert f'name="visibility-{health.id}" value="attributed" disabled' in html


def test_a_corrected_statement_is_pseudonymised_again_and_a_wrongly_replaced_word_can_be_restored() -> None:
    built = build_closed_case(
        build_org(),
        answers=["Mijn collega Sanne Visser werkte met Teams. Het systeem Epic was traag en liep elke dag vast."],
    )
    first = statements_of(built.interview)[0]
    assert first.text == "Mijn collega [collega A] werkte met Teams."
    save_decisions(built.interview, [Decision(id=str(first.id), restore=("[collega A]",))])
    first.refresh_from_db()
    assert first.text == "Mijn collega Sanne Visser werkte met Teams."
    save_decisions(
        built.interview,
        [Decision(id=str(first.id), text="Mijn collega Sanne Visser en Bram de Boer werkten met Teams.")],
    )
    first.refresh_from_db()
    assert first.text == "Mijn collega Sanne Visser en [persoon A] werkten met Teams."
    assert first.edited is True


def test_deleted_and_private_statements_leave_the_transcript_and_the_tally_but_stay_in_the_leavers_record() -> None:
    built = build_closed_case(build_org())
    rows = statements_of(built.interview)
    private = rows[0]  # the manager point: "… nooit feedback gaf. Ik heb drie jaar geen functioneringsgesprek gehad."
    deleted = rows[4]  # the pay statement
    receipt = submit_review(
        built.interview,
        [Decision(id=str(private.id), visibility="private"), Decision(id=str(deleted.id), delete=True)],
        ClosingAnswers(felt_heard=5, recommend_score=8),
    )
    transcript = " ".join(Message.objects.filter(interview=built.interview).values_list("text", flat=True))
    assert "functioneringsgesprek" not in transcript
    assert "nooit feedback" not in transcript  # every source of a statement leaves the transcript
    assert "salaris" not in transcript
    assert "[…]" in transcript
    tally = ThemeTally.objects.filter(interview=built.interview).values_list("theme", "polarity", "statements")
    assert sorted(tally) == [
        ("collaboration", "push", 1),  # "Mijn collega ... en ik deden al het extra werk": a complaint
        ("wellbeing", "push", 1),
        ("workload", "push", 1),
    ]
    assert not Statement.objects.filter(pk=deleted.pk).exists()
    record = Client().get(f"/api/v1/conversations/{receipt}/record").json()
    assert private.text in [s["text"] for s in record["statements"]]
    # The originals behind placeholders, and the leaver's own words beside each statement, are gone once the
    # mirror is complete.
    assert all(s.replacements == [] for s in statements_of(built.interview))
    assert all("words" not in x for s in statements_of(built.interview) for x in s.sources)


def test_the_mirror_page_works_without_javascript_from_statements_to_receipt() -> None:
    built = build_closed_case(
        build_org(),
        language="en",
        answers=[
            "My manager Sarah Jones never gave any feedback in three years. The workload was far too high.",
            "I could not sleep and ended up with a burn-out.",
        ],
    )
    client = Client()
    chat = client.get(f"/i/{built.token}/chat/")
    assert f'href="/i/{built.token}/mirror/"' in chat.content.decode()
    page = client.get(f"/i/{built.token}/mirror/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Sarah" not in html.replace("was “Sarah Jones”", "")
    rows = statements_of(built.interview)
    health = next(s for s in rows if s.special_category)
    assert f'name="visibility-{health.id}" value="attributed" disabled' in html
    form = {f"text-{s.id}": s.text for s in rows} | {f"visibility-{s.id}": "anonymous" for s in rows}
    form[f"visibility-{rows[0].id}"] = "private"
    form["next"] = "continue"
    saved = client.post(f"/i/{built.token}/mirror/", form)
    assert saved.status_code == 302
    assert saved["Location"] == f"/i/{built.token}/mirror/closing/"
    incomplete = client.post(f"/i/{built.token}/mirror/closing/", {"felt_heard": "4"})
    assert incomplete.status_code == 422
    done = client.post(
        f"/i/{built.token}/mirror/closing/",
        {"felt_heard": "4", "recommend_score": "7", "would_return": "no", "comment": ""},
    )
    assert done.status_code == 200
    receipt = Receipt.objects.get(interview=built.interview)
    link = next(line for line in done.content.decode().splitlines() if 'data-testid="receipt-link"' in line)
    token = link.split("/r/")[1].split("/")[0]
    assert receipt.token_hash != token
    record = client.get(f"/r/{token}/")
    assert record.status_code == 200
    assert "Keep private" in record.content.decode()
    download = client.get(f"/r/{token}/record.json")
    assert download["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(download.content)["closing"] == {
        "felt_heard": 4,
        "recommend_score": 7,
        "would_return": "no",
        "comment": None,
    }
    pdf = client.get(f"/r/{token}/record.pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_no_name_reaches_the_statements_whatever_the_leaver_corrects() -> None:
    completed = build_completed_case(build_org())
    for statement in statements_of(completed.interview):
        for name in NAMES_IN_LEAVER_ANSWERS:
            assert name not in statement.text


def test_an_interviewer_echo_of_private_words_without_quotes_is_masked_too() -> None:

    hidden = ["ik heb drie jaar geen functioneringsgesprek gehad."]
    assert _mask_echoes("Je noemde eerder een functioneringsgesprek gehad. Hoe zag dat eruit?", hidden) == (
        "Je noemde eerder een […]. Hoe zag dat eruit?"
    )
    assert _mask_echoes("Hoe was het werk zelf voor jou?", hidden) == "Hoe was het werk zelf voor jou?"


def _form(rows: list[Statement]) -> dict[str, str]:
    return {f"text-{s.id}": s.text for s in rows} | {f"visibility-{s.id}": s.visibility for s in rows}


def test_one_click_keeps_every_statement_private_or_shares_every_one_anonymously() -> None:
    built = build_closed_case(build_org())
    client = Client()
    html = client.get(f"/i/{built.token}/mirror/").content.decode()
    assert 'name="bulk" value="anonymous"' in html and 'name="bulk" value="private"' in html
    rows = statements_of(built.interview)
    saved = client.post(f"/i/{built.token}/mirror/", _form(rows) | {"bulk": "private"})
    assert saved.status_code == 302
    assert {s.visibility for s in statements_of(built.interview)} == {"private"}
    client.post(f"/i/{built.token}/mirror/", _form(statements_of(built.interview)) | {"bulk": "anonymous"})
    assert {s.visibility for s in statements_of(built.interview)} == {"anonymous"}


def test_a_recognisable_statement_is_flagged_and_made_more_general_in_one_click() -> None:
    built = build_closed_case(
        build_org(), answers=["In maart stonden we met z'n tweeën voor achtentwintig patiënten op de afdeling."]
    )
    client = Client()
    (statement,) = [s for s in statements_of(built.interview) if "maart" in s.text]
    html = client.get(f"/i/{built.token}/mirror/").content.decode()
    assert 'data-testid="recognisable"' in html
    assert f'name="generalise" value="{statement.id}"' in html
    rows = statements_of(built.interview)
    saved = client.post(f"/i/{built.token}/mirror/", _form(rows) | {"generalise": str(statement.id)})
    assert saved.status_code == 302
    assert saved["Location"].endswith(f"?saved=1#s-{statement.id}")
    statement.refresh_from_db()
    assert (
        statement.text
        == "Op een gegeven moment stonden we met weinig mensen voor achtentwintig patiënten op de afdeling."
    )
    assert statement.edited
