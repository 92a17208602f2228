"""A loopback HTTP proxy that records every request it forwards, for the sandbox fuzz corpus.

    python3 recording_proxy.py UPSTREAM_URL PORT_FILE OUT_FILE

Listens on 127.0.0.1 (a free port, written to PORT_FILE), forwards each request to UPSTREAM_URL
(which must be a loopback `mops sim serve`), and appends one line per request to OUT_FILE:
`METHOD PATH?QUERY BODY` — the input format of Fuzz/FuzzSandbox. Headers (the API key) are not
recorded; the fuzz target re-signs every request with the demo key.
"""
import http.server
import sys
import threading
import urllib.error
import urllib.request

UPSTREAM, PORT_FILE, OUT = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
assert UPSTREAM.startswith("http://127.0.0.1:"), "the upstream must be a loopback sandbox"
lock = threading.Lock()


class Recorder(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with lock, open(OUT, "a", encoding="utf-8") as out:
            line = f"{self.command} {self.path}"
            if body:
                line += " " + body.decode("utf-8", "replace")
            out.write(line.replace("\n", " ") + "\n")
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")}
        request = urllib.request.Request(UPSTREAM + self.path, data=body or None, method=self.command, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                status, answer_headers, payload = answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as error:
            status, answer_headers, payload = error.code, error.headers, error.read()
        self.send_response(status)
        for key, value in answer_headers.items():
            if key.lower() not in ("content-length", "connection", "transfer-encoding", "date", "server"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = forward

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
with open(PORT_FILE, "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
