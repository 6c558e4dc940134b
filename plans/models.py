"""The strategic plan's drafts and the index that lists them with their status; the values,
owners and passports of their indicators and measures, kept by element id."""

from itertools import pairwise

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
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
from core.routing import ChildPageRoute
from core.titles import OneLineTitleMixin
from core.translation import in_language, page_translation_fields
from core.versions import published_revisions
from core.visibility import public_q
from documents.blocks import BodyBlock
from documents.models import PageDocument
from feedback.models import CommentableMixin, ConsultationReport
from plans import opendata, reports
from plans.blocks import PriorityBlock
from plans.charts import indicator_chart
from plans.compare import VersionChoiceError, comparison_of
from plans.consultation import ConsultationPhase
from plans.forms import (
    IndicatorValueForm,
    MonitoringReportForm,
    PlanDraftForm,
    PlanElementForm,
)
from plans.panels import PlanStructurePanel
from plans.reports import content_in, presentable
from plans.schedule import overdue_since
from plans.tree import (
    LEVELS,
    build_outline,
    element_kinds,
    filter_by_group,
    indicator_ids,
    plan_period,
    priority_holding,
    raw_elements,
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


def contacts_public(request):
    """Whether the site's settings show the contact persons of measures and indicators.

    The settings are home's (``home.SiteSettings``), read through Wagtail's settings API by
    the model's name: sections never import ``home``. Pages read this only when their
    fragment of the plan is missing (a change of the settings moves the chrome's generation).
    """
    return apps.get_model("home", "SiteSettings").for_request(request).show_data_contacts


class PlanSectionBlock(blocks.StructBlock):
    """A numbered chapter of a plan draft; its block id is its stable public anchor."""

    heading = blocks.CharBlock(label=_("Heading"))
    body = BodyBlock(label=_("Text"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Section")


class PlanIndexPage(OneLineTitleMixin, ChildPageRoute, Page):
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
    # The tree is edited one part at a time (plans/editor.py): this tab only lists it.
    structure_panels = [PlanStructurePanel()]
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

    def outline(self, groups_by_key=None, up_to_year=None):
        """The numbered plan tree with recorded indicator values (those up to ``up_to_year``
        when given), progress and statuses."""
        ids = indicator_ids(self.plan_tree.raw_data)
        values = {}
        recorded = IndicatorValue.objects.filter(indicator_id__in=ids)
        if up_to_year is not None:
            recorded = recorded.filter(year__lte=up_to_year)
        # Each value with the year its method applies from and the year of the first method
        # (in the same query): a value measured since a later method is compared only with
        # values of that method (``plans.status``).
        methods = MethodologyVersion.objects.filter(passport__element_id=OuterRef("indicator_id"))
        recorded = recorded.annotate(
            method_from=Subquery(
                methods.filter(valid_from_year__lte=OuterRef("year"))
                .order_by("-valid_from_year")
                .values("valid_from_year")[:1]
            ),
            first_method=Subquery(
                methods.order_by("valid_from_year").values("valid_from_year")[:1]
            ),
        ).order_by("indicator_id", "year")
        since_years = {}
        for indicator_id, year, value, method_from, first in recorded.values_list(
            "indicator_id", "year", "value", "method_from", "first_method"
        ):
            values.setdefault(str(indicator_id), {})[year] = value
            # The latest value's method decides (rows come in year order).
            later_method = method_from is not None and method_from != first
            since_years[str(indicator_id)] = method_from if later_method else None
        if groups_by_key is None:
            groups_by_key = self.localized_groups()
        since_years = {key: year for key, year in since_years.items() if year}
        return build_outline(self.plan_tree, values, groups_by_key, since_years)

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
        # What the template keeps in fragments of the chrome's generation is read only when
        # a fragment is missing; the groups, also when the reader chose one.
        groups_by_key = SimpleLazyObject(self.localized_groups)
        group_key = request.GET.get("group", "")
        selected_group = groups_by_key.get(group_key) if group_key else None
        context.update(
            # Relations are synchronised across translations: show the groups of this language.
            groups=SimpleLazyObject(lambda: self.responsible_groups_of(groups_by_key)),
            selected_group=selected_group,
            plan=SimpleLazyObject(lambda: self.outline_context(groups_by_key, selected_group)),
            attached_documents=SimpleLazyObject(lambda: self.documents.select_related("document")),
            trail=SimpleLazyObject(lambda: approval_trail(self)),
            council_steps=SimpleLazyObject(lambda: self.council_steps.select_related("document")),
            versions=SimpleLazyObject(lambda: published_revisions(self)),
            monitoring_reports=SimpleLazyObject(self.latest_reports),
        )
        return context

    @staticmethod
    def responsible_groups_of(groups_by_key):
        """The responsible ones of ``localized_groups()``, by number and title."""
        return sorted(
            (group for group in groups_by_key.values() if group.is_responsible),
            key=lambda group: (group.number is None, group.number or 0, group.title),
        )

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

    def outline_with_owners(self):
        """The outline (``outline``) with each measure's owner and each indicator's passport,
        the method version of every value and the breaks in its series (three queries)."""
        groups_by_key = self.localized_groups()
        outline = self.outline(groups_by_key)
        elements = list(walk(outline))
        ids = [element.id for element in elements if element.kind in ("measure", "indicator")]
        records = {
            str(record.element_id): record
            for model in (MeasureOwner, IndicatorPassport)
            for record in model.objects.filter(element_id__in=ids)
            .select_related("department", "working_group")
            .prefetch_related(*(["methodology"] if model is IndicatorPassport else []))
        }
        for element in elements:
            owner = records.get(element.id)
            if owner is None or owner.element_kind != element.kind:
                continue
            element.owner = owner
            group = owner.working_group
            element.responsible = (
                groups_by_key.get(str(group.translation_key), group) if group else owner.department
            )
            if element.kind == "indicator":
                element.methods, element.breaks = owner.series(element.values)
        return outline

    def priorities_in_full(self, numbers=None):
        """The priorities (all, or those of ``numbers``) with every element below them, their
        values, owners, passports, charts, the meeting decisions about them and whether an
        indicator's data are overdue (``plans.schedule``, from its passport's lag)."""
        outline = self.outline_with_owners()
        decisions = self.decisions_by_element()
        _first, last_year = plan_period(self.plan_tree.raw_data)
        today = timezone.localdate()
        chosen = outline if numbers is None else [outline[number - 1] for number in numbers]
        for priority in chosen:
            for element in priority.walk():
                element.decisions = decisions.get(element.id, [])
                if element.kind == "indicator" and element.owner:
                    element.overdue_since = overdue_since(
                        today,
                        element.values,
                        element.owner.publication_lag_months,
                        element.fields["baseline_year"] + 1,
                        last_year,
                    )
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
            show_contacts=SimpleLazyObject(lambda: contacts_public(request)),
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
        published = self.published_reports().values_list("year", "edition")
        return [
            "/",
            "/versions/compare/",
            "/data/csv/",
            "/data/json/",
            "/data/changes.json",
            "/data/changes.csv",
            "/data/reports/",
            "/print/",
            *(f"/priority/{number}/" for number in priorities),
            *(f"/priority/{number}/detail/" for number in priorities),
            *sorted({f"/report/{year}/" for year, _edition in published}),
            *(
                f"/report/{year}/{edition}/{kind}"
                for year, edition in published
                for kind in ("", "pdf/", "json/")
            ),
        ]

    def published_reports(self):
        """The plan's published monitoring reports (made on the plan in any language),
        newest year and edition first."""
        return MonitoringReport.objects.filter(
            plan__translation_key=self.translation_key, published_at__isnull=False
        ).order_by("-year", "-edition")

    def latest_reports(self):
        """The latest published edition of each year's report."""
        latest = {}
        for report in self.published_reports():
            latest.setdefault(report.year, report)
        return list(latest.values())

    def monitoring_report(self, year, edition=None):
        """``(report, editions)``: the published report of ``year`` (its latest edition, or
        ``edition``) and every published edition of that year; 404 when there is none."""
        editions = list(self.published_reports().filter(year=year))
        report = next((r for r in editions if edition is None or r.edition == edition), None)
        if report is None:
            raise Http404(_("This plan has no published monitoring report for that year."))
        return report, editions

    @path("report/<int:year>/", name="monitoring_report_latest")
    @path("report/<int:year>/<int:edition>/", name="monitoring_report")
    def monitoring_report_view(self, request, year, edition=None):
        """The yearly monitoring report, as published: to read and to print."""
        report, editions = self.monitoring_report(year, edition)
        # In the request's language (the page's: /lt/, /en/): no query for the page's locale.
        content = presentable(content_in(report.snapshot, translation.get_language()))
        context = super().get_context(request)
        context.update(report=report, editions=editions, content=content)
        return TemplateResponse(request, "plans/monitoring_report.html", context)

    @path("report/<int:year>/<int:edition>/pdf/", name="monitoring_report_pdf")
    def monitoring_report_pdf(self, request, year, edition):
        """The same report as a PDF (A4, with the Lithuanian letters' font embedded)."""
        report, _editions = self.monitoring_report(year, edition)
        content = presentable(content_in(report.snapshot, translation.get_language()))
        address = request.build_absolute_uri(self.get_url(request) + report.path_within(self))
        with translation.override(content["language"]):
            data = reports.to_pdf(report, content, address)
        response = HttpResponse(data, content_type="application/pdf")
        name = f"{self.slug}-{report.year}-{report.edition}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response

    @path("report/<int:year>/<int:edition>/json/", name="monitoring_report_json")
    def monitoring_report_json(self, request, year, edition):
        """The report's content as open data, exactly as published."""
        report, _editions = self.monitoring_report(year, edition)
        return JsonResponse(
            opendata.report_document(
                report, content_in(report.snapshot, translation.get_language())
            ),
            json_dumps_params={"ensure_ascii": False},
        )

    @path("data/reports/", name="monitoring_reports_json")
    def monitoring_reports_json(self, request):
        """Every published monitoring report of the plan, with its addresses."""
        base = request.build_absolute_uri(self.get_url(request))
        return JsonResponse(
            opendata.report_list(self, self.published_reports(), base),
            json_dumps_params={"ensure_ascii": False},
        )

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
        context["show_contacts"] = SimpleLazyObject(lambda: contacts_public(request))
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
            opendata.to_csv(walk(self.outline_with_owners()), contacts_public(request)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.csv"'
        return response

    @path("data/json/", name="plan_json")
    def plan_json(self, request):
        return JsonResponse(
            opendata.to_json(self.outline_with_owners(), self, contacts_public(request)),
            json_dumps_params={"ensure_ascii": False},
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

    @classmethod
    def years_by_indicator(cls, indicator_ids):
        """``{indicator id: {years with a value}}`` (one query)."""
        years = {}
        for indicator_id, year in cls.objects.filter(indicator_id__in=indicator_ids).values_list(
            "indicator_id", "year"
        ):
            years.setdefault(str(indicator_id), set()).add(year)
        return years

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


# --- Who answers for the plan's measures and indicators, and how an indicator is measured ---
# Kept by the element's stable id, like the values: a new owner, contact or method needs no
# new plan version, and it stays with the element in later versions and translations.


class Department(models.Model):
    """A department of the municipal administration that can answer for measures and
    indicators of the plan."""

    name = models.CharField(_("name (Lithuanian)"), max_length=200, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("name_en")]

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]

    def __str__(self):
        return self.localized_name

    @property
    def localized_name(self):
        return in_language(self.name, self.name_en)


class ElementOwnership(models.Model):
    """Who answers for one element of a plan: a working group or a department, and a contact
    person (shown publicly only when the site settings say so)."""

    #: The level of the plan tree this record belongs to.
    #: The level of the plan tree this record belongs to, and what an editor who picked an
    #: element of another level reads.
    element_kind = ""
    wrong_level_message = ""

    element_id = models.UUIDField(_("plan element"), unique=True)
    working_group = models.ForeignKey(
        "workinggroups.WorkingGroupPage",
        verbose_name=_("responsible working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)

    owner_panels = [
        FieldPanel("element"),
        FieldRowPanel([FieldPanel("working_group"), FieldPanel("department")]),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact person"),
            help_text=_("Shown to the public only when the site settings allow it."),
        ),
    ]

    class Meta:
        abstract = True

    def __str__(self):
        return self.element_name()

    @property
    def responsible_unit(self):
        """The working group or the department (a group is shown in the page's language by
        the caller, which knows the groups of that language)."""
        return self.working_group or self.department

    @property
    def has_contact(self):
        return bool(self.contact_name or self.contact_email or self.contact_phone)

    def clean(self):
        super().clean()
        errors = {}
        if self.working_group_id and self.department_id:
            errors["department"] = _("Choose a working group or a department, not both.")
        elif not (self.working_group_id or self.department_id):
            errors["working_group"] = _("Choose the working group or department responsible.")
        if self.plan_id and self.element_id:
            kind = element_kinds(self.plan.plan_tree.raw_data).get(str(self.element_id))
            if kind is None:
                errors["element_id"] = _("This plan has no element with that id.")
            elif kind != self.element_kind:
                errors["element_id"] = self.wrong_level_message % {"found": LEVEL_NAMES[kind]}
        if errors:
            raise ValidationError(errors)

    @admin.display(description=_("plan element"))
    def element_name(self):
        """The element's number and title, read from the stored tree (no block loading)."""
        for _kind, number, element_id, title in raw_elements(self.plan.plan_tree.raw_data):
            if element_id == str(self.element_id):
                return f"{number} {title}"
        return str(self.element_id)

    @admin.display(description=_("responsible"))
    def responsible_name(self):
        unit = self.responsible_unit
        return unit.title if self.working_group_id else str(unit or "")


LEVEL_NAMES = {
    "priority": _("priority"),
    "goal": _("goal"),
    "objective": _("objective"),
    "measure": _("measure"),
    "indicator": _("indicator"),
}


class MeasureOwner(ElementOwnership):
    """Who carries out a measure of the plan and whom to ask about it."""

    element_kind = "measure"
    wrong_level_message = _("Choose a measure; the element chosen is of another level (%(found)s).")

    plan = models.ForeignKey(
        PlanDraftPage, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="+"
    )

    base_form_class = PlanElementForm
    panels = ElementOwnership.owner_panels

    class Meta:
        verbose_name = _("measure owner")
        verbose_name_plural = _("measure owners")


class IndicatorPassport(ElementOwnership, ClusterableModel):
    """An indicator's passport: who answers for its data, where the data come from, how
    often and how late they are published, what it measures, and how the method changed."""

    element_kind = "indicator"
    wrong_level_message = _(
        "Choose an indicator; the element chosen is of another level (%(found)s)."
    )

    class Periodicity(models.TextChoices):
        YEARLY = "yearly", _("Yearly")
        QUARTERLY = "quarterly", _("Quarterly")

    plan = models.ForeignKey(
        PlanDraftPage, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="+"
    )
    source_name = models.CharField(
        _("data source"),
        max_length=255,
        help_text=_("E.g. Official Statistics Portal, or the department that counts it."),
    )
    source_name_en = models.CharField(_("data source (English)"), max_length=255, blank=True)
    source_table = models.CharField(
        _("table or dataset id"), max_length=50, blank=True, help_text=_("E.g. M3010211.")
    )
    source_url = models.URLField(_("data source address"), blank=True)
    periodicity = models.CharField(
        _("periodicity"), max_length=20, choices=Periodicity.choices, default=Periodicity.YEARLY
    )
    publication_lag_months = models.PositiveSmallIntegerField(
        _("publication lag, months"),
        default=0,
        validators=[MaxValueValidator(36)],
        help_text=_("How many months after the period ends its value is usually published."),
    )
    definition = models.TextField(_("definition"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    formula = models.TextField(_("formula"), blank=True, help_text=_("How the value is computed."))
    formula_en = models.TextField(_("formula (English)"), blank=True)

    base_form_class = PlanElementForm
    panels = [
        *ElementOwnership.owner_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("source_name"), FieldPanel("source_name_en")]),
                FieldRowPanel([FieldPanel("source_table"), FieldPanel("source_url")]),
                FieldRowPanel([FieldPanel("periodicity"), FieldPanel("publication_lag_months")]),
            ],
            heading=_("Data"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("definition"),
                FieldPanel("definition_en"),
                FieldPanel("formula"),
                FieldPanel("formula_en"),
            ],
            heading=_("Methodology"),
        ),
        InlinePanel(
            "methodology",
            label=_("Method version"),
            heading=_("Methodology log"),
            help_text=_(
                "Every version of the method, from the one in force at the baseline. A new "
                "version breaks the series: values before and after it are not compared."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("indicator passport")
        verbose_name_plural = _("indicator passports")

    @property
    def localized_source_name(self):
        return in_language(self.source_name, self.source_name_en)

    @property
    def localized_definition(self):
        return in_language(self.definition, self.definition_en)

    @property
    def localized_formula(self):
        return in_language(self.formula, self.formula_en)

    @cached_property
    def versions(self):
        """The methodology log, oldest first (listings prefetch it)."""
        return sorted(self.methodology.all(), key=lambda entry: entry.valid_from_year)

    def series(self, values):
        """The method of each value of ``values`` (``{year: value}``) and the years whose value
        is the first measured by a method other than the previous value's: ``(methods,
        breaks)``."""
        methods = {year: self.version_for(year) for year in sorted(values)}
        years = list(methods)
        breaks = [year for previous, year in pairwise(years) if methods[year] != methods[previous]]
        return methods, breaks

    def version_for(self, year):
        """The method a value of ``year`` was measured by: the latest version in force that
        year (the first one for years before the log starts); None without a log."""
        in_force = [entry for entry in self.versions if entry.valid_from_year <= year]
        return in_force[-1] if in_force else next(iter(self.versions), None)


class MethodologyVersion(Orderable):
    """A version of an indicator's method: from which year it applies and what changed. Values
    measured by different versions are not comparable: the series breaks between them."""

    passport = ParentalKey(IndicatorPassport, on_delete=models.CASCADE, related_name="methodology")
    version = models.CharField(_("version"), max_length=20, help_text=_("E.g. 2."))
    valid_from_year = models.PositiveSmallIntegerField(
        _("valid from year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    change = models.TextField(_("what changed"))
    change_en = models.TextField(_("what changed (English)"), blank=True)
    date = models.DateField(_("date of the change"))

    panels = [
        FieldRowPanel([FieldPanel("version"), FieldPanel("valid_from_year"), FieldPanel("date")]),
        FieldPanel("change"),
        FieldPanel("change_en"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("method version")
        verbose_name_plural = _("method versions")
        constraints = [
            models.UniqueConstraint(
                fields=["passport", "valid_from_year"], name="one_method_version_per_year"
            ),
            models.UniqueConstraint(
                fields=["passport", "version"], name="unique_method_version_label"
            ),
        ]

    def __str__(self):
        return f"v{self.version} ({self.valid_from_year})"

    @property
    def localized_change(self):
        return in_language(self.change, self.change_en)


class IndicatorImport(models.Model):
    """One upload of indicator values for a plan (``plans.imports``): its rows as read and
    checked, kept between the preview and "apply"; once applied, what it changed (the log, and
    what its undo restores).

    The rows are stored as JSON, never pickled, and "apply" reads them from here, never from
    the form that asks for it.
    """

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Preview")
        APPLIED = "applied", _("Applied")
        UNDONE = "undone", _("Undone")

    plan = models.ForeignKey(
        PlanDraftPage,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="indicator_imports",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(_("file"), max_length=255)
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREVIEW
    )
    rows = models.JSONField(_("rows"), default=list)
    skipped_rows = models.PositiveIntegerField(_("empty rows"), default=0)
    changes = models.JSONField(_("changes"), default=list)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("indicator value import")
        verbose_name_plural = _("indicator value imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def has_errors(self):
        return any(row["errors"] for row in self.rows)


class IndicatorReminder(models.Model):
    """A reminder e-mailed to an indicator's owner that a value is due soon or late
    (``plans.reminders``): the log that keeps it from going twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        LATE = "late", _("Late")

    indicator_id = models.UUIDField(_("indicator"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    recipient = models.EmailField(_("sent to"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("indicator reminder")
        verbose_name_plural = _("indicator reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_id", "year", "kind"], name="one_reminder_per_indicator_year_kind"
            )
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.year} {self.kind}"


class MonitoringReport(models.Model):
    """The yearly monitoring report of an adopted plan, frozen once published.

    Publishing stores everything the report shows (``plans.reports.make_snapshot``) as JSON:
    values corrected later leave it as it was; a new edition of the same year shows them.
    """

    plan = models.ForeignKey(
        PlanDraftPage,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="monitoring_reports",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), help_text=_("The year the report covers: values recorded up to it count.")
    )
    edition = models.PositiveSmallIntegerField(_("edition"), editable=False)
    note = models.TextField(
        _("what this edition changes"),
        blank=True,
        max_length=1000,
        help_text=_("For a new edition: what was corrected since the previous one."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    snapshot = models.JSONField(_("content"), default=dict, blank=True, editable=False)

    base_form_class = MonitoringReportForm
    panels = [
        FieldPanel("plan", widget=forms.Select),
        FieldPanel("year"),
        FieldPanel("note"),
        FieldPanel("publish"),
    ]

    class Meta:
        verbose_name = _("monitoring report")
        verbose_name_plural = _("monitoring reports")
        ordering = ["-year", "-edition"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "edition"], name="one_report_per_plan_year_edition"
            )
        ]

    def __str__(self):
        return _("%(plan)s: monitoring report %(year)s, edition %(edition)s") % {
            "plan": self.plan.title,
            "year": self.year,
            "edition": self.edition,
        }

    def save(self, *args, **kwargs):
        if self.edition is None:
            with transaction.atomic():
                # The next edition of the plan's year, even when two editors add one at once.
                list(PlanDraftPage.objects.select_for_update().filter(pk=self.plan_id).values("pk"))
                latest = MonitoringReport.objects.filter(plan_id=self.plan_id, year=self.year)
                self.edition = (latest.aggregate(models.Max("edition"))["edition__max"] or 0) + 1
                return super().save(*args, **kwargs)
        return super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.published_at is not None

    @admin.display(description=_("status"))
    def state(self):
        return _("Published") if self.is_published else _("Not published")

    def publish(self, now=None):
        """Freeze the report's content and make it public (once)."""
        from plans.reports import make_snapshot

        with transaction.atomic():
            report = MonitoringReport.objects.select_for_update().get(pk=self.pk)
            if report.is_published:
                return
            self.snapshot = make_snapshot(self.plan, self.year)
            self.published_at = now or timezone.now()
            self.save(update_fields=["snapshot", "published_at"])

    @admin.display(description=_("public page"))
    def public_link(self):
        """The published report's page, for the editor to check it."""
        if not self.is_published or not self.plan.url:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            self.plan.url + self.path_within(self.plan),
            _("View"),
        )

    def path_within(self, page):
        """The report's address below ``page`` (the plan in any of its languages)."""
        return page.reverse_subpage("monitoring_report", args=[self.year, self.edition])
