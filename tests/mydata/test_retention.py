"""Retention (manage.py apply_retention): unconfirmed subscriptions go after 7 days,
commenters' IP addresses after the site settings' number of days. Times are set on the
rows, never waited for."""

from datetime import timedelta

import pytest

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from feedback.models import PublicComment
from follows.models import Subscription
from home.models import SiteSettings
from mydata import retention
from tests.feedback.helpers import make_comment

pytestmark = pytest.mark.django_db


def aged(subscription, days):
    Subscription.objects.filter(pk=subscription.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )


def test_unconfirmed_subscriptions_are_deleted_after_seven_days(lt_site, subscribe):
    old = subscribe("sena@example.lt")
    aged(old, 7.1)
    recent = subscribe("nauja@example.lt")
    aged(recent, 6.9)
    confirmed = subscribe("patvirtinta@example.lt", confirmed_at=timezone.now())
    aged(confirmed, 400)
    assert retention.delete_unconfirmed_subscriptions(timezone.now()) == 1
    assert set(Subscription.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk}


def test_ip_addresses_are_cleared_after_the_days_of_the_site_settings(article, capsys):
    SiteSettings.objects.update(comment_ip_days=30)
    now = timezone.now()
    old = make_comment(article, ip_address="192.0.2.1", submit_date=now - timedelta(days=31))
    recent = make_comment(article, ip_address="192.0.2.2", submit_date=now - timedelta(days=29))
    call_command("apply_retention")
    assert PublicComment.objects.get(pk=old.pk).ip_address is None
    assert PublicComment.objects.get(pk=old.pk).comment == "Pritariu."  # the comment stays
    assert PublicComment.objects.get(pk=recent.pk).ip_address == "192.0.2.2"
    assert "cleared the IP address of 1 comment(s) older than 30 day(s)" in capsys.readouterr().out


def test_without_site_settings_ip_addresses_are_kept_90_days(article):
    SiteSettings.objects.all().delete()
    now = timezone.now()
    old = make_comment(article, ip_address="192.0.2.1", submit_date=now - timedelta(days=91))
    recent = make_comment(article, ip_address="192.0.2.2", submit_date=now - timedelta(days=89))
    call_command("apply_retention")
    assert PublicComment.objects.get(pk=old.pk).ip_address is None
    assert PublicComment.objects.get(pk=recent.pk).ip_address == "192.0.2.2"


def test_the_setting_refuses_a_period_out_of_range(lt_site):
    settings = SiteSettings.objects.get()
    for days, valid in [(0, False), (1, True), (730, True), (731, False)]:
        settings.comment_ip_days = days
        try:
            settings.full_clean()
        except ValidationError:
            assert not valid, days
        else:
            assert valid, days
