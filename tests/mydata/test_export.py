"""What the "my data" page lists and downloads: every comment (page, date, text, status),
the reader flags on them and every subscription of the address, nobody else's."""

import csv
import io
import json

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from wagtail.models import PageViewRestriction

from feedback.models import CommentNotificationOptOut, PublicComment, ReaderFlag
from follows.models import SentItem, Subscription
from mydata.records import ResidentData
from tests.factories import WorkingGroupPageFactory
from tests.feedback.helpers import make_comment
from tests.mydata.helpers import overview_url

pytestmark = pytest.mark.django_db

Status = PublicComment.Status


@pytest.fixture
def ona_data(article, lt_site, subscribe):
    published = make_comment(
        article,
        user_name="Ona",
        user_email="Ona@Example.lt",
        comment="Reikia daugiau dviračių takų.",
        ip_address="192.0.2.7",
    )
    held = make_comment(
        article,
        user_name="Ona",
        user_email="ona@example.lt",
        comment="=HYPERLINK(1)",
        status=Status.HELD,
    )
    removed = make_comment(
        article,
        user_name="Ona",
        user_email="ona@example.lt",
        comment="Pašalintas.",
        status=Status.REMOVED,
    )
    ReaderFlag.objects.create(
        comment=published, reader="x" * 64, reason=ReaderFlag.Reason.OFF_TOPIC
    )
    make_comment(article, user_name="Jonas", user_email="jonas@example.lt", comment="Jono tekstas.")
    subscribe("ona@example.lt", confirmed_at=timezone.now())
    subscribe(
        "ONA@example.lt",
        kind=Subscription.Kind.TOPIC,
        page=None,
        topic=article.tags.first(),
        language="en",
        rhythm=Subscription.Rhythm.DAILY,
    )
    subscribe("jonas@example.lt")
    CommentNotificationOptOut.stop("ona@example.lt")
    SentItem.objects.create(
        email="ona@example.lt", key="page:1", rhythm="weekly", sent_at=timezone.now()
    )
    return {"published": published, "held": held, "removed": removed}


def test_the_page_lists_every_comment_flag_and_subscription_of_the_address(
    client, ona_data, lt_site
):
    page = client.get(overview_url("ona@example.lt")).content.decode()
    for text in ["Reikia daugiau dviračių takų.", "=HYPERLINK(1)", "Pašalintas."]:
        assert text in page
    assert "Jono tekstas." not in page
    assert "Sudarytos darbo grupės" in page  # the page commented on
    for state in ["Paskelbtas", "Laukia moderatoriaus", "Pašalintas"]:
        assert state in page
    assert "IP adresas 192.0.2.7" in page
    assert "Skaitytojai apie jį pranešė:" in page
    assert "Ne į temą" in page
    assert "Ekonomikos ir verslo aplinkos darbo grupė" in page  # followed, confirmed
    assert "darbo grupės" in page  # the topic
    assert page.count("Nepatvirtinta") == 1
    assert "atsisakėte laiškų apie savo komentarus" in page
    assert "saugome žymą apie 1 jums santraukose išsiųstą įrašą" in page


def test_an_address_without_data_sees_that_nothing_is_kept(client, lt_site):
    page = client.get(overview_url("niekas@example.lt")).content.decode()
    assert "Iš šio adreso komentarų nėra." in page
    assert "Šiuo adresu nieko nesekate." in page
    assert "Ištrinti savo duomenis" not in page


