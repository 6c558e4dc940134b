import pytest

from tests.approvals.helpers import create_accounts


@pytest.fixture
def lt_site(db):
    """The Lithuanian site alone."""
    from tests.factories import build_site

    return build_site(translate_to_english=False)


@pytest.fixture
def users(lt_site):
    """One account per role (the demo's), beside the Lithuanian site."""
    return create_accounts(lt_site)
