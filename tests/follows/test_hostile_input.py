"""Hostile input on every follow URL never gets a 500: each parameter and posted field with
the values of the site-wide fuzz test (tests/security/test_fuzz.py)."""

from urllib.parse import quote

import pytest

from django.test import Client

from taggit.models import Tag

from follows.models import Subscription
from tests.security.test_fuzz import HOSTILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def test_no_follow_url_answers_hostile_input_with_a_server_error(client, lt_site, settings):
    settings.FOLLOWS_RATE_LIMIT = None
    draft, article = lt_site.lt["draft"], lt_site.lt["article"]
    topic = Tag.objects.get().slug
    bases = {
        "group": {"page": str(lt_site.lt["group"].pk)},
        "draft": {"page": str(draft.pk), "priority": "", "tag": ""},
        "article": {"page": str(article.pk), "topic": topic},
        "topic": {"tag": topic},
    }
    fields = ("email", "language", "rhythm", "topic", "website", "page", "priority", "tag")
    answers = []
    for name, base in bases.items():
        valid = {**base, "email": "ona@example.lt", "language": "lt", "rhythm": "daily"}
        for label, value in HOSTILE.items():
            for param in ("page", "priority", "tag"):
                response = client.get("/lt/follow/", {**base, param: value})
                answers.append((f"GET {name} {param}={label}", response.status_code))
                answers.append(
                    (
                        f"sent {param}={label}",
                        client.get("/lt/follow/sent/", {param: value}).status_code,
                    )
                )
            for field in fields:
                response = client.post("/en/follow/", {**valid, field: value})
                answers.append((f"POST {name} {field}={label}", response.status_code))
            if isinstance(value, str):
                for action in ("get", "post"):
                    path = f"/lt/follow/confirm/{quote(value, safe='')}/"
                    answers.append(
                        (f"{action} confirm {label}", getattr(client, action)(path).status_code)
                    )
    failed = [(where, status) for where, status in answers if status >= 500]
    assert not failed, failed
    # Nothing hostile became a subscription.
    assert set(Subscription.objects.values_list("email", flat=True)) <= {"ona@example.lt"}
