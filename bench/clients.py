"""Times the same signed request sequence through the Python clients (bench/server.sh runs this).

    python clients.py BASE_URL API_KEY API_SECRET N

For each client: one warm-up request, then N sequential signed GET /sapi/v1/margin/account on one
kept-alive session, timed with perf_counter. Prints one line per client: `name seconds requests`.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import re
import sys
import time
import urllib.parse

import requests


def reset(base: str) -> None:
    """Starts each client from the same state and an empty request-weight budget."""
    requests.post(f"{base}/sim/reset", timeout=10).raise_for_status()


def timed(name: str, base: str, n: int, call) -> None:
    reset(base)
    call()  # warm-up: connection, lazy imports, model classes
    start = time.perf_counter()
    for _ in range(n):
        call()
    elapsed = time.perf_counter() - start
    print(f"{name} {elapsed:.6f} {n}", flush=True)


def raw_requests(base: str, key: str, secret: str):
    session = requests.Session()

    def call():
        query = urllib.parse.urlencode({"timestamp": int(time.time() * 1000)})
        signature = hmac.new(secret.encode(), query.encode(), hashlib.sha256).hexdigest()
        response = session.get(f"{base}/sapi/v1/margin/account?{query}&signature={signature}",
                               headers={"X-MBX-APIKEY": key}, timeout=10)
        assert response.status_code == 200, response.text
        assert "userAssets" in response.json()
    return call


def official_sdk(base: str, key: str, secret: str):
    from binance_common.configuration import ConfigurationRestAPI
    from binance_sdk_margin_trading.margin_trading import MarginTrading
    logging.getLogger().setLevel(logging.ERROR)
    config = ConfigurationRestAPI(api_key=key, api_secret=secret, base_path=base, timeout=10000, retries=0)
    api = MarginTrading(config_rest_api=config).rest_api

    def call():
        account = api.query_cross_margin_account_details().data()
        assert account.user_assets is not None
    return call


def ccxt_client(base: str, key: str, secret: str):
    import ccxt
    ex = ccxt.binance({"apiKey": key, "secret": secret, "enableRateLimit": False, "options": {
        "fetchMarkets": {"types": ["spot"]}, "fetchCurrencies": False, "fetchMargins": False,
        "adjustForTimeDifference": False}})
    ex.urls["api"] = {k: re.sub(r"^https?://[^/]+", base, v) for k, v in ex.urls["api"].items()}
    ex.load_markets()

    def call():
        balance = ex.fetch_balance({"type": "margin"})
        assert "USDT" in balance
    return call


def python_binance(base: str, key: str, secret: str):
    from binance.client import Client
    client = Client(key, secret, ping=False)
    client.API_URL = base + "/api"
    client.MARGIN_API_URL = base + "/sapi"

    def call():
        assert "userAssets" in client.get_margin_account()
    return call


def main() -> None:
    base, key, secret, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    for name, make in [("python-requests", raw_requests), ("binance-sdk", official_sdk),
                       ("ccxt", ccxt_client), ("python-binance", python_binance)]:
        timed(name, base, n, make(base, key, secret))


if __name__ == "__main__":
    main()
