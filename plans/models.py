"""The strategic plan's drafts and the index that lists them with their status."""

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
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
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from documents.blocks import BodyBlock


class PlanSectionBlock(blocks.StructBlock):
    """A numbered chapter of a plan draft; its block id is its stable public anchor."""

    heading = blocks.CharBlock(label=_("Heading"))
    body = BodyBlock(label=_("Text"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Section")


class PlanIndexPage(Page):
    """The plan: its drafts with their stage and consultation status."""

    intro = models.TextField(_("introduction"), blank=True)

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["plans.PlanDraftPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("plan index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["drafts"] = (
            PlanDraftPage.objects.child_of(self).live().public().order_by("-first_published_at")
        )
        return context


class PlanDraftPage(Page):
    """A version of the plan put before the public, the Consultative group and the council."""

    class Stage(models.TextChoices):
        DRAFTING = "drafting", _("Drafting")
        CONSULTATIVE_REVIEW = "consultative_review", _("Consultative group review")
        COMMITTEES = "committees", _("Council committees")
        COUNCIL = "council", _("Council")
        ADOPTED = "adopted", _("Adopted")

    version_label = models.CharField(_("version"), max_length=50, help_text=_("E.g. 0.1"))
    stage = models.CharField(
        _("stage"), max_length=30, choices=Stage.choices, default=Stage.DRAFTING
    )
    summary = models.TextField(_("summary"), blank=True)
    sections = StreamField(
        [("section", PlanSectionBlock())], blank=True, verbose_name=_("sections")
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
        index.FilterField("stage"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("version_label"), FieldPanel("stage")]),
        FieldPanel("summary"),
        FieldPanel("sections"),
    ]
    consultation_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("consultation_opens"), FieldPanel("consultation_closes")])],
            heading=_("Public consultation"),
        ),
        FieldPanel("responsible_groups", widget=forms.CheckboxSelectMultiple),
        InlinePanel("documents", label=_("Documents"), heading=_("Documents")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(consultation_panels, heading=_("Consultation and documents")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    parent_page_types = ["plans.PlanIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("plan draft")

    def clean(self):
        super().clean()
        opens, closes = self.consultation_opens, self.consultation_closes
        if opens and closes and closes <= opens:
            raise ValidationError(
                {"consultation_closes": _("The consultation must close after it opens.")}
            )

    @property
    def is_open_for_consultation(self):
        opens, closes = self.consultation_opens, self.consultation_closes
        return bool(opens and closes and opens <= timezone.now() < closes)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Relations are synchronised across translations: show the groups of this language.
        working_group = apps.get_model("workinggroups", "WorkingGroupPage")
        context["groups"] = (
            working_group.objects.live()
            .filter(
                locale_id=self.locale_id,
                translation_key__in=self.responsible_groups.values("translation_key"),
            )
            .order_by("number")
        )
        context["attached_documents"] = self.documents.select_related("document")
        return context


class PlanDraftDocument(Orderable):
    """A file attached to a plan draft (the full draft, annexes, reports)."""

    page = ParentalKey(PlanDraftPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "documents.CityDocument",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]
