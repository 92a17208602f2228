#!/usr/bin/env python3
"""The issue-11 sequence over HTTP: one Python client placing and cancelling orders against
`mops sim serve`, in memory and with `--state`, side by side (bench/durable.sh's HTTP half).

    python3 bench/durable_http.py MOPS_BINARY [PAIRS=300] [ROUNDS=3]

Each round starts a fresh server in memory and one with a fresh `--state` file (the order of the two
alternates between rounds), runs 20 warm-up pairs, then PAIRS pairs: a signed GTC limit buy of
0.001 BTCUSDT far below the market (it rests) and its cancel by client order id, each waiting for its
answer — the loop the issue measured (~330 writes/s in memory, ~95 durable after 200 orders, before
the journal). The client is bare `requests` + `hmac` on one kept-alive session: the fastest Python
client bench/server.sh measures. Prints writes/s per run and the durable/in-memory ratio per round.
"""
import hashlib
import hmac
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

import requests


def serve(binary, state=None):
    """Starts the server; returns (process, base URL, key, secret)."""
    arguments = [binary, "sim", "serve", "--host", "127.0.0.1", "--port", "0", "--no-rate-limits"]
    if state:
        arguments += ["--state", state]
    process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    fields = {}
    for line in process.stdout:
        match = re.match(r"^\s*(Base URL|API key|API secret)\s+(\S+)", line)
        if match:
            fields[match.group(1)] = match.group(2)
        if len(fields) == 3:
            break
    if len(fields) != 3:
        process.kill()
        raise SystemExit(f"the server did not print its banner: {fields}")
    return process, fields["Base URL"].rstrip("/"), fields["API key"], fields["API secret"]


def pairs(base, key, secret, count, tag):
    """Writes per second of `count` order+cancel pairs, each request waiting for its answer."""
    session = requests.Session()
    session.headers["X-MBX-APIKEY"] = key

    def call(method, query):
        query += f"&timestamp={int(time.time() * 1000)}"
        signature = hmac.new(secret.encode(), query.encode(), hashlib.sha256).hexdigest()
        response = session.request(method, f"{base}/sapi/v1/margin/order?{query}&signature={signature}", timeout=30)
        assert response.status_code == 200, response.text

    start = time.perf_counter()
    for i in range(count):
        call("POST", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=10000"
                     f"&newClientOrderId={tag}{i}")
        call("DELETE", f"symbol=BTCUSDT&origClientOrderId={tag}{i}")
    return 2 * count / (time.perf_counter() - start)


def run(binary, count, state=None):
    process, base, key, secret = serve(binary, state)
    try:
        pairs(base, key, secret, 20, "w")
        return pairs(base, key, secret, count, "m")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def main():
    binary = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    print(f"# issue-11 sequence over HTTP, {binary}, {count} order+cancel pairs after 20 warm-up, "
          f"{time.strftime('%Y-%m-%d %H:%M:%S')}")
    with tempfile.TemporaryDirectory(prefix="mops-durable-http-") as directory:
        for round_ in range(rounds):
            results = {}
            for mode in (["memory", "state"] if round_ % 2 == 0 else ["state", "memory"]):
                state = os.path.join(directory, f"state-{round_}") if mode == "state" else None
                results[mode] = run(binary, count, state)
            print(f"round {round_ + 1}: in memory {results['memory']:6.0f} writes/s, --state {results['state']:6.0f} writes/s, "
                  f"durable/in-memory {results['state'] / results['memory']:.2f}", flush=True)


if __name__ == "__main__":
    main()
