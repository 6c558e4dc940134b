"""Which plan is current: the plan index and the home page tell the adopted plan (its version
and the council's decision) from drafts, and show a draft's consultation phase with its
dates and what comes next, in both languages."""

import datetime

import pytest

from django.utils import timezone
from django.utils.html import strip_tags

from plans.models import CouncilStep, PlanDraftPage
from tests.factories import PlanDraftPageFactory

Stage = PlanDraftPage.Stage
DAY = datetime.timedelta(days=1)


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(strip_tags(response.content.decode()).split())


@pytest.fixture
def plans(site_tree):
    """In each language: an adopted plan (council decision T-45), the draft under open
    consultation (a committee hearing ahead) and a draft whose consultation is planned."""
    site = site_tree
    now = timezone.now()
    lt_index = site.lt["plan_index"]
    adopted = PlanDraftPageFactory(
        parent=lt_index,
        title="Strateginis planas 2021–2030",
        version_label="1.0",
        stage=Stage.ADOPTED,
        consultation_opens=now - 400 * DAY,
        consultation_closes=now - 370 * DAY,
    )
    planned = PlanDraftPageFactory(
        parent=lt_index,
        title="Plano pakeitimas 2.0",
        version_label="2.0",
        consultation_opens=now + 10 * DAY,
        consultation_closes=now + 40 * DAY,
    )
    pages = {"lt": {"adopted": adopted, "planned": planned, "draft": site.lt["draft"]}}
    english_titles = {"adopted": "Strategic plan 2021–2030", "planned": "Plan amendment 2.0"}
    pages["en"] = {"draft": site.en["draft"]}
    for key, page in pages["lt"].items():
        page.save_revision().publish()
        if key in english_titles:
            english = page.copy_for_translation(site.en["home"].locale)
            english.title = english_titles[key]
            english.save_revision().publish()
            pages["en"][key] = english
    for language in ("lt", "en"):
        CouncilStep.objects.create(
            page=pages[language]["adopted"],
            kind=CouncilStep.Kind.COUNCIL,
            date=datetime.date(2025, 12, 18),
            body="Savivaldybės taryba",
            decision_number="T-45",
        )
        CouncilStep.objects.create(
            page=pages[language]["draft"],
            kind=CouncilStep.Kind.COMMITTEE,
            date=timezone.localdate() + 60 * DAY,
            body="Strateginio planavimo komitetas",
        )
    pages["site"] = site
    return pages


LT = {
    "in_force": "Galiojantis planas",
    "adopted": "Patvirtintas: galiojantis planas",
    "decision": "tarybos patvirtintas 2025 m. gruodžio 18 d., sprendimo Nr. T-45",
    "draft": "Projektas: dar negalioja",
    "open": "Priimamos pastabos",
    "planned": "Numatyta",
    "next": "Kitas etapas: Svarstomas Konsultacinėje darbo grupėje.",
    "committee": "Svarstymas komitete (Strateginio planavimo komitetas)",
}
EN = {
    "in_force": "The plan in force",
    "adopted": "Adopted: the plan in force",
    "decision": "adopted by the council on Dec. 18, 2025, decision No. T-45",
    "draft": "Draft: not in force",
    "open": "Open",
    "planned": "Planned",
    "next": "Next step: Consultative group review.",
    "committee": "Committee hearing (Strateginio planavimo komitetas)",
}


@pytest.mark.parametrize("language", ["lt", "en"])
@pytest.mark.parametrize("where", ["plan_index", "home"])
def test_the_adopted_plan_and_the_drafts_cannot_be_confused(client, plans, language, where):
    words = {"lt": LT, "en": EN}[language]
    pages = plans[language]
    url = getattr(plans["site"], language)[where].url
    html = text_of(client, url)
    box = html[html.index(words["in_force"]) :]
    # The plan in force comes first, with its version and the council's decision.
    assert box.index(pages["adopted"].title) < box.index(pages["draft"].title)
    assert words["adopted"] in box and words["decision"] in box and "1.0" in box
    draft_card = box[box.index(pages["draft"].title) :]
    assert words["draft"] in draft_card and words["open"] in draft_card
    assert words["next"] in draft_card and words["committee"] in draft_card
    planned_card = box[box.index(pages["planned"].title) :]
    assert words["planned"] in planned_card
    opens = pages["planned"].consultation_opens
    assert str(timezone.localtime(opens).year) in planned_card


def test_the_phase_follows_the_consultation_window():
    now = timezone.now()
    draft = PlanDraftPage(consultation_opens=now, consultation_closes=now + DAY)
    assert draft.consultation_phase(now - DAY) == "planned"
    assert draft.consultation_phase(now) == "open"
    assert draft.consultation_phase(now + DAY) == "closed"
    assert PlanDraftPage(consultation_opens=now).consultation_phase(now) == ""
    assert PlanDraftPage(stage=Stage.DRAFTING).next_stage == Stage.CONSULTATIVE_REVIEW
    assert PlanDraftPage(stage=Stage.COUNCIL).next_stage == Stage.ADOPTED
    assert PlanDraftPage(stage=Stage.ADOPTED).next_stage is None
