"""Hostile input on every public URL never gets a 500 (review item 9).

Every public page type in both languages, their sub-routes (news feeds, plan data, version
comparison), search and suggestions, every view under /<lang>/comments/, the sitemaps,
robots.txt, the root redirect, documents and the private pages' sign-in get each parameter
their code reads (and a few generic ones) with each hostile value below: non-digits, huge
numbers, quotes, markup, NUL, 10 kB, repeated keys. Ids in paths get huge numbers; the
comment, flag and sign-in forms get the same values posted in each field. An answer may be
a 4xx with a readable page, never a 500, and never a 503: search runs on the test settings'
database backend here, so no server can be down.

The site (every page type in both languages, comments, a disposition, documents, a plan tree
with two published versions, a password-protected page) is built once for the module, in a
transaction rolled back at its end.
"""

from types import SimpleNamespace
from urllib.parse import quote

import pytest

from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.test import Client

from wagtail.models import PageViewRestriction

from core.versions import published_revisions
from feedback.forms import PublicCommentForm
from feedback.models import Disposition
from tests.factories import StandardPageFactory, build_site, plan_tree_json
from tests.feedback.helpers import make_comment

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"
HOSTILE = {
    "abc": "abc",
    "negative": "-1",
    "zero": "0",
    "huge": HUGE,
    "exponent": "1e9",
    "quote": "'",
    "double-quote": '"',
    "markup": "<script>",
    "nul": "\x00",
    "percent-nul": "%00",
    "10kB": "x" * 10_000,
    "repeated": ["1", "abc", HUGE],
}
# Ids in paths: what the URL patterns let through (<int:...> takes digits only).
PATH_IDS = {"zero": "0", "bigint+1": "9223372036854775808", "huge": HUGE}
GENERIC = (
    "page",
    "group",
    "tag",
    "comment",
    "offset",
    "q",
    "type",
    "from",
    "to",
    "reply_to",
    "section",
    "format",
)
COMMENT_LIST = ("order", "section", "comments", "comment")  # feedback/threads.py
LANGUAGES = ("lt", "en")


# --- The site -------------------------------------------------------------------------------


def build():
    site = build_site()
    lt, en = site.lt, site.en
    lt["draft"].plan_tree, _indicators, _measures = plan_tree_json(2, [lt["group"].pk])
    versions = {}
    for language, pages in (("lt", lt), ("en", en)):
        draft = pages["draft"]
        draft.save_revision().publish()
        draft.summary += " Antroji versija."
        draft.save_revision().publish()
        versions[language] = [revision.pk for revision in published_revisions(draft)]

    comments = {}
    for language, pages in (("lt", lt), ("en", en)):
        for key in ("article", "draft", "group"):
            page = pages[key]
            section = page.comment_sections()[0].id if key == "draft" else ""
            comment = make_comment(page, section_id=section, comment="Pritariu planui.")
            make_comment(page, parent=comment, comment="Ir aš.")
            comments[(language, key)] = comment
    Disposition.objects.create(
        comment=comments[("lt", "draft")], outcome="accepted", reason="Įtraukta."
    )

    private = StandardPageFactory(parent=lt["home"], title="Vidinis", slug="vidinis")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="slaptas"
    )
    return SimpleNamespace(
        site=site,
        pages={"lt": lt, "en": en},
        comments=comments,
        versions=versions,
        restriction=restriction,
        private=private,
        document=site.order,
    )


@pytest.fixture(scope="module")
def fuzz_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


# --- What is fuzzed -------------------------------------------------------------------------


def target(path, params=(), base=None):
    """A URL: `path(data)` gives its path, `params` are the parameters its code reads,
    `base(data)` the valid ones each case starts from."""
    return SimpleNamespace(path=path, params=tuple(params), base=base or (lambda data: {}))


PAGE_KEYS = (
    "home",
    "standard",
    "group_index",
    "group",
    "meeting",
    "plan_index",
    "draft",
    "news_index",
    "article",
)
PAGE_PARAMS = {
    "news_index": ("group", "tag", "page"),
    "article": COMMENT_LIST,
    "group": COMMENT_LIST,
    "draft": ("group", *COMMENT_LIST),
}


