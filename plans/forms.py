"""Admin forms: a plan draft's version on submit, an indicator's value (the indicator is
picked from adopted plans), the owners and passports kept by an element's id, and a yearly
monitoring report."""

from django import forms
from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Locale

from plans.tree import raw_elements


def element_choices(kind, adopted_only=False):
    """``("<plan id>:<element id>", "<number> <title>")`` for every element of level ``kind``
    of the Lithuanian plans (only the adopted ones with ``adopted_only``), newest plan first."""
    plan_draft = apps.get_model("plans", "PlanDraftPage")
    plans = plan_draft.objects.filter(locale=Locale.get_default())
    if adopted_only:
        plans = plans.filter(stage=plan_draft.Stage.ADOPTED)
    return [
        (
            plan.title,
            [
                (f"{plan.pk}:{element_id}", f"{number} {title}")
                for level, number, element_id, title in raw_elements(plan.plan_tree.raw_data)
                if level == kind
            ],
        )
        for plan in plans.order_by("-first_published_at", "-pk")
    ]


class PlanElementForm(WagtailAdminModelForm):
    """A record kept by a plan element's stable id (an owner, a passport): the element is
    picked from the plans, numbered as in the plan; one record per element."""

    element = forms.ChoiceField(label=_("Plan element"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.instance.element_kind
        self.fields["element"].choices = [("", "---------"), *element_choices(kind)]
        if self.instance.element_id:
            self.initial["element"] = f"{self.instance.plan_id}:{self.instance.element_id}"

    def clean(self):
        cleaned_data = super().clean()
        choice = cleaned_data.get("element")
        if choice:
            plan_id, element_id = choice.split(":", 1)
            self.instance.plan_id, self.instance.element_id = int(plan_id), element_id
            others = type(self.instance).objects.filter(element_id=element_id)
            if others.exclude(pk=self.instance.pk).exists():
                self.add_error("element", _("This element already has one: edit that one."))
        return cleaned_data


class IndicatorValueForm(WagtailAdminModelForm):
    indicator = forms.ChoiceField(
        label=_("Indicator"), help_text=_("Indicators of adopted plans, numbered as in the plan.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [
            ("", "---------"),
            *element_choices("indicator", adopted_only=True),
        ]
        if self.instance.pk:
            self.initial["indicator"] = f"{self.instance.plan_id}:{self.instance.indicator_id}"

    def clean(self):
        cleaned_data = super().clean()
        choice, year = cleaned_data.get("indicator"), cleaned_data.get("year")
        if choice:
            plan_id, indicator_id = choice.split(":", 1)
            self.instance.plan_id, self.instance.indicator_id = int(plan_id), indicator_id
            duplicates = type(self.instance).objects.filter(indicator_id=indicator_id, year=year)
            if year and duplicates.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "year", _("A value for this indicator and year is already recorded.")
                )
        return cleaned_data


# The buttons of Wagtail's page editor that send a draft for approval.
SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


class PlanDraftForm(WagtailAdminPageForm):
    """A draft sent for approval is a new version: it needs its own number and a note saying
    what changed, which the public reads beside the version and its comparison."""

    def clean(self):
        cleaned_data = super().clean()
        if not any(self.data.get(action) for action in SUBMIT_ACTIONS):
            return cleaned_data
        if not (cleaned_data.get("change_note") or "").strip():
            self.add_error(
                "change_note",
                _("Say what changed in this version before you submit it for approval."),
            )
        label = (cleaned_data.get("version_label") or "").strip()
        live = self.instance.live_revision if self.instance.pk else None
        if label and live and live.content.get("version_label", "").strip() == label:
            self.add_error(
                "version_label",
                _("Version %(version)s is already published: give this version a new number.")
                % {"version": label},
            )
        return cleaned_data


class MonitoringReportForm(WagtailAdminModelForm):
    """A yearly monitoring report: the plan and year, published at once or later. Once
    published it cannot change; a correction is a new edition."""

    publish = forms.BooleanField(
        label=_("Publish"),
        required=False,
        help_text=_(
            "Freezes the report as it is now and makes it public. A published report cannot be "
            "changed: to correct it, add a new edition of the same year."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan_draft = apps.get_model("plans", "PlanDraftPage")
        self.fields["plan"].queryset = plan_draft.objects.filter(
            stage=plan_draft.Stage.ADOPTED, locale=Locale.get_default()
        ).order_by("-first_published_at")
        self.fields["plan"].help_text = _("Adopted plans; the report shows every language.")

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and self.instance.is_published:
            raise forms.ValidationError(
                _("This report is published and frozen: add a new edition to correct it.")
            )
        year = cleaned_data.get("year")
        if year is not None and not 2000 <= year <= timezone.localdate().year:
            self.add_error(
                "year",
                _("Choose a year from 2000 to %(year)s.") % {"year": timezone.localdate().year},
            )
        return cleaned_data

    def save(self, commit=True):
        report = super().save(commit=commit)
        if commit and self.cleaned_data.get("publish"):
            report.publish()
        return report
