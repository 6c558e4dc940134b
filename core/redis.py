"""A small circuit breaker for the Redis cache (django-redis, settings CACHES).

django-redis with IGNORE_EXCEPTIONS makes a failed cache call a miss, but every call would
still wait for REDIS_TIMEOUT on a Redis that does not answer. Connections of this class
remember a failure (a refused or timed-out connect, a read that timed out) in this process
and refuse at once for SKIP_SECONDS afterwards: a silent Redis costs one wait per window,
not one per cache call.
"""

import logging
import threading
import time

from redis.connection import Connection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

SKIP_SECONDS = 5
FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)


class Breaker:
    """Until when Redis servers (by address) are left alone, in this process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.until = {}

    def check(self, address):
        if self.until.get(address, 0) > time.monotonic():
            raise RedisConnectionError(f"Redis at {address} is left alone after a failure")

    def trip(self, address, error):
        with self.lock:
            self.until[address] = time.monotonic() + SKIP_SECONDS
        logger.warning(
            "Redis at %s failed (%s): the site goes on without its cache for %s s.",
            address,
            error,
            SKIP_SECONDS,
        )

    def reset(self):
        self.until.clear()


breaker = Breaker()


class BreakerConnection(Connection):
    """redis-py's TCP connection, refusing at once while the breaker is open."""

    def address(self):
        return f"{self.host}:{self.port}"

    def connect(self):
        breaker.check(self.address())
        try:
            super().connect()
        except FAILURES as error:
            breaker.trip(self.address(), error)
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except FAILURES as error:
            breaker.trip(self.address(), error)
            raise
