"""The home page, plain content pages, the accessibility statement, the information index
and the site-wide settings."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.db.models.functions import Left
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from core.calendars import calendar_response, new_calendar
from core.routing import ChildPageRoute
from core.templatetags.site_chrome import content_language
from core.titles import OneLineTitleMixin
from core.translation import in_language, page_translation_fields
from core.visibility import public_q
from documents.blocks import RICH_TEXT_FEATURES, BodyBlock
from news.models import NewsArticlePage
from plans.consultation import consultation_event, window_sequences
from plans.models import PlanDraftPage
from workinggroups.calendar import meeting_event, meeting_sequences
from workinggroups.models import MeetingPage, WorkingGroupPage


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the site and how to reach them, shown in the footer of every page."""

    municipality_name = models.CharField(_("municipality name (Lithuanian)"), max_length=200)
    municipality_name_en = models.CharField(_("municipality name (English)"), max_length=200)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    reply_to_email = models.EmailField(
        _("address for questions"),
        blank=True,
        help_text=_(
            "Residents who get e-mails about their comments write here: it is where a reply "
            "to those e-mails goes and the address in their “Questions?” line. Empty: the "
            "e-mail above."
        ),
    )
    comment_ip_days = models.PositiveSmallIntegerField(
        _("keep commenters' IP addresses for (days)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_(
            "The IP address stored with each comment helps to trace abuse. After this many "
            "days it is deleted (the daily retention task); the comment stays."
        ),
    )
    show_data_contacts = models.BooleanField(
        _("show the contact persons of measures and indicators"),
        default=False,
        help_text=_(
            "When on, the plan's pages and open data show the name, e-mail and phone of the "
            "person responsible for each measure's and indicator's data. Turn it on only when "
            "those people agree to be named publicly."
        ),
    )
    footer_text = models.TextField(_("footer text (Lithuanian)"), blank=True)
    footer_text_en = models.TextField(_("footer text (English)"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("municipality_name"), FieldPanel("municipality_name_en")],
            heading=_("Municipality"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("reply_to_email"),
                FieldPanel("show_data_contacts"),
            ],
            heading=_("Contacts"),
        ),
        MultiFieldPanel(
            [FieldPanel("footer_text"), FieldPanel("footer_text_en")], heading=_("Footer")
        ),
        MultiFieldPanel([FieldPanel("comment_ip_days")], heading=_("Residents' data")),
    ]

    class Meta:
        verbose_name = _("site settings")

    def _in_language(self, field):
        return in_language(getattr(self, field), getattr(self, f"{field}_en"))

    @property
    def localized_municipality_name(self):
        return self._in_language("municipality_name")

    @property
    def localized_footer_text(self):
        return self._in_language("footer_text")


def questions_address(page=None):
    """Where residents write with questions about the comment e-mails they get (feedback's
    ``FEEDBACK_REPLY_ADDRESS``): the address for questions of the page's site, else that
    site's e-mail; the default site's when the page's site has no settings."""
    site = page.get_site() if page is not None else None
    sites = [site] if site is not None else []
    sites += list(Site.objects.filter(is_default_site=True))
    for candidate in sites:
        found = SiteSettings.objects.filter(site=candidate).first()
        if found is not None:
            return found.reply_to_email or found.email
    return ""


class MilestoneBlock(blocks.StructBlock):
    """One step of the plan's preparation on the home page timeline."""

    date = blocks.DateBlock(label=_("Date"))
    date_label = blocks.CharBlock(
        label=_("Date as shown"),
        required=False,
        help_text=_("Optional wording such as 'December 2020' instead of an exact day."),
    )
    title = blocks.CharBlock(label=_("Title"))
    description = blocks.TextBlock(label=_("Description"), required=False)
    status = blocks.ChoiceBlock(
        label=_("Status"),
        choices=[("done", _("Done")), ("current", _("In progress")), ("planned", _("Planned"))],
        default="planned",
    )

    class Meta:
        icon = "date"
        template = "home/blocks/milestone_block.html"


