#!/usr/bin/env python3
"""A static file server that gzips what it sends, as a static host or CDN does.

`python3 -m http.server` sends every file as it is; the first-visit benchmark on a throttled
network would then time bytes no real host sends. Usage: serve-gzip.py PORT DIRECTORY.
"""
import functools
import gzip
import http.server
import os
import sys


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Sends files gzipped (level 9, like a host's precompressed assets) when the client accepts it."""

    def send_head(self):
        path = self.translate_path(self.path)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts_gzip or not os.path.isfile(path):
            return super().send_head()
        body = _gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return _Body(body)

    def log_message(self, *args):
        pass


_GZIPPED = {}


def _gzipped(path):
    """The file gzipped once per version, kept as a host keeps its compressed assets: a request
    waits for the network, not for level 9 gzip of the same bytes again."""
    stat = os.stat(path)
    key = (path, stat.st_mtime_ns, stat.st_size)
    body = _GZIPPED.get(key)
    if body is None:
        with open(path, "rb") as source:
            body = gzip.compress(source.read(), 9)
        if len(_GZIPPED) > 4096:
            _GZIPPED.clear()
        _GZIPPED[key] = body
    return body


class _Body:
    """What send_head returns: a file-like object that copyfile reads and closes."""

    def __init__(self, body):
        self.body = body

    def read(self, size=-1):
        chunk, self.body = (self.body, b"") if size < 0 else (self.body[:size], self.body[size:])
        return chunk

    def close(self):
        pass


if __name__ == "__main__":
    port, directory = int(sys.argv[1]), sys.argv[2]
    handler = functools.partial(GzipHandler, directory=directory)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
