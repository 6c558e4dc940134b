"""Factories for every page type, the document and image models, and a small site.

`build_site()` makes the tree the public site has (a Lithuanian home page with one page of
every type below it) and, unless told otherwise, publishes an English translation of every
page, the way a translator would through the admin. It works on a database that Wagtail's
migrations filled (the default root page, welcome page, Site and `lt` locale) as well as on
one that a transactional test has flushed.
"""

import datetime
import json
import uuid
from types import SimpleNamespace

import factory
import wagtail_factories

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.models import Collection, Locale, Page, Site
from wagtail.rich_text import RichText

from documents.models import CityDocument, CityImage
from home.models import HomePage, SiteSettings, StandardPage
from news.models import NewsArticleDocument, NewsArticlePage, NewsIndexPage
from plans.models import PlanDraftDocument, PlanDraftPage, PlanIndexPage
from tests.recorded import recorded
from workinggroups.models import MeetingPage, Membership, WorkingGroupIndexPage, WorkingGroupPage

# A tiny but well-formed PDF, so that a document has a real file of the allowed kind.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def root_collection():
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


# --- Documents and images ---------------------------------------------------------------


class CityDocumentFactory(factory.django.DjangoModelFactory):
    """A plan document with a small PDF file made in memory."""

    class Meta:
        model = CityDocument

    title = factory.Sequence(lambda n: f"Dokumentas {n}")
    file = factory.LazyAttribute(lambda obj: ContentFile(PDF_BYTES, name="dokumentas.pdf"))
    collection = factory.LazyFunction(root_collection)
    kind = CityDocument.Kind.OTHER
    document_date = datetime.date(2020, 6, 2)
    number = ""


class CityImageFactory(factory.django.DjangoModelFactory):
    """A picture with its (required) alternative text."""

    class Meta:
        model = CityImage

    title = factory.Sequence(lambda n: f"Nuotrauka {n}")
    alt_text = "Alytaus miesto panorama"
    file = factory.django.ImageField(width=40, height=30, color="green", filename="foto.png")
    collection = factory.LazyFunction(root_collection)


# --- Pages ------------------------------------------------------------------------------


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Alytaus miesto strateginis plėtros planas iki 2030 m."
    slug = "pradzia"
    vision = RichText("<p>Alytus 2030: žaliasis, modernus ir atviras miestas.</p>").source
    timeline = factory.LazyFunction(
        lambda: [
            (
                "milestone",
                {
                    "date": datetime.date(2020, 6, 2),
                    "date_label": "",
                    "title": "Sudarytos darbo grupės",
                    "description": "Mero potvarkis Nr. M-18.",
                    "status": "done",
                },
            )
        ]
    )


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    show_in_menus = True
    title = factory.Sequence(lambda n: f"Apie planą {n}")
    intro = "Kaip rengiamas strateginis plėtros planas."
    body = factory.LazyFunction(
        lambda: [
            ("heading", "Plano rengimo eiga"),
            ("paragraph", RichText("<p>Planą rengia penkios teminės darbo grupės.</p>")),
        ]
    )


class WorkingGroupIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = WorkingGroupIndexPage

    show_in_menus = True
    title = "Darbo grupės"
    slug = "darbo-grupes"
    intro = "<p>Planą rengia penkios teminės ir konsultacinė darbo grupės.</p>"


class WorkingGroupPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = WorkingGroupPage

    title = factory.Sequence(lambda n: f"Darbo grupė {n}")
    number = factory.Sequence(lambda n: n + 1)
    kind = WorkingGroupPage.Kind.THEMATIC
    intro = "Ekonomikos ir verslo aplinkos darbo grupė."
    remit = factory.LazyFunction(
        lambda: [("area", "Verslo aplinka"), ("area", "Investicijos"), ("area", "Turizmas")]
    )
    body = "<p>Grupė renkasi kartą per mėnesį.</p>"


class MembershipFactory(factory.django.DjangoModelFactory):
    """A seat by role and organisation (the site stores no personal names)."""

    class Meta:
        model = Membership

    group = factory.SubFactory(WorkingGroupPageFactory)
    role = "Narys"
    organisation = factory.Sequence(lambda n: f"Savivaldybės administracijos skyrius {n}")
    category = Membership.Category.ADMINISTRATION
    sort_order = factory.Sequence(lambda n: n)


class MeetingPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MeetingPage

    title = factory.Sequence(lambda n: f"Posėdis {n}")
    starts_at = factory.LazyFunction(
        lambda: timezone.make_aware(datetime.datetime(2020, 7, 21, 10, 0))
    )
    place = "Alytaus miesto savivaldybė, Rotušės a. 4"
    agenda = factory.LazyFunction(
        lambda: [("item", "Darbo reglamento tvirtinimas"), ("item", "Situacijos analizė")]
    )
    decisions = factory.LazyFunction(
        lambda: [
            (
                "decision",
                {
                    "text": RichText("<p>Patvirtintas grupės darbo reglamentas.</p>"),
                    "plan_elements": [],
                },
            )
        ]
    )


class PlanIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PlanIndexPage

    show_in_menus = True
    title = "Planas"
    slug = "planas"
    intro = "Plano projektai ir jų būsena."


def _section(n):
    return (
        "section",
        {
            "heading": f"Skyrius {n}",
            "body": [("paragraph", RichText(f"<p>Skyriaus {n} tekstas.</p>"))],
        },
    )


class PlanDraftPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PlanDraftPage

    title = factory.Sequence(lambda n: f"Plano projektas {n}")
    version_label = "0.1"
    stage = PlanDraftPage.Stage.DRAFTING
    summary = "Pirmasis plano projektas viešajai konsultacijai."
    sections = factory.LazyFunction(lambda: [_section(1), _section(2)])
    consultation_opens = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    consultation_closes = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    show_in_menus = True
    title = "Naujienos"
    slug = "naujienos"
    intro = "Naujienos apie plano rengimą."


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsArticlePage

    title = factory.Sequence(lambda n: f"Naujiena {n}")
    date = datetime.date(2020, 6, 10)
    source_line = "AMS, Strateginio plano rengėjų informacija"
    intro = "Sudarytos strateginio plano rengimo darbo grupės."
    body = "<p>Alytaus miesto savivaldybės mero potvarkiu sudarytos darbo grupės.</p>"


def plan_tree_json(priorities, group_ids):
    """A stored plan tree of `priorities` priorities, each with one goal, objective, measure
    (the groups of `group_ids` responsible) and indicator.

    Returns (json, indicator ids, measure ids)."""

    def item(value):
        return {"type": "item", "id": str(uuid.uuid4()), "value": value}

    indicator_ids, measure_ids = [], []
    tree = []
    for n in range(1, priorities + 1):
        indicator = item(
            {
                "name": f"Rodiklis {n}",
                "unit": "%",
                "direction": "up",
                "baseline_value": "10",
                "baseline_year": 2019,
                "target_2025": "15",
                "target_2030": "20",
            }
        )
        indicator_ids.append(indicator["id"])
        measure = item(
            {
                "title": f"Priemonė {n}",
                "description": "",
                "responsible_groups": [item(group_id) for group_id in group_ids],
                "period_start": 2021,
                "period_end": 2025,
                "funding_source": "Savivaldybės biudžetas",
                "estimated_cost": "1000.00",
                "indicators": [indicator],
            }
        )
        measure_ids.append(measure["id"])
        objective = item({"title": f"Uždavinys {n}", "measures": [measure]})
        goal = item({"title": f"Tikslas {n}", "description": "", "objectives": [objective]})
        tree.append(
            {
                "type": "priority",
                "id": str(uuid.uuid4()),
                "value": {"title": f"Prioritetas {n}", "description": "", "goals": [goal]},
            }
        )
    return json.dumps(tree), indicator_ids, measure_ids


def add_plan_document(page, document):
    """Attach ``document`` to ``page`` and save the page whole, as publishing does (the
    documents of a live public page become public then: documents/publicity.py)."""
    attached = PlanDraftDocument(document=document)
    page.documents.add(attached)
    page.save()
    return attached


def add_news_document(page, document):
    """As `add_plan_document`, for a news article."""
    attached = NewsArticleDocument(document=document)
    page.documents.add(attached)
    page.save()
    return attached


# --- A whole site -----------------------------------------------------------------------

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


def ensure_locales():
    lt, _ = Locale.objects.get_or_create(language_code="lt")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return lt, en


def ensure_root(locale):
    """The tree's root, without Wagtail's "Welcome to your new Wagtail site!" page."""
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    for child in root.get_children():
        if child.specific_class is Page:  # the welcome page of the initial migration
            child.delete()
    return Page.objects.get(pk=root.pk)


