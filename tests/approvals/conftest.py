import pytest

from tests.approvals.helpers import create_accounts


@pytest.fixture
def lt_site(db):
    """The Lithuanian site alone (quicker where English plays no part)."""
    from tests.factories import build_site

    return build_site(translate_to_english=False)


@pytest.fixture
def users(lt_site):
    """One account per role (the demo's), beside the Lithuanian site."""
    return create_accounts(lt_site)


@pytest.fixture
def draft(lt_site):
    """The Lithuanian plan draft, live, under the Consultative approval workflow."""
    return lt_site.lt["draft"]
