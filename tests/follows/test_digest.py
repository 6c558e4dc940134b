"""The followers' digests: what they carry, grouped and ordered, in the reader's language,
public and published only, each item once, at each rhythm."""

from datetime import timedelta
from pathlib import Path

import pytest

from django.core import mail
from django.utils import timezone

from wagtail.models import PageViewRestriction

from follows.digest import send_digests
from follows.models import SentItem, Subscription
from plans.models import PlanDraftPage
from tests.factories import MeetingPageFactory
from tests.feedback.helpers import make_comment
from tests.follows.helpers import (
    digests_to,
    html_of,
    publish,
    quiet_history,
    subscribe,
    two_trees,
)

CACHE = Path(__file__).resolve().parents[2] / ".cache"
Kind = Subscription.Kind
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def pages(site_tree, now):
    return quiet_history(site_tree, now)


def test_grouped_by_followed_thing_newest_first(pages, now):
    lt = pages["lt"]
    first, second, _priorities = two_trees(lt["group"])
    publish(lt["article"], now - 3 * HOUR)
    publish(lt["meeting"], now - 2 * HOUR)
    publish(lt["draft"], now - 5 * HOUR, plan_tree=first, version_label="0.2")
    publish(lt["draft"], now - HOUR, plan_tree=second, version_label="0.3")
    subscribe("ona@example.lt", Kind.GROUP, page=lt["group"])
    subscribe("ona@example.lt", Kind.PLAN, page=lt["draft"])

    assert send_digests("daily", now) == (1, 4)

    [message] = digests_to("ona@example.lt")
    assert message.subject == "Strateginis planas: 4 naujienos apie tai, ką sekate"
    body = message.body
    # The draft's section first (its newest item is the newest), then the group's.
    assert body.index("== Plano projektas 0.1 ==") < body.index(
        "== Ekonomikos ir verslo aplinkos darbo grupė =="
    )
    # Newest first within a section: version 0.3, then 0.2; the meeting, then the article.
    assert body.index("Versija 0.3") < body.index("Versija 0.2")
    assert body.index("* Pirmasis posėdis") < body.index("* Sudarytos darbo grupės")
    # The meeting with its agenda, minutes and decisions is one entry under one link.
    assert body.count("* Pirmasis posėdis") == 1
    for label in ("Naujas posėdis", "Paskelbta darbotvarkė", "Paskelbtas protokolas"):
        assert label in body
    # The semantic summary of what changed, and the link to the compare.
    assert "1 pakeista priemonė" in body
    assert "/versions/compare/?from=" in body
    assert "Paskelbta naujiena" in body
    html = html_of(message)
    assert "Pirmasis posėdis" in html and 'lang="lt"' in html


def test_nothing_private_unpublished_or_unconfirmed(pages, now):
    lt = pages["lt"]
    group = lt["group"]
    private = MeetingPageFactory(parent=group, title="Uždaras posėdis", slug="uzdaras")
    publish(private, now - 2 * HOUR)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    withdrawn = MeetingPageFactory(parent=group, title="Atšauktas posėdis", slug="atsauktas")
    publish(withdrawn, now - 2 * HOUR)
    withdrawn.unpublish()
    draft_only = MeetingPageFactory(parent=group, title="Juodraštis", slug="juodrastis", live=False)
    draft_only.save_revision()  # saved, never published
    publish(lt["article"], now - HOUR)
    subscribe("ona@example.lt", Kind.GROUP, page=group)
    Subscription.objects.create(  # never confirmed
        email="jonas@example.lt", kind=Kind.GROUP, page=group, language="lt"
    )

    send_digests("daily", now)

    [message] = mail.outbox
    assert message.to == ["ona@example.lt"]
    assert "Sudarytos darbo grupės" in message.body
    for hidden in ("Uždaras posėdis", "Atšauktas posėdis", "Juodraštis"):
        assert hidden not in message.body


