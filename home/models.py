"""The home page, plain content pages and the site-wide settings."""

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.titles import OneLineTitleMixin
from core.translation import page_translation_fields
from core.visibility import public_q
from documents.blocks import RICH_TEXT_FEATURES, BodyBlock
from news.models import NewsArticlePage
from plans.models import PlanDraftPage
from workinggroups.models import WorkingGroupPage


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the site and how to reach them, shown in the footer of every page."""

    municipality_name = models.CharField(_("municipality name (Lithuanian)"), max_length=200)
    municipality_name_en = models.CharField(_("municipality name (English)"), max_length=200)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    footer_text = models.TextField(_("footer text (Lithuanian)"), blank=True)
    footer_text_en = models.TextField(_("footer text (English)"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("municipality_name"), FieldPanel("municipality_name_en")],
            heading=_("Municipality"),
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contacts"),
        ),
        MultiFieldPanel(
            [FieldPanel("footer_text"), FieldPanel("footer_text_en")], heading=_("Footer")
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def _in_language(self, field):
        english = getattr(self, f"{field}_en")
        return english if get_language() == "en" and english else getattr(self, field)

    @property
    def localized_municipality_name(self):
        return self._in_language("municipality_name")

    @property
    def localized_footer_text(self):
        return self._in_language("footer_text")


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


class HomePage(OneLineTitleMixin, Page):
    """The front page: the plan's vision, the plan in force, its timeline, groups, news and the
    drafts under public consultation (open or planned)."""

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
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["working_groups"] = (
            WorkingGroupPage.objects.live()
            .filter(public_q())
            .filter(locale_id=self.locale_id)
            .order_by(F("number").asc(nulls_last=True), "title")
        )
        context["latest_news"] = NewsArticlePage.with_comment_counts(
            NewsArticlePage.objects.live().filter(public_q()).filter(locale_id=self.locale_id)
        ).order_by("-date", "-pk")[: self.latest_news_count]
        now = timezone.now()
        # Read only when the template's fragment of them is missing.
        context["consultations"] = PlanDraftPage.with_comment_counts(
            PlanDraftPage.objects.live()
            .filter(public_q())
            .filter(locale_id=self.locale_id, consultation_closes__gt=now)
            .exclude(stage=PlanDraftPage.Stage.ADOPTED)
            .prefetch_related("council_steps")
            .order_by("consultation_opens", "consultation_closes")
        )
        context["adopted_plan"] = SimpleLazyObject(self.adopted_plan)
        return context

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
