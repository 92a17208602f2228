"""The official Binance connector (binance-sdk-margin-trading 8.9.0) against `mops sim serve`.

Each seed operation is called exactly as real-clients.md records it; where the SDK has no typed
method (server time, exchangeInfo, POST margin/transfer) the documented escape hatch
`binance_common.utils.send_request` is used. Typed responses must parse into the SDK's strict
pydantic models with no warning (a warning means a JSON type differs from Binance's).
"""
from __future__ import annotations

import logging
import time
from types import SimpleNamespace

import pytest
from binance_common.configuration import ConfigurationRestAPI
from binance_common.errors import BadRequestError
from binance_common.utils import send_request
from binance_sdk_margin_trading.margin_trading import MarginTrading

from conftest import API_KEY, API_SECRET, BASE, BTC_PRICE, D, MARGIN_USDT, Sandbox


@pytest.fixture(scope="module")
def api():
    config = ConfigurationRestAPI(api_key=API_KEY, api_secret=API_SECRET, base_path=BASE, timeout=10000, retries=0)
    return MarginTrading(config_rest_api=config).rest_api


@pytest.fixture(autouse=True)
def strict_models(caplog):
    """Fails the test when the SDK had to relax a model or fall back to a raw dict."""
    caplog.set_level(logging.WARNING)
    yield
    complaints = [r.getMessage() for r in caplog.records
                  if "did not match the declared types" in r.getMessage() or "Failed to parse" in r.getMessage()]
    assert not complaints, complaints


def hatch(api, method: str, path: str, payload: dict | None = None, signed: bool = False):
    kwargs = {"payload": payload or {}}
    if signed:
        kwargs.update(is_signed=True, signer=api._signer)
    return send_request(api._session, api.configuration, method, path, **kwargs).data()


def test_server_time(api):
    before = int(time.time() * 1000)
    server_time = hatch(api, "GET", "/api/v3/time")["serverTime"]
    after = int(time.time() * 1000)
    assert isinstance(server_time, int)
    assert before - 1000 <= server_time <= after + 1000


def test_exchange_info(api):
    info = hatch(api, "GET", "/api/v3/exchangeInfo")
    btc = next(s for s in info["symbols"] if s["symbol"] == "BTCUSDT")
    assert (btc["baseAsset"], btc["quoteAsset"], btc["status"]) == ("BTC", "USDT", "TRADING")
    assert {"MARKET", "LIMIT"} <= set(btc["orderTypes"])
    filters = {f["filterType"]: f for f in btc["filters"]}
    assert {"PRICE_FILTER", "LOT_SIZE"} <= set(filters)
    assert D(filters["LOT_SIZE"]["stepSize"]) > 0 and D(filters["PRICE_FILTER"]["tickSize"]) > 0


def test_borrow_and_repay_cross(api, sandbox: Sandbox):
    borrowed = api.margin_account_borrow_repay(asset="USDT", is_isolated="FALSE", amount="100", type="BORROW").data()
    assert isinstance(borrowed.tran_id, int) and borrowed.tran_id > 0
    row = sandbox.cross_asset("USDT")
    assert D(row["borrowed"]) == 100
    assert D(row["interest"]) > 0  # the first hour is charged at borrow time
    assert D(row["free"]) == MARGIN_USDT + 100

    debt_before = sandbox.debt(row)
    repaid = api.margin_account_borrow_repay(asset="USDT", is_isolated="FALSE", amount="40", type="REPAY").data()
    assert repaid.tran_id > borrowed.tran_id
    row = sandbox.cross_asset("USDT")
    assert sandbox.debt(row) == debt_before - 40
    assert D(row["interest"]) == 0  # repayment pays interest first


