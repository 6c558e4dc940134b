"""Builds the demonstration site: the order document, the Lithuanian pages, the site and its
settings, then the English pages as wagtail-localize translations.

Everything is looked up before it is created (pages by slug under their parent, the document
by title, translations by their source) and updated in place, so loading twice gives the same
site. A page gets a new revision only when its content changed.
"""

import copy
import datetime
import hashlib
import json
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization

from documents.models import CityDocument
from home.models import (
    AccessibilityStatementPage,
    HomePage,
    InformationIndexPage,
    SiteSettings,
    StandardPage,
)
from news.models import NewsArticleDocument, NewsArticlePage, NewsIndexPage, TopicName
from plans.models import (
    Department,
    IndicatorPassport,
    IndicatorValue,
    MeasureOwner,
    MethodologyVersion,
    MonitoringReport,
    PlanDraftPage,
    PlanIndexPage,
)
from workinggroups.models import MeetingPage, Membership, WorkingGroupIndexPage, WorkingGroupPage

from . import content, monitoring, plan
from .bilingual import build_glossary, localize
from .order_pdf import render_order
from .revision import revise_plan_tree, revise_sections
from .translation import sync_translation

# The page that Wagtail's first migration makes the default site's root.
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"

# The plan draft's consultation window, in days around the day the demo is loaded, so that
# the draft is open for comments whenever the demo is (re)loaded.
CONSULTATION_OPENED_DAYS_AGO = 14
CONSULTATION_OPEN_DAYS_AHEAD = 60
# How long the demo meetings are planned to last (the article gives only their day).
MEETING_LENGTH = datetime.timedelta(hours=2)


def _snapshot(page):
    """The page's content, with its child objects and relations, in comparable form."""
    return json.dumps(page.serializable_data(), cls=DjangoJSONEncoder, sort_keys=True)


def _utc(moment):
    """``moment`` in UTC, the form the database returns, so that comparisons hold."""
    return moment.astimezone(datetime.UTC)


def _local_midnight(day):
    """Midnight at the start of ``day`` in the site's time zone."""
    return _utc(timezone.make_aware(datetime.datetime.combine(day, datetime.time.min)))


