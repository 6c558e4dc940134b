"""gunicorn's access log (cityplan/accesslog.py): the lines are gunicorn's own, character for
character, whatever the request carries; another format is gunicorn's to write."""

import base64
import datetime
import re

import pytest
from gunicorn.config import Config
from gunicorn.glogging import Logger

from cityplan.accesslog import AccessLogger


class Response:
    def __init__(self, status, sent):
        self.status, self.sent, self.headers = status, sent, [("Content-Type", "text/html")]


class Request:
    headers = [("HOST", "alytus.lt")]


REQUESTS = [
    (
        {"REQUEST_METHOD": "GET", "RAW_URI": "/lt/", "SERVER_PROTOCOL": "HTTP/1.1",
         "REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": "Mozilla/5.0"},
        Response("200 OK", 24968),
    ),
    (
        {"REQUEST_METHOD": "POST", "RAW_URI": '/lt/paieska/?q="planas"', "HTTP_REFERER": "https://x/",
         "SERVER_PROTOCOL": "HTTP/1.0", "HTTP_USER_AGENT": 'robotas "1"'},
        Response(404, None),
    ),
    (
        {"REQUEST_METHOD": "GET", "RAW_URI": "/", "SERVER_PROTOCOL": "HTTP/1.1",
         "REMOTE_ADDR": "::1", "HTTP_REFERER": "",
         "HTTP_AUTHORIZATION": "Basic " + base64.b64encode(b'jo"nas:slaptas').decode()},
        Response("304 Not Modified", 0),
    ),
]  # fmt: skip


def lines(logger_class, path, log_format=None):
    config = Config()
    config.set("accesslog", str(path))
    if log_format:
        config.set("access_log_format", log_format)
    logger = logger_class(config)
    for environ, response in REQUESTS:
        logger.access(response, Request(), environ, datetime.timedelta(microseconds=1500))
    for handler in [*logger.access_log.handlers, *logger.error_log.handlers]:
        handler.close()
    # The same second or not, the timestamps are compared by their format only.
    return [re.sub(r"\[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\]", "[t]", line)
            for line in path.read_text().splitlines()]  # fmt: skip


def test_the_lines_are_gunicorns_own(tmp_path):
    ours = lines(AccessLogger, tmp_path / "ours.log")
    assert ours == lines(Logger, tmp_path / "gunicorn.log")
    assert ours[1] == (
        '- - - [t] "POST /lt/paieska/?q=\\"planas\\" HTTP/1.0" 404 - "https://x/" "robotas \\"1\\""'
    )


@pytest.mark.parametrize("log_format", ['%(h)s "%(r)s" %(s)s %(L)s %({host}i)s'])
def test_another_format_is_gunicorns_to_write(tmp_path, log_format):
    ours = lines(AccessLogger, tmp_path / "ours.log", log_format)
    assert ours == lines(Logger, tmp_path / "gunicorn.log", log_format)
    assert ours[0] == '127.0.0.1 "GET /lt/ HTTP/1.1" 200 0.001500 alytus.lt'
