"""Demo user accounts, created only when the command is asked to."""

import secrets

from django.contrib.auth import get_user_model

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
