"""python-binance 1.0.37 (`binance.client.Client`, sync) against `mops sim serve`.

Pointed at the sandbox as real-clients.md §2 shows (the init ping goes to the sandbox too).
python-binance signs POST and DELETE parameters into a form body, sorted by name, and sends the
cancel as a DELETE with a form body.
"""
from __future__ import annotations

import time

import pytest
from binance.client import Client
from binance.exceptions import BinanceAPIException

from conftest import API_KEY, API_SECRET, BASE, BTC_PRICE, D, MARGIN_USDT, Sandbox


class SandboxClient(Client):
    API_URL = BASE + "/api"
    MARGIN_API_URL = BASE + "/sapi"


@pytest.fixture(scope="module")
def client():
    return SandboxClient(API_KEY, API_SECRET)  # sends GET /api/v3/ping to the sandbox


def test_server_time(client):
    before = int(time.time() * 1000)
    server_time = client.get_server_time()["serverTime"]
    assert before - 1000 <= server_time <= int(time.time() * 1000) + 1000


def test_exchange_info(client):
    info = client.get_exchange_info()
    btc = next(s for s in info["symbols"] if s["symbol"] == "BTCUSDT")
    assert (btc["baseAsset"], btc["quoteAsset"], btc["isMarginTradingAllowed"]) == ("BTC", "USDT", True)


def test_borrow_and_repay_cross(client, sandbox: Sandbox):
    loan = client.margin_borrow_repay(asset="USDT", amount="100", isIsolated="FALSE", type="BORROW")
    assert loan["tranId"] > 0
    row = sandbox.cross_asset("USDT")
    assert D(row["borrowed"]) == 100 and D(row["interest"]) > 0
    debt_before = sandbox.debt(row)
    client.margin_borrow_repay(asset="USDT", amount="40", isIsolated="FALSE", type="REPAY")
    assert sandbox.debt(sandbox.cross_asset("USDT")) == debt_before - 40


def test_borrow_and_repay_isolated(client, sandbox: Sandbox):
    loan = client.margin_borrow_repay(asset="USDT", amount="100", isIsolated="TRUE", symbol="BTCUSDT", type="BORROW")
    assert loan["tranId"] > 0
    quote = sandbox.isolated_quote("BTCUSDT")
    assert D(quote["borrowed"]) == 100
    debt_before = sandbox.debt(quote)
    client.margin_borrow_repay(asset="USDT", amount="30", isIsolated="TRUE", symbol="BTCUSDT", type="REPAY")
    assert sandbox.debt(sandbox.isolated_quote("BTCUSDT")) == debt_before - 30


def test_borrow_repay_records(client):
    loan = client.margin_borrow_repay(asset="USDT", amount="100", isIsolated="FALSE", type="BORROW")
    repay = client.margin_borrow_repay(asset="USDT", amount="25", isIsolated="FALSE", type="REPAY")
    borrows = client.margin_get_borrow_repay_records(type="BORROW", asset="USDT")
    row = next(r for r in borrows["rows"] if r["txId"] == loan["tranId"])
    assert (D(row["amount"]), row["status"]) == (100, "CONFIRMED")
    repays = client.margin_get_borrow_repay_records(type="REPAY", asset="USDT")
    row = next(r for r in repays["rows"] if r["txId"] == repay["tranId"])
    assert D(row["amount"]) == 25 and D(row["interest"]) + D(row["principal"]) == 25


def test_market_buy_with_margin_buy(client, sandbox: Sandbox):
    order = client.create_margin_order(symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.001",
                                       sideEffectType="MARGIN_BUY")
    assert order["status"] == "FILLED" and D(order["executedQty"]) == D("0.001")
    assert D(order["cummulativeQuoteQty"]) == D("0.001") * BTC_PRICE
    assert order["clientOrderId"].startswith("x-")
    assert sandbox.order("BTCUSDT", order["orderId"])["status"] == "FILLED"


