"""A plan draft's public consultation in phases (planned → open → closed → report published),
shown with their dates on the draft, the plan index and the home page in both languages, and
the comment form opened and closed by them alone."""

import datetime
import re

import pytest

from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import strip_tags

from core import chrome
from feedback.models import ConsultationReport
from plans.models import PlanDraftPage
from tests.feedback.helpers import post_comment

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
CURRENT_STEP = re.compile(
    r'<li class="phases__step phases__step--current" aria-current="step">(.*?)</li>'
)
LABELS = {
    "lt": {
        "planned": "Numatyta",
        "open": "Priimamos pastabos",
        "closed": "Baigta",
        "closes": "Baigsis",
        "opens": "Prasidės",
        "report_published": "Paskelbta ataskaita",
        "not_yet": "dar nepaskelbta",
    },
    "en": {
        "planned": "Planned",
        "open": "Open for comments",
        "closed": "Closed",
        "closes": "Closes",
        "opens": "Opens",
        "report_published": "Report published",
        "not_yet": "not yet",
    },
}


def set_window(draft, opens, closes):
    """Give the draft (and its translation, which synchronises the window) new dates."""
    for page in PlanDraftPage.objects.filter(translation_key=draft.translation_key):
        page.consultation_opens, page.consultation_closes = opens, closes
        page.save_revision().publish()
    return PlanDraftPage.objects.get(pk=draft.pk)


