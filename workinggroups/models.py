"""Working groups that prepare the plan, their members and their meetings."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from core.calendars import calendar_response, new_calendar
from core.routing import ChildPageRoute
from core.titles import OneLineTitleMixin
from core.translation import page_translation_fields
from core.visibility import public_q
from documents.blocks import RICH_TEXT_FEATURES
from feedback.models import CommentableMixin
from workinggroups.blocks import DecisionBlock
from workinggroups.calendar import meeting_event, meeting_sequences


class WorkingGroupIndexPage(OneLineTitleMixin, ChildPageRoute, Page):
    """Lists the plan's working groups in the order's numbering, the consultative one last."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    override_translatable_fields = page_translation_fields(translated=("intro",))
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["workinggroups.WorkingGroupPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("working group index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = WorkingGroupPage.with_comment_counts(
            WorkingGroupPage.objects.child_of(self)
            .live()
            .filter(public_q())
            .order_by(F("number").asc(nulls_last=True), "title")
        )
        return context


class WorkingGroupPage(
    OneLineTitleMixin, CommentableMixin, RoutablePageMixin, ChildPageRoute, Page
):
    """One working group: what it coordinates, who sits in it, its meetings, drafts and news,
    and the calendar of its meetings to subscribe to."""

    class Kind(models.TextChoices):
        THEMATIC = "thematic", _("Thematic working group")
        CONSULTATIVE = "consultative", _("Consultative working group")

    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("Number in the order that formed it.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.THEMATIC)
    intro = models.TextField(_("introduction"), blank=True)
    remit = StreamField(
        [("area", blocks.CharBlock(label=_("Area")))],
        blank=True,
        verbose_name=_("remit"),
        help_text=_("The areas the group coordinates, one per item."),
    )
    formed_by = models.ForeignKey(
        "documents.CityDocument",
        verbose_name=_("formed by order"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = RichTextField(_("more about the group"), features=RICH_TEXT_FEATURES, blank=True)

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("remit"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]
    override_translatable_fields = page_translation_fields(
        translated=("intro", "remit", "body", "memberships"),
        synchronised=("number", "kind", "formed_by", "comments_open"),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("number"), FieldPanel("kind")]),
        FieldPanel("intro"),
        FieldPanel("remit"),
        FieldPanel("formed_by"),
        FieldPanel("body"),
    ]
    members_panels = [InlinePanel("memberships", label=_("Members"), heading=_("Members"))]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(members_panels, heading=_("Members")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(
                [*Page.settings_panels, *CommentableMixin.comment_panels], heading=_("Settings")
            ),
        ]
    )

    parent_page_types = ["workinggroups.WorkingGroupIndexPage"]
    subpage_types = ["workinggroups.MeetingPage"]

    class Meta:
        verbose_name = _("working group")

    @property
    def is_consultative(self):
        return self.kind == self.Kind.CONSULTATIVE

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's fragment of the group is missing.
        context["memberships"] = SimpleLazyObject(self.memberships.all)
        context["meetings"] = SimpleLazyObject(lambda: self.meetings().order_by("-starts_at"))
        return context

    def meetings(self):
        """The group's live meetings that the public may see."""
        return MeetingPage.objects.child_of(self).live().filter(public_q())

    def get_cached_paths(self):
        """The group and its calendar: a meeting published purges them together (a page's
        purge reaches its ancestors' routes, core.changes)."""
        return ["/", "/calendar/"]

    @path("calendar/", name="calendar")
    def calendar(self, request):
        """The group's meetings as an iCalendar feed to subscribe to (RFC 5545)."""
        meetings = list(self.meetings().order_by("starts_at"))
        sequences = meeting_sequences(meetings)
        calendar = new_calendar(_("%(group)s: meetings") % {"group": self.title})
        for meeting in meetings:
            calendar.add_component(
                meeting_event(meeting, self, request, sequences.get(meeting.pk, 0))
            )
        return calendar_response(calendar, f"{self.slug}.ics", self.locale.language_code)

    # Plans and news point at groups by their translation key, so that a translated group
    # lists the drafts and articles of its own language. The template keeps what these
    # read in a fragment of the site's chrome generation (any publish makes it stale).

    @cached_property
    def plan_work(self):
        """``(drafts naming the group responsible, [(draft, its measures the group is
        responsible for)])`` of the live plan drafts in this language."""
        plan_draft = apps.get_model("plans", "PlanDraftPage")
        responsible = plan_draft.responsible_groups.through.objects.filter(
            plandraftpage_id=OuterRef("pk"), workinggrouppage__translation_key=self.translation_key
        )
        drafts = (
            plan_draft.objects.live()
            .filter(public_q(), locale_id=self.locale_id)
            .annotate(names_group=Exists(responsible))
            .order_by("-first_published_at")
        )
        group_ids = set(
            WorkingGroupPage.objects.filter(translation_key=self.translation_key).values_list(
                "pk", flat=True
            )
        )
        named, measures = [], []
        for draft in drafts:
            if draft.names_group:
                named.append(draft)
            if found := draft.measures_for_group(group_ids):
                measures.append((draft, found))
        return named, measures

    def latest_news(self):
        news_article = apps.get_model("news", "NewsArticlePage")
        return (
            news_article.objects.live()
            .filter(public_q())
            .filter(locale_id=self.locale_id, related_groups__translation_key=self.translation_key)
            .order_by("-date")[:5]
        )


class Membership(TranslatableMixin, Orderable):
    """A seat in a working group, by role and organisation (the site stores no names)."""

    class Category(models.TextChoices):
        COUNCIL = "council", _("Council member")
        ADMINISTRATION = "administration", _("Municipal administration")
        SUBORDINATE = "subordinate", _("Subordinate institution or company")
        ORGANISATION = "organisation", _("Business or civic organisation")
        OTHER = "other", _("Other stakeholder")

    group = ParentalKey(WorkingGroupPage, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=200, help_text=_("E.g. chair, member."))
    organisation = models.CharField(_("organisation"), max_length=255)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)

    panels = [FieldPanel("role"), FieldPanel("organisation"), FieldPanel("category")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")


class MeetingPage(OneLineTitleMixin, RoutablePageMixin, Page):
    """A meeting of a working group: when and where (or that it is cancelled), the agenda,
    minutes and decisions, and the meeting as a file to add to one's calendar."""

    starts_at = models.DateTimeField(_("date and time"))
    ends_at = models.DateTimeField(
        _("ends at"),
        null=True,
        blank=True,
        help_text=_("When the meeting is planned to end, if known: calendars show its length."),
    )
    place = models.CharField(_("place"), max_length=255)
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_(
            "The meeting will not take place. The page stays published and says so; "
            "subscribed calendars mark the meeting cancelled."
        ),
    )
    agenda = StreamField(
        [("item", blocks.CharBlock(label=_("Agenda item")))],
        blank=True,
        verbose_name=_("agenda"),
    )
    minutes = models.ForeignKey(
        "documents.CityDocument",
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decisions = StreamField(
        [("decision", DecisionBlock())],
        blank=True,
        verbose_name=_("decisions"),
        help_text=_("Decisions are numbered in the order given here."),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("place"),
        index.SearchField("agenda"),
        index.SearchField("decisions"),
        index.FilterField("starts_at"),
    ]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("place"),
                FieldPanel("cancelled"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("agenda"),
    ]
    outcome_panels = [FieldPanel("minutes"), FieldPanel("decisions")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(outcome_panels, heading=_("Minutes and decisions")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    override_translatable_fields = page_translation_fields(
        translated=("place", "agenda", "decisions"),
        synchronised=("starts_at", "ends_at", "cancelled", "minutes"),
    )
    parent_page_types = ["workinggroups.WorkingGroupPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("meeting")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["group"] = self.get_parent()  # its title and address
        return context

    def get_cached_paths(self):
        """The meeting and its calendar file: a purge drops them together."""
        return ["/", "/calendar/"]

    @path("calendar/", name="calendar")
    def calendar(self, request):
        """The meeting alone as an iCalendar file: "Add to calendar"."""
        calendar = new_calendar(self.title)
        sequence = meeting_sequences([self]).get(self.pk, 0)
        calendar.add_component(meeting_event(self, self.get_parent(), request, sequence))
        return calendar_response(calendar, f"{self.slug}.ics", self.locale.language_code)
