"""Following a working group on a phone: the form opens in place (the page's script loads
it, with its CSRF token, into the cached page), fits a 390 px screen, and the e-mailed link
confirms only by its button."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from django.conf import settings as django_settings
from django.core import mail
from django.utils import translation

from wagtail.models import Locale

from follows.models import Subscription
from workinggroups.models import WorkingGroupPage

pytestmark = pytest.mark.slow

SCREENSHOTS = Path(django_settings.BASE_DIR) / ".cache" / "screenshots" / "follow"
CONFIRM_LINK = re.compile(r"https?://\S+/follow/confirm/\S+/")
EMAIL = "ona.telefone@example.lt"


def lt(message, context=None):
    with translation.override("lt"):
        if context:
            return str(translation.pgettext(context, message))
        return str(translation.gettext(message))


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_reader_follows_a_working_group_from_a_phone(demo_site, page, delete_after, settings):
    settings.WAGTAILADMIN_BASE_URL = demo_site.url  # links in e-mails lead to the live server
    delete_after(Subscription.objects.filter(email=EMAIL))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    group = WorkingGroupPage.objects.live().filter(locale=Locale.objects.get(language_code="lt"))
    group = group.order_by("number").first()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(demo_site.url + group.url)

    page.get_by_text(lt("Follow news by e-mail")).click()
    form = page.locator("[data-follow-form]")
    expect(form).to_be_visible()  # loaded in place, no new page
    assert page.url == demo_site.url + group.url
    assert fits(page)
    page.screenshot(path=SCREENSHOTS / "group-form-390.png", full_page=False)
    form.get_by_label(lt("Your e-mail address", "follow form")).fill(EMAIL)
    form.get_by_label(lt("once a week")).check()
    form.get_by_role("button", name=lt("Follow", "button")).click()
    expect(page.locator("h1")).to_have_text(lt("Check your mailbox"))

    (message,) = [m for m in mail.outbox if m.to == [EMAIL]]
    page.goto(CONFIRM_LINK.search(message.body).group(0))
    expect(page.locator("h1")).to_have_text(lt("Confirm what you follow"))
    assert Subscription.objects.get(email=EMAIL).confirmed_at is None
    assert fits(page)
    page.screenshot(path=SCREENSHOTS / "confirm-390.png", full_page=True)
    page.get_by_role("button", name=lt("Confirm", "follow")).click()
    expect(page.locator("h1")).to_have_text(lt("You follow by e-mail"))
    expect(page.locator(".follow-list")).to_contain_text(group.title)
    subscription = Subscription.objects.get(email=EMAIL)
    assert (subscription.rhythm, subscription.confirmed_at is not None) == ("weekly", True)
    page.screenshot(path=SCREENSHOTS / "confirmed-390.png", full_page=True)
