"""The Content-Security-Policy middleware: the policy of settings.CONTENT_SECURITY_POLICY,
with one exception for Wagtail's admin.

The public pages run no inline script (script-src 'self'). Wagtail's admin does: its date
pickers, choosers, inline panels and wagtail-localize's editor are initialised by inline
`<script>` elements without a nonce, so under the admin's URL prefix scripts may also be
inline. Everything else (sources, frames, forms, objects) stays as strict there.
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

from django.urls import reverse


class CityCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, extended through `get_policy_parts` as its docs suggest."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith(reverse("wagtailadmin_home")):
            update = dict(parts.update or {})
            update["script-src"] = [*update.get("script-src", []), UNSAFE_INLINE]
            parts.update = update
        return parts
