"""96 comments posted at once by 12 clients (more than the server's eight threads): every
comment the site accepts reaches the database exactly once (through its confirmation
e-mail), every other one is refused with the rate limit's page, and nothing is lost or
stored twice.

Real parts: gunicorn with the production settings (one worker, as deployed and with eight
threads whose requests run at the same time: the rate limit counts in the process's
cache, which production shares through Redis) on the test's
database; 12 client threads, each with its own address in X-Forwarded-For (production
trusts one proxy in front, FEEDBACK_PROXY_COUNT=1), that load the comment form as a browser
does (CSRF cookie, signed timestamp) and post eight comments each: five are accepted, three
refused.
"""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser

import pytest
import requests

from django.db import connection
from django.utils import translation

from feedback.models import PublicComment
from tests.feedback.helpers import CONFIRM_LINK, path_of
from tests.reliability.servers import Gunicorn, database_url

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]

CLIENTS = 12
COMMENTS_PER_CLIENT = 8
# Production's limit is five a minute; the same five in an hour here, so that a run that
# straddles a minute's end cannot count against two windows (core/ratelimit.py).
RATE = 5


class HiddenInputs(HTMLParser):
    """The hidden fields of the comment form (CSRF token, content type, timestamp, hash...)."""

    def __init__(self):
        super().__init__()
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""


def hidden_fields(html):
    parser = HiddenInputs()
    parser.feed(html)
    return parser.fields


def confirmation_links(mail_dir):
    """The confirmation link of each e-mail the server wrote (filemail://: the messages of
    a connection in one file, each followed by a line of 79 dashes)."""
    links = []
    for path in sorted(mail_dir.iterdir()):
        for message in path.read_text(errors="replace").split("\n" + "-" * 79 + "\n"):
            found = set(CONFIRM_LINK.findall(message))  # in the text and the HTML part
            assert len(found) <= 1, message
            links += found
    return links


@pytest.mark.parametrize("threads", [None, 8], ids=["deployed", "threads"])
def test_concurrent_comments_are_stored_once_or_refused_by_the_rate_limit(
    site_tree, tmp_path, threads, private_redis
):
    article = site_tree.lt["article"]
    article.save_revision().publish()
    server = Gunicorn(
        tmp_path,
        database_url(connection.settings_dict),
        workers=1,
        threads=threads,
        REDIS_URL=private_redis.url,
        FEEDBACK_PROXY_COUNT="1",
        FEEDBACK_RATE_LIMIT=f"{RATE}/h",
    )
    start_together = threading.Barrier(CLIENTS)

    def client(number):
        """One reader: opens the form, then posts its comments in a row."""
        address = f"203.0.113.{number + 1}"  # documentation addresses (RFC 5737)
        headers = {"X-Forwarded-For": address}
        session = requests.Session()
        form = session.get(
            f"{server.url}/lt/comments/form/{article.pk}/", headers=headers, timeout=60
        )
        assert form.status_code == 200, form.text[:1000]
        fields = hidden_fields(form.text)
        assert "csrfmiddlewaretoken" in fields and "security_hash" in fields, fields
        start_together.wait(timeout=120)
        answers = []
        for index in range(COMMENTS_PER_CLIENT):
            text = f"Pasiūlymas {number:02d}-{index:02d}: daugiau dviračių takų prie Nemuno."
            data = {
                **fields,
                "name": f"Gyventojas {number}",
                "email": f"gyventojas{number}@example.lt",
                "url": "",
                "comment": text,
                "honeypot": "",
            }
            response = session.post(
                f"{server.url}/lt/comments/post/",
                data=data,
                headers=headers,
                allow_redirects=False,
                timeout=120,
            )
            answers.append((number, text, response.status_code, response.headers, response.text))
        return answers

    try:
        server.start()
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            answers = [a for answers in pool.map(client, range(CLIENTS)) for a in answers]

        statuses = Counter(status for _n, _t, status, _h, _b in answers)
        accepted = [a for a in answers if a[2] == 302]
        refused = [a for a in answers if a[2] == 429]
        # Every post has one of two answers: accepted (on to "check your e-mail") or refused.
        assert len(answers) == CLIENTS * COMMENTS_PER_CLIENT
        assert len(accepted) + len(refused) == len(answers), (statuses, server.log())
        for _number, _text, _status, headers, _body in accepted:
            assert headers["Location"] == f"/lt/comments/sent/?page={article.pk}"
        # The rate limit counts each client on its own: none is refused before its fifth.
        per_client = Counter(number for number, *_ in accepted)
        assert set(per_client) == set(range(CLIENTS)), per_client
        assert all(1 <= count <= RATE for count in per_client.values()), per_client
        # A refusal says what happened and when to try again, in the reader's language.
        with translation.override("lt"):
            too_many = translation.gettext("Too many attempts")
            not_stored = translation.gettext(
                "This request was not stored. Your browser's Back button takes you to the "
                "form with your text."
            )
        assert too_many == "Per daug bandymų"
        for _number, _text, _status, headers, body in refused:
            assert int(headers["Retry-After"]) > 0
            assert f"<h1>{too_many}</h1>" in body
            assert not_stored in body

        # One confirmation e-mail per accepted comment, none for a refused one.
        links = confirmation_links(server.mail_dir)
        assert len(links) == len(set(links)) == len(accepted), (len(links), len(accepted))

        # The readers confirm, each link twice at the same moment (a double click).
        def confirm(link):
            return requests.get(server.url + path_of(link), allow_redirects=False, timeout=120)

        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            confirmations = list(pool.map(confirm, [link for link in links for _ in (0, 1)]))
        assert all(r.status_code in (200, 302) for r in confirmations), Counter(
            r.status_code for r in confirmations
        )
    finally:
        server.stop()

    stored = list(
        PublicComment.objects.filter(object_pk=str(article.pk)).values_list("comment", flat=True)
    )
    duplicated = [text for text, count in Counter(stored).items() if count > 1]
    assert not duplicated, duplicated
    assert sorted(stored) == sorted(text for _n, text, *_ in accepted)
    assert not set(stored) & {text for _n, text, *_ in refused}
