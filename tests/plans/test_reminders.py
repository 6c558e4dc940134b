"""When an indicator's value is due (the rule, on explicit dates), the reminders e-mailed to
its owner (due soon, late, never twice) and the public "data overdue since" mark."""

import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase

from wagtail.models import Site

from plans.models import IndicatorPassport, IndicatorReminder, IndicatorValue, PlanDraftPage
from plans.reminders import due_reminders, send_reminders
from plans.schedule import DUE_SOON, LATE, due_date, overdue_since, reminder_for
from plans.tree import raw_indicators
from tests.factories import (
    HomePageFactory,
    PlanDraftPageFactory,
    PlanIndexPageFactory,
    ensure_locales,
    ensure_root,
)
from tests.plans.plan_data import plan_tree

D = datetime.date
# Baseline 2019: values are expected for 2020 to 2030.
FIRST, LAST = 2020, 2030


class ScheduleTests(SimpleTestCase):
    def test_a_value_is_due_at_the_end_of_the_lag_after_its_year(self):
        self.assertEqual(due_date(2024, 6), D(2025, 6, 30))
        self.assertEqual(due_date(2024, 0), D(2024, 12, 31))
        self.assertEqual(due_date(2024, 3), D(2025, 3, 31))
        self.assertEqual(due_date(2023, 14), D(2025, 2, 28))

    def test_due_soon_from_thirty_days_before_to_the_day_itself(self):
        recorded = {2020, 2021, 2022, 2023}
        self.assertIsNone(reminder_for(D(2025, 5, 30), recorded, 6, FIRST, LAST))
        self.assertEqual(
            reminder_for(D(2025, 5, 31), recorded, 6, FIRST, LAST),
            (2024, DUE_SOON, D(2025, 6, 30)),
        )
        self.assertEqual(
            reminder_for(D(2025, 6, 30), recorded, 6, FIRST, LAST),
            (2024, DUE_SOON, D(2025, 6, 30)),
        )

    def test_late_the_day_after(self):
        self.assertEqual(
            reminder_for(D(2025, 7, 1), {2023}, 6, FIRST, LAST), (2024, LATE, D(2025, 6, 30))
        )

    def test_nothing_once_the_value_is_recorded(self):
        self.assertIsNone(reminder_for(D(2025, 7, 1), {2024}, 6, FIRST, LAST))

    def test_nothing_after_the_plans_last_year_is_recorded(self):
        self.assertIsNone(reminder_for(D(2033, 1, 1), {2030}, 6, FIRST, LAST))
        self.assertEqual(reminder_for(D(2033, 1, 1), {2029}, 6, FIRST, LAST)[:2], (2030, LATE))

    def test_nothing_before_the_first_expected_year_is_due(self):
        self.assertIsNone(reminder_for(D(2020, 6, 1), set(), 6, FIRST, LAST))

    def test_overdue_since_the_first_missing_year_after_the_latest_value(self):
        self.assertEqual(overdue_since(D(2025, 7, 1), {2021, 2022}, 6, FIRST, LAST), D(2024, 6, 30))
        self.assertEqual(overdue_since(D(2025, 7, 1), set(), 6, FIRST, LAST), D(2021, 6, 30))
        self.assertIsNone(overdue_since(D(2025, 6, 30), {2023}, 6, FIRST, LAST))
        self.assertIsNone(overdue_since(D(2040, 1, 1), {2030}, 6, FIRST, LAST))


class PlanWithPassportsTestCase(TestCase):
    """An adopted plan with two indicators (baselines in 2019), each with a passport: a lag of
    6 months, contacts ona@ and jonas@; values recorded up to 2023."""

    @classmethod
    def setUpTestData(cls):
        lt, _en = ensure_locales()
        home = HomePageFactory(parent=ensure_root(lt))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"root_page": home, "hostname": "localhost"}
        )
        index = PlanIndexPageFactory(parent=home)
        plan = PlanDraftPageFactory(
            parent=index,
            title="Strateginis planas",
            stage=PlanDraftPage.Stage.ADOPTED,
            plan_tree=plan_tree(measures=2),
        )
        plan.save_revision().publish()
        cls.plan = PlanDraftPage.objects.get(pk=plan.pk)
        cls.first, cls.second = [row[1] for row in raw_indicators(cls.plan.plan_tree.raw_data)]
        for indicator_id, email in ((cls.first, "ona@example.org"), (cls.second, "")):
            IndicatorPassport.objects.create(
                plan=cls.plan,
                element_id=indicator_id,
                source_name="Oficialiosios statistikos portalas",
                publication_lag_months=6,
                contact_email=email,
            )
            for year in range(2020, 2024):
                IndicatorValue.objects.create(
                    plan=cls.plan, indicator_id=indicator_id, year=year, value=10
                )


