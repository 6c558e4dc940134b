"""Per-client rate limits for posting comments and flagging them.

A sliding-window estimate over two fixed windows kept in Django's cache (Redis in
production, so every web process shares the counts): the count of the current window plus
the previous window's count weighted by how much of it still overlaps the last ``seconds``.
Counters only ever increase (atomic ``incr``), so parallel requests cannot slip past the
limit together. Every attempt counts, refused ones included: a client that keeps hammering
stays refused.
"""

import hashlib
import hmac
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from feedback import conf


def client_address(request):
    """The client's address: REMOTE_ADDR, or the address the nearest of
    ``FEEDBACK_PROXY_COUNT`` trusted proxies saw (X-Forwarded-For, counted from the right)."""
    proxies = conf.proxy_count()
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or "unknown"


def client_fingerprint(request):
    """A keyed hash of the client's address: stable, but the address cannot be read back."""
    return hmac.new(
        settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256
    ).hexdigest()


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int = 0


def hit(bucket, request, rate, now=None):
    """Count one attempt of ``request``'s client in ``bucket``; say whether it is allowed."""
    if rate is None:
        return Decision(True)
    now = time.time() if now is None else now
    window = rate.seconds
    current = int(now // window)
    elapsed = (now % window) / window
    prefix = f"feedback:rate:{bucket}:{client_fingerprint(request)}"
    key = f"{prefix}:{current}"
    cache.add(key, 0, timeout=window * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add() and incr()
        cache.set(key, 1, timeout=window * 2)
        count = 1
    previous = cache.get(f"{prefix}:{current - 1}", 0)
    estimate = previous * (1 - elapsed) + count
    if estimate <= rate.count:
        return Decision(True)
    return Decision(False, retry_after=max(1, math.ceil(window * (1 - elapsed))))