def current_step(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    steps = CURRENT_STEP.findall(response.content.decode())
    assert steps, url
    return [" ".join(strip_tags(step).split()) for step in steps]


def shown_date(moment, language, with_time=True):
    with translation.override(language):
        return date_format(
            timezone.localtime(moment), "DATETIME_FORMAT" if with_time else "DATE_FORMAT"
        )


def test_the_phase_follows_the_window_and_the_report(site_tree):
    draft = site_tree.lt["draft"]
    now = timezone.now()
    draft = set_window(draft, now - 30 * DAY, now - DAY)
    assert draft.consultation_phase(now - 31 * DAY) == "planned"
    assert draft.consultation_phase(now - 2 * DAY) == "open"
    assert draft.consultation_phase(now) == "closed"
    # A report made while comments were still coming in is not the consultation's report.
    ConsultationReport.objects.create(
        page=draft,
        revision=draft.live_revision,
        version="0.1",
        comment_count=0,
        created_at=now - 2 * DAY,
    )
    assert PlanDraftPage.objects.get(pk=draft.pk).consultation_phase(now) == "closed"
    draft.save_revision()
    ConsultationReport.objects.create(
        page=draft,
        revision=draft.latest_revision,
        version="0.1",
        comment_count=3,
        created_at=now - DAY / 2,
    )
    draft = PlanDraftPage.objects.get(pk=draft.pk)
    assert draft.consultation_phase(now) == "report_published"
    assert draft.report_published_at == now - DAY / 2
    # The English draft is in the same phase: the report is the draft's, in any language.
    english = PlanDraftPage.objects.get(pk=site_tree.en["draft"].pk)
    assert english.consultation_phase(now) == "report_published"
    steps = draft.consultation_phases(now)
    assert [(step.key, step.state) for step in steps] == [
        ("planned", "done"),
        ("open", "done"),
        ("closed", "done"),
        ("report_published", "current"),
    ]


@pytest.mark.parametrize("language", ["lt", "en"])
def test_an_open_consultation_shows_its_phases_everywhere(client, site_tree, language):
    pages = getattr(site_tree, language)
    draft = PlanDraftPage.objects.get(pk=pages["draft"].pk)
    words = LABELS[language]
    opens = shown_date(draft.consultation_opens, language)
    closes = shown_date(draft.consultation_closes, language)
    for page in ("draft", "plan_index", "home"):
        html = client.get(pages[page].url).content.decode()
        assert current_step(client, pages[page].url) == [f"{words['open']} {opens}"], page
        text = " ".join(strip_tags(html).split())
        timeline = text[text.index(words["planned"]) :]
        assert timeline.index(words["open"]) < timeline.index(closes), page
        # A step still ahead says what will happen, not what has happened.
        assert f"{words['closes']} {closes}" in timeline, page
        assert f"{words['closed']} {closes}" not in timeline, page
        assert f"{words['report_published']} {words['not_yet']}" in timeline, page
    if language == "lt":  # the Lithuanian way: 2026 m. gruodžio 5 d., 14:56
        assert re.fullmatch(r"\d{4} m\. \w+ \d{1,2} d\., \d\d:\d\d", opens)
    else:  # on the 24-hour clock too: Dec. 5, 2026, 14:56 (never "2:56 p.m." or "midnight")
        assert re.fullmatch(r"\w+\.? \d{1,2}, \d{4}, \d\d:\d\d", opens)


def test_a_window_opening_at_midnight_reads_00_00_in_english(client, site_tree):
    midnight = timezone.localtime(timezone.now() - DAY).replace(hour=0, minute=0, second=0)
    set_window(site_tree.lt["draft"], midnight, midnight + 30 * DAY)
    html = client.get(site_tree.en["draft"].url).content.decode()
    text = " ".join(strip_tags(html).split())
    opens = shown_date(midnight, "en")
    assert opens.endswith(", 00:00")
    assert f"{LABELS['en']['open']} {opens}" in text and "midnight" not in text


@pytest.mark.parametrize("language", ["lt", "en"])
def test_a_planned_consultation_is_on_the_home_page_with_its_dates(client, site_tree, language):
    now = timezone.now()
    set_window(site_tree.lt["draft"], now + 10 * DAY, now + 40 * DAY)
    pages = getattr(site_tree, language)
    for page in ("draft", "plan_index", "home"):
        assert current_step(client, pages[page].url) == [LABELS[language]["planned"]], page
    html = client.get(pages["home"].url).content.decode()
    text = " ".join(strip_tags(html).split())
    assert f"{LABELS[language]['opens']} {shown_date(now + 10 * DAY, language)}" in text


@pytest.mark.parametrize("language", ["lt", "en"])
def test_the_report_is_the_last_phase_with_its_date(client, site_tree, language):
    now = timezone.now()
    draft = set_window(site_tree.lt["draft"], now - 30 * DAY, now - 2 * DAY)
    pages = getattr(site_tree, language)
    words = LABELS[language]
    closes = shown_date(draft.consultation_closes, language)
    for page in ("draft", "plan_index"):
        assert current_step(client, pages[page].url) == [f"{words['closed']} {closes}"], page
    made = now - DAY
    ConsultationReport.objects.create(
        page=draft, revision=draft.live_revision, version="0.1", comment_count=2, created_at=made
    )
    chrome.bump()  # as making a report does (feedback.reports)
    reported = f"{words['report_published']} {shown_date(made, language, with_time=False)}"
    for page in ("draft", "plan_index"):
        assert current_step(client, pages[page].url) == [reported], page


def test_comments_open_and_close_with_the_phases_alone(client, site_tree):
    """No switch: the form and its POST follow the consultation's dates."""
    draft = site_tree.lt["draft"]
    now = timezone.now()
    form_url = f"/lt/comments/form/{draft.pk}/"

    def form_shown():
        page = client.get(draft.url).content.decode()
        form = client.get(form_url, HTTP_X_REQUESTED_WITH="fetch").content.decode()
        assert ("data-comment-form-link" in page) == ("<form" in form)
        return "<form" in form

    set_window(draft, now + DAY, now + 30 * DAY)  # planned
    assert not form_shown()
    response = post_comment(client, draft, comment="Per anksti.")
    assert response.status_code == 403
    assert f"Komentuoti bus galima nuo {shown_date(now + DAY, 'lt')}." in response.content.decode()

    set_window(draft, now - DAY, now + 30 * DAY)  # open
    assert form_shown()
    assert post_comment(client, draft, comment="Laiku.").status_code == 302
    assert len(mail.outbox) == 1

    set_window(draft, now - 30 * DAY, now - DAY)  # closed
    assert not form_shown()
    assert post_comment(client, draft, comment="Per vėlai.").status_code == 403
    assert len(mail.outbox) == 1


def test_a_plan_draft_has_no_comment_switch_in_the_admin(client, site_tree, admin_user):
    client.force_login(admin_user)
    draft_form = client.get(f"/admin/pages/{site_tree.lt['draft'].pk}/edit/").content.decode()
    article_form = client.get(f"/admin/pages/{site_tree.lt['article'].pk}/edit/").content.decode()
    assert 'name="comments_open"' in article_form
    assert 'name="comments_open"' not in draft_form
    assert 'name="consultation_opens"' in draft_form
