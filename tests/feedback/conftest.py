import pytest

from django.contrib.auth.models import Permission


@pytest.fixture(autouse=True)
def _subjects_fixed_at_sending(settings):
    settings.EMAIL_BACKEND = "tests.feedback.mail.SubjectAtSendingEmailBackend"


@pytest.fixture
def site_tree(db):
    """The Lithuanian site (comments need no English translation; tests that do ask for
    ``bilingual_site``)."""
    from tests.factories import build_site

    return build_site(translate_to_english=False)


@pytest.fixture
def bilingual_site(db):
    from tests.factories import build_site

    return build_site()


@pytest.fixture
def draft(site_tree):
    """The Lithuanian plan draft, open for consultation, published with a revision."""
    page = site_tree.lt["draft"]
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def article(site_tree):
    page = site_tree.lt["article"]
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def moderator(db, django_user_model):
    """A Wagtail user with the moderators' permissions, but not a superuser."""
    user = django_user_model.objects.create_user(
        "moderatore", "moderatore@example.lt", "slaptazodis-123"
    )
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="feedback",
            codename__in=["moderate_comment", "answer_comment", "set_disposition"],
        ),
    )
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client