def test_limit_order_query_open_cancel(client, sandbox: Sandbox):
    placed = client.create_margin_order(symbol="BTCUSDT", side="SELL", type="LIMIT", quantity="0.002",
                                        price="70000.50", timeInForce="GTC", sideEffectType="MARGIN_BUY")
    assert placed["status"] == "NEW" and D(placed["price"]) == D("70000.5")

    queried = client.get_margin_order(symbol="BTCUSDT", orderId=placed["orderId"])
    assert (queried["status"], queried["clientOrderId"]) == ("NEW", placed["clientOrderId"])

    assert [o["orderId"] for o in client.get_open_margin_orders(symbol="BTCUSDT")] == [placed["orderId"]]

    canceled = client.cancel_margin_order(symbol="BTCUSDT", orderId=placed["orderId"])  # DELETE with a form body
    assert canceled["status"] == "CANCELED" and str(canceled["orderId"]) == str(placed["orderId"])
    assert client.get_open_margin_orders(symbol="BTCUSDT") == []
    assert sandbox.order("BTCUSDT", placed["orderId"])["status"] == "CANCELED"


def test_cancel_unknown_order_is_binance_error(client):
    with pytest.raises(BinanceAPIException) as raised:
        client.cancel_margin_order(symbol="BTCUSDT", orderId=987654321)
    assert (raised.value.code, raised.value.message) == (-2011, "Unknown order sent.")


def test_cross_margin_account(client):
    account = client.get_margin_account()
    usdt = next(a for a in account["userAssets"] if a["asset"] == "USDT")
    assert D(usdt["free"]) == MARGIN_USDT and D(usdt["borrowed"]) == 0
    assert isinstance(account["marginLevel"], str)


def test_transfers_both_endpoints(client, sandbox: Sandbox):
    start = D(sandbox.cross_asset("USDT")["free"])
    assert client.transfer_spot_to_margin(asset="USDT", amount="50")["tranId"] > 0
    assert D(sandbox.cross_asset("USDT")["free"]) == start + 50
    client.transfer_margin_to_spot(asset="USDT", amount="20")
    assert D(sandbox.cross_asset("USDT")["free"]) == start + 30

    assert client.make_universal_transfer(type="MAIN_MARGIN", asset="USDT", amount="5")["tranId"] > 0
    client.make_universal_transfer(type="MARGIN_MAIN", asset="USDT", amount="15")
    assert D(sandbox.cross_asset("USDT")["free"]) == start + 20


def test_interest_rate_history(client):
    history = client.margin_interest_rate_history(asset="BTC")
    assert isinstance(history, list) and history
    assert all(entry["asset"] == "BTC" and 0 < D(entry["dailyInterestRate"]) < 1 for entry in history)


def test_margin_oco_place_query_cancel(client, sandbox: Sandbox):
    placed = client.create_margin_oco_order(symbol="BTCUSDT", side="BUY", quantity="0.001", price="59000",
                                            stopPrice="61000", stopLimitPrice="61100", stopLimitTimeInForce="GTC",
                                            listClientOrderId="pb-oco-1")
    sandbox.check_oco_placed(placed, "pb-oco-1")
    queried = client.get_margin_oco_order(orderListId=placed["orderListId"])
    assert queried["listClientOrderId"] == "pb-oco-1" and "orderReports" not in queried
    assert [row["orderListId"] for row in client.get_open_margin_oco_orders()] == [placed["orderListId"]]
    canceled = client.cancel_margin_oco_order(symbol="BTCUSDT", orderListId=placed["orderListId"])  # DELETE, form body
    sandbox.check_oco_cancelled(canceled, placed["orderListId"])
    with pytest.raises(BinanceAPIException) as raised:
        client.cancel_margin_oco_order(symbol="BTCUSDT", orderListId=placed["orderListId"])
    assert (raised.value.code, raised.value.message) == (-2011, "Order list does not exist.")
