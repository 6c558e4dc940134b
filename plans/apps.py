from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def plan_data_changed(sender, instance, **kwargs):
    """A recorded value shows on its plan and, as progress, on the pages listing it; an owner,
    a passport or a method version shows on its plan's pages and open data."""
    from core import changes

    changes.chrome_changed()
    plan = instance.passport.plan if hasattr(instance, "passport_id") else instance.plan
    changes.pages_changed([plan])


def department_changed(sender, instance, **kwargs):
    """A department's name shows beside every measure and indicator it answers for."""
    from core import changes

    changes.chrome_changed()


def report_changed(sender, instance, **kwargs):
    """A report published (or removed): the plan lists it in every language, and its own
    addresses (``PlanDraftPage.get_cached_paths``) must answer at once."""
    from core import changes

    if instance.published_at is None:
        return
    changes.chrome_changed()
    plan = instance.plan
    changes.pages_changed([plan, *plan.get_translations()])


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Plan drafts")

    def ready(self):
        from plans.models import (
            Department,
            IndicatorPassport,
            IndicatorValue,
            MeasureOwner,
            MethodologyVersion,
            MonitoringReport,
        )

        for model in (IndicatorValue, MeasureOwner, IndicatorPassport, MethodologyVersion):
            post_save.connect(plan_data_changed, sender=model)
            post_delete.connect(plan_data_changed, sender=model)
        post_save.connect(department_changed, sender=Department)
        post_delete.connect(department_changed, sender=Department)
        post_save.connect(report_changed, sender=MonitoringReport)
        post_delete.connect(report_changed, sender=MonitoringReport)
