"""The Content-Security-Policy of production: public pages and Wagtail's admin work under it.

Chromium reports every blocked script, style, image, frame or connection as a console
message ("Refused to ...") and a `securitypolicyviolation` event: the test collects both.
"""

import pytest
from playwright.sync_api import expect

from django.contrib.auth import get_user_model

from news.models import NewsArticlePage, NewsIndexPage
from plans.models import PlanDraftPage
from workinggroups.models import WorkingGroupPage

pytestmark = pytest.mark.slow

WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture
def csp_site(settings, demo_site):
    # The test settings add django-csp's middleware with the production policy.
    assert "core.csp.CityCSPMiddleware" in settings.MIDDLEWARE
    return demo_site


def watch(page):
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.add_init_script(WATCH_VIOLATIONS)
    return refused


def violations(page, refused):
    return refused + page.evaluate("window.__cspViolations || []")


def directives(header):
    """``{directive: its sources}`` of a Content-Security-Policy header, in any order."""
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def test_public_pages_work_under_the_policy(csp_site, page):
    refused = watch(page)
    article = NewsArticlePage.objects.live().filter(locale__language_code="lt").first()
    urls = [
        "/lt/",
        NewsIndexPage.objects.filter(locale__language_code="lt").first().url,
        article.url,
        WorkingGroupPage.objects.live().filter(locale__language_code="lt").first().url,
        PlanDraftPage.objects.live().filter(locale__language_code="lt").first().url,
        "/lt/search/?query=planas",
    ]
    for url in urls:
        response = page.goto(csp_site.url + url)
        assert response.status == 200, url
        policy = directives(response.headers["content-security-policy"])
        assert policy["script-src"] == "'self'"  # no inline script on the public side
        assert policy["frame-ancestors"] == "'self'"
        page.wait_for_load_state("networkidle")
        assert violations(page, refused) == [], url
    # A comment form is loaded by the page's script (a fetch under connect-src).
    commentable = next(
        draft
        for draft in PlanDraftPage.objects.live().filter(locale__language_code="lt")
        if draft.accepts_comments
    )
    page.goto(csp_site.url + commentable.url)
    page.locator("[data-comment-form-link]").first.click()
    expect(page.locator("[data-comment-form-target] form textarea").first).to_be_visible()
    assert violations(page, refused) == []


def test_admin_works_under_the_policy(csp_site, page, delete_after):
    delete_after(get_user_model().objects.filter(username="csp-admin"))
    get_user_model().objects.create_superuser("csp-admin", "csp@example.org", "a-long-pass-1")
    refused = watch(page)
    page.goto(csp_site.url + "/admin/login/")
    page.locator("input[name=username]").fill("csp-admin")
    page.locator("input[name=password]").fill("a-long-pass-1")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    article = NewsArticlePage.objects.live().filter(locale__language_code="lt").first()
    for path in [
        "/admin/",
        f"/admin/pages/{article.get_parent().pk}/",
        f"/admin/pages/{article.pk}/edit/",
        "/admin/documents/",
        "/admin/images/",
    ]:
        response = page.goto(csp_site.url + path)
        assert response.status == 200, path
        # Wagtail's admin initialises its widgets with inline scripts (cityplan/csp.py).
        policy = directives(response.headers["content-security-policy"])
        assert policy["script-src"] == "'self' 'unsafe-inline'"
        page.wait_for_load_state("networkidle")
        assert violations(page, refused) == [], path
    # The editor works: its title field and the preview panel (an iframe of the same origin).
    page.goto(csp_site.url + f"/admin/pages/{article.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value(article.title)
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("iframe[title]").first
    expect(preview.locator("h1")).to_have_text(article.title, timeout=15000)
    assert violations(page, refused) == []
