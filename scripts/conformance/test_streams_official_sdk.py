"""The official SDK's stream support (binance-sdk-margin-trading 8.9.0 `MarginTradingWebSocketStreams`)
against `mops sim serve`: the risk stream (`risk_data`, key from the SDK's `start_user_data_stream`), the
margin user-data stream (`trade_data`) and market streams (`subscribe` + `on`), pointed at the sandbox with
`ConfigurationWebSocketStreams(stream_url="ws://HOST:PORT")` (the SDK adds `/stream`).

The SDK has no call for a user-data listenKey (removed in 3.0.0) nor for a listenToken (docs/streams.md), so
`trade_data` gets its key from the legacy `POST /sapi/v1/userDataStream`. Every event must parse into the
SDK's strict models (the strict_models fixture fails on a relaxed one) and equal the REST state.
"""
from __future__ import annotations

import asyncio
import logging

import pytest
from binance_common.configuration import ConfigurationRestAPI, ConfigurationWebSocketStreams
from binance_common.utils import send_request
from binance_sdk_margin_trading.margin_trading import MarginTrading

from conftest import API_KEY, API_SECRET, BASE, Sandbox
from stream_support import (STREAM_BASE, Inbox, check_execution_report, check_fill, check_final_report,
                            check_liability, check_margin_level, check_market, check_positions, margin_call_price,
                            user_data_key)

# The SDK's model class of each event type (its union drops the "e" key).
EVENT_TYPES = {
    "ExecutionReport": "executionReport", "OutboundAccountPosition": "outboundAccountPosition",
    "BalanceUpdate": "balanceUpdate", "ListStatus": "listStatus", "ListenKeyExpired": "listenKeyExpired",
    "MarginLevelStatusChange": "MARGIN_LEVEL_STATUS_CHANGE", "UserLiabilityChange": "USER_LIABILITY_CHANGE",
}


@pytest.fixture(autouse=True)
def strict_models(caplog):
    """Fails the test when the SDK relaxed a model, fell back to a raw dict, or a callback raised."""
    caplog.set_level(logging.WARNING)
    yield
    complaints = [r.getMessage() for r in caplog.records
                  if "did not match the declared types" in r.getMessage() or "Failed to parse" in r.getMessage()
                  or "Error in callback" in r.getMessage()]
    assert not complaints, complaints


def sdk() -> MarginTrading:
    return MarginTrading(
        config_rest_api=ConfigurationRestAPI(api_key=API_KEY, api_secret=API_SECRET, base_path=BASE, timeout=10000, retries=0),
        config_ws_streams=ConfigurationWebSocketStreams(stream_url=STREAM_BASE, reconnect_attempts=1),
    )


def collector(inbox: Inbox):
    """An `on("message")` callback: the typed event (a strict SDK model) as a dict with Binance's `e` key."""
    def receive(message) -> None:
        event = message.actual_instance
        assert event is not None, f"the SDK could not type {message!r}"
        inbox.put({"e": EVENT_TYPES[type(event).__name__], **event.to_dict()})
    return receive


async def connected(client: MarginTrading):
    connection = await client.websocket_streams.create_connection()
    return connection


def test_risk_stream_liabilities_and_margin_call(sandbox: Sandbox):
    async def scenario():
        client = sdk()
        api = client.rest_api
        key = api.start_user_data_stream().data().listen_key
        assert len(key) == 60
        connection = await connected(client)
        inbox = Inbox("SDK risk_data")
        try:
            (await connection.risk_data(listenKey=key)).on("message", collector(inbox))
            await asyncio.sleep(0.6)  # the SDK sends its SUBSCRIBE 0.5 s after the call

            api.margin_account_borrow_repay(asset="USDT", is_isolated="FALSE", amount="100", type="BORROW")
            borrow = (await inbox.until("USER_LIABILITY_CHANGE BORROW", e="USER_LIABILITY_CHANGE", t="BORROW"))[0]
            check_liability(sandbox, borrow, "BORROW")

            api.margin_account_borrow_repay(asset="USDT", is_isolated="FALSE", amount="40", type="REPAY")
            repay = (await inbox.until("USER_LIABILITY_CHANGE REPAY", e="USER_LIABILITY_CHANGE", t="REPAY"))[0]
            check_liability(sandbox, repay, "REPAY")

            api.margin_account_new_order(symbol="BTCUSDT", side="BUY", type="MARKET", quantity=0.4, side_effect_type="MARGIN_BUY")
            price = margin_call_price(sandbox, "BTC")
            sandbox.control("price", symbol="BTCUSDT", price=str(price))
            call = (await inbox.until(f"MARGIN_LEVEL_STATUS_CHANGE after BTCUSDT {price}", e="MARGIN_LEVEL_STATUS_CHANGE", s="MARGIN_CALL"))[0]
            check_margin_level(sandbox, call, "MARGIN_CALL")

            api.keepalive_user_data_stream(listen_key=key)
        finally:
            await connection.close_connection()
        api.close_user_data_stream()
    asyncio.run(scenario())


