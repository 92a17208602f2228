"""ccxt.pro 4.5.90 (`ccxt.pro.binance`, async) watch methods against `mops sim serve`.

Pointed at the sandbox as docs/streams.md shows: the REST URLs rewritten as in test_ccxt.py, and
`urls["api"]["ws"]["spot"]` / `["margin"]` set to `ws://HOST:PORT/ws` (ccxt connects to `/ws/<n>` and sends
SUBSCRIBE). Covered: `watch_trades`, `watch_bids_asks` (bookTicker) and `watch_ticker` (its
default for spot is the miniTicker stream), each checked against the REST ticker through the raw payload ccxt keeps in `info`; and
`watch_orders` / `watch_my_trades` / `watch_balance` with `type="margin"`, which take a listenToken
(`POST /sapi/v1/userListenToken`) and subscribe on `urls["api"]["ws"]["ws-api"]["spot"]`, set to
`ws://HOST:PORT/ws-api/v3`; their raw events are checked against the REST state.
"""
from __future__ import annotations

import asyncio
import re

import ccxt.pro

from conftest import API_KEY, API_SECRET, BASE, D, Sandbox
from stream_support import (EVENT_TIMEOUT, STREAM_BASE, check_execution_report, check_fill, check_final_report,
                            check_positions)


def exchange() -> ccxt.pro.binance:
    ex = ccxt.pro.binance({
        "apiKey": API_KEY, "secret": API_SECRET, "enableRateLimit": False,
        "options": {"fetchMarkets": {"types": ["spot"]}, "fetchCurrencies": False, "fetchMargins": False,
                    "adjustForTimeDifference": False},
    })
    ex.urls["api"] = {k: re.sub(r"^https?://[^/]+", BASE, v) if isinstance(v, str) else v for k, v in ex.urls["api"].items()}
    ex.urls["api"]["ws"]["spot"] = ex.urls["api"]["ws"]["margin"] = STREAM_BASE + "/ws"
    ex.urls["api"]["ws"]["ws-api"]["spot"] = STREAM_BASE + "/ws-api/v3"
    # A margin watch would otherwise load a futures positions snapshot (/fapi/…), which a margin sandbox lacks.
    ex.options["watchPositions"]["fetchPositionsSnapshot"] = False
    return ex


async def next_update(watch, what: str):
    """One update of a watch call, or a failure naming what did not arrive within EVENT_TIMEOUT."""
    try:
        return await asyncio.wait_for(watch, EVENT_TIMEOUT)
    except asyncio.TimeoutError:
        raise AssertionError(f"ccxt: no {what} within {EVENT_TIMEOUT} s") from None


def test_watch_trades_bids_asks_and_mini_ticker(sandbox: Sandbox):
    async def scenario():
        ex = exchange()
        try:
            await ex.load_markets()
            trades = asyncio.ensure_future(ex.watch_trades("BTC/USDT"))
            book = asyncio.ensure_future(ex.watch_bids_asks(["BTC/USDT"]))
            mini = asyncio.ensure_future(ex.watch_ticker("BTC/USDT"))  # spot: the miniTicker stream by default
            await asyncio.sleep(0.5)  # subscribed before the move
            sandbox.control("price", symbol="BTCUSDT", price="62345.67")
            ticker = sandbox.public("/api/v3/ticker/price", symbol="BTCUSDT")

            trade = (await next_update(trades, "watch_trades update after the move"))[-1]
            assert (trade["symbol"], trade["info"]["p"], trade["info"]["e"]) == ("BTC/USDT", ticker["price"], "trade")
            assert trade["id"] == str(trade["info"]["t"]) and D(trade["info"]["p"]) == D("62345.67")

            quotes = (await next_update(book, "watch_bids_asks update after the move"))["BTC/USDT"]
            assert quotes["info"]["a"] == ticker["price"] and D(quotes["info"]["b"]) < D(quotes["info"]["a"])
            assert "e" not in quotes["info"]  # Binance's bookTicker has no event type

            last = await next_update(mini, "watch_ticker (miniTicker) update after the move")
            assert (last["symbol"], last["info"]["e"], last["info"]["c"]) == ("BTC/USDT", "24hrMiniTicker", ticker["price"])
            assert D(last["info"]["l"]) <= D(last["info"]["c"]) <= D(last["info"]["h"])
        finally:
            await ex.close()
    asyncio.run(scenario())


def test_watch_orders_my_trades_and_balance_margin(sandbox: Sandbox):
    async def scenario():
        ex = exchange()
        margin = {"type": "margin"}
        try:
            await ex.load_markets()
            orders = asyncio.ensure_future(ex.watch_orders("BTC/USDT", params=margin))
            await asyncio.sleep(0.5)  # the listenToken taken and subscribed
            placed = await ex.create_order("BTC/USDT", "limit", "buy", 0.001, 59000, {"marginMode": "cross", "timeInForce": "GTC"})
            order = (await next_update(orders, "watch_orders update for the limit order"))[-1]
            assert (order["id"], order["status"]) == (placed["id"], "open")
            assert (order["info"]["x"], order["info"]["X"]) == ("NEW", "NEW")
            check_execution_report(sandbox, order["info"])

            # No symbol: with one, watch_my_trades replaces type=margin by the market's type (spot) and authenticates
            # on the spot path (ccxt/pro/binance.py, watch_my_trades: symbolParams = {'type': market['type'], …}).
            trades = asyncio.ensure_future(ex.watch_my_trades(None, params=margin))
            balance = asyncio.ensure_future(ex.watch_balance(margin))
            await asyncio.sleep(0.2)
            market = await ex.create_order("BTC/USDT", "market", "buy", 0.001, None, {"marginMode": "cross"})
            fill = (await next_update(trades, "watch_my_trades update for the market order"))[-1]
            assert (fill["symbol"], fill["order"], fill["info"]["x"]) == ("BTC/USDT", market["id"], "TRADE")
            check_fill(sandbox, fill["info"])
            check_final_report(sandbox, fill["info"])
            held = await next_update(balance, "watch_balance update after the fill")
            assert held["info"]["e"] == "outboundAccountPosition"
            check_positions(sandbox, [held["info"]])
            for row in held["info"]["B"]:  # ccxt's unified numbers are parsed from those same strings
                assert (held[row["a"]]["free"], held[row["a"]]["used"]) == (float(row["f"]), float(row["l"]))

            canceled = asyncio.ensure_future(ex.watch_orders("BTC/USDT", params=margin))
            await ex.cancel_order(placed["id"], "BTC/USDT", {"marginMode": "cross"})
            order = (await next_update(canceled, "watch_orders update for the cancel"))[-1]
            assert (order["id"], order["status"], order["info"]["x"]) == (placed["id"], "canceled", "CANCELED")
            check_final_report(sandbox, order["info"])
        finally:
            await ex.close()
    asyncio.run(scenario())
