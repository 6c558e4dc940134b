"""Phones: no public page scrolls sideways at 320, 360 or 390 px, in either language.

Most residents read the site on a phone. Every public page type is loaded with the demo
content plus the content that breaks narrow layouts (a long title, a long word, a long
option in the filters' selects, a wide members' table) and must fit the screen:
``document.documentElement.scrollWidth <= window.innerWidth`` (at a desktop's 1280 px too),
and the indicator charts' labels must stay at least 12 px. Each page is loaded once and
measured at every width. A full-page screenshot of each at 390 and 1280 px is kept
under ``.cache/screenshots/phone/`` (CI keeps ``.cache/``), with the measured widths in
``widths.tsv`` beside them.
"""

from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, Page

from home.models import HomePage, StandardPage
from news.models import NewsArticlePage, NewsIndexPage
from plans.models import PlanDraftPage, PlanIndexPage
from tests.factories import translate
from workinggroups.models import MeetingPage, Membership, WorkingGroupIndexPage, WorkingGroupPage

WIDTHS = (320, 360, 390, 1280)
SCREENSHOT_WIDTHS = (390, 1280)
MIN_CHART_LABEL_PX = 12
SCREENSHOTS = Path(settings.BASE_DIR) / ".cache" / "screenshots" / "phone"
SEARCH_TERMS = {"lt": "darbo grupė", "en": "working group"}

# Text that real editors type and that narrow layouts trip over: long compound titles, a
# legal reference without spaces, an e-mail address and an address on the web.
LONG_GROUP_TITLES = {
    "lt": "Aplinkos apsaugos, inžinerinės infrastruktūros, susisiekimo, energetikos ir "
    "teritorijų planavimo klausimų koordinavimo darbo grupė",
    "en": "Environmental protection, engineering infrastructure, transport, energy and "
    "spatial planning coordination working group",
}
LONG_PAGE_TITLES = {
    "lt": "Strateginio plėtros plano iki 2030 metų įgyvendinimo stebėsenos tvarkos aprašas "
    "Nr. SP-2030/T-123/2020-06-02-papildymas",
    "en": "Description of the procedure for monitoring the implementation of the Strategic "
    "Development Plan until 2030, No. SP-2030/T-123/2020-06-02-amendment",
}
LONG_ORGANISATION = (
    "Viešoji įstaiga „Alytaus regiono socialinių paslaugų ir sveikatos priežiūros "
    "koordinavimo centras“ (strateginio.planavimo.skyrius@alytus.example.lt)"
)
LONG_INTRO = "Daugiau: https://www.alytus.example.lt/strateginis-planavimas/stebesena/2030/"


def add_wide_content():
    """A working group with a long title and membership row, and a page with a long title,
    in both languages (the group's title is also a long option in the filters' selects)."""
    lithuanian = Locale.objects.get(language_code="lt")
    english = Locale.objects.get(language_code="en")
    index = WorkingGroupIndexPage.objects.get(locale=lithuanian)
    group = index.add_child(
        instance=WorkingGroupPage(
            title=LONG_GROUP_TITLES["lt"],
            slug="ilgo-pavadinimo-grupe",
            number=9,
            kind=WorkingGroupPage.Kind.THEMATIC,
            intro=LONG_INTRO,
            locale=lithuanian,
        )
    )
    Membership.objects.create(
        group=group,
        role="Pirmininko pavaduotojas (administracijos direktoriaus įsakymu paskirtas atstovas)",
        organisation=LONG_ORGANISATION,
        category=Membership.Category.SUBORDINATE,
        locale=lithuanian,
    )
    group.save_revision().publish()
    translate(group, english, LONG_GROUP_TITLES["en"])

    home = HomePage.objects.get(locale=lithuanian)
    standard = home.add_child(
        instance=StandardPage(
            title=LONG_PAGE_TITLES["lt"], slug="ilgas-pavadinimas", intro=LONG_INTRO
        )
    )
    standard.save_revision().publish()
    translate(standard, english, LONG_PAGE_TITLES["en"])
    return group