def test_borrow_and_repay_isolated(api, sandbox: Sandbox):
    borrowed = api.margin_account_borrow_repay(asset="USDT", is_isolated="TRUE", symbol="BTCUSDT",
                                               amount="100", type="BORROW").data()
    assert borrowed.tran_id > 0
    quote = sandbox.isolated_quote("BTCUSDT")
    assert D(quote["borrowed"]) == 100
    assert D(sandbox.cross_asset("USDT")["borrowed"]) == 0  # the cross account is untouched

    debt_before = sandbox.debt(quote)
    api.margin_account_borrow_repay(asset="USDT", is_isolated="TRUE", symbol="BTCUSDT", amount="30", type="REPAY")
    assert sandbox.debt(sandbox.isolated_quote("BTCUSDT")) == debt_before - 30


def test_borrow_repay_records(api):
    borrow = api.margin_account_borrow_repay(asset="USDT", is_isolated="FALSE", amount="100", type="BORROW").data()
    repay = api.margin_account_borrow_repay(asset="USDT", is_isolated="FALSE", amount="25", type="REPAY").data()

    borrows = api.query_borrow_repay_records_in_margin_account(type="BORROW", asset="USDT").data()
    row = next(r for r in borrows.rows if r.tx_id == borrow.tran_id)
    assert (row.asset, D(row.amount), D(row.principal), row.status) == ("USDT", 100, 100, "CONFIRMED")
    assert borrows.total >= 1

    repays = api.query_borrow_repay_records_in_margin_account(type="REPAY", asset="USDT").data()
    row = next(r for r in repays.rows if r.tx_id == repay.tran_id)
    assert D(row.amount) == 25
    assert D(row.interest) > 0 and D(row.interest) + D(row.principal) == D(row.amount)


def test_market_buy_with_margin_buy(api, sandbox: Sandbox):
    order = api.margin_account_new_order(symbol="BTCUSDT", side="BUY", type="MARKET", quantity=0.001,
                                         side_effect_type="MARGIN_BUY").data()
    assert (order.symbol, order.side, order.type, order.status) == ("BTCUSDT", "BUY", "MARKET", "FILLED")
    assert D(order.executed_qty) == D("0.001") and D(order.orig_qty) == D("0.001")
    assert D(order.cummulative_quote_qty) == D("0.001") * BTC_PRICE
    assert sum(D(f.qty) for f in order.fills) == D("0.001")
    assert isinstance(order.order_id, int) and order.client_order_id
    # BTC arrived in the cross account (minus a fee taken in BTC at most).
    assert D("0.000998") <= D(sandbox.cross_asset("BTC")["free"]) <= D("0.001")


def test_limit_order_query_open_cancel(api, sandbox: Sandbox):
    raw = api.margin_account_new_order(symbol="BTCUSDT", side="SELL", type="LIMIT", quantity=0.002,
                                       price=70000.5, side_effect_type="MARGIN_BUY", time_in_force="GTC").data()
    # MARGIN_BUY on a sell borrows the base asset for the short: 0.002 BTC, a JSON number with a fraction, as
    # Binance sends it. The SDK declares marginBuyBorrowAmount an int, so it hands back the raw payload (a dict,
    # with a warning) — as it does against Binance: code placing MARGIN_BUY orders through it must read a dict.
    assert isinstance(raw, dict)
    assert (raw["status"], raw["timeInForce"], D(raw["price"]), D(raw["origQty"])) == ("NEW", "GTC", D("70000.5"), D("0.002"))
    assert D(raw["executedQty"]) == 0
    assert (D(str(raw["marginBuyBorrowAmount"])), raw["marginBuyBorrowAsset"]) == (D("0.002"), "BTC")
    placed = SimpleNamespace(order_id=raw["orderId"], client_order_id=raw["clientOrderId"])

    queried = api.query_margin_accounts_order(symbol="BTCUSDT", order_id=placed.order_id).data()
    assert (queried.order_id, queried.client_order_id, queried.status) == (placed.order_id, placed.client_order_id, "NEW")
    assert D(queried.price) == D("70000.5") and queried.is_working is True

    open_orders = api.query_margin_accounts_open_orders(symbol="BTCUSDT").data()
    assert [o.order_id for o in open_orders] == [placed.order_id]

    canceled = api.margin_account_cancel_order(symbol="BTCUSDT", order_id=placed.order_id).data()
    assert canceled.status == "CANCELED"
    assert str(canceled.order_id) == str(placed.order_id)
    assert canceled.orig_client_order_id == placed.client_order_id
    assert api.query_margin_accounts_open_orders(symbol="BTCUSDT").data() == []
    assert sandbox.order("BTCUSDT", placed.order_id)["status"] == "CANCELED"


