"""Reminders by e-mail to indicators' owners when a value is due soon or late, by the rule of
``plans.schedule`` (documented there and in docs/indicator-values.md): sent to the contact e-mail of
the indicator's passport, once for each indicator, year and kind (``IndicatorReminder`` is
the log of what was sent), so running the command again sends nothing new.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from plans.models import IndicatorPassport, IndicatorReminder, IndicatorValue, PlanDraftPage
from plans.schedule import DUE_SOON, LATE, reminder_for
from plans.tree import indicator_years

# --- Applying it to the plans ------------------------------------------------------------


@dataclass
class Due:
    """A reminder to send: which indicator of which plan, for which year, of what kind."""

    passport: IndicatorPassport
    number: str
    name: str
    year: int
    kind: str
    due: datetime.date


def due_reminders(today=None):
    """Every reminder the rule asks for today that has not been sent, by passport."""
    today = today or timezone.localdate()
    passports = (
        IndicatorPassport.objects.filter(plan__stage=PlanDraftPage.Stage.ADOPTED)
        .select_related("plan")
        .order_by("plan_id", "pk")
    )
    by_plan = {}
    for passport in passports:
        by_plan.setdefault(passport.plan_id, (passport.plan, []))[1].append(passport)
    sent = set(IndicatorReminder.objects.values_list("indicator_id", "year", "kind").iterator())
    found = []
    for plan, plan_passports in by_plan.values():
        indicators, last_year = indicator_years(plan.plan_tree.raw_data)
        years = IndicatorValue.years_by_indicator([p.element_id for p in plan_passports])
        for passport in plan_passports:
            indicator_id = str(passport.element_id)
            if indicator_id not in indicators:
                continue  # no longer in the plan
            number, name, first_year = indicators[indicator_id]
            reminder = reminder_for(
                today,
                years.get(indicator_id, set()),
                passport.publication_lag_months,
                first_year,
                last_year,
            )
            if reminder and (passport.element_id, reminder[0], reminder[1]) not in sent:
                found.append(Due(passport, number, name, *reminder))
    return found


def send_reminders(today=None, dry_run=False):
    """E-mail each owner's contact the indicators due soon or late, one message per address,
    in Lithuanian; log each reminder so that none goes twice. Returns ``(sent, without
    address)``: the reminders sent (or that would be) and those whose passport has no
    contact e-mail (not logged: they go once an address is given)."""
    reminders = due_reminders(today)
    by_address, without_address = {}, []
    for reminder in reminders:
        address = reminder.passport.contact_email
        if address:
            by_address.setdefault(address, []).append(reminder)
        else:
            without_address.append(reminder)
    sent = []
    for address, items in by_address.items():
        if dry_run:
            sent.extend(items)
            continue
        try:
            with transaction.atomic():
                for item in items:
                    IndicatorReminder.objects.create(
                        indicator_id=item.passport.element_id,
                        year=item.year,
                        kind=item.kind,
                        recipient=address,
                    )
                send_message(address, items)
        except IntegrityError:
            continue  # another run sent these meanwhile
        sent.extend(items)
    return sent, without_address


def send_message(address, items):
    """One e-mail to ``address`` about its ``items``, in Lithuanian (the owners are the
    municipality's staff)."""
    context = {
        "late": [item for item in items if item.kind == LATE],
        "due_soon": [item for item in items if item.kind == DUE_SOON],
        "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("plans_admin:import_plans"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("plans/emails/indicator_reminder_subject.txt", context)
        body = render_to_string("plans/emails/indicator_reminder.txt", context)
    EmailMessage(" ".join(subject.split()), body, to=[address]).send()
