"""Writes pre-signed order placement + cancel requests for wrk (bench/server.sh runs this).

    python order_targets.py API_SECRET PAIRS LAG PREFIX > targets.txt

The first line is a ping; every other line is `METHOD PATH?QUERY` (bench/wrk-targets.lua sends
each with the API key):

    POST   /sapi/v1/margin/order?symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.0002
           &price=30000&newClientOrderId=PREFIXi&recvWindow=60000&timestamp=T&signature=S
    DELETE /sapi/v1/margin/order?symbol=BTCUSDT&origClientOrderId=PREFIXi&recvWindow=60000&timestamp=T&signature=S

A limit buy at half the default scenario's BTCUSDT price rests on the book (6 USDT locked); it is
cancelled LAG requests later, by its client order id, so that with c connections (c < LAG) the
placement has long been answered when its cancel is sent, and at most LAG orders per stream rest at
once. The stream is P0..P(LAG-1), then P(i) D(i-LAG) alternately, then the last LAG cancels: when wrk
wraps around to the first line every order is cancelled, and the client order ids may be reused
(Binance refuses a duplicate only among open orders). Every request is signed with HMAC-SHA256 over
its query, like any Binance client; wrk only replays the lines (signing in wrk's Lua would spend the
shared CPU on the load generator instead of the server). T is the time of writing, so the lines stay
inside recvWindow for 60 s — longer than any run bench/server.sh makes.
"""
from __future__ import annotations

import hashlib
import hmac
import sys
import time


def signed(secret: bytes, method: str, query: str) -> str:
    signature = hmac.new(secret, query.encode(), hashlib.sha256).hexdigest()
    return f"{method} /sapi/v1/margin/order?{query}&signature={signature}"


def main() -> None:
    secret, pairs, lag, prefix = sys.argv[1].encode(), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    now = int(time.time() * 1000)
    tail = f"recvWindow=60000&timestamp={now}"

    def place(i: int) -> str:
        return signed(secret, "POST", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.0002"
                      f"&price=30000&newClientOrderId={prefix}{i}&{tail}")

    def cancel(i: int) -> str:
        return signed(secret, "DELETE", f"symbol=BTCUSDT&origClientOrderId={prefix}{i}&{tail}")

    # wrk calls request() once before the run to inspect the first request (and never sends it): a
    # ping absorbs that call, so no placement is skipped (its cancel would then be -2011).
    lines = ["GET /api/v3/ping"] + [place(i) for i in range(min(lag, pairs))]
    for i in range(lag, pairs):
        lines += [place(i), cancel(i - lag)]
    lines += [cancel(i) for i in range(max(0, pairs - lag), pairs)]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
