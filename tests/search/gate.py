"""A TCP gate in front of the suite's search node: while open it relays every connection to
the node; closed, nothing listens on its port (the site's client is refused, as by a
stopped node) and the connections it relayed are cut. The outage tests of tests/search
close it instead of stopping a node, which takes a minute to start again on a busy
machine; tests/reliability/test_search_outage.py stops a real node by its PID.
"""

import contextlib
import socket
import threading
from urllib.parse import urlsplit


class SearchGate:
    def __init__(self, node_url):
        parts = urlsplit(node_url)
        self.node = (parts.hostname, parts.port)
        self.port = None
        self.listener = None
        self.relayed = []
        self.lock = threading.Lock()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def is_open(self):
        return self.listener is not None

    def open(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port or 0))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self.accept, args=(listener,), daemon=True).start()
        return self

    def close(self):
        """Refuse new connections and cut the open ones."""
        listener, self.listener = self.listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
            listener.close()
        with self.lock:
            relayed, self.relayed = self.relayed, []
        for connection in relayed:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()

    def accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed
            try:
                node = socket.create_connection(self.node, timeout=10)
            except OSError:
                client.close()
                continue
            node.settimeout(None)
            with self.lock:
                self.relayed += [client, node]
            for source, target in ((client, node), (node, client)):
                threading.Thread(target=relay, args=(source, target), daemon=True).start()


def relay(source, target):
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for connection in (source, target):
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