def test_cancel_unknown_order_is_binance_error(api):
    with pytest.raises(BadRequestError) as raised:
        api.margin_account_cancel_order(symbol="BTCUSDT", order_id=987654321)
    assert (raised.value.status_code, raised.value.error_message) == (-2011, "Unknown order sent.")


def test_cross_margin_account(api):
    account = api.query_cross_margin_account_details().data()
    assert account.trade_enabled is True and account.borrow_enabled is True
    usdt = next(a for a in account.user_assets if a.asset == "USDT")
    assert D(usdt.free) == MARGIN_USDT and D(usdt.borrowed) == 0
    assert D(usdt.net_asset) == D(usdt.free) + D(usdt.locked) - D(usdt.borrowed) - D(usdt.interest)
    assert D(account.total_asset_of_btc) > 0


def test_transfers_both_endpoints(api, sandbox: Sandbox):
    start = D(sandbox.cross_asset("USDT")["free"])
    tran = hatch(api, "POST", "/sapi/v1/margin/transfer", {"asset": "USDT", "amount": "50", "type": 1}, signed=True)
    assert isinstance(tran["tranId"], int)
    assert D(sandbox.cross_asset("USDT")["free"]) == start + 50
    hatch(api, "POST", "/sapi/v1/margin/transfer", {"asset": "USDT", "amount": "20", "type": 2}, signed=True)
    assert D(sandbox.cross_asset("USDT")["free"]) == start + 30

    universal = hatch(api, "POST", "/sapi/v1/asset/transfer", {"type": "MAIN_MARGIN", "asset": "USDT", "amount": "5"}, signed=True)
    assert isinstance(universal["tranId"], int)
    hatch(api, "POST", "/sapi/v1/asset/transfer", {"type": "MARGIN_MAIN", "asset": "USDT", "amount": "15"}, signed=True)
    assert D(sandbox.cross_asset("USDT")["free"]) == start + 20


def test_interest_rate_history(api):
    history = list(api.query_margin_interest_rate_history(asset="BTC").data())
    assert history, "expected at least one rate"
    for entry in history:
        assert entry.asset == "BTC"
        assert 0 < D(entry.daily_interest_rate) < 1
        assert isinstance(entry.timestamp, int)


def test_margin_oco_place_query_cancel(api, sandbox: Sandbox):
    response = api.margin_account_new_oco(symbol="BTCUSDT", side="BUY", quantity=0.001, price=59000, stop_price=61000,
                                          stop_limit_price=61100, stop_limit_time_in_force="GTC",
                                          list_client_order_id="sdk-oco-1")
    placed = response.data()
    sandbox.check_oco_placed(placed.to_dict(), "sdk-oco-1")
    assert isinstance(placed.order_list_id, int) and placed.margin_buy_borrow_amount is None
    queried = api.query_margin_accounts_oco(order_list_id=placed.order_list_id).data()
    assert queried.list_client_order_id == "sdk-oco-1"
    assert [row.order_list_id for row in api.query_margin_accounts_open_oco().data()] == [placed.order_list_id]
    canceled = api.margin_account_cancel_oco(symbol="BTCUSDT", order_list_id=placed.order_list_id).data()
    sandbox.check_oco_cancelled(canceled.to_dict(), placed.order_list_id)
    with pytest.raises(BadRequestError) as raised:
        api.margin_account_cancel_oco(symbol="BTCUSDT", order_list_id=placed.order_list_id)
    assert (raised.value.status_code, raised.value.error_message) == (-2011, "Order list does not exist.")
