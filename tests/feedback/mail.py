"""A local-memory e-mail backend that fixes the subject at sending time.

django-comments-xtd passes lazily translated subjects; an SMTP backend renders them while it
sends (in the language of the request), but the locmem backend keeps them lazy, so a test
would read them in its own language. This backend turns them into text when sent, as SMTP
does.
"""

from django.core.mail.backends.locmem import EmailBackend


class SubjectAtSendingEmailBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            message.subject = str(message.subject)
        return super().send_messages(messages)