def translate(page, locale, title):
    """Copy a page into `locale` with a new title and publish it, as a translator would."""
    copy = page.copy_for_translation(locale)
    copy.title = title
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy.specific


def build_site(translate_to_english=True):
    """A Lithuanian site with one page of every type; optionally all of it in English.

    Returns a namespace with `lt` and `en` (dicts of page key -> page), the locales, the
    Site and the documents used. Built for real once in a test process, then replayed from
    its recorded writes where the database is as it was then (tests/recorded.py).
    """
    return recorded(lambda: make_site(translate_to_english), ("build_site", translate_to_english))


def make_site(translate_to_english):
    """What `build_site` builds, through the factories and Wagtail."""
    lt_locale, en_locale = ensure_locales()
    root = ensure_root(lt_locale)

    home = HomePageFactory(parent=root)
    Site.objects.filter(is_default_site=False).delete()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.site_name = "localhost", 80, "Strateginis planas"
    site.root_page = home
    site.save()
    SiteSettings.objects.update_or_create(
        site=site,
        defaults={
            "municipality_name": "Alytaus miesto savivaldybė",
            "municipality_name_en": "Alytus City Municipality",
            "address": "Rotušės a. 4, LT-62504 Alytus",
            "email": "info@example.org",
        },
    )

    order = CityDocumentFactory(
        title="Mero potvarkis dėl darbo grupių sudarymo",
        kind=CityDocument.Kind.ORDER,
        number="M-18",
        document_date=datetime.date(2020, 6, 2),
    )
    minutes = CityDocumentFactory(title="Posėdžio protokolas", kind=CityDocument.Kind.MINUTES)
    draft_file = CityDocumentFactory(title="Plano projektas 0.1", kind=CityDocument.Kind.DRAFT)

    standard = StandardPageFactory(parent=home, title="Apie planą", slug="apie-plana")
    group_index = WorkingGroupIndexPageFactory(parent=home)
    group = WorkingGroupPageFactory(
        parent=group_index,
        title="Ekonomikos ir verslo aplinkos darbo grupė",
        slug="ekonomikos-grupe",
        number=1,
        formed_by=order,
    )
    MembershipFactory(group=group, role="Pirmininkas", category=Membership.Category.COUNCIL)
    MembershipFactory(group=group, role="Narys", organisation="Alytaus verslo asociacija")
    meeting = MeetingPageFactory(
        parent=group, title="Pirmasis posėdis", slug="pirmasis-posedis", minutes=minutes
    )
    plan_index = PlanIndexPageFactory(parent=home)
    draft = PlanDraftPageFactory(
        parent=plan_index, title="Plano projektas 0.1", slug="projektas-0-1"
    )
    draft.responsible_groups.add(group)
    draft.documents.add(PlanDraftDocument(document=draft_file))
    draft.save()
    news_index = NewsIndexPageFactory(parent=home)
    article = NewsArticlePageFactory(
        parent=news_index, title="Sudarytos darbo grupės", slug="sudarytos-darbo-grupes"
    )
    article.tags.add("darbo grupės")
    article.related_groups.add(group)
    article.documents.add(NewsArticleDocument(document=order))
    article.save()

    lt_pages = {
        "home": home,
        "standard": standard,
        "group_index": group_index,
        "group": group,
        "meeting": meeting,
        "plan_index": plan_index,
        "draft": draft,
        "news_index": news_index,
        "article": article,
    }
    for key, page in lt_pages.items():
        page.refresh_from_db()
        lt_pages[key] = page.specific

    en_pages = {}
    if translate_to_english:
        english_titles = {
            "home": "Alytus City Strategic Development Plan until 2030",
            "standard": "About the plan",
            "group_index": "Working groups",
            "group": "Economy and business environment working group",
            "meeting": "First meeting",
            "plan_index": "The plan",
            "draft": "Plan draft 0.1",
            "news_index": "News",
            "article": "Working groups formed",
        }
        for key in PAGE_KEYS:  # parents before children
            en_pages[key] = translate(lt_pages[key], en_locale, english_titles[key])

    return SimpleNamespace(
        site=site,
        root=root,
        lt_locale=lt_locale,
        en_locale=en_locale,
        lt=lt_pages,
        en=en_pages,
        order=order,
        minutes=minutes,
        draft_file=draft_file,
    )