def pages_to_check(language):
    """``(name, path)`` of one page of every public type in ``language``."""
    locale = Locale.objects.get(language_code=language)

    def first(model, **filters):
        found = model.objects.live().filter(locale=locale, **filters).order_by("path").first()
        assert found is not None, f"the demo has no {model.__name__} in {language}"
        return found

    plan = first(PlanDraftPage, stage=PlanDraftPage.Stage.ADOPTED)
    article = first(NewsArticlePage)
    with translation.override(language):
        comment_form = reverse("feedback-form", args=[article.pk])
    return [
        ("home", first(HomePage).url),
        ("standard page", first(StandardPage, slug__startswith="ilgas").url),
        ("working-group index", first(WorkingGroupIndexPage).url),
        ("working group", first(WorkingGroupPage, slug__startswith="ilgo").url),
        ("meeting", first(MeetingPage).url),
        ("plan index", first(PlanIndexPage).url),
        ("plan draft", plan.url),
        ("plan draft, priority opened", plan.url),
        ("priority", f"{plan.url}priority/1/"),
        ("whole plan", f"{plan.url}print/"),
        ("news index", first(NewsIndexPage).url),
        ("news article", article.url),
        ("search results", f"/{language}/search/?q={SEARCH_TERMS[language]}"),
        ("comment form", comment_form),
    ]


def open_page(page, url, name):
    """Load the page (and open a priority in place when asked): once for every width."""
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    page.wait_for_load_state("networkidle")
    if name == "plan draft, priority opened":
        page.locator("[data-priority-detail-link]").first.click()
        page.locator("[data-priority-detail] .plan-node--measure").first.wait_for()


# The page's width and the smallest chart label as the reader sees it, in CSS pixels.
MEASURE = """() => {
    const sizes = Array.from(document.querySelectorAll("figure.indicator-chart svg"))
        .filter((svg) => svg.getBoundingClientRect().width > 0)
        .map((svg) => svg.querySelector(".chart-label").getAttribute("font-size")
            * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width);
    return [document.documentElement.scrollWidth, window.innerWidth,
            sizes.length ? Math.min(...sizes) : null];
}"""


def test_no_public_page_scrolls_sideways_on_a_phone(demo_site, page, delete_after):
    delete_after(Page.objects.filter(slug__in=["ilgo-pavadinimo-grupe", "ilgas-pavadinimas"]))
    add_wide_content()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    rows, problems = ["page\tlanguage\twidth\tscrollWidth\tchart label px"], []
    charts_seen = set()
    for language in ("lt", "en"):
        for name, path in pages_to_check(language):
            open_page(page, demo_site.url + path, name)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                scroll_width, inner_width, label = page.evaluate(MEASURE)
                shown = "" if label is None else f"{label:.1f}"
                rows.append(f"{name}\t{language}\t{width}\t{scroll_width}\t{shown}")
                if scroll_width > inner_width:
                    problems.append(f"{language} {name} ({path}) at {width} px: {scroll_width}")
                if label is not None:
                    charts_seen.add(name)
                    if label < MIN_CHART_LABEL_PX:
                        problems.append(f"{language} {name} at {width} px: {label:.1f} px labels")
                if width in SCREENSHOT_WIDTHS:
                    slug = name.replace(" ", "-").replace(",", "")
                    # The whole plan is metres long: its first screen shows the layout.
                    page.screenshot(
                        path=SCREENSHOTS / f"{language}-{slug}-{width}.png",
                        full_page=name != "whole plan",
                    )
    (SCREENSHOTS / "widths.tsv").write_text("\n".join(rows) + "\n")
    assert not problems, "too wide for the screen or unreadable:\n" + "\n".join(problems)
    assert charts_seen == {"plan draft, priority opened", "priority", "whole plan"}
