"""When an indicator's value is due: the rule behind the reminders to its owner
(``plans.reminders``) and the public "data overdue since" mark, as pure functions of dates.

The rule (also in docs/indicator-values.md):

- The value for year *Y* is due by the last day of the month that ends the indicator's
  publication lag after the year: lag 6 months → 30 June of *Y*+1; lag 0 → 31 December of
  *Y*; lag 3 → 31 March of *Y*+1. Values are recorded by year, so a quarterly indicator's
  value for *Y* is the one complete with its fourth quarter: the same rule applies.
- Values are expected from the year after the indicator's baseline year to the plan's last
  year (2030, or later when a measure runs longer).
- "Due soon": the latest expected year's value is missing and its due date is today or within
  ``DUE_SOON_DAYS`` (30) days. "Late": it is missing and its due date has passed.
- The public mark: an indicator is "overdue since" the due date of the first year after its
  latest recorded value (or after its baseline year) once that date has passed.
"""

import calendar
import datetime

DUE_SOON_DAYS = 30
DUE_SOON = "due_soon"
LATE = "late"


def due_date(year, lag_months):
    """The last day a value for ``year`` is on time: the end of the ``lag_months``-th month
    after the year ends (lag 6: 30 June of the next year; lag 0: 31 December of the year)."""
    months = 12 + lag_months  # months from the start of ``year`` to the end of the lag
    due_year, due_month = year + (months - 1) // 12, (months - 1) % 12 + 1
    return datetime.date(due_year, due_month, calendar.monthrange(due_year, due_month)[1])


def expected_year(today, lag_months, first_year, last_year):
    """The latest year whose value is due by ``today`` + ``DUE_SOON_DAYS`` (within the years
    ``first_year``..``last_year`` the plan expects), or ``None`` before the first is due."""
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    year = horizon.year
    while year >= first_year and due_date(year, lag_months) > horizon:
        year -= 1
    year = min(year, last_year)
    return year if year >= first_year else None


def reminder_for(today, recorded_years, lag_months, first_year, last_year):
    """``(year, kind, due date)`` of the reminder an indicator needs today, or ``None``: for the
    latest expected year, when its value is missing; "late" after its due date, else "due
    soon" (the expected year's due date is at most ``DUE_SOON_DAYS`` days away)."""
    year = expected_year(today, lag_months, first_year, last_year)
    if year is None or year in recorded_years:
        return None
    due = due_date(year, lag_months)
    return year, LATE if today > due else DUE_SOON, due


def overdue_since(today, recorded_years, lag_months, first_year, last_year):
    """The date since which an indicator's data are overdue, or ``None``: the due date of the
    first year after its latest value (or its first expected year), once it has passed."""
    year = max([first_year - 1, *recorded_years]) + 1
    if year > last_year:
        return None
    due = due_date(year, lag_months)
    return due if today > due else None
