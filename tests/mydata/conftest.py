import pytest

from follows.models import Subscription


@pytest.fixture(autouse=True)
def _subjects_fixed_at_sending(settings):
    settings.EMAIL_BACKEND = "tests.feedback.mail.SubjectAtSendingEmailBackend"


@pytest.fixture
def article(lt_site):
    page = lt_site.lt["article"]
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def subscribe(lt_site):
    """Make a subscription of ``email`` to the working group (or ``**fields``)."""

    def make(email, **fields):
        values = {
            "email": email,
            "kind": Subscription.Kind.GROUP,
            "page": lt_site.lt["group"],
            "language": "lt",
            "rhythm": Subscription.Rhythm.WEEKLY,
        }
        values.update(fields)
        return Subscription.objects.create(**values)

    return make