def test_the_json_download_carries_the_same_data(client, ona_data, lt_site):
    response = client.get(overview_url("ona@example.lt") + "data.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    data = json.loads(response.content)
    assert data["email"] == "ona@example.lt"
    assert [(c["text"], c["status"]) for c in data["comments"]] == [
        ("Reikia daugiau dviračių takų.", "published"),
        ("=HYPERLINK(1)", "waiting"),
        ("Pašalintas.", "removed"),
    ]
    first = data["comments"][0]
    assert first["ip_address"] == "192.0.2.7"
    assert first["name"] == "Ona"
    assert first["page"] == "Sudarytos darbo grupės"
    assert first["url"].endswith(f"#c{ona_data['published'].pk}")
    assert [flag["reason"] for flag in first["reader_flags"]] == ["off_topic"]
    follows = {
        (s["follows"], s["language"], s["rhythm"], bool(s["confirmed_at"]))
        for s in data["subscriptions"]
    }
    assert follows == {("group", "lt", "weekly", True), ("topic", "en", "daily", False)}
    assert data["comment_emails_stopped_at"]
    assert [item["item"] for item in data["digest_items_sent"]] == ["page:1"]


def test_the_csv_download_is_safe_in_a_spreadsheet(client, ona_data, lt_site):
    response = client.get(overview_url("ona@example.lt") + "data.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Įrašas", "Numeris", "Data"]
    texts = [row[9] for row in rows[1:]]
    assert "'=HYPERLINK(1)" in texts  # shown as text, never run
    assert "=HYPERLINK(1)" not in texts
    kinds = [row[0] for row in rows[1:]]
    assert kinds.count("komentaras") == 3
    assert kinds.count("prenumerata") == 2
    assert "skaitytojo pranešimas apie jūsų komentarą" in kinds
    assert not any("jonas@example.lt" in cell for row in rows for cell in row)


def test_the_items_sent_in_digests_are_told_in_words(client, lt_site):
    lt = lt_site.lt
    answer = make_comment(lt["article"], user_name="Savivaldybė", comment="Atsakymas.")
    version = lt["draft"].save_revision()
    keys = {
        f"article:{lt['article'].pk}:rev:7": ("New article", lt["article"]),
        f"meeting:{lt['meeting'].pk}:moved:9": ("Meeting moved", lt["meeting"]),
        f"meeting:{lt['meeting'].pk}:agenda": ("Agenda published", lt["meeting"]),
        f"version:{version.pk}:priority:abc": ("New version", lt["draft"]),
        f"consultation:{lt['draft'].pk}:closes:2026-01-31": (
            "Public consultation closed",
            lt["draft"],
        ),
        f"answer:{answer.pk}": ("The municipality answered a comment", lt["article"]),
    }
    for key in [*keys, "page:1"]:
        SentItem.objects.create(
            email="ona@example.lt", key=key, rhythm="weekly", sent_at=timezone.now()
        )
    PageViewRestriction.objects.create(
        page=lt["meeting"], restriction_type=PageViewRestriction.PASSWORD, password="slapta"
    )

    response = client.get(overview_url("ona@example.lt") + "data.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    told = {
        row[11]: row[3] for row in rows[1:] if row[0] == "naujienų santraukoje išsiųstas įrašas"
    }
    with translation.override("lt"):
        expected = {
            key: str(translation.gettext(label))
            + ("" if page.pk == lt["meeting"].pk else f": {page.title}")
            for key, (label, page) in keys.items()
        }
    expected[f"article:{lt['article'].pk}:rev:7"] = f"Naujiena: {lt['article'].title}"
    assert told == {**expected, "page:1": "page:1"}  # the meeting is private now: no title
    data = json.loads(client.get(overview_url("ona@example.lt") + "data.json").content)
    assert {item["item"]: item["description"] for item in data["digest_items_sent"]} == told


def test_a_download_in_another_format_is_not_found(client, lt_site):
    assert client.get(overview_url("ona@example.lt") + "data.xml").status_code == 404


def test_a_residents_subscriptions_are_read_in_the_queries_of_one(lt_site, subscribe):
    """Their names and page addresses are read for all of them at once, not row by row."""
    lt = lt_site.lt
    subscribe("ona@example.lt", confirmed_at=timezone.now())
    ResidentData("ona@example.lt")  # Wagtail's site root paths, for the pages' addresses
    with CaptureQueriesContext(connection) as one:
        ResidentData("ona@example.lt")
    for _ in range(2):
        subscribe("ona@example.lt", page=WorkingGroupPageFactory(parent=lt["group_index"]))
    with CaptureQueriesContext(connection) as three:
        data = ResidentData("ona@example.lt")
    assert [bool(record.page_url) for record in data.subscriptions] == [True, True, True]
    assert len(three) == len(one), "\n".join(q["sql"] for q in three.captured_queries)