def language_targets(lang):
    """The pages of one language, their sub-routes, search and the comments' views."""

    def page(key):
        return lambda data: data.pages[lang][key].url

    def page_pk(key):
        return lambda data: data.pages[lang][key].pk

    def comment_pk(data):
        return data.comments[(lang, "article")].pk

    return {
        **{f"{key}-{lang}": target(page(key), PAGE_PARAMS.get(key, ())) for key in PAGE_KEYS},
        f"rss-{lang}": target(lambda data: page("news_index")(data) + "rss/"),
        f"atom-{lang}": target(lambda data: page("news_index")(data) + "atom/"),
        f"compare-{lang}": target(
            lambda data: page("draft")(data) + "versions/compare/",
            ("from", "to", "group"),
            base=lambda data: {"from": data.versions[lang][0], "to": data.versions[lang][-1]},
        ),
        f"plan-csv-{lang}": target(lambda data: page("draft")(data) + "data/csv/"),
        f"plan-json-{lang}": target(lambda data: page("draft")(data) + "data/json/"),
        f"search-{lang}": target(
            lambda data: f"/{lang}/search/",
            ("q", "type", "group", "from", "to", "page"),
            base=lambda data: {"q": "darbo grupės"},
        ),
        f"suggest-{lang}": target(
            lambda data: f"/{lang}/search/suggest/", ("q",), base=lambda data: {"q": "darb"}
        ),
        f"comment-form-{lang}": target(
            lambda data: f"/{lang}/comments/form/{page_pk('draft')(data)}/",
            ("reply_to", "section"),
        ),
        f"comment-sent-{lang}": target(lambda data: f"/{lang}/comments/sent/", ("page",)),
        f"comment-threads-{lang}": target(
            lambda data: f"/{lang}/comments/threads/{page_pk('article')(data)}/",
            ("offset", *COMMENT_LIST),
        ),
        f"comment-permalink-{lang}": target(lambda data: f"/{lang}/comments/c/{comment_pk(data)}/"),
        f"comment-flag-{lang}": target(lambda data: f"/{lang}/comments/c/{comment_pk(data)}/flag/"),
        f"you-said-we-did-{lang}": target(
            lambda data: f"/{lang}/comments/you-said-we-did/{page_pk('draft')(data)}.csv"
        ),
        f"comment-confirm-{lang}": target(lambda data: f"/{lang}/comments/confirm/abc/"),
        f"comment-mute-{lang}": target(lambda data: f"/{lang}/comments/mute/abc/"),
        f"sign-in-{lang}": target(lambda data: f"/{lang}/_util/login/", ("next",)),
        f"page-password-{lang}": target(
            lambda data: (
                f"/{lang}/_util/authenticate_with_password/{data.restriction.pk}/{data.private.pk}/"
            ),
            ("return_url",),
        ),
    }


GET_TARGETS = {
    "root": target(lambda data: "/"),
    "robots": target(lambda data: "/robots.txt"),
    "sitemap-index": target(lambda data: "/sitemap.xml"),
    "sitemap-lt": target(lambda data: "/sitemap-lt.xml", ("p",)),
    "sitemap-en": target(lambda data: "/sitemap-en.xml", ("p",)),
    "document": target(lambda data: data.document.url),
    "set-language": target(lambda data: "/i18n/setlang/", ("language", "next")),
    **language_targets("lt"),
    **language_targets("en"),
}


def case(*values, id):
    return pytest.param(*values, id=id)


UNREAD = "unread"  # a case that sets every generic parameter the target does not read


def get_cases():
    """One case per parameter a target reads, and one with all the generic ones it does not
    read at once (a case that fails names the target and the parameter)."""
    for name, spec in GET_TARGETS.items():
        for param in (*spec.params, UNREAD):
            yield case(name, param, id=f"{name}?{param}")


def query(spec, data, param, value):
    params = spec.base(data)
    unread = [name for name in GENERIC if name not in spec.params]
    params.update(dict.fromkeys(unread, value) if param == UNREAD else {param: value})
    return params


PATH_TARGETS = {
    # <int:...> ids in the comments' URLs, and in the documents' and private pages'.
    **{
        f"{view}-{language}": f"/{language}/comments/{pattern}"
        for language in LANGUAGES
        for view, pattern in (
            ("comment-form", "form/{}/"),
            ("comment-threads", "threads/{}/"),
            ("comment-permalink", "c/{}/"),
            ("comment-flag", "c/{}/flag/"),
            ("you-said-we-did", "you-said-we-did/{}.csv"),
        )
    },
    "document": "/documents/{}/dokumentas.pdf",
    "page-password-lt": "/lt/_util/authenticate_with_password/{0}/{0}/",
}
KEY_TARGETS = {  # <str:key> of the links in e-mails
    f"{view}-{language}": f"/{language}/comments/{view}/{{}}/"
    for language in LANGUAGES
    for view in ("confirm", "mute")
}


