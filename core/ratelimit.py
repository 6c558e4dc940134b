"""Rate limits kept in Django's cache: comment posts and flags per client (feedback/), failed
admin sign-ins per account and per client (core/login.py).

A sliding-window estimate over two fixed windows kept in the cache (Redis in production, so
every web process shares the counts): the count of the current window plus the previous
window's count weighted by how much of it still overlaps the last ``seconds``. Counts grow
with an atomic ``incr``, so parallel requests cannot slip past the limit together.

The client is its address (``client_address``): REMOTE_ADDR, or what the proxies in front
forwarded, but only when REMOTE_ADDR is one of ``TRUSTED_PROXIES``; anyone else could name
a new address in X-Forwarded-For on every request.
"""

import functools
import hashlib
import hmac
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Rate:
    """At most ``count`` attempts in ``seconds``."""

    count: int
    seconds: int


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int = 0


@functools.lru_cache(maxsize=8)
def _networks(entries):
    try:
        return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from error


def is_trusted_proxy(address):
    """Whether ``address`` is one of the ``TRUSTED_PROXIES`` addresses or networks."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    ip = getattr(ip, "ipv4_mapped", None) or ip  # ::ffff:127.0.0.1 is 127.0.0.1
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request):
    """The client's address: REMOTE_ADDR, unless that is a trusted proxy; then the address
    the ``FEEDBACK_PROXY_COUNT``-th proxy saw, the one it appended to X-Forwarded-For
    (counted from the right: what the client itself sent stands further left)."""
    remote = request.META.get("REMOTE_ADDR") or "unknown"
    proxies = int(getattr(settings, "FEEDBACK_PROXY_COUNT", 0))
    if proxies <= 0 or not is_trusted_proxy(remote):
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:  # not what a proxy appends
        return remote


def keyed_hash(value):
    """A keyed hash of ``value`` (an address, a user name): a stable cache key from which the
    value cannot be read back."""
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def client_fingerprint(request):
    """A keyed hash of the client's address."""
    return keyed_hash(client_address(request))


def _windows(bucket, key, rate, now):
    now = time.time() if now is None else now
    current = int(now // rate.seconds)
    prefix = f"ratelimit:{bucket}:{key}"
    return f"{prefix}:{current}", f"{prefix}:{current - 1}", (now % rate.seconds) / rate.seconds


def _retry_after(rate, previous, count, elapsed):
    """Seconds until one more attempt, counted, would stay within ``rate`` (when no attempt
    is counted meanwhile), from the counts of the two windows."""
    most = rate.count - 1  # the estimate before one more attempt may be at most this
    if count <= most:  # within this window, once enough of the previous one has slid out
        wait = (1 - (most - count) / previous) - elapsed
    else:  # after this window, once enough of this one has slid out
        wait = (1 - elapsed) + (1 - max(most, 0) / count)
    return max(1, math.ceil(rate.seconds * wait))


def _decision(rate, previous, count, elapsed):
    if previous * (1 - elapsed) + count + 1 <= rate.count:
        return Decision(True)
    return Decision(False, retry_after=_retry_after(rate, previous, count, elapsed))


def count(bucket, key, rate, now=None):
    """Count one attempt of ``key`` in ``bucket``; say whether it is within ``rate``."""
    if rate is None:
        return Decision(True)
    key, previous_key, elapsed = _windows(bucket, key, rate, now)
    cache.add(key, 0, timeout=rate.seconds * 2)
    try:
        current = cache.incr(key)
    except ValueError:  # evicted between add() and incr()
        cache.set(key, 1, timeout=rate.seconds * 2)
        current = 1
    previous = cache.get(previous_key, 0)
    if previous * (1 - elapsed) + current <= rate.count:
        return Decision(True)
    return Decision(False, retry_after=_retry_after(rate, previous, current, elapsed))


def check(bucket, key, rate, now=None):
    """Whether one more attempt of ``key`` would be within ``rate``, without counting it."""
    if rate is None:
        return Decision(True)
    key, previous_key, elapsed = _windows(bucket, key, rate, now)
    counts = cache.get_many([key, previous_key])
    return _decision(rate, counts.get(previous_key, 0), counts.get(key, 0), elapsed)


def reset(bucket, key, rate, now=None):
    """Forget the attempts of ``key`` in ``bucket``."""
    if rate is not None:
        cache.delete_many(_windows(bucket, key, rate, now)[:2])


def hit(bucket, request, rate, now=None):
    """Count one attempt of ``request``'s client in ``bucket`` (every attempt, refused ones
    too: a client that keeps hammering stays refused); say whether it is allowed."""
    return count(bucket, client_fingerprint(request), rate, now)