def test_each_item_once_across_followed_things_and_runs(pages, now):
    lt = pages["lt"]
    publish(lt["article"], now - HOUR)
    subscribe("ona@example.lt", Kind.GROUP, page=lt["group"])
    subscribe("ona@example.lt", Kind.TOPIC, topic=lt["article"].tags.get())

    send_digests("daily", now)
    [message] = mail.outbox
    # The article is related to the group and has the topic: told once.
    assert message.body.count("* Sudarytos darbo grupės") == 1

    assert send_digests("daily", now + DAY) == (0, 0)
    assert send_digests("immediate", now + DAY) == (0, 0)
    assert len(mail.outbox) == 1


def test_immediate_sends_what_is_new_since_the_last_run(pages, now):
    lt = pages["lt"]
    meeting = MeetingPageFactory(
        parent=lt["group"], title="Antrasis posėdis", slug="antrasis", minutes=None, decisions=[]
    )
    publish(meeting, now - 10 * timedelta(minutes=1))
    subscribe("ona@example.lt", Kind.GROUP, page=lt["group"], rhythm="immediate")
    assert send_digests("immediate", now) == (1, 1)
    assert "Naujas posėdis" in mail.outbox[0].body
    assert "Paskelbtas protokolas" not in mail.outbox[0].body

    assert send_digests("immediate", now + timedelta(minutes=5)) == (0, 0)

    later = now + timedelta(minutes=7)
    meeting.refresh_from_db()
    publish(meeting, later, minutes=pages["lt"]["meeting"].minutes)
    assert send_digests("immediate", later + timedelta(minutes=3)) == (1, 1)
    body = mail.outbox[1].body
    assert "Paskelbtas protokolas" in body and "Posėdžio protokolas" in body
    assert "Naujas posėdis" not in body


def test_a_meeting_moved_and_then_cancelled_is_told_each_time(pages, now):
    lt = pages["lt"]
    meeting = MeetingPageFactory(
        parent=lt["group"], title="Trečiasis posėdis", slug="treciasis", minutes=None, decisions=[]
    )
    publish(meeting, now - 10 * timedelta(minutes=1))
    subscribe("ona@example.lt", Kind.GROUP, page=lt["group"], rhythm="immediate")
    assert send_digests("immediate", now) == (1, 1)

    moved = now + timedelta(minutes=7)
    meeting.refresh_from_db()
    publish(meeting, moved, place="Rotušės a. 4, 201 kab.")
    assert send_digests("immediate", moved + timedelta(minutes=3)) == (1, 1)
    body = mail.outbox[1].body
    assert "Posėdis perkeltas" in body and "201 kab." in body
    assert "Naujas posėdis" not in body

    cancelled = now + timedelta(minutes=20)
    meeting.refresh_from_db()
    publish(meeting, cancelled, cancelled=True)
    assert send_digests("immediate", cancelled + timedelta(minutes=3)) == (1, 1)
    assert "Posėdis atšauktas" in mail.outbox[2].body

    # Someone who follows the group only now hears that it is cancelled, not that it is new.
    subscribe("jonas@example.lt", Kind.GROUP, page=lt["group"], rhythm="immediate")
    assert send_digests("immediate", cancelled + timedelta(minutes=6)) == (1, 1)
    late = mail.outbox[3].body
    assert "Posėdis atšauktas" in late
    assert "Naujas posėdis" not in late and "Posėdis perkeltas" not in late


