"""Whatever is typed or sent to "my data", the answer is a page with a message, never a
500, and nothing is erased or mailed by a request that should not."""

import pytest

from django.core import mail

from feedback.models import PublicComment
from mydata import links
from tests.feedback.helpers import make_comment
from tests.mydata.helpers import ask_for_link

pytestmark = pytest.mark.django_db

KEYS = [
    "x",
    "a" * 5000,
    "%00",
    "é:ū:ž",
    "..:..",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "eyJlbWFpbCI6Im9uYUBleGFtcGxlLmx0In0:1:2",
    # (an id of its own: the key is signed when the tests are collected, and every pytest-xdist
    # worker must collect the same names)
    pytest.param(
        links.access_key("ona@example.lt").replace(":", "::"), id="real-key-doubled-colons"
    ),
]
ADDRESSES = [
    "ona@example.lt\nBcc: visi@example.lt",
    "ona@example.lt\r\nSubject: x",
    "a" * 300 + "@example.lt",
    "<script>@example.lt",
    "ona@@example.lt",
    "\x00",
    "",
]


@pytest.mark.parametrize("key", KEYS)
def test_a_made_up_key_gets_a_clear_refusal(client, lt_site, key):
    make_comment(lt_site.lt["article"], user_email="ona@example.lt")
    for method in (client.get, client.post):
        response = method(f"/lt/mano-duomenys/{key}/", {"scope": "comments", "confirm": "on"})
        assert response.status_code in (400, 404), key
        if response.status_code == 400:
            assert "Ši nuoroda nebegalioja" in response.content.decode()
    assert client.get(f"/lt/mano-duomenys/{key}/data.json").status_code in (400, 404)
    assert PublicComment.objects.filter(user_email="ona@example.lt").exists()


def test_bad_addresses_are_refused_with_a_message_and_mail_nobody(client, lt_site):
    for address in ADDRESSES:
        response = ask_for_link(client, address)
        assert response.status_code in (400, 429), repr(address)
        if response.status_code == 400:
            assert "Nuoroda neišsiųsta" in response.content.decode()
    assert mail.outbox == []


def test_other_methods_and_repeated_fields_are_answered_plainly(client, lt_site):
    assert client.put("/lt/mano-duomenys/").status_code == 405
    assert client.get("/lt/mano-duomenys/", {"email": "ona@example.lt"}).status_code == 200
    assert mail.outbox == []  # a GET mails nobody
    # A field sent twice counts once (the last value), as in every Django form.
    response = client.post("/lt/mano-duomenys/", {"email": ["a@example.lt", "b@example.lt"]})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["b@example.lt"]]
