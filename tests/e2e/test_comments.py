"""Public comments in a real browser, from a visitor's comment to "You said — we did".

A visitor comments on a section of the demo plan draft and confirms by the e-mailed link; a
moderator approves it in the Wagtail admin and answers officially; the visitor sees both
and replies; another visitor reports the comment; the moderator records what became of it
and the draft shows it in "You said — we did". E-mails are read from Django's local-memory
outbox (the live server runs in the test's process).
"""

import re
import string

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import translation
from django.utils.crypto import get_random_string

from wagtail.models import Locale

from feedback.models import PublicComment, ReaderFlag
from plans.models import PlanDraftPage

pytestmark = pytest.mark.slow

PASSWORD = "moderatoriaus-slaptazodis-2030"
CONFIRM_LINK = re.compile(r"https?://\S+/comments/confirm/\S+/")


def lt(message, context=None):
    """A message as the Lithuanian site shows it (the test reads the same catalogues)."""
    with translation.override("lt"):
        if context:
            return str(translation.pgettext(context, message))
        return str(translation.gettext(message))


def confirmation_link(live_server, before):
    """The link of the one confirmation e-mail sent since ``before`` e-mails."""
    messages = mail.outbox[before:]
    assert len(messages) == 1
    return CONFIRM_LINK.search(messages[0].body).group(0)


def consultation_draft():
    """The demo's Lithuanian draft that is open for public consultation now."""
    lithuanian = Locale.objects.get(language_code="lt")
    (draft,) = [
        draft
        for draft in PlanDraftPage.objects.live().filter(locale=lithuanian)
        if draft.accepts_comments
    ]
    return draft


def open_section_form(page, url, section):
    """Open the draft at ``url`` and a section's comment form (from the uncached endpoint);
    gives the section's box and its form."""
    page.goto(url)
    section_box = page.locator(f"#{section.anchor}")
    section_box.get_by_role("link", name=re.compile(lt("Comment on this section"))).click()
    return section_box, section_box.locator("form")


def write_comment(page, form, name, email, text):
    form.get_by_label(lt("Your name", "comment form")).fill(name)
    form.get_by_label(lt("Your e-mail address", "comment form")).fill(email)
    form.get_by_label(lt("Your comment", "comment form")).fill(text)
    form.get_by_role("button", name=lt("Send the comment")).click()
    expect(page.locator("h1")).to_have_text(lt("Check your e-mail"))


def moderator_logs_in(browser, live_server, django_user_model):
    user = django_user_model.objects.create_user("moderatore", "moderatore@example.lt", PASSWORD)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="feedback",
            codename__in=["moderate_comment", "answer_comment", "set_disposition"],
        ),
    )
    context = browser.new_context(locale="lt-LT")
    admin = context.new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.locator("input[name=username]").fill("moderatore")
    admin.locator("input[name=password]").fill(PASSWORD)
    admin.locator("form button[type=submit]").click()
    expect(admin).to_have_url(re.compile(r"/admin/$"))
    return admin


