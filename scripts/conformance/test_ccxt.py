"""ccxt 4.5.90 (`ccxt.binance`, sync) against `mops sim serve`.

Configured as real-clients.md §2 shows: only spot markets, no currency/margin-pair preloads, URLs
rewritten to the sandbox; `load_markets()` then makes exactly one GET /api/v3/exchangeInfo.
Unified methods where ccxt has them, implicit endpoint methods where it has none.
"""
from __future__ import annotations

import re
import time

import ccxt
import pytest

from conftest import API_KEY, API_SECRET, BASE, BTC_PRICE, D, MARGIN_USDT, Sandbox


@pytest.fixture(scope="module")
def exchange():
    ex = ccxt.binance({
        "apiKey": API_KEY, "secret": API_SECRET, "enableRateLimit": False,
        "options": {
            "fetchMarkets": {"types": ["spot"]},
            "fetchCurrencies": False,
            "fetchMargins": False,
            "adjustForTimeDifference": False,
        },
    })
    ex.urls["api"] = {k: re.sub(r"^https?://[^/]+", BASE, v) for k, v in ex.urls["api"].items()}
    ex.load_markets()
    return ex


def test_server_time(exchange):
    before = int(time.time() * 1000)
    server_time = exchange.fetch_time()
    assert before - 1000 <= server_time <= int(time.time() * 1000) + 1000


def test_exchange_info(exchange):
    markets = exchange.load_markets(reload=True)
    btc = markets["BTC/USDT"]
    assert (btc["id"], btc["base"], btc["quote"], btc["active"], btc["spot"]) == ("BTCUSDT", "BTC", "USDT", True, True)
    assert btc["precision"]["amount"] > 0 and btc["precision"]["price"] > 0
    assert btc["limits"]["amount"]["min"] > 0


def test_borrow_and_repay_cross(exchange, sandbox: Sandbox):
    loan = exchange.borrow_cross_margin("USDT", 100)
    assert int(loan["id"]) > 0
    row = sandbox.cross_asset("USDT")
    assert D(row["borrowed"]) == 100 and D(row["interest"]) > 0
    debt_before = sandbox.debt(row)
    repay = exchange.repay_cross_margin("USDT", 40)
    assert int(repay["id"]) > int(loan["id"])
    assert sandbox.debt(sandbox.cross_asset("USDT")) == debt_before - 40


def test_borrow_and_repay_isolated(exchange, sandbox: Sandbox):
    loan = exchange.borrow_isolated_margin("BTC/USDT", "USDT", 100)
    assert int(loan["id"]) > 0
    quote = sandbox.isolated_quote("BTCUSDT")
    assert D(quote["borrowed"]) == 100
    debt_before = sandbox.debt(quote)
    exchange.repay_isolated_margin("BTC/USDT", "USDT", 30)
    assert sandbox.debt(sandbox.isolated_quote("BTCUSDT")) == debt_before - 30


def test_borrow_repay_records(exchange):
    loan = exchange.borrow_cross_margin("USDT", 100)
    records = exchange.sapi_get_margin_borrow_repay({"type": "BORROW", "asset": "USDT"})
    row = next(r for r in records["rows"] if str(r["txId"]) == str(loan["id"]))
    assert (row["asset"], D(row["amount"]), row["status"]) == ("USDT", 100, "CONFIRMED")
    repay = exchange.repay_cross_margin("USDT", 25)
    records = exchange.sapi_get_margin_borrow_repay({"type": "REPAY", "asset": "USDT"})
    row = next(r for r in records["rows"] if str(r["txId"]) == str(repay["id"]))
    assert D(row["amount"]) == 25 and D(row["interest"]) + D(row["principal"]) == 25


def test_market_buy_with_margin_buy(exchange, sandbox: Sandbox):
    order = exchange.create_order("BTC/USDT", "market", "buy", 0.001, None,
                                  {"marginMode": "cross", "sideEffectType": "MARGIN_BUY"})
    assert (order["status"], order["side"], order["type"]) == ("closed", "buy", "market")
    assert D(order["info"]["executedQty"]) == D("0.001")
    assert D(order["info"]["cummulativeQuoteQty"]) == D("0.001") * BTC_PRICE
    assert order["clientOrderId"].startswith("x-")  # ccxt's broker prefix went through unchanged
    assert D(sandbox.order("BTCUSDT", int(order["id"]))["executedQty"]) == D("0.001")


