"""Guessing passwords at the admin's sign-in is throttled (review item 16).

Failed sign-ins are counted per account and per client address (core/login.py on
core/ratelimit.py): past the limit the form says, in the visitor's language, how long to
wait, keeps the typed user name, and does not even check the password, so the right one
does not sign in either. The Django admin is not routed (cityplan/urls.py): /admin/ is
Wagtail's.
"""

import re

import pytest

from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "Alytus-2030-slaptazodis"
ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20
THROTTLED_LT = "Per daug nesėkmingų bandymų prisijungti."
THROTTLED_EN = "Too many failed sign-in attempts."
WRONG_LT = "nesutapo"  # Wagtail's "Your username and password didn't match", in Lithuanian


@pytest.fixture(autouse=True)
def limits(settings):
    settings.ADMIN_LOGIN_FAILURES_PER_ACCOUNT = (ACCOUNT_LIMIT, 15 * 60)
    settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS = (ADDRESS_LIMIT, 60 * 60)


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.lt", PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def signed_in(client):
    return "_auth_user_id" in client.session


def test_the_sign_in_page_is_wagtails_and_the_django_admin_is_not_routed(client):
    assert client.get(LOGIN).status_code == 200
    with pytest.raises(NoReverseMatch):
        reverse("admin:login")


def test_the_right_password_after_six_wrong_ones_is_refused(editor):
    attacker = Client(REMOTE_ADDR="198.51.100.20")
    for _ in range(ACCOUNT_LIMIT):
        response = sign_in(attacker, "editor", "spejimas-123")
        assert response.status_code == 200
        assert WRONG_LT in response.content.decode()
    response = sign_in(attacker, "editor", "spejimas-456")  # the sixth
    assert THROTTLED_LT in response.content.decode()

    response = sign_in(attacker, "editor", PASSWORD)
    html = response.content.decode()
    assert response.status_code == 200
    assert THROTTLED_LT in html
    assert re.search(r"Bandykite dar kartą po \d+ minu(tės|čių)\.", html)  # the wait
    assert 'value="editor"' in html  # the typed user name is kept
    assert not signed_in(attacker)
    assert attacker.get("/admin/").status_code == 302  # back to the sign-in page


def test_the_account_is_throttled_from_any_address(editor):
    for number in range(ACCOUNT_LIMIT):
        sign_in(Client(REMOTE_ADDR=f"198.51.100.{number + 1}"), "editor", "spejimas")
    owner = Client(REMOTE_ADDR="192.0.2.50")
    response = sign_in(owner, "editor", PASSWORD)
    assert THROTTLED_LT in response.content.decode()
    assert not signed_in(owner)


def test_the_message_is_in_the_visitors_language(editor):
    attacker = Client(REMOTE_ADDR="198.51.100.20", HTTP_ACCEPT_LANGUAGE="en")
    for _ in range(ACCOUNT_LIMIT):
        sign_in(attacker, "editor", "guess")
    html = sign_in(attacker, "editor", PASSWORD).content.decode()
    assert re.search(rf"{THROTTLED_EN} Please try again in \d+ minutes?\.", html)


def test_many_accounts_guessed_from_one_address_are_throttled_per_address(editor):
    attacker = Client(REMOTE_ADDR="198.51.100.30")
    for number in range(ADDRESS_LIMIT):
        response = sign_in(attacker, f"vartotojas{number}", "spejimas")
        assert THROTTLED_LT not in response.content.decode()
    response = sign_in(attacker, "editor", PASSWORD)
    assert THROTTLED_LT in response.content.decode()
    assert "Bandykite dar kartą po" in response.content.decode()
    assert not signed_in(attacker)
    # Another address is not held back, nor is the account.
    colleague = Client(REMOTE_ADDR="192.0.2.50")
    sign_in(colleague, "editor", PASSWORD)
    assert signed_in(colleague)


def test_a_success_does_not_reset_the_address_count_of_other_accounts(editor):
    office = Client(REMOTE_ADDR="198.51.100.40")
    for number in range(ADDRESS_LIMIT - 1):
        sign_in(office, f"vartotojas{number}", "spejimas")
    sign_in(office, "editor", PASSWORD)
    assert signed_in(office)
    office.logout()
    sign_in(office, "kitas", "spejimas")  # the limit's last failure
    response = sign_in(office, "dar-kitas", "spejimas")
    assert THROTTLED_LT in response.content.decode()


def test_a_success_clears_the_accounts_own_failures(editor):
    owner = Client(REMOTE_ADDR="192.0.2.60")
    for _ in range(ACCOUNT_LIMIT - 1):
        sign_in(owner, "editor", "rasiau-ne-ta")
    sign_in(owner, "editor", PASSWORD)
    assert signed_in(owner)
    owner.logout()
    for _ in range(ACCOUNT_LIMIT - 1):
        response = sign_in(owner, "editor", "vel-ne-ta")
        assert THROTTLED_LT not in response.content.decode()
    sign_in(owner, "editor", PASSWORD)
    assert signed_in(owner)


def test_the_frontend_sign_in_is_throttled_too(editor):
    attacker = Client(REMOTE_ADDR="198.51.100.50")
    for _ in range(ACCOUNT_LIMIT):
        attacker.post("/lt/_util/login/", {"username": "editor", "password": "spejimas"})
    response = attacker.post("/lt/_util/login/", {"username": "editor", "password": PASSWORD})
    assert THROTTLED_LT in response.content.decode()
    assert not signed_in(attacker)
