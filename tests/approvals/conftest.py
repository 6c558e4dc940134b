import pytest


@pytest.fixture
def draft(lt_site):
    """The Lithuanian plan draft, live, under the Consultative approval workflow."""
    return lt_site.lt["draft"]
