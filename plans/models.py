"""The strategic plan's drafts and the index that lists them with their status."""

from django import forms
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
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
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from approvals.roles import coordinators_group_name
from approvals.trail import approval_trail
from approvals.translations import ApprovedSourceTranslationMixin
from core.numbers import format_number
from core.titles import OneLineTitleMixin
from core.translation import page_translation_fields
from core.versions import published_revisions
from core.visibility import public_q
from documents.blocks import BodyBlock
from documents.models import PageDocument
from feedback.models import CommentableMixin, ConsultationReport
from plans import opendata
from plans.blocks import PriorityBlock
from plans.charts import indicator_chart
from plans.compare import VersionChoiceError, comparison_of
from plans.consultation import ConsultationPhase
from plans.forms import IndicatorValueForm, PlanDraftForm
from plans.tree import (
    LEVELS,
    build_outline,
    filter_by_group,
    indicator_ids,
    priority_holding,
    raw_measures,
    walk,
)


def reports_after(translation_key, closes):
    """The consultation reports on a draft (its pages in every language share
    ``translation_key``) made once its consultation closed, oldest first: the first of them
    is the consultation's report (one made earlier cannot hold the last comments)."""
    return ConsultationReport.objects.filter(
        page__translation_key=translation_key, created_at__gte=closes
    ).order_by("created_at")


