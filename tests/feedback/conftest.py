import pytest

from django.contrib.auth.models import Permission

from tests.module_data import build_bilingual_site, build_once, shared_or_built


@pytest.fixture(autouse=True)
def _subjects_fixed_at_sending(settings):
    settings.EMAIL_BACKEND = "tests.feedback.mail.SubjectAtSendingEmailBackend"


@pytest.fixture
def site_tree(lt_site):
    """The Lithuanian site (comments need no English translation; tests that do ask for
    ``bilingual_site``)."""
    return lt_site


@pytest.fixture(scope="module")
def module_bilingual_site(module_transaction, django_db_blocker):
    return build_once(module_transaction, "bilingual_site", django_db_blocker, build_bilingual_site)


@pytest.fixture
def bilingual_site(module_bilingual_site, db):
    return shared_or_built(module_bilingual_site, build_bilingual_site)


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