class DemoSiteLoader:
    """Loads the demo site; call `load` inside a transaction."""

    def __init__(self):
        self.lithuanian = None
        self.english = None
        self.refs = {}
        self.economy_group = None
        # Lithuanian pages in tree order (parents first), the order of translation.
        self.pages = []

    def load(self):
        """Load or update everything: documents, pages, site, settings and translations."""
        self.lithuanian, _created = Locale.objects.get_or_create(language_code="lt")
        self.english, _created = Locale.objects.get_or_create(language_code="en")

        order = self.load_order_document()
        self.refs = {"order_document": order.pk}

        home = self.save_page(Page.get_first_root_node(), HomePage, content.HOME)
        site = self.make_default_site(home)
        self.load_site_settings(site)

        self.save_page(home, StandardPage, content.ABOUT)
        groups = self.load_working_groups(home, order)
        self.load_plan(home, [group for group in groups if group.kind == group.Kind.THEMATIC])
        self.load_meetings(groups)
        self.load_news(home, groups, order)
        # After the sections: the footer's pages come last in the menu order.
        self.save_page(home, AccessibilityStatementPage, content.ACCESSIBILITY_STATEMENT)
        self.save_page(home, InformationIndexPage, content.INFORMATION_INDEX)

        self.translate()
        self.publish_draft_revision()
        self.synchronize_english_tree()
        self.publish_monitoring_report()

    def synchronize_english_tree(self):
        """English follows the Lithuanian tree: a Lithuanian page without a translation
        appears in English as an alias (shown with a notice) until it is translated. The
        demo's pages are all translated, so this only records the synchronisation."""
        LocaleSynchronization.objects.get_or_create(
            locale=self.english, defaults={"sync_from": self.lithuanian}
        )

    # --- Documents -----------------------------------------------------------------------

    def load_order_document(self):
        """The mayor's order as a CityDocument whose file is the generated PDF."""
        spec = content.ORDER_DOCUMENT
        pdf = render_order(
            content.ORDER_PDF,
            title=spec["title"],
            author=content.SITE_SETTINGS["municipality_name"],
        )
        document = CityDocument.objects.filter(title=spec["title"]).first()
        document = document or CityDocument(title=spec["title"])
        document.kind = CityDocument.Kind.ORDER
        document.number = spec["number"]
        document.document_date = spec["document_date"]
        file_hash = hashlib.sha1(pdf, usedforsecurity=False).hexdigest()
        if not (
            document.file
            and document.file_hash == file_hash
            and document.file.storage.exists(document.file.name)
        ):
            self._replace_file(document, spec["filename"], pdf)
            document.file_size = len(pdf)
            document.file_hash = file_hash
        document.save()
        return document

    @staticmethod
    def _replace_file(document, filename, data):
        """Store ``data`` as the document's file under ``filename``, leaving no older copy."""
        storage = document.file.storage
        if document.file:
            document.file.delete(save=False)
        name = document.file.field.generate_filename(document, filename)
        orphan = storage.exists(name) and not CityDocument.objects.filter(file=name).exists()
        if orphan:
            # Left by an earlier database: reuse the name rather than add a suffixed copy.
            storage.delete(name)
        document.file.save(filename, ContentFile(data), save=False)

    # --- Pages ---------------------------------------------------------------------------

    def save_page(self, parent, model, spec, *, extra=None, relations=None):
        """Create or update the Lithuanian page ``spec`` under ``parent``; return it.

        ``extra`` holds field values that are not content (ids, dates computed at load time);
        ``relations(page)`` sets child objects and many-to-many relations.
        """
        key = f"{parent.url_path}{spec['slug'].lt}"  # names the page's stream blocks
        fields = {**localize(spec, "lt", key=key, refs=self.refs), **(extra or {})}
        page = (
            model.objects.child_of(parent)
            .filter(locale=self.lithuanian, slug=fields["slug"])
            .first()
        )
        if page is None:
            page = model(locale=self.lithuanian, **fields)
            if relations:
                relations(page)
            parent.add_child(instance=page)
            page.save_revision().publish()
        else:
            before = _snapshot(page)
            for name, value in fields.items():
                setattr(page, name, value)
            if relations:
                relations(page)
            if _snapshot(page) != before or not page.live or page.has_unpublished_changes:
                page.save_revision().publish()
        self.pages.append(page)
        return page

    def load_working_groups(self, home, order):
        """The working-group index, the six groups with their members and first meetings."""
        index = self.save_page(home, WorkingGroupIndexPage, content.WORKING_GROUP_INDEX)
        groups = []
        for spec in content.WORKING_GROUPS:
            key = f"{index.url_path}{spec['page']['slug'].lt}/memberships"
            memberships = localize(spec["memberships"], "lt", key=key, refs=self.refs)
            group = self.save_page(
                index,
                WorkingGroupPage,
                spec["page"],
                extra={"formed_by": order},
                relations=lambda page, rows=memberships: self._set_memberships(page, rows),
            )
            if group.number:
                self.refs[f"group_{group.number}"] = group.pk  # measures name their groups
            if group.number == 1:
                self.economy_group = group  # the demo coordinator's group
            groups.append(group)
        return groups

    def load_meetings(self, groups):
        """Each group's first meeting (after the plan: a decision links to one of its measures)."""
        for group, spec in zip(groups, content.WORKING_GROUPS, strict=True):
            self.save_page(
                group,
                MeetingPage,
                spec["meeting"],
                extra={
                    "starts_at": _utc(spec["meeting"]["starts_at"]),
                    "ends_at": _utc(spec["meeting"]["starts_at"] + MEETING_LENGTH),
                },
            )

    @staticmethod
    def _set_memberships(page, rows):
        """Give ``page`` these memberships, reusing the stored ones (and their translation
        keys, which wagtail-localize uses to match the English memberships) by position."""
        existing = list(page.memberships.all()) if page.pk else []
        memberships = []
        for position, row in enumerate(rows):
            if position < len(existing):
                membership = existing[position]
            else:
                membership = Membership(locale=page.locale)
            for name, value in row.items():
                setattr(membership, name, value)
            memberships.append(membership)
        page.memberships = memberships

    def load_plan(self, home, thematic_groups):
        """The plan index and a demonstration draft, open for consultation now."""
        index = self.save_page(home, PlanIndexPage, content.PLAN_INDEX)
        today = timezone.localdate()
        window = {
            "consultation_opens": _local_midnight(
                today - datetime.timedelta(days=CONSULTATION_OPENED_DAYS_AGO)
            ),
            "consultation_closes": _local_midnight(
                today + datetime.timedelta(days=CONSULTATION_OPEN_DAYS_AHEAD)
            ),
        }

        def relations(page):
            page.responsible_groups = thematic_groups

        draft = self.revised_draft(index, window)
        if draft is None:
            draft = self.save_page(
                index, PlanDraftPage, content.PLAN_DRAFT, extra=window, relations=relations
            )
        self.draft = draft
        self.refs["industrial_park_measure"] = next(
            element.id
            for element in draft.elements()
            if element.kind == "measure" and element.title == plan.INDUSTRIAL_PARK.lt
        )
        adopted = self.save_page(index, PlanDraftPage, content.PLAN_ADOPTED, relations=relations)
        self.load_indicator_values(adopted)
        self.load_owners_and_passports(adopted)
        self.adopted = adopted

    def revised_draft(self, index, window):
        """The draft if its version 0.2 is already published (then only its consultation
        window follows the day of loading), else None: loading version 0.1 over it again
        would publish the old text as a new version."""
        revised = content.PLAN_DRAFT_REVISION["version_label"].lt
        draft = (
            PlanDraftPage.objects.child_of(index)
            .filter(locale=self.lithuanian, slug=content.PLAN_DRAFT["slug"].lt)
            .first()
        )
        if draft is None or draft.version_label != revised:
            return None
        if any(getattr(draft, name) != value for name, value in window.items()):
            for name, value in window.items():
                setattr(draft, name, value)
            draft.save_revision().publish()
        self.pages.append(draft)
        return draft

    def publish_draft_revision(self):
        """Version 0.2 of the draft, once: its text and plan tree revised after the
        consultation (``home/demo/revision.py``), then its English translation, so both
        languages have two versions to compare."""
        revision = content.PLAN_DRAFT_REVISION
        draft = PlanDraftPage.objects.get(pk=self.draft.pk)
        if draft.version_label == revision["version_label"].lt:
            return
        draft.version_label = revision["version_label"].lt
        draft.change_note = revision["change_note"].lt
        draft.plan_tree = revise_plan_tree(copy.deepcopy(list(draft.plan_tree.raw_data)), self.refs)
        draft.sections = revise_sections(copy.deepcopy(list(draft.sections.raw_data)))
        draft.save_revision().publish()
        sync_translation(draft, self.english, self.glossary)

    def publish_monitoring_report(self):
        """The adopted plan's monitoring report for 2024, published once, in both languages
        (a later load leaves it frozen as it was)."""
        adopted = PlanDraftPage.objects.get(pk=self.adopted.pk)
        if not MonitoringReport.objects.filter(plan=adopted, year=2024).exists():
            MonitoringReport.objects.create(plan=adopted, year=2024).publish()

    @staticmethod
    def load_indicator_values(adopted):
        """Two years of sample values for the adopted version's indicators."""
        for element in adopted.elements():
            for year, value in plan.SAMPLE_VALUES.get(element.title, {}).items():
                IndicatorValue.objects.update_or_create(
                    indicator_id=element.id,
                    year=year,
                    defaults={"plan": adopted, "value": Decimal(value)},
                )

    @staticmethod
    def load_owners_and_passports(adopted):
        """The departments, an owner for each measure of the adopted version and a passport
        for each of its indicators, one with a change of method."""
        departments = {}
        for key, name in monitoring.DEPARTMENTS.items():
            departments[key], _created = Department.objects.update_or_create(
                name=name.lt, defaults={"name_en": name.en}
            )
        for element in adopted.elements():
            if element.kind == "measure":
                key = monitoring.MEASURE_DEPARTMENTS[int(element.number.split(".")[0])]
                MeasureOwner.objects.update_or_create(
                    element_id=element.id,
                    defaults={
                        "plan": adopted,
                        "department": departments[key],
                        **monitoring.contact(key),
                    },
                )
            spec = monitoring.PASSPORTS.get(element.title) if element.kind == "indicator" else None
            if spec is None:
                continue
            spec = dict(spec)
            key = spec.pop("department")
            methodology = spec.pop("methodology", [])
            for name in ("definition", "formula"):
                text = spec.pop(name, None)
                if text is not None:
                    spec[name], spec[f"{name}_en"] = text.lt, text.en
            passport, _created = IndicatorPassport.objects.update_or_create(
                element_id=element.id,
                defaults={
                    "plan": adopted,
                    "department": departments[key],
                    **monitoring.contact(key),
                    **spec,
                },
            )
            for version, year, date, change in methodology:
                MethodologyVersion.objects.update_or_create(
                    passport=passport,
                    version=version,
                    defaults={
                        "valid_from_year": year,
                        "date": date,
                        "change": change.lt,
                        "change_en": change.en,
                    },
                )

    def load_news(self, home, groups, order):
        """The news index and the seed article, related to all groups and to the order."""
        index = self.save_page(home, NewsIndexPage, content.NEWS_INDEX)

        def relations(page):
            page.related_groups = groups
            if sorted(page.tags.names()) != sorted(content.NEWS_ARTICLE_TAGS):
                page.tags.set(content.NEWS_ARTICLE_TAGS)
            current = {row.document_id: row for row in page.documents.all()} if page.pk else {}
            page.documents = [current.get(order.pk) or NewsArticleDocument(document=order)]

        article = self.save_page(index, NewsArticlePage, content.NEWS_ARTICLE, relations=relations)
        for tag in article.tags.all():
            english = next(t.en for t in content.NEWS_ARTICLE_TOPICS if t.lt == tag.name)
            TopicName.objects.get_or_create(tag=tag, defaults={"name_en": english})

    # --- Site ----------------------------------------------------------------------------

    def make_default_site(self, home):
        """Make ``home`` the root of the default site and delete Wagtail's welcome page."""
        site = (
            Site.objects.filter(is_default_site=True).first()
            or Site.objects.filter(hostname="localhost", port=80).first()
            or Site()
        )
        site.hostname = "localhost"
        site.port = 80
        site.is_default_site = True
        site.site_name = content.SITE_NAME
        site.root_page = home
        site.save()

        welcome_pages = Page.objects.filter(
            depth=2,
            numchild=0,
            title=WAGTAIL_WELCOME_TITLE,
            content_type=ContentType.objects.get_for_model(Page),
        )
        for page in welcome_pages:
            if not Site.objects.filter(root_page=page).exists():
                page.delete()
        return site

    @staticmethod
    def load_site_settings(site):
        """Contacts and footer texts of the default site."""
        settings = SiteSettings.for_site(site)
        for name, value in content.SITE_SETTINGS.items():
            setattr(settings, name, value)
        settings.save()

    # --- English -------------------------------------------------------------------------

    def translate(self):
        """Translate every Lithuanian page into English, parents first."""
        self.glossary = glossary = build_glossary(
            [
                content.HOME,
                content.ABOUT,
                content.WORKING_GROUP_INDEX,
                content.WORKING_GROUPS,
                content.PLAN_INDEX,
                content.PLAN_DRAFT,
                content.PLAN_ADOPTED,
                content.PLAN_DRAFT_REVISION,
                content.NEWS_INDEX,
                content.NEWS_ARTICLE,
                content.ACCESSIBILITY_STATEMENT,
                content.INFORMATION_INDEX,
            ],
            self.refs,
        )
        for page in self.pages:
            sync_translation(page, self.english, glossary)