class PlanSectionBlock(blocks.StructBlock):
    """A numbered chapter of a plan draft; its block id is its stable public anchor."""

    heading = blocks.CharBlock(label=_("Heading"))
    body = BodyBlock(label=_("Text"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Section")


class PlanIndexPage(OneLineTitleMixin, Page):
    """The plan: its drafts with their stage and consultation status."""

    intro = models.TextField(_("introduction"), blank=True)

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    override_translatable_fields = page_translation_fields(translated=("intro",))
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["plans.PlanDraftPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("plan index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's fragment of them is missing.
        context["listing"] = SimpleLazyObject(self.listing)
        return context

    def listing(self):
        """The plan in force (the latest adopted draft) and the other drafts, newest first
        (an earlier adopted one is marked ``is_replaced``)."""
        drafts = list(
            PlanDraftPage.with_comment_counts(
                PlanDraftPage.with_consultation_reports(PlanDraftPage.objects.child_of(self))
                .live()
                .filter(public_q())
                .prefetch_related("council_steps")
                .order_by("-first_published_at")
            )
        )
        adopted = next((draft for draft in drafts if draft.is_adopted), None)
        for draft in drafts:
            draft.is_replaced = draft.is_adopted and draft is not adopted
        return {"drafts": [draft for draft in drafts if draft is not adopted], "adopted": adopted}


class PlanDraftPage(
    OneLineTitleMixin,
    ApprovedSourceTranslationMixin,
    CommentableMixin,
    RoutablePageMixin,
    Page,
):
    """A version of the plan put before the public, the Consultative group and the council.

    Its translations go live only as translations of the approved, live Lithuanian draft
    (``approvals.translations``).
    """

    class Stage(models.TextChoices):
        DRAFTING = "drafting", _("Drafting")
        CONSULTATIVE_REVIEW = "consultative_review", _("Consultative group review")
        COMMITTEES = "committees", _("Council committees")
        COUNCIL = "council", _("Council")
        ADOPTED = "adopted", _("Adopted")

    version_label = models.CharField(_("version"), max_length=50, help_text=_("E.g. 0.1"))
    change_note = models.TextField(
        _("what changed in this version"),
        blank=True,
        max_length=2000,
        help_text=_(
            "Required when you submit the draft for approval: what changed since the "
            "published version, and why. Shown with the version to the public."
        ),
    )
    stage = models.CharField(
        _("stage"), max_length=30, choices=Stage.choices, default=Stage.DRAFTING
    )
    summary = models.TextField(_("summary"), blank=True)
    is_demonstration = models.BooleanField(
        _("demonstration draft"),
        default=False,
        help_text=_("Shows a notice that the content is an example, not the municipality's plan."),
    )
    sections = StreamField(
        [("section", PlanSectionBlock())], blank=True, verbose_name=_("sections")
    )
    plan_tree = StreamField(
        [("priority", PriorityBlock())],
        blank=True,
        verbose_name=_("plan structure"),
        help_text=_(
            "Priorities, goals, objectives, measures and indicators. Numbers follow the order."
        ),
    )
    responsible_groups = ParentalManyToManyField(
        "workinggroups.WorkingGroupPage",
        verbose_name=_("responsible working groups"),
        blank=True,
        related_name="plan_drafts",
    )
    consultation_opens = models.DateTimeField(_("consultation opens"), null=True, blank=True)
    consultation_closes = models.DateTimeField(_("consultation closes"), null=True, blank=True)

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("sections"),
        index.SearchField("plan_tree"),
        index.FilterField("stage"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("version_label"), FieldPanel("stage")]),
        FieldPanel("change_note"),
        FieldPanel("summary"),
        FieldPanel("is_demonstration"),
        FieldPanel("sections"),
    ]
    structure_panels = [FieldPanel("plan_tree")]
    consultation_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("consultation_opens"), FieldPanel("consultation_closes")])],
            heading=_("Public consultation"),
            help_text=_(
                "Comments open and close with these dates; the report made after the "
                "closing is the consultation's last step."
            ),
        ),
        FieldPanel("responsible_groups", widget=forms.CheckboxSelectMultiple),
        InlinePanel("documents", label=_("Documents"), heading=_("Documents")),
    ]
    council_panels = [
        InlinePanel(
            "council_steps",
            label=_("Council step"),
            heading=_("Council steps"),
            help_text=_(
                "Committee hearings and the council's decision, after the Consultative group."
            ),
        )
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(structure_panels, heading=_("Plan structure")),
            ObjectList(council_panels, heading=_("Council")),
            ObjectList(consultation_panels, heading=_("Consultation and documents")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    # What translators translate (text) and what English keeps in step with Lithuanian
    # (council steps are recorded in Lithuanian only; English shows them with lang="lt").
    override_translatable_fields = page_translation_fields(
        translated=("summary", "change_note", "sections", "plan_tree"),
        synchronised=(
            "version_label",
            "stage",
            "is_demonstration",
            "consultation_opens",
            "consultation_closes",
            "documents",
            "responsible_groups",
            "council_steps",
        ),
    )

    parent_page_types = ["plans.PlanIndexPage"]
    subpage_types = []
    base_form_class = PlanDraftForm

    class Meta:
        verbose_name = _("plan draft")

    def assign_element_ids(self):
        """Give every plan element its stable id before storing.

        The admin always sends ids; content written as raw JSON (imports, the demo loader) gets
        them here, once, by loading the blocks, so they never change afterwards.
        """
        list(self.plan_tree)

    def save(self, *args, **kwargs):
        self.assign_element_ids()
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.assign_element_ids()
        opens, closes = self.consultation_opens, self.consultation_closes
        if opens and closes and closes <= opens:
            raise ValidationError(
                {"consultation_closes": _("The consultation must close after it opens.")}
            )

    @property
    def is_open_for_consultation(self):
        opens, closes = self.consultation_opens, self.consultation_closes
        return bool(opens and closes and opens <= timezone.now() < closes)

    @staticmethod
    def with_consultation_reports(queryset):
        """Annotate drafts with ``report_published_at`` (a subquery: a listing costs no
        query per draft)."""
        reports = reports_after(OuterRef("translation_key"), OuterRef("consultation_closes"))
        return queryset.annotate(report_published_at=Subquery(reports.values("created_at")[:1]))

    @cached_property
    def report_published_at(self):
        """When the consultation's report was made public: the first report on this draft
        (in any of its languages) made once the consultation closed; None before."""
        if not (self.pk and self.consultation_closes):  # a draft not stored has no report
            return None
        reports = reports_after(self.translation_key, self.consultation_closes)
        return reports.values_list("created_at", flat=True).first()

    def consultation_phase(self, now=None):
        """Where the public consultation stands: "planned", "open", "closed" or
        "report_published" ("" while its window is not set)."""
        opens, closes = self.consultation_opens, self.consultation_closes
        if not (opens and closes):
            return ""
        now = now or timezone.now()
        if now < opens:
            return "planned"
        if now < closes:
            return "open"
        published = self.report_published_at
        return "report_published" if published and published <= now else "closed"

    @property
    def phase(self):
        return self.consultation_phase()

    def consultation_phases(self, now=None):
        """The consultation's four steps in order, each with its date and whether it is
        done, the current one or still ahead (empty while the window is not set)."""
        current = self.consultation_phase(now)
        if not current:
            return []
        steps = [
            ConsultationPhase("planned"),
            ConsultationPhase("open", self.consultation_opens),
            ConsultationPhase("closed", self.consultation_closes),
            ConsultationPhase("report_published", self.report_published_at),
        ]
        reached = [step.key for step in steps].index(current)
        for position, step in enumerate(steps):
            step.state = (
                "done" if position < reached else "current" if position == reached else "ahead"
            )
        return steps

    @property
    def is_adopted(self):
        return self.stage == self.Stage.ADOPTED

    #: An adopted draft that a later adopted one replaced (set by the plan index's listing).
    is_replaced = False

    @property
    def next_stage(self):
        """The workflow step that follows this draft's stage (None once adopted)."""
        stages = list(self.Stage)
        following = stages[stages.index(self.stage) + 1 :]
        return following[0] if following else None

    @cached_property
    def council_step_list(self):
        """The council steps, read once (listings prefetch them)."""
        return list(self.council_steps.all())

    @property
    def council_decision(self):
        """The council's decision step (the latest)."""
        decisions = [
            step for step in self.council_step_list if step.kind == CouncilStep.Kind.COUNCIL
        ]
        return max(decisions, key=lambda step: step.date, default=None)

    @property
    def next_council_step(self):
        """The next committee hearing or council vote from today, if one is scheduled."""
        today = timezone.localdate()
        upcoming = [step for step in self.council_step_list if step.date >= today]
        return min(upcoming, key=lambda step: step.date, default=None)

    # Public comments (feedback): on the whole draft or on one section, only while the
    # consultation is open; moderators record what became of each ("You said — we did").
    # The consultation's dates alone open and close them: a draft has no switch of its own.
    comments_open = None
    comment_sections_field = "sections"
    comment_dispositions = True
    comment_window_required = True

    def comment_window(self):
        return self.consultation_opens, self.consultation_closes

    def consultation_report_groups(self):
        """The coordinators of the draft's responsible working groups."""
        return [coordinators_group_name(group) for group in self.responsible_groups.all()]

    def localized_groups(self):
        """Working groups of this page's language, by translation key (one query), each marked
        `is_responsible` when this draft names it (or its translation) responsible."""
        working_group = apps.get_model("workinggroups", "WorkingGroupPage")
        responsible = PlanDraftPage.responsible_groups.through.objects.filter(
            plandraftpage_id=self.pk,
            workinggrouppage__translation_key=OuterRef("translation_key"),
        )
        groups = (
            working_group.objects.live()
            .filter(locale_id=self.locale_id)
            .annotate(is_responsible=Exists(responsible))
        )
        return {str(group.translation_key): group for group in groups}

    def outline(self, groups_by_key=None):
        """The numbered plan tree with recorded indicator values and progress."""
        ids = indicator_ids(self.plan_tree.raw_data)
        values = {}
        for row in IndicatorValue.objects.filter(indicator_id__in=ids).values_list(
            "indicator_id", "year", "value"
        ):
            values.setdefault(str(row[0]), {})[row[1]] = row[2]
        if groups_by_key is None:
            groups_by_key = self.localized_groups()
        return build_outline(self.plan_tree, values, groups_by_key)

    def elements(self):
        """Every element of the plan tree, numbered, in order (no values, no extra query)."""
        return list(walk(build_outline(self.plan_tree)))

    def decisions_by_element(self):
        """Meeting decisions of this page's language that concern this plan's elements: live
        meetings with decisions (one query), their references matched in Python."""
        meeting_page = apps.get_model("workinggroups", "MeetingPage")
        meetings = (
            meeting_page.objects.live()
            .filter(public_q())
            .filter(locale_id=self.locale_id)
            .exclude(decisions=[])
            .order_by("starts_at")
        )
        found = {}
        for meeting in meetings:
            for number, decision in enumerate(meeting.decisions.raw_data, start=1):
                for item in decision["value"].get("plan_elements") or []:
                    element_id = item["value"] if isinstance(item, dict) else item
                    found.setdefault(element_id, []).append(
                        {
                            "url": f"{meeting.url}#decision-{number}",
                            "label": _("%(meeting)s, decision No. %(number)s")
                            % {"meeting": meeting.title, "number": number},
                        }
                    )
        return found

    def measures_for_group(self, group_ids):
        """``(number, link, title)`` of the measures one group is responsible for; ``link``
        leads from this page's URL to the measure in its priority's view.

        ``group_ids`` are the ids of the group's page in every language.
        """
        return [
            (number, self.element_link(number.split(".")[0], f"measure-{measure_id}"), title)
            for number, measure_id, title, ids in raw_measures(self.plan_tree.raw_data)
            if group_ids.intersection(ids)
        ]

    def element_link(self, priority_number, anchor):
        """Where an element is shown, from this page's URL: its priority's view, at the
        element."""
        return f"{self.reverse_subpage('priority', args=[priority_number])}#{anchor}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups_by_key = self.localized_groups()
        # Relations are synchronised across translations: show the groups of this language.
        context["groups"] = sorted(
            (group for group in groups_by_key.values() if group.is_responsible),
            key=lambda group: (group.number is None, group.number or 0, group.title),
        )
        selected_group = groups_by_key.get(request.GET.get("group", ""))
        # What the template keeps in fragments of the chrome's generation is read only when
        # a fragment is missing.
        context.update(
            selected_group=selected_group,
            plan=SimpleLazyObject(lambda: self.outline_context(groups_by_key, selected_group)),
            attached_documents=self.documents.select_related("document"),
            trail=SimpleLazyObject(lambda: approval_trail(self)),
            council_steps=self.council_steps.select_related("document"),
            versions=SimpleLazyObject(lambda: published_revisions(self)),
        )
        return context

    def outline_context(self, groups_by_key, selected_group):
        """The numbered plan tree with values and decisions, and the groups to filter it by
        (``selected_group`` keeps the priorities and goals that hold its measures). The page
        shows priorities and goals; charts are drawn in the priorities' own views."""
        outline = self.outline(groups_by_key)
        visible = (
            filter_by_group(outline, selected_group.translation_key) if selected_group else None
        )
        elements = list(walk(outline))
        decisions = self.decisions_by_element()
        for element in elements:
            element.visible = visible is None or element.id in visible
            element.decisions = decisions.get(element.id, [])
        return {
            "outline": outline,
            "groups": sorted(
                {group.translation_key: group for e in elements for group in e.groups}.values(),
                key=lambda group: (group.number is None, group.number or 0, group.title),
            ),
        }

    def priority_title(self, number):
        """The title of priority ``number`` (1, 2, …), read from the stored tree; 404 when the
        plan has no such priority."""
        priorities = self.plan_tree.raw_data
        if not 1 <= number <= len(priorities):
            raise Http404(_("This plan has no priority with that number."))
        return priorities[number - 1]["value"].get("title", "")

    def priorities_in_full(self, numbers=None):
        """The priorities (all, or those of ``numbers``) with every element below them, their
        values, charts and the meeting decisions about them."""
        outline = self.outline()
        decisions = self.decisions_by_element()
        chosen = outline if numbers is None else [outline[number - 1] for number in numbers]
        for priority in chosen:
            for element in priority.walk():
                element.decisions = decisions.get(element.id, [])
                if element.kind == "indicator" and element.values:
                    element.chart = indicator_chart(element)
        return chosen

    def priority_context(self, request, number):
        """What a priority's view and its part loaded into the plan page show (the priority
        in full is read only when the template's fragment of it is missing)."""
        context = super().get_context(request)
        priorities = self.plan_tree.raw_data
        context.update(
            number=number,
            heading_offset=0,
            priority_title=self.priority_title(number),
            priority=SimpleLazyObject(lambda: self.priorities_in_full([number])[0]),
            previous_priority=(
                (number - 1, priorities[number - 2]["value"].get("title", ""))
                if number > 1
                else None
            ),
            next_priority=(
                (number + 1, priorities[number]["value"].get("title", ""))
                if number < len(priorities)
                else None
            ),
        )
        return context

    def get_cached_paths(self):
        """The draft and its sub-routes: a purge drops them together."""
        try:
            priorities = range(1, len(self.plan_tree.raw_data) + 1)
        except PlanDraftPage.DoesNotExist:  # a purge after deletion: the tree went with it
            priorities = range(0)
        return [
            "/",
            "/versions/compare/",
            "/data/csv/",
            "/data/json/",
            "/data/changes.json",
            "/data/changes.csv",
            "/print/",
            *(f"/priority/{number}/" for number in priorities),
            *(f"/priority/{number}/detail/" for number in priorities),
        ]

    def compare(self, older_id, newer_id, **kwargs):
        """Two published versions of this draft compared (``plans.compare``)."""
        return comparison_of(self, older_id, newer_id, **kwargs)

    @path("priority/<int:number>/", name="priority")
    def priority_view(self, request, number):
        """One priority in full: its goals, objectives, measures and indicators with charts."""
        return TemplateResponse(
            request, "plans/plan_priority.html", self.priority_context(request, number)
        )

    @path("priority/<int:number>/detail/", name="priority_detail")
    def priority_detail(self, request, number):
        """A priority's goals in full, without the site's chrome: what the plan page's script
        shows in place (the reader's browser then needs no new page)."""
        response = TemplateResponse(
            request,
            "plans/includes/priority_detail.html",
            {
                **self.priority_context(request, number),
                "heading_offset": 2,
                "link_base": self.get_url(request)
                + self.reverse_subpage("priority", args=[number]),
            },
        )
        response["X-Robots-Tag"] = "noindex"
        return response

    @path("print/", name="whole_plan")
    def whole_plan(self, request):
        """The whole plan on one page, every priority in full: to print or save."""
        context = super().get_context(request)
        context["priorities"] = SimpleLazyObject(self.priorities_in_full)
        return TemplateResponse(request, "plans/plan_whole.html", context)

    @path("element/", name="element")
    def element_view(self, request):
        """Where an element's link to this page (``#measure-<id>``, from before priorities had
        views of their own) leads now: the element in its priority's view."""
        anchor = request.GET.get("id", "")
        kind, _separator, element_id = anchor.partition("-")
        number = priority_holding(self.plan_tree.raw_data, element_id) if kind in LEVELS else None
        if number is None:
            raise Http404(_("This plan has no such element."))
        return HttpResponseRedirect(self.get_url(request) + self.element_link(number, anchor))

    @path("versions/compare/", name="compare_versions")
    def compare_versions(self, request):
        """Two published versions: what changed in the text and in the plan tree, the
        decisions that approved them and the comments the change answers."""
        try:
            comparison = self.compare(request.GET.get("from"), request.GET.get("to"))
        except VersionChoiceError as error:
            raise Http404(str(error)) from error
        context = self.get_context(request)
        context["comparison"] = comparison
        return TemplateResponse(request, "plans/plan_draft_compare.html", context)

    @path("data/csv/", name="plan_csv")
    def plan_csv(self, request):
        response = HttpResponse(
            opendata.to_csv(walk(self.outline())), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.csv"'
        return response

    @path("data/json/", name="plan_json")
    def plan_json(self, request):
        return JsonResponse(
            opendata.to_json(self.outline(), self), json_dumps_params={"ensure_ascii": False}
        )


class CouncilStep(Orderable):
    """A step after the Consultative group's approval: a committee hearing or the council's vote."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Committee hearing")
        COUNCIL = "council", _("Council decision")
        OTHER = "other", _("Other step")

    page = ParentalKey(PlanDraftPage, on_delete=models.CASCADE, related_name="council_steps")
    kind = models.CharField(_("step"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    body = models.CharField(
        _("body"), max_length=255, help_text=_("E.g. the committee's name, or the council.")
    )
    outcome = models.CharField(
        _("outcome"), max_length=255, blank=True, help_text=_("E.g. approved, sent back.")
    )
    decision_number = models.CharField(
        _("decision number"), max_length=50, blank=True, help_text=_("E.g. T-123.")
    )
    document = models.ForeignKey(
        "documents.CityDocument",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("outcome"), FieldPanel("decision_number")]),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("council step")
        verbose_name_plural = _("council steps")


class PlanDraftDocument(PageDocument):
    """A file attached to a plan draft (the full draft, annexes, reports)."""

    page = ParentalKey(PlanDraftPage, on_delete=models.CASCADE, related_name="documents")


class IndicatorValue(models.Model):
    """A value of a plan indicator recorded for one year, after the plan is adopted.

    Values belong to the indicator's stable id, not to a page revision: recording them needs no
    new plan version, and they stay with the indicator in later versions and translations.
    """

    plan = models.ForeignKey(
        PlanDraftPage,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="indicator_values",
    )
    indicator_id = models.UUIDField(_("indicator"))
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3)
    note = models.CharField(_("note"), max_length=255, blank=True)

    base_form_class = IndicatorValueForm
    panels = [FieldPanel("indicator"), FieldPanel("year"), FieldPanel("value"), FieldPanel("note")]

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["plan", "indicator_id", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_id", "year"], name="one_value_per_indicator_and_year"
            )
        ]

    def __str__(self):
        return f"{self.indicator_name()} — {self.year}: {format_number(self.value)}"

    @admin.display(description=_("value"), ordering="value")
    def value_display(self):
        """The value as the site prints it (10,9, not the stored 10.900)."""
        return format_number(self.value)

    @admin.display(description=_("indicator"))
    def indicator_name(self):
        for element in walk(build_outline(self.plan.plan_tree)):
            if element.id == str(self.indicator_id):
                return f"{element.number} {element.title}"
        return str(self.indicator_id)
