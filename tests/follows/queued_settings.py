"""The test settings with production's mail path: every e-mail queued in the database (Django
tasks' database backend) for the worker, which sends it with QUEUED_EMAIL_BACKEND.
Used by the subprocess of tests/follows/test_digest_crash.py."""

from cityplan.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
QUEUED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
