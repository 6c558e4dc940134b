"""Asking for the "my data" link: the same answer for every address, the e-mail in the
reader's language, limits, and links that are damaged or expired."""

import time

import pytest

from django.core import mail, signing

from mydata import links
from tests.feedback.helpers import make_comment
from tests.mydata.helpers import ask_for_link, link_in, outbox_to, overview_url

pytestmark = pytest.mark.django_db


def test_the_form_is_at_a_lithuanian_and_an_english_address(client, lt_site):
    lithuanian = client.get("/lt/mano-duomenys/")
    assert lithuanian.status_code == 200
    assert "Jūsų duomenys" in lithuanian.content.decode()
    english = client.get("/en/my-data/")
    assert english.status_code == 200
    assert "Your data" in english.content.decode()


def test_every_page_footer_leads_to_the_form(client, lt_site):
    home = client.get(lt_site.lt["home"].url).content.decode()
    assert '<a href="/lt/mano-duomenys/">Jūsų duomenys šioje svetainėje</a>' in home


def test_an_address_with_data_and_one_without_get_the_same_answer(client, article):
    make_comment(article, user_email="ona@example.lt", comment="Mano komentaras.")
    known = ask_for_link(client, "Ona@Example.lt")
    unknown = ask_for_link(client, "niekas@example.lt")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/lt/mano-duomenys/issiusta/"
    page = client.get(known["Location"]).content.decode()
    assert "Patikrinkite el. paštą" in page
    assert "ona@example.lt" not in page
    # Each address gets its link; the one without data learns that on the page, not here.
    assert len(outbox_to("ona@example.lt")) == len(outbox_to("niekas@example.lt")) == 1


def test_the_link_opens_the_data_in_the_language_it_was_asked_in(client, article):
    make_comment(article, user_email="ona@example.lt", comment="Mano komentaras.")
    ask_for_link(client, "ona@example.lt", language="en")
    (message,) = mail.outbox
    assert message.subject == "Your data on the strategic plan's website"
    assert "valid for 24 hours" in message.body
    html = message.alternatives[0][0]
    assert "See my data" in html
    path = link_in(message)
    assert path.startswith("/en/my-data/")
    page = client.get(path).content.decode()
    assert "Mano komentaras." in page
    assert "Everything we keep about ona@example.lt." in page

    mail.outbox.clear()
    ask_for_link(client, "ona@example.lt")
    assert mail.outbox[0].subject == "Jūsų duomenys strateginio plano svetainėje"
    assert link_in(mail.outbox[0]).startswith("/lt/mano-duomenys/")


def test_the_honeypot_and_a_bad_address_are_refused_with_a_message(client, lt_site):
    robot = ask_for_link(client, "ona@example.lt", honeypot="http://spam.example")
    assert robot.status_code == 400
    assert "nuoroda neišsiųsta" in robot.content.decode()
    typo = ask_for_link(client, "ona.example.lt")
    assert typo.status_code == 400
    assert "Nuoroda neišsiųsta" in typo.content.decode()
    assert mail.outbox == []


def test_a_client_that_asks_too_often_is_told_to_wait(client, lt_site):
    for number in range(5):
        assert ask_for_link(client, f"ona{number}@example.lt").status_code == 302
    response = ask_for_link(client, "ona9@example.lt")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Nuorodų prašėte per dažnai" in response.content.decode()
    assert len(mail.outbox) == 5


def test_one_address_gets_at_most_three_links_a_day_with_the_same_answer(client, lt_site, settings):
    settings.FEEDBACK_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for number in range(4):  # from four clients: the per-client limit plays no part
        response = ask_for_link(client, "ona@example.lt", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
        assert response.status_code == 302
        assert response["Location"] == "/lt/mano-duomenys/issiusta/"
    assert len(outbox_to("ona@example.lt")) == 3


def test_a_damaged_link_is_refused_clearly(client, lt_site):
    key = links.access_key("ona@example.lt")
    other = links.access_key("jonas@example.lt")
    prefix = "/lt/mano-duomenys/"
    for path in [
        f"{prefix}{key[:-6]}/",  # cut
        f"{prefix}{other.split(':')[0]}:{key.split(':', 1)[1]}/",  # another address, same seal
        f"{prefix}{signing.dumps({'email': 'ona@example.lt'}, salt='feedback.mute')}/",
        f"{prefix}{signing.dumps(['ona@example.lt'], salt=links.SALT)}/",
        f"{prefix}{signing.dumps({'email': 'be eto'}, salt=links.SALT)}/",
    ]:
        response = client.get(path)
        assert response.status_code == 400, path
        assert "Nuoroda sugadinta arba nepilna" in response.content.decode()
    assert client.get(f"{prefix}{key}/").status_code == 200


def test_an_expired_link_is_refused_clearly(client, lt_site, monkeypatch):
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now - 25 * 3600)
    old = overview_url("ona@example.lt")
    monkeypatch.setattr(signing.time, "time", lambda: now - 23 * 3600)
    recent = overview_url("ona@example.lt")
    monkeypatch.undo()
    response = client.get(old)
    assert response.status_code == 400
    assert "Nuorodos galiojimas baigėsi" in response.content.decode()
    assert client.get(recent).status_code == 200
