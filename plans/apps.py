from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def indicator_value_changed(sender, instance, **kwargs):
    """A recorded value shows on its plan and, as progress, on the pages listing it."""
    from core import changes

    changes.chrome_changed()
    changes.pages_changed([instance.plan])


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
        from plans.models import IndicatorValue, MonitoringReport

        post_save.connect(indicator_value_changed, sender=IndicatorValue)
        post_delete.connect(indicator_value_changed, sender=IndicatorValue)
        post_save.connect(report_changed, sender=MonitoringReport)
        post_delete.connect(report_changed, sender=MonitoringReport)