def test_a_new_end_time_is_told_as_a_move_with_the_meeting_s_hours(pages, now):
    lt = pages["lt"]
    starts = timezone.make_aware(timezone.datetime(2020, 7, 21, 10, 0))
    meeting = MeetingPageFactory(
        parent=lt["group"],
        title="Ketvirtasis posėdis",
        slug="ketvirtasis",
        starts_at=starts,
        ends_at=starts + 2 * HOUR,
        minutes=None,
        decisions=[],
    )
    publish(meeting, now - 10 * timedelta(minutes=1))
    subscribe("ona@example.lt", Kind.GROUP, page=lt["group"], rhythm="immediate")
    assert send_digests("immediate", now) == (1, 1)
    assert "10:00–12:00" in mail.outbox[0].body

    longer = now + timedelta(minutes=7)
    meeting.refresh_from_db()
    publish(meeting, longer, ends_at=starts + 3 * HOUR)
    assert send_digests("immediate", longer + timedelta(minutes=3)) == (1, 1)
    body = mail.outbox[1].body
    assert "Posėdis perkeltas" in body and "10:00–13:00" in body

    # An end left out, then given again, is not a move: nobody has to come at another time.
    for step, end in enumerate([None, starts + 2 * HOUR], start=1):
        meeting.refresh_from_db()
        at = longer + step * timedelta(minutes=10)
        publish(meeting, at, ends_at=end)
        assert send_digests("immediate", at + timedelta(minutes=3)) == (0, 0)


def test_daily_looks_back_two_days_and_sends_once_a_day(pages, now):
    lt = pages["lt"]
    publish(lt["meeting"], now - 3 * DAY)  # before the window
    publish(lt["article"], now - 5 * HOUR)
    subscribe("ona@example.lt", Kind.GROUP, page=lt["group"], rhythm="daily")
    subscribe("jonas@example.lt", Kind.GROUP, page=lt["group"], rhythm="weekly")

    assert send_digests("daily", now) == (1, 1)
    [message] = mail.outbox
    assert "Sudarytos darbo grupės" in message.body
    assert "Pirmasis posėdis" not in message.body

    lt["article"].refresh_from_db()
    publish(lt["article"], now + HOUR, intro="Papildyta informacija apie darbo grupes.")
    # Run again the same morning: the new change waits for the next day.
    assert send_digests("daily", now + 2 * HOUR) == (0, 0)
    assert send_digests("daily", now + DAY) == (1, 1)
    assert "Atnaujinta naujiena" in mail.outbox[1].body
    assert {tuple(m.to) for m in mail.outbox} == {("ona@example.lt",)}


def test_weekly_looks_back_two_weeks_and_sends_once_a_week(pages, now):
    lt = pages["lt"]
    publish(lt["meeting"], now - 15 * DAY)  # before the window
    publish(lt["article"], now - 6 * DAY)
    subscribe("ona@example.lt", Kind.GROUP, page=lt["group"], rhythm="weekly")

    assert send_digests("weekly", now) == (1, 1)
    assert "Pirmasis posėdis" not in mail.outbox[0].body
    lt["article"].refresh_from_db()
    publish(lt["article"], now + DAY)
    assert send_digests("weekly", now + 3 * DAY) == (0, 0)
    assert send_digests("weekly", now + 7 * DAY) == (1, 1)


def test_plan_priority_and_consultation(pages, now):
    lt = pages["lt"]
    first, second, priorities = two_trees(lt["group"])
    draft = lt["draft"]
    publish(draft, now - 60 * DAY, plan_tree=first)
    publish(draft, now - HOUR, plan_tree=second, version_label="0.2")
    PlanDraftPage.objects.filter(pk=draft.pk).update(
        consultation_opens=now - 2 * HOUR, consultation_closes=now + 20 * DAY
    )
    subscribe("ona@example.lt", Kind.PRIORITY, page=draft, priority_id=priorities[1])
    subscribe("jonas@example.lt", Kind.PRIORITY, page=draft, priority_id=priorities[0])

    send_digests("daily", now)

    ona = digests_to("ona@example.lt")[0].body
    assert "2 prioritetas. Prioritetas 2" in ona
    assert "Versija 0.2" in ona and "1 pakeista priemonė" in ona
    assert "Prasidėjo viešoji konsultacija" in ona
    jonas = digests_to("jonas@example.lt")[0].body
    # Priority 1 did not change: only the consultation is news to its follower.
    assert "Versija 0.2" not in jonas
    assert "Prasidėjo viešoji konsultacija" in jonas


