"""Demo user accounts, created only when the command is asked to."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from approvals.roles import coordinators_group

ADMIN_USERNAME = "admin"


def reset_superuser(password=None, username=ADMIN_USERNAME):
    """Create the superuser ``username``, or reset it; return the password it now has.

    Without ``password`` a random one is generated.
    """
    password = password or secrets.token_urlsafe(12)
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first() or user_model(username=username)
    user.email = user.email or f"{username}@example.org"
    user.is_active = True
    user.is_staff = True
    user.is_superuser = True
    user.set_password(password)
    user.save()
    return password


# One account per role, for trying the site's workflow locally (docs/roles.md, "Demo accounts").
DEMO_PASSWORD = "Alytus-2030-demo"  # noqa: S105 (a documented local demo password)
DEMO_ACCOUNTS = [
    # username, roles (group names), whether the account also coordinates the Economy group
    ("editor", ["Editors"], False),
    ("coordinator", ["Working-group coordinators"], True),
    ("reviewer1", ["Consultative reviewers"], False),
    ("reviewer2", ["Consultative reviewers"], False),
    ("reviewer3", ["Consultative reviewers"], False),
    ("moderator", ["Comment moderators"], False),
    ("translator", ["Translators"], False),
    ("administrator", ["Administrators"], False),
]


def create_demo_accounts(economy_group_page):
    """Create or reset one account per role; return ``(username, roles)`` rows."""
    user_model = get_user_model()
    rows = []
    for username, role_names, coordinates_economy in DEMO_ACCOUNTS:
        user = user_model.objects.filter(username=username).first() or user_model(username=username)
        user.email = f"{username}@example.org"
        user.first_name = username.capitalize()
        user.is_active = True
        user.is_staff = False
        user.is_superuser = False
        user.set_password(DEMO_PASSWORD)
        user.save()
        groups = [Group.objects.get(name=name) for name in role_names]
        if coordinates_economy:
            groups.append(coordinators_group(economy_group_page))
        user.groups.set(groups)
        rows.append((username, ", ".join(group.name for group in groups)))
    return rows