def comment_form_data(page, **fields):
    form = PublicCommentForm(page)
    return {
        **form.generate_security_data(),
        "name": "Ona Alytiškė",
        "email": "ona@example.lt",
        "url": "",
        "comment": "Gera mintis.",
        "section": "",
        "reply_to": "0",
        "honeypot": "",
        **fields,
    }


POST_TARGETS = {
    **{
        f"comment-post-{language}": target(
            lambda data, lang=language: f"/{lang}/comments/post/",
            (
                "name",
                "email",
                "url",
                "comment",
                "section",
                "reply_to",
                "followup",
                "object_pk",
                "content_type",
                "timestamp",
                "security_hash",
                "honeypot",
            ),
            base=lambda data, lang=language: comment_form_data(data.pages[lang]["article"]),
        )
        for language in LANGUAGES
    },
    **{
        f"comment-flag-{language}": target(
            lambda data, lang=language: (
                f"/{lang}/comments/c/{data.comments[(lang, 'article')].pk}/flag/"
            ),
            ("reason",),
            base=lambda data: {"reason": "spam"},
        )
        for language in LANGUAGES
    },
    "sign-in-lt": target(
        lambda data: "/lt/_util/login/",
        ("username", "password", "next"),
        base=lambda data: {"username": "redaktore", "password": "ne-tas"},
    ),
    "page-password-lt": target(
        lambda data: (
            f"/lt/_util/authenticate_with_password/{data.restriction.pk}/{data.private.pk}/"
        ),
        ("password", "return_url"),
        base=lambda data: {"password": "ne-tas", "return_url": data.private.url},
    ),
    "set-language": target(
        lambda data: "/i18n/setlang/",
        ("language", "next"),
        base=lambda data: {"language": "en", "next": "/en/"},
    ),
}


def post_cases():
    for name, spec in POST_TARGETS.items():
        for param in spec.params:
            yield case(name, param, id=f"{name}:{param}")


# --- The checks -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    """Every hostile post is checked, not turned away by the comment and flag limits."""
    settings.FEEDBACK_RATE_LIMIT = None
    settings.FEEDBACK_FLAG_RATE_LIMIT = None
    settings.ADMIN_LOGIN_FAILURES_PER_ACCOUNT = (10**6, 60)
    settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS = (10**6, 60)


@pytest.fixture
def client():
    """A client that gets the 500 page as a browser would, rather than the exception."""
    return Client(raise_request_exception=False)


def status(response):
    if response.streaming:  # a document: close its file, as the test client itself would
        request_finished.disconnect(close_old_connections)  # not the module's transaction
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
    return response.status_code


def assert_no_server_error(where, answers):
    """No answer is a 500 (or a 503: no service is down here)."""
    failed = [(label, status) for label, status in answers if status >= 500]
    assert not failed, f"{where}: {failed}"


@pytest.mark.parametrize(("name", "param"), list(get_cases()))
def test_query_parameters(client, fuzz_site, name, param):
    spec = GET_TARGETS[name]
    path = spec.path(fuzz_site)
    answers = [
        (label, status(client.get(path, query(spec, fuzz_site, param, value))))
        for label, value in HOSTILE.items()
    ]
    assert_no_server_error(f"GET {path}?{param}=", answers)


@pytest.mark.parametrize("name", list(PATH_TARGETS))
def test_ids_in_paths(client, fuzz_site, name):
    template = PATH_TARGETS[name]
    answers = []
    for label, value in PATH_IDS.items():
        path = template.format(value)
        answers.append((f"GET {label}", status(client.get(path))))
        answers.append((f"POST {label}", status(client.post(path, {"reason": "spam"}))))
    assert_no_server_error(template, answers)


@pytest.mark.parametrize("name", list(KEY_TARGETS))
def test_keys_in_paths(client, fuzz_site, name):
    template = KEY_TARGETS[name]
    values = {label: value for label, value in HOSTILE.items() if isinstance(value, str)}
    answers = [
        (label, status(client.get(template.format(quote(value, safe="")))))
        for label, value in values.items()
    ]
    assert_no_server_error(template, answers)


@pytest.mark.parametrize(("name", "param"), list(post_cases()))
def test_posted_fields(client, fuzz_site, name, param):
    spec = POST_TARGETS[name]
    path = spec.path(fuzz_site)
    answers = [
        (label, status(client.post(path, {**spec.base(fuzz_site), param: value})))
        for label, value in HOSTILE.items()
    ]
    assert_no_server_error(f"POST {path} {param}=", answers)
