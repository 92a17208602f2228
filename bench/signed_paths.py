"""Writes K distinct signed request targets for wrk (bench/server.sh runs this).

    python signed_paths.py API_SECRET K PATH [PARAMS] > targets.txt

Each line is `PATH?PARAMS&recvWindow=60000&timestamp=T&signature=S` with T = now − i ms, so every
target stays inside Binance's recvWindow for the whole (short) wrk run and the server verifies a
different HMAC on each request.
"""
from __future__ import annotations

import hashlib
import hmac
import sys
import time


def main() -> None:
    secret, count, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    params = sys.argv[4] if len(sys.argv) > 4 else ""
    now = int(time.time() * 1000)
    for i in range(count):
        query = (params + "&" if params else "") + f"recvWindow=60000&timestamp={now - i}"
        signature = hmac.new(secret.encode(), query.encode(), hashlib.sha256).hexdigest()
        print(f"{path}?{query}&signature={signature}")


if __name__ == "__main__":
    main()