def test_user_data_stream_orders_balances_and_transfer(sandbox: Sandbox):
    async def scenario():
        client = sdk()
        api = client.rest_api
        connection = await connected(client)
        inbox = Inbox("SDK trade_data")
        try:
            (await connection.trade_data(listenKey=user_data_key(sandbox))).on("message", collector(inbox))
            await asyncio.sleep(0.6)

            resting = api.margin_account_new_order(symbol="BTCUSDT", side="BUY", type="LIMIT", quantity=0.001, price=59000,
                                                   time_in_force="GTC", new_client_order_id="sdk-rest-1").data()
            new = (await inbox.until("executionReport NEW of the limit order", e="executionReport", i=resting.order_id, x="NEW"))[0]
            assert (new["X"], new["c"], new["w"], new["t"]) == ("NEW", "sdk-rest-1", True, -1)
            check_execution_report(sandbox, new)

            market = api.margin_account_new_order(symbol="BTCUSDT", side="BUY", type="MARKET", quantity=0.001).data()
            fill = (await inbox.until("executionReport TRADE of the market order", e="executionReport", i=market.order_id, x="TRADE"))[0]
            check_fill(sandbox, fill)
            check_final_report(sandbox, fill)

            api.margin_account_cancel_order(symbol="BTCUSDT", order_id=resting.order_id)
            canceled = (await inbox.until("executionReport CANCELED", e="executionReport", i=resting.order_id, x="CANCELED"))[0]
            assert canceled["C"] == "sdk-rest-1"
            check_final_report(sandbox, canceled)

            send_request(api._session, api.configuration, "POST", "/sapi/v1/margin/transfer",
                         payload={"asset": "USDT", "amount": "50", "type": 1}, is_signed=True, signer=api._signer)
            update = (await inbox.until("balanceUpdate of the transfer", e="balanceUpdate"))[0]
            assert (update["a"], update["d"]) == ("USDT", "50.00000000")

            await inbox.after(update, "outboundAccountPosition after the transfer", e="outboundAccountPosition")
            check_positions(sandbox, inbox.matching(e="outboundAccountPosition"))
        finally:
            await connection.close_connection()
    asyncio.run(scenario())


def test_user_data_stream_oco_list_status(sandbox: Sandbox):
    async def scenario():
        client = sdk()
        api = client.rest_api
        connection = await connected(client)
        inbox = Inbox("SDK trade_data")
        try:
            (await connection.trade_data(listenKey=user_data_key(sandbox))).on("message", collector(inbox))
            await asyncio.sleep(0.6)
            placed = api.margin_account_new_oco(symbol="BTCUSDT", side="BUY", quantity=0.001, price=59000, stop_price=61000,
                                                stop_limit_price=61100, stop_limit_time_in_force="GTC",
                                                list_client_order_id="sdk-oco-s").data()
            started = (await inbox.until("listStatus EXEC_STARTED", e="listStatus", l="EXEC_STARTED"))[0]
            held = sandbox.order_list(placed.order_list_id)
            assert (started["g"], started["C"], started["c"], started["L"]) == (held["orderListId"], "sdk-oco-s", "OCO", "EXECUTING")
            assert [(o["i"], o["c"]) for o in started["O"]] == [(o["orderId"], o["clientOrderId"]) for o in held["orders"]]
            for leg in await inbox.until("both legs' NEW reports", count=2, e="executionReport", x="NEW"):
                assert leg["g"] == placed.order_list_id
                check_execution_report(sandbox, leg)

            api.margin_account_cancel_oco(symbol="BTCUSDT", order_list_id=placed.order_list_id)
            done = (await inbox.until("listStatus ALL_DONE", e="listStatus", l="ALL_DONE"))[0]
            held = sandbox.order_list(placed.order_list_id)
            assert (done["L"], held["listOrderStatus"], held["listStatusType"]) == ("ALL_DONE", "ALL_DONE", "ALL_DONE")
            for leg in await inbox.until("both legs' CANCELED reports", count=2, e="executionReport", x="CANCELED"):
                check_final_report(sandbox, leg)
        finally:
            await connection.close_connection()
    asyncio.run(scenario())


def test_market_streams_trade_and_book_ticker(sandbox: Sandbox):
    async def scenario():
        client = sdk()
        connection = await connected(client)
        inbox = Inbox("SDK market streams")
        try:
            streams = ["btcusdt@trade", "btcusdt@bookTicker"]
            await connection.subscribe(streams)
            for stream in streams:
                connection.on("message", lambda frame: inbox.put({"stream": frame["stream"], **frame["data"]}), stream)
            await asyncio.sleep(0.6)
            sandbox.control("price", symbol="BTCUSDT", price="61234.5")
            trade = (await inbox.until("btcusdt@trade after the move", stream="btcusdt@trade"))[-1]
            book = (await inbox.until("btcusdt@bookTicker after the move", stream="btcusdt@bookTicker"))[-1]
            check_market(sandbox, trade, book, "61234.5")
        finally:
            await connection.close_connection()
    asyncio.run(scenario())