class HomePage(OneLineTitleMixin, RoutablePageMixin, ChildPageRoute, Page):
    """The front page: the plan's vision, the plan in force, its timeline, groups, news and the
    drafts under public consultation (open or planned), and the whole plan's calendar."""

    vision = RichTextField(_("plan vision"), features=RICH_TEXT_FEATURES)
    timeline = StreamField(
        [("milestone", MilestoneBlock())], blank=True, verbose_name=_("timeline")
    )
    latest_news_count = models.PositiveSmallIntegerField(_("number of news items"), default=3)

    search_fields = [*Page.search_fields, index.SearchField("vision")]
    override_translatable_fields = page_translation_fields(
        translated=("vision", "timeline"), synchronised=("latest_news_count",)
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("vision"),
        FieldPanel("latest_news_count"),
    ]
    timeline_panels = [FieldPanel("timeline")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(timeline_panels, heading=_("Timeline")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "workinggroups.WorkingGroupIndexPage",
        "plans.PlanIndexPage",
        "news.NewsIndexPage",
        "home.AccessibilityStatementPage",
        "home.InformationIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's fragments of them are missing.
        context["working_groups"] = SimpleLazyObject(self.working_groups)
        context["latest_news"] = SimpleLazyObject(self.latest_news)
        context["consultations"] = SimpleLazyObject(self.consultations)
        context["adopted_plan"] = SimpleLazyObject(self.adopted_plan)
        return context

    def working_groups(self):
        """The live public working groups of this language, by number."""
        return (
            WorkingGroupPage.objects.live()
            .filter(public_q())
            .filter(locale_id=self.locale_id)
            .order_by(F("number").asc(nulls_last=True), "title")
        )

    def latest_news(self):
        """The newest live public articles of this language, with their comment counts."""
        return NewsArticlePage.with_comment_counts(
            NewsArticlePage.objects.live().filter(public_q()).filter(locale_id=self.locale_id)
        ).order_by("-date", "-pk")[: self.latest_news_count]

    def consultations(self):
        """The drafts of this language whose public consultation has not closed yet."""
        return PlanDraftPage.with_comment_counts(
            PlanDraftPage.with_consultation_reports(PlanDraftPage.objects.live())
            .filter(public_q())
            .filter(locale_id=self.locale_id, consultation_closes__gt=timezone.now())
            .exclude(stage=PlanDraftPage.Stage.ADOPTED)
            .prefetch_related("council_steps")
            .order_by("consultation_opens", "consultation_closes")
        )

    def adopted_plan(self):
        """The latest adopted plan of this language, with its priorities' progress (None
        when none is adopted)."""
        plan = (
            PlanDraftPage.objects.live()
            .filter(public_q())
            .filter(locale_id=self.locale_id, stage=PlanDraftPage.Stage.ADOPTED)
            .prefetch_related("council_steps")
            .order_by("-first_published_at")
            .first()
        )
        return {"page": plan, "progress": plan.outline()} if plan else {}

    def get_cached_paths(self):
        """The home page and the whole plan's calendar: whatever a meeting or a draft
        published purges reaches them (a page's purge reaches its ancestors' routes)."""
        return ["/", "/calendar/"]

    @path("calendar/", name="calendar")
    def calendar(self, request):
        """The whole plan's calendar (RFC 5545) in this page's language: every working
        group's meetings and every plan draft's public consultation, by their start."""
        groups = {
            group.path: group
            for group in WorkingGroupPage.objects.descendant_of(self).live().filter(public_q())
        }
        meetings = [
            meeting
            for meeting in MeetingPage.objects.descendant_of(self).live().filter(public_q())
            if meeting.path[: -MeetingPage.steplen] in groups
        ]
        drafts = list(
            PlanDraftPage.objects.descendant_of(self)
            .live()
            .filter(public_q())
            .filter(consultation_opens__isnull=False, consultation_closes__isnull=False)
            .defer("sections", "plan_tree")
        )
        meeting_numbers, draft_numbers = meeting_sequences(meetings), window_sequences(drafts)
        events = [
            (
                meeting.starts_at,
                meeting_event(
                    meeting,
                    groups[meeting.path[: -MeetingPage.steplen]],
                    request,
                    meeting_numbers.get(meeting.pk, 0),
                ),
            )
            for meeting in meetings
        ]
        events += [
            (
                draft.consultation_opens,
                consultation_event(draft, request, draft_numbers.get(draft.pk, 0)),
            )
            for draft in drafts
        ]
        calendar = new_calendar(_("%(plan)s: meetings and consultations") % {"plan": self.title})
        for _start, event in sorted(events, key=lambda item: item[0]):
            calendar.add_component(event)
        filename = pgettext("file name", "plan-calendar")
        return calendar_response(calendar, f"{filename}.ics", self.locale.language_code)


class StandardPage(OneLineTitleMixin, Page):
    """A plain content page, such as "About the plan" or contacts."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    override_translatable_fields = page_translation_fields(translated=("intro", "body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class AccessibilityStatementPage(OneLineTitleMixin, Page):
    """The site's accessibility statement (the EU model statement of Implementing Decision
    (EU) 2018/1523), linked from every page's footer."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    override_translatable_fields = page_translation_fields(translated=("intro", "body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    template = "home/standard_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")


class InformationIndexPage(OneLineTitleMixin, Page):
    """The information index: the site's structure in order, every public page of its
    language nested as in the menu, linked from every page's footer."""

    # Levels of pages shown below the home page (sections, their pages, and theirs).
    LEVELS = 4
    # A page below the home page with more children than this (a news listing) is shown
    # without them: it lists them itself.
    LISTED_CHILDREN = 30

    intro = models.TextField(_("introduction"), blank=True)

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    override_translatable_fields = page_translation_fields(translated=("intro",))

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("information index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's fragment of it is missing.
        context["structure"] = SimpleLazyObject(lambda: self.structure(request))
        return context

    def structure(self, request=None):
        """The home page of this page's language, alone in a list, as a tree of ``{"title",
        "url", "lang", "children", "listed_elsewhere"}``: live public pages in menu order,
        one query a level. The sections below the home page are always listed."""
        home = self.get_parent()
        root = self.index_entry(home, request)
        level = [(home, root)]
        for _depth in range(self.LEVELS):
            parents = {}
            for page, entry in level:
                if page.numchild > self.LISTED_CHILDREN and page.pk != home.pk:
                    entry["listed_elsewhere"] = True
                elif page.numchild:
                    parents[page.path] = entry
            if not parents:
                break
            depth = level[0][0].depth + 1
            children = (
                Page.objects.live()
                .filter(public_q())
                .annotate(parent_path=Left("path", (depth - 1) * Page.steplen))
                .filter(depth=depth, parent_path__in=list(parents))
                .order_by("path")
            )
            level = []
            for child in children:
                entry = self.index_entry(child, request)
                parents[child.parent_path]["children"].append(entry)
                level.append((child, entry))
        return [root]

    @staticmethod
    def index_entry(page, request):
        return {
            "title": page.title,
            "url": page.get_url(request=request),
            "lang": content_language(page),
            "children": [],
            "listed_elsewhere": False,
        }
