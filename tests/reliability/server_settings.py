"""Settings of the gunicorn servers that the reliability tests start: production's, read
from the environment as in production (tests/reliability/servers.py sets it), except:

- static files from the apps' folders, not a collected manifest (the tests never run
  collectstatic, and the manifest storage refuses to name a file it has not collected);
- background work in the request (production queues it for `manage.py db_worker`, which the
  tests do not run), so that the comments' confirmation e-mail leaves at once, through
  EMAIL_URL (a `filemail://` directory the test reads).
"""

from cityplan.settings.production import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# The comment rate limit (production's "5/m") may be given a longer window for the load
# test, so that its counts never straddle two windows of the sliding estimate.
FEEDBACK_RATE_LIMIT = env.str("FEEDBACK_RATE_LIMIT", default=FEEDBACK_RATE_LIMIT)  # noqa: F405