def test_limit_order_query_open_cancel(exchange, sandbox: Sandbox):
    placed = exchange.create_order("BTC/USDT", "limit", "sell", 0.002, 70000.5,
                                   {"marginMode": "cross", "timeInForce": "GTC", "sideEffectType": "MARGIN_BUY"})
    assert placed["status"] == "open" and D(placed["info"]["price"]) == D("70000.5")

    fetched = exchange.fetch_order(placed["id"], "BTC/USDT", {"marginMode": "cross"})
    assert (fetched["id"], fetched["status"], fetched["amount"], fetched["filled"]) == (placed["id"], "open", 0.002, 0.0)
    assert fetched["clientOrderId"] == placed["clientOrderId"]

    open_orders = exchange.fetch_open_orders("BTC/USDT", params={"marginMode": "cross"})
    assert [o["id"] for o in open_orders] == [placed["id"]]

    canceled = exchange.cancel_order(placed["id"], "BTC/USDT", {"marginMode": "cross"})
    assert canceled["status"] == "canceled"
    assert exchange.fetch_open_orders("BTC/USDT", params={"marginMode": "cross"}) == []
    assert sandbox.order("BTCUSDT", int(placed["id"]))["status"] == "CANCELED"


def test_cancel_unknown_order_maps_to_order_not_found(exchange):
    with pytest.raises(ccxt.OrderNotFound):
        exchange.cancel_order("987654321", "BTC/USDT", {"marginMode": "cross"})


def test_cross_margin_account(exchange):
    balance = exchange.fetch_balance({"type": "margin"})
    assert D(str(balance["USDT"]["free"])) == MARGIN_USDT
    assert balance["USDT"]["debt"] == 0
    usdt = next(a for a in balance["info"]["userAssets"] if a["asset"] == "USDT")
    assert D(usdt["free"]) == MARGIN_USDT


def test_transfers_both_endpoints(exchange, sandbox: Sandbox):
    start = D(sandbox.cross_asset("USDT")["free"])
    unified = exchange.transfer("USDT", 50, "spot", "margin")  # POST /sapi/v1/asset/transfer MAIN_MARGIN
    assert int(unified["id"]) > 0
    assert D(sandbox.cross_asset("USDT")["free"]) == start + 50
    exchange.transfer("USDT", 20, "margin", "spot")  # MARGIN_MAIN
    assert D(sandbox.cross_asset("USDT")["free"]) == start + 30

    legacy = exchange.sapi_post_margin_transfer({"asset": "USDT", "amount": "5", "type": 1})
    assert int(legacy["tranId"]) > 0
    exchange.sapi_post_margin_transfer({"asset": "USDT", "amount": "15", "type": 2})
    assert D(sandbox.cross_asset("USDT")["free"]) == start + 20


def test_interest_rate_history(exchange):
    history = exchange.fetch_borrow_rate_history("BTC")
    assert history
    for entry in history:
        assert entry["currency"] == "BTC"
        assert 0 < D(entry["info"]["dailyInterestRate"]) < 1
        assert isinstance(entry["timestamp"], int)


def test_margin_oco_place_query_cancel(exchange, sandbox: Sandbox):
    # ccxt has no unified margin OCO: its implicit endpoint methods, with the leg ids its sign() fills in.
    placed = exchange.sapi_post_margin_order_oco({"symbol": "BTCUSDT", "side": "BUY", "quantity": "0.001", "price": "59000",
                                                  "stopPrice": "61000", "stopLimitPrice": "61100",
                                                  "stopLimitTimeInForce": "GTC", "listClientOrderId": "ccxt-oco-1"})
    sandbox.check_oco_placed(placed, "ccxt-oco-1")
    assert all(o["clientOrderId"].startswith("x-") for o in placed["orders"])  # ccxt's broker prefix, 32 characters
    queried = exchange.sapi_get_margin_orderlist({"orderListId": placed["orderListId"]})
    assert queried["listClientOrderId"] == "ccxt-oco-1"
    assert [row["orderListId"] for row in exchange.sapi_get_margin_openorderlist()] == [placed["orderListId"]]
    canceled = exchange.sapi_delete_margin_orderlist({"symbol": "BTCUSDT", "orderListId": placed["orderListId"]})
    sandbox.check_oco_cancelled(canceled, placed["orderListId"])
    with pytest.raises(ccxt.OrderNotFound):
        exchange.sapi_delete_margin_orderlist({"symbol": "BTCUSDT", "orderListId": placed["orderListId"]})
