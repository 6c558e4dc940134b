"""axe-core over every page type in both languages: no serious or critical violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from wagtail.models import Locale

from home.models import HomePage, StandardPage
from news.models import NewsArticlePage, NewsIndexPage
from plans.models import PlanDraftPage, PlanIndexPage
from workinggroups.models import MeetingPage, WorkingGroupIndexPage, WorkingGroupPage

pytestmark = pytest.mark.slow

PAGE_TYPES = [
    HomePage,
    StandardPage,
    WorkingGroupIndexPage,
    WorkingGroupPage,
    MeetingPage,
    PlanIndexPage,
    PlanDraftPage,
    NewsIndexPage,
    NewsArticlePage,
]
SEARCH_TERMS = {"lt": "darbo grupė", "en": "working group"}


def pages_to_check(language):
    """(name, path, expected status) for one page of every type, search results and 404."""
    locale = Locale.objects.get(language_code=language)
    pages = []
    for model in PAGE_TYPES:
        instance = model.objects.live().filter(locale=locale).order_by("path").first()
        assert instance is not None, f"the demo has no {model.__name__} in {language}"
        pages.append((model.__name__, instance.url, 200))
    pages.append(("search results", f"/{language}/search/?q={SEARCH_TERMS[language]}", 200))
    pages.append(("404", f"/{language}/no-such-page/", 404))
    return pages


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines += [f"      {node['target']}: {node['html'][:160]}" for node in violation["nodes"]]
    return "\n".join(lines)


def test_no_serious_or_critical_accessibility_violations(demo_site, page):
    axe = Axe()
    problems = []
    checked = 0
    for language in ("lt", "en"):
        for name, path, status in pages_to_check(language):
            response = page.goto(demo_site.url + path)
            assert response.status == status, f"{path} answered {response.status}"
            assert page.locator("html").get_attribute("lang") == language, path
            if name == "search results":
                assert page.locator("ol.search-results > li").count() > 0, f"{path}: no results"
            violations = [
                violation
                for violation in axe.run(page).response["violations"]
                if violation["impact"] in ("serious", "critical")
            ]
            if violations:
                problems.append(f"{language} {name} {path}:\n{format_violations(violations)}")
            checked += 1
    assert checked == 2 * (len(PAGE_TYPES) + 2)
    assert not problems, "axe found serious or critical violations:\n" + "\n".join(problems)