def test_a_section_comment_from_the_visitor_to_you_said_we_did(
    demo_site, browser, settings, django_user_model, delete_after
):
    delete_after(django_user_model.objects.filter(username="moderatore"))
    delete_after(PublicComment.objects.all())  # the demo has none
    settings.WAGTAILADMIN_BASE_URL = demo_site.url  # links in e-mails lead to the live server
    draft = consultation_draft()
    section = draft.comment_sections()[1]
    text = "Siūlau šiame skyriuje numatyti daugiau dviračių takų prie Nemuno."

    # A visitor comments on the second section; the form comes from the uncached endpoint.
    visitor = browser.new_context(locale="lt-LT").new_page()
    section_box, form = open_section_form(visitor, demo_site.url + draft.url, section)
    expect(section_box.locator(".comment-form__title")).to_contain_text(section.title)
    sent = len(mail.outbox)
    write_comment(visitor, form, "Ona Alytiškė", "ona@example.lt", text)

    # Nothing is stored until the e-mailed link is opened; the first comment is held.
    assert not PublicComment.objects.exists()
    visitor.goto(confirmation_link(demo_site, sent))
    expect(visitor.locator("h1")).to_have_text(lt("Your comment awaits a moderator"))
    comment = PublicComment.objects.get()
    assert comment.section_id == section.id
    assert comment.revision_id == draft.live_revision_id

    # The moderator finds it in the Comments menu of the Wagtail admin and approves it.
    admin = moderator_logs_in(browser, demo_site, django_user_model)
    admin.get_by_role("button", name=lt("Comments")).click()
    admin.get_by_role("link", name=lt("Moderation queue")).click()
    expect(admin).to_have_url(re.compile(r"/admin/comments/$"))
    row = admin.locator("tbody tr").filter(has_text=text)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(lt("first comment from this e-mail address"))
    row.get_by_role("button", name=re.compile("^" + lt("Approve"))).click()
    expect(admin.locator(".messages")).to_contain_text("1")
    expect(admin.locator("tbody tr").filter(has_text=text)).to_have_count(0)

    # ... and answers officially from the thread in context.
    admin.goto(demo_site.url + f"/admin/comments/{comment.pk}/")
    answer = "Ačiū, dviračių takus įtrauksime į 0.3 versiją."
    admin.get_by_role("textbox", name=lt("Official answer")).fill(answer)
    admin.get_by_role("button", name=lt("Publish the answer")).click()
    expect(admin.locator(".messages")).to_contain_text(lt("The official answer is published."))

    # The visitor sees the comment, the answer with the municipality's badge, and replies.
    visitor.goto(demo_site.url + draft.url)
    comments = visitor.locator("#comments")
    expect(comments.locator(".comment__text").first).to_have_text(text)
    official = comments.locator(".comment--official")
    expect(official).to_contain_text(answer)
    expect(official.locator(".badge--official")).to_have_text(
        lt("Official answer of the municipality")
    )
    expect(visitor.locator(f"#{section.anchor} .section-comments")).to_contain_text("2")
    official.get_by_role("link", name=re.compile(lt("Reply", "comment"))).click()
    reply_form = official.locator("form")
    sent = len(mail.outbox)
    write_comment(visitor, reply_form, "Ona Alytiškė", "ona@example.lt", "Ačiū už atsakymą!")
    visitor.goto(confirmation_link(demo_site, sent))
    # A known address: published at once, and the permalink shows it on the page.
    expect(visitor).to_have_url(re.compile(re.escape(draft.url) + r"\?comment=\d+#c\d+$"))
    reply = PublicComment.objects.get(comment="Ačiū už atsakymą!")
    expect(visitor.locator(f"#c{reply.pk}")).to_contain_text("Ačiū už atsakymą!")
    assert reply.level == 2 and reply.status == PublicComment.Status.PUBLISHED

    # Another visitor reports the first comment.
    other = browser.new_context(locale="lt-LT").new_page()
    other.goto(demo_site.url + draft.url)
    other.locator(f"#c{comment.pk}").get_by_role("link", name=lt("Report", "comment")).click()
    other.get_by_label(lt("Off topic")).check()
    other.get_by_role("button", name=lt("Report the comment")).click()
    expect(other.locator("h1")).to_have_text(lt("Thank you for your report"))
    assert ReaderFlag.objects.filter(comment=comment).count() == 1

    # The moderator records what became of the comment ...
    admin.goto(demo_site.url + f"/admin/comments/{comment.pk}/")
    admin.get_by_role("combobox", name=lt("outcome").capitalize()).select_option("accepted")
    admin.get_by_role("textbox", name=lt("reason").capitalize()).fill(
        "Takai įtraukti į 2 prioritetą."
    )
    admin.get_by_role("button", name=lt("Save the disposition")).click()
    expect(admin.locator(".messages")).to_contain_text(lt("The disposition is saved."))

    # ... and the draft shows it in "You said — we did", with the CSV.
    visitor.goto(demo_site.url + draft.url)
    table = visitor.locator("#you-said-we-did")
    expect(table.locator("h2")).to_have_text(lt("You said — we did"))
    row = table.locator("tbody tr").filter(has_text=text)
    expect(row).to_contain_text(lt("Accepted"))
    expect(row).to_contain_text("Takai įtraukti į 2 prioritetą.")
    expect(table.get_by_role("link", name=lt("Download the table (CSV)"))).to_have_attribute(
        "href", f"/lt/comments/you-said-we-did/{draft.pk}.csv"
    )

    # The comments, the section links and the form (loaded by the page's script) pass axe:
    # no serious or critical violations.
    expect(visitor.locator(".comment-form-slot form")).to_be_visible()
    violations = [
        violation
        for violation in Axe().run(visitor).response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert not violations, [(v["id"], v["nodes"][0]["html"][:200]) for v in violations]


def test_a_form_is_accepted_after_another_response_renewed_the_csrf_cookie(
    demo_site, browser, delete_after
):
    """A first visit can load two forms at once (the page's comment form and a section's):
    each response sets a new CSRF cookie and the browser keeps the last. The form whose
    token came with the other cookie is still accepted (cityplan/static/js/form-token.js):
    what the reader typed is not lost to a "form could not be sent" page."""
    delete_after(PublicComment.objects.all())  # the demo has none
    draft = consultation_draft()
    section = draft.comment_sections()[1]
    context = browser.new_context(locale="lt-LT")
    visitor = context.new_page()
    _, form = open_section_form(visitor, demo_site.url + draft.url, section)
    expect(form.get_by_label(lt("Your comment", "comment form"))).to_be_visible()
    # What the other response did: a new CSRF secret in the cookie.
    renewed = get_random_string(32, string.ascii_letters + string.digits)
    context.add_cookies([{"name": "csrftoken", "value": renewed, "url": demo_site.url}])
    write_comment(visitor, form, "Ona Alytiškė", "ona@example.lt", "Pastaba po naujo slapuko.")
    assert PublicComment.objects.count() == 0  # stored once the e-mailed link is opened