def test_public_answers_to_comments(pages, now):
    lt = pages["lt"]
    draft = lt["draft"]
    comment = make_comment(draft, comment="Trūksta dviračių takų.")
    make_comment(
        draft,
        parent=comment,
        comment="Dėkojame, papildysime priemonę.",
        is_official=True,
        user_name="Savivaldybė",
        submit_date=now - HOUR,
    )
    make_comment(draft, parent=comment, comment="Nepublikuotas atsakymas.", is_official=True,
                 status="held", submit_date=now - HOUR)  # fmt: skip
    subscribe("ona@example.lt", Kind.PLAN, page=draft)

    send_digests("daily", now)

    [message] = mail.outbox
    assert "Savivaldybė atsakė į komentarą" in message.body
    assert "Dėkojame, papildysime priemonę." in message.body
    assert "Nepublikuotas atsakymas" not in message.body
    assert "Trūksta dviračių takų" not in message.body  # a resident's comment is no answer


def test_english_digest_reads_english_pages_only(pages, now):
    lt, en = pages["lt"], pages["en"]
    first, second, _priorities = two_trees(lt["group"])
    for language in (lt, en):
        publish(language["article"], now - 4 * HOUR)
        publish(language["meeting"], now - 3 * HOUR)
        publish(language["draft"], now - 9 * DAY, plan_tree=first)
        publish(language["draft"], now - HOUR, plan_tree=second, version_label="0.2")
    PlanDraftPage.objects.update(consultation_opens=now - 2 * HOUR)
    untranslated = MeetingPageFactory(parent=lt["group"], title="Tik lietuviškai", slug="tik-lt")
    publish(untranslated, now - 5 * HOUR)
    for address, language in (("ann@example.org", "en"), ("ona@example.lt", "lt")):
        subscribe(address, Kind.GROUP, page=lt["group"], language=language)
        subscribe(address, Kind.PLAN, page=lt["draft"], language=language)

    send_digests("daily", now)

    [english] = digests_to("ann@example.org")
    assert english.subject == "Strategic plan: 3 updates on what you follow"
    assert "== Economy and business environment working group ==" in english.body
    assert "* Working groups formed" in english.body
    # Its English page was published long ago with its agenda, minutes and decisions.
    assert "First meeting" not in english.body
    assert "Public consultation opened" in english.body and "1 measure changed" in english.body
    assert "/lt/" not in english.body.split("--")[0]
    assert "Tik lietuviškai" not in english.body
    [lithuanian] = digests_to("ona@example.lt")
    assert lithuanian.subject == "Strateginis planas: 5 naujienos apie tai, ką sekate"
    assert "Tik lietuviškai" in lithuanian.body
    assert "Prasidėjo viešoji konsultacija" in lithuanian.body
    CACHE.mkdir(exist_ok=True)
    (CACHE / "digest-en.txt").write_text(f"Subject: {english.subject}\n\n{english.body}")
    (CACHE / "digest-lt.txt").write_text(f"Subject: {lithuanian.subject}\n\n{lithuanian.body}")
    (CACHE / "digest-lt.html").write_text(html_of(lithuanian))


def test_nothing_sent_when_there_is_nothing(pages, now):
    subscribe("ona@example.lt", Kind.GROUP, page=pages["lt"]["group"])
    assert send_digests("daily", now) == (0, 0)
    assert mail.outbox == []
    assert not SentItem.objects.exists()


def test_a_digest_that_fails_is_logged_and_the_others_still_go(pages, now, caplog):
    lt = pages["lt"]
    publish(lt["article"], now - HOUR)
    subscribe("ona@example.lt", Kind.GROUP, page=lt["group"])
    subscribe("bad\n@example.lt", Kind.GROUP, page=lt["group"])  # no mail server takes it

    assert send_digests("daily", now) == (1, 1)

    assert [message.to for message in mail.outbox] == [["ona@example.lt"]]
    assert "A daily digest could not be sent" in caplog.text
    assert "bad" not in caplog.text
    assert not SentItem.objects.filter(email__startswith="bad").exists()
