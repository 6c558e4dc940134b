"""X-Forwarded-For is believed only from the trusted proxies (review item 10).

Production counts the comment and flag rate limits per client address, which the proxy in
front appends to X-Forwarded-For (FEEDBACK_PROXY_COUNT=1). A client that reaches gunicorn
directly must not choose its own address with that header: it would get a fresh limit on
every request. The header is read only when REMOTE_ADDR is one of TRUSTED_PROXIES.
"""

import pytest

from django.test import Client

from tests.factories import build_site
from tests.feedback.helpers import make_comment, post_comment
from tests.production.test_settings import run_manage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("production_proxy_settings"),
]

ATTACKER = "203.0.113.9"  # reaches gunicorn directly (documentation address, RFC 5737)
PROXY = "127.0.0.1"  # the proxy of docs/nginx.conf.example, on the same host
COMMENT_LIMIT = 5
FLAG_LIMIT = 3


@pytest.fixture
def production_proxy_settings(settings):
    """The production values: one proxy in front, at the loopback addresses."""
    settings.FEEDBACK_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    settings.FEEDBACK_RATE_LIMIT = f"{COMMENT_LIMIT}/m"
    settings.FEEDBACK_FLAG_RATE_LIMIT = f"{FLAG_LIMIT}/h"
    settings.FEEDBACK_FLAG_THRESHOLD = 10  # the comment stays up to be flagged again


@pytest.fixture
def article(db):
    page = build_site(translate_to_english=False).lt["article"]
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def forged(number):
    return {"HTTP_X_FORWARDED_FOR": f"198.51.100.{number}"}


def flag(client, comment, headers):
    return client.post(f"/lt/comments/c/{comment.pk}/flag/", {"reason": "spam"}, **headers)


def test_a_direct_client_cannot_dodge_the_comment_limit_with_forwarded_for(article):
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for number in range(COMMENT_LIMIT):
        response = post_comment(
            attacker, article, comment=f"Reklama {number}.", headers=forged(number)
        )
        assert response.status_code == 302
    response = post_comment(attacker, article, comment="Dar reklama.", headers=forged(99))
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1


def test_a_direct_client_cannot_dodge_the_flag_limit_with_forwarded_for(article):
    comment = make_comment(article)
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for number in range(FLAG_LIMIT):
        assert flag(attacker, comment, forged(number)).status_code == 200
    assert flag(attacker, comment, forged(99)).status_code == 429
    # The forged addresses did not count as different readers either.
    assert comment.reader_flags.count() == 1


def test_through_the_trusted_proxy_each_forwarded_client_has_its_own_limit(article):
    proxy = Client(REMOTE_ADDR=PROXY)
    # What the client sent first, then the address the proxy appended.
    reader = {"HTTP_X_FORWARDED_FOR": "192.0.2.1, 198.51.100.7"}
    for number in range(COMMENT_LIMIT):
        response = post_comment(proxy, article, comment=f"Mintis {number}.", headers=reader)
        assert response.status_code == 302
    assert post_comment(proxy, article, comment="Šešta.", headers=reader).status_code == 429
    # Another reader behind the same proxy is not held back.
    other = {"HTTP_X_FORWARDED_FOR": "198.51.100.8"}
    assert post_comment(proxy, article, comment="Kitas.", headers=other).status_code == 302


def test_through_the_trusted_proxy_flags_count_per_forwarded_client(article):
    comment = make_comment(article)
    proxy = Client(REMOTE_ADDR=PROXY)
    for _ in range(FLAG_LIMIT):
        assert flag(proxy, comment, forged(1)).status_code == 200
    assert flag(proxy, comment, forged(1)).status_code == 429
    assert flag(proxy, comment, forged(2)).status_code == 200
    assert comment.reader_flags.count() == 2  # two readers


def test_trusted_proxies_may_be_networks(article, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxy = Client(REMOTE_ADDR="10.1.2.3")
    for number in range(COMMENT_LIMIT + 1):
        response = post_comment(proxy, article, comment=f"Mintis {number}.", headers=forged(number))
        assert response.status_code == 302  # six readers, one comment each


def test_production_trusts_the_loopback_proxy_unless_told_otherwise():
    code = "from django.conf import settings; print(settings.TRUSTED_PROXIES)"
    result = run_manage("shell", "--no-imports", "-c", code)
    assert result.stdout.strip() == "['127.0.0.1', '::1']", result.stderr
    result = run_manage(
        "shell", "--no-imports", "-c", code, DJANGO_TRUSTED_PROXIES="10.0.0.0/8,192.0.2.1"
    )
    assert result.stdout.strip() == "['10.0.0.0/8', '192.0.2.1']", result.stderr
