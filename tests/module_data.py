"""What a module's tests share: the sites (and accounts) its fixtures build once, inside
the module's transaction (tests/conftest.py, ``module_transaction``)."""

import copy

from core import chrome


def build_once(module_transaction, name, django_db_blocker, build):
    """What ``build()`` makes for the fixture ``name``, in the module's transaction; None
    where the module shares nothing or does not ask for ``name``."""
    if module_transaction is None or name not in module_transaction:
        return None
    with django_db_blocker.unblock():
        return build()


def shared_or_built(built_once, build):
    """A test's own copy of what its module built once (as Django's setUpTestData gives each
    test a copy of the class's objects), or, in a module that cannot share, a new build."""
    if built_once is None:
        return build()
    # The cache was emptied before the test (tests/conftest.py): the chrome's generation
    # starts again, as building the site would have started it.
    chrome.bump()
    return copy.deepcopy(built_once)


def build_lithuanian_site():
    from tests.factories import build_site

    return build_site(translate_to_english=False)


def build_bilingual_site():
    from tests.factories import build_site

    return build_site()