class ReminderTests(PlanWithPassportsTestCase):
    def test_due_soon_then_late_each_sent_once_in_lithuanian(self):
        sent, without_address = send_reminders(D(2025, 6, 1))
        self.assertEqual(
            [(item.number, item.year, item.kind) for item in sent], [("1.1.1.1.1", 2024, DUE_SOON)]
        )
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["ona@example.org"])
        self.assertEqual(message.subject, "Netrukus reikės rodiklių reikšmių")
        self.assertIn("1.1.1.1.1 Rodiklis 1.1.1.1.1 (Strateginis planas)", message.body)
        self.assertIn("2024 m. reikšmę reikia pateikti iki 2025 m. birželio 30 d.", message.body)
        # The indicator without a contact address is reported, not sent.
        self.assertEqual([item.number for item in without_address], ["1.1.1.2.1"])

        # Not twice: the next days find only the one without an address still due.
        self.assertEqual([item.number for item in due_reminders(D(2025, 6, 2))], ["1.1.1.2.1"])
        send_reminders(D(2025, 6, 2))
        send_reminders(D(2025, 6, 30))
        self.assertEqual(len(mail.outbox), 1)

        # Late the day after the due date: one more, then nothing.
        send_reminders(D(2025, 7, 1))
        send_reminders(D(2025, 7, 2))
        self.assertEqual(len(mail.outbox), 2)
        self.assertEqual(mail.outbox[1].subject, "Vėluoja rodiklių reikšmės")
        self.assertIn(
            "2024 m. reikšmę reikėjo pateikti iki 2025 m. birželio 30 d.", mail.outbox[1].body
        )
        self.assertEqual(
            sorted(IndicatorReminder.objects.values_list("year", "kind")),
            [(2024, DUE_SOON), (2024, LATE)],
        )

    def test_a_recorded_value_stops_the_reminders(self):
        IndicatorValue.objects.create(plan=self.plan, indicator_id=self.first, year=2024, value=11)
        self.assertEqual(send_reminders(D(2025, 7, 1))[0], [])
        self.assertEqual(mail.outbox, [])

    def test_the_command_on_a_given_day_and_dry_run(self):
        out = StringIO()
        call_command(
            "send_indicator_reminders",
            "--date",
            "2025-07-01",
            "--dry-run",
            stdout=out,
            stderr=StringIO(),
        )
        self.assertIn("Would send 1 reminder(s) to 1 address(es)", out.getvalue())
        self.assertEqual(mail.outbox, [])
        err = StringIO()
        call_command(
            "send_indicator_reminders", "--date", "2025-07-01", stdout=StringIO(), stderr=err
        )
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("Indicator 1.1.1.2.1", err.getvalue())


class OverdueMarkTests(PlanWithPassportsTestCase):
    def test_the_priority_view_marks_an_indicator_whose_data_are_late(self):
        # The second indicator has every year's value: it is never overdue.
        for year in range(2024, 2031):
            IndicatorValue.objects.create(
                plan=self.plan, indicator_id=self.second, year=year, value=10
            )
        response = self.client.get(self.plan.url + self.plan.reverse_subpage("priority", args=[1]))
        html = response.content.decode()
        # 2024's value was due by 30 June 2025 (any day this test runs is later).
        self.assertEqual(html.count("badge--overdue"), 1)
        self.assertIn("Duomenys vėluoja nuo 2025 m. birželio 30 d.", html)
        first = html.index(f'id="indicator-{self.first}"')
        second = html.index(f'id="indicator-{self.second}"')
        self.assertTrue(first < html.index("badge--overdue") < second)
