"""python-binance 1.0.37's socket support (`BinanceSocketManager` on an `AsyncClient`) against `mops sim serve`.

Pointed at the sandbox as a user would (docs/streams.md): `BinanceSocketManager.STREAM_URL = "ws://HOST:PORT/"`,
and on the client class the REST URLs and `WS_API_URL = "ws://HOST:PORT/ws-api/v3"`. Covered: `trade_socket`,
`symbol_book_ticker_socket`; `margin_socket()` (orders, an OCO's listStatus, balances) and
`isolated_margin_socket()` (a listenToken from `margin_create_listen_token`, subscribed through the WebSocket API); and the legacy generation: the client's own
listenKey calls (`margin_stream_get_listen_key`, `isolated_margin_stream_get_listen_key`, keepalive, close) read
with `multiplex_socket([listenKey])`.
"""
from __future__ import annotations

import asyncio
import contextlib
import warnings

from binance import AsyncClient
from binance.ws.streams import BinanceSocketManager

from conftest import API_KEY, API_SECRET, BASE, Sandbox
from stream_support import (STREAM_BASE, Inbox, check_execution_report, check_fill, check_final_report,
                            check_market, check_positions)


class SandboxAsyncClient(AsyncClient):
    API_URL = BASE + "/api"
    MARGIN_API_URL = BASE + "/sapi"
    WS_API_URL = STREAM_BASE + "/ws-api/v3"


def sandbox_client() -> SandboxAsyncClient:
    """A client whose WebSocket API connection closes promptly (its read loop's timeout, as `pump` sets for sockets)."""
    client = SandboxAsyncClient(API_KEY, API_SECRET)
    client.ws_api.TIMEOUT = 0.2
    return client


class SandboxSocketManager(BinanceSocketManager):
    STREAM_URL = STREAM_BASE + "/"


async def pump(socket, inbox: Inbox) -> None:
    """Reads a socket into `inbox` until cancelled (combined frames are unwrapped, their stream kept).

    python-binance's read loop stops only when a read returns or times out (`TIMEOUT`, 10 s); the socket's
    timeout is shortened so that closing takes a fraction of a second, not ten.
    """
    socket.TIMEOUT = 0.2
    async with socket as stream:
        while True:
            message = await stream.recv()
            if "data" in message and "stream" in message:
                inbox.put({"stream": message["stream"], **message["data"]})
            else:
                inbox.put(message)


@contextlib.asynccontextmanager
async def reading(*sockets_and_inboxes):
    tasks = [asyncio.create_task(pump(socket, inbox)) for socket, inbox in sockets_and_inboxes]
    try:
        await asyncio.sleep(0.3)  # connected before the changes are made
        yield
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def listen_key_calls():
    """python-binance marks its listenKey calls deprecated (Binance retired them on 2026-02-20); the sandbox serves them."""
    return warnings.catch_warnings(record=True)


def test_trade_and_book_ticker_sockets(sandbox: Sandbox):
    async def scenario():
        client = sandbox_client()
        manager = SandboxSocketManager(client)
        trades, books = Inbox("python-binance trade_socket"), Inbox("python-binance symbol_book_ticker_socket")
        try:
            async with reading((manager.trade_socket("BTCUSDT"), trades), (manager.symbol_book_ticker_socket("BTCUSDT"), books)):
                sandbox.control("price", symbol="BTCUSDT", price="58765.43")
                trade = (await trades.until("trade after the move", e="trade"))[-1]
                book = (await books.until("bookTicker after the move", s="BTCUSDT"))[-1]
                check_market(sandbox, trade, book, "58765.43")
        finally:
            await client.close_connection()
    asyncio.run(scenario())


def test_cross_margin_user_data_through_its_listen_key(sandbox: Sandbox):
    async def scenario():
        client = sandbox_client()
        manager = SandboxSocketManager(client)
        inbox = Inbox("python-binance multiplex_socket([margin listenKey])")
        try:
            with listen_key_calls():
                key = await client.margin_stream_get_listen_key()
            assert len(key) == 60
            async with reading((manager.multiplex_socket([key]), inbox)):
                placed = await client.create_margin_order(symbol="BTCUSDT", side="SELL", type="LIMIT", quantity="0.002",
                                                          price="70000.5", timeInForce="GTC", sideEffectType="MARGIN_BUY",
                                                          newClientOrderId="pb-stream-1")
                new = (await inbox.until("executionReport NEW", e="executionReport", i=placed["orderId"], x="NEW"))[0]
                assert (new["stream"], new["c"], new["X"]) == (key, "pb-stream-1", "NEW")
                check_execution_report(sandbox, new)

                market = await client.create_margin_order(symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.001")
                fill = (await inbox.until("executionReport TRADE", e="executionReport", i=market["orderId"], x="TRADE"))[0]
                check_fill(sandbox, fill)
                check_final_report(sandbox, fill)

                await client.cancel_margin_order(symbol="BTCUSDT", orderId=placed["orderId"])
                canceled = (await inbox.until("executionReport CANCELED", e="executionReport", i=placed["orderId"], x="CANCELED"))[0]
                check_final_report(sandbox, canceled)

                await client.transfer_spot_to_margin(asset="USDT", amount="25")
                update = (await inbox.until("balanceUpdate of the transfer", e="balanceUpdate"))[0]
                assert (update["a"], update["d"]) == ("USDT", "25.00000000")
                await inbox.after(update, "outboundAccountPosition after the transfer", e="outboundAccountPosition")
                check_positions(sandbox, inbox.matching(e="outboundAccountPosition"))
            with listen_key_calls():
                assert await client.margin_stream_keepalive(key) == {}
                assert await client.margin_stream_close(key) == {}
        finally:
            await client.close_connection()
    asyncio.run(scenario())


def test_isolated_margin_user_data_through_its_listen_key(sandbox: Sandbox):
    async def scenario():
        client = sandbox_client()
        manager = SandboxSocketManager(client)
        inbox = Inbox("python-binance multiplex_socket([isolated listenKey])")
        try:
            with listen_key_calls():
                key = await client.isolated_margin_stream_get_listen_key("BTCUSDT")
            async with reading((manager.multiplex_socket([key]), inbox)):
                placed = await client.create_margin_order(symbol="BTCUSDT", isIsolated="TRUE", side="BUY", type="LIMIT",
                                                          quantity="0.001", price="50000", timeInForce="GTC")
                new = (await inbox.until("isolated executionReport NEW", e="executionReport", i=placed["orderId"], x="NEW"))[0]
                order = sandbox.signed("GET", "/sapi/v1/margin/order", symbol="BTCUSDT", orderId=placed["orderId"], isIsolated="TRUE")
                assert (new["q"], new["p"], new["X"], new["c"]) == (order["origQty"], order["price"], order["status"], order["clientOrderId"])
                positions = await inbox.until("isolated outboundAccountPosition", e="outboundAccountPosition")
                quote = sandbox.isolated_quote("BTCUSDT")
                usdt = next(row for row in positions[-1]["B"] if row["a"] == "USDT")
                assert (usdt["f"], usdt["l"]) == (quote["free"], quote["locked"])
                assert inbox.matching(e="executionReport", s="ETHUSDT") == []
            with listen_key_calls():
                assert await client.isolated_margin_stream_keepalive("BTCUSDT", key) == {}
                assert await client.isolated_margin_stream_close("BTCUSDT", key) == {}
        finally:
            await client.close_connection()
    asyncio.run(scenario())


def test_margin_socket_through_a_listen_token(sandbox: Sandbox):
    async def scenario():
        client = sandbox_client()
        manager = SandboxSocketManager(client)
        inbox = Inbox("python-binance margin_socket")
        try:
            async with reading((manager.margin_socket(), inbox)):
                placed = await client.create_margin_order(symbol="BTCUSDT", side="BUY", type="LIMIT", quantity="0.001",
                                                          price="59000", timeInForce="GTC", newClientOrderId="pb-token-1")
                new = (await inbox.until("executionReport NEW", e="executionReport", i=placed["orderId"], x="NEW"))[0]
                assert (new["c"], new["X"]) == ("pb-token-1", "NEW")
                check_execution_report(sandbox, new)

                market = await client.create_margin_order(symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.001")
                fill = (await inbox.until("executionReport TRADE", e="executionReport", i=market["orderId"], x="TRADE"))[0]
                check_fill(sandbox, fill)
                check_final_report(sandbox, fill)

                await client.cancel_margin_order(symbol="BTCUSDT", orderId=placed["orderId"])
                canceled = (await inbox.until("executionReport CANCELED", e="executionReport", i=placed["orderId"], x="CANCELED"))[0]
                check_final_report(sandbox, canceled)

                oco = await client.create_margin_oco_order(symbol="BTCUSDT", side="BUY", quantity="0.001", price="58000",
                                                           stopPrice="61000", stopLimitPrice="61100",
                                                           stopLimitTimeInForce="GTC", listClientOrderId="pb-token-oco")
                started = (await inbox.until("listStatus EXEC_STARTED", e="listStatus", l="EXEC_STARTED"))[0]
                held = sandbox.order_list(oco["orderListId"])
                assert (started["g"], started["C"], started["L"]) == (held["orderListId"], "pb-token-oco", "EXECUTING")
                assert [(o["i"], o["c"]) for o in started["O"]] == [(o["orderId"], o["clientOrderId"]) for o in held["orders"]]
                await client.cancel_margin_oco_order(symbol="BTCUSDT", orderListId=oco["orderListId"])
                done = (await inbox.until("listStatus ALL_DONE", e="listStatus", l="ALL_DONE"))[0]
                assert (done["g"], done["L"], sandbox.order_list(oco["orderListId"])["listOrderStatus"]) == (oco["orderListId"], "ALL_DONE", "ALL_DONE")

                await client.transfer_spot_to_margin(asset="USDT", amount="12.5")
                update = (await inbox.until("balanceUpdate of the transfer", e="balanceUpdate"))[0]
                assert (update["a"], update["d"]) == ("USDT", "12.50000000")
                await inbox.after(update, "outboundAccountPosition after the transfer", e="outboundAccountPosition")
                check_positions(sandbox, inbox.matching(e="outboundAccountPosition"))
        finally:
            await client.close_connection()
    asyncio.run(scenario())


def test_isolated_margin_socket_through_a_listen_token(sandbox: Sandbox):
    async def scenario():
        client = sandbox_client()
        manager = SandboxSocketManager(client)
        inbox = Inbox("python-binance isolated_margin_socket")
        try:
            async with reading((manager.isolated_margin_socket("BTCUSDT"), inbox)):
                await client.create_margin_order(symbol="BTCUSDT", side="SELL", type="LIMIT", quantity="0.001",
                                                 price="90000", timeInForce="GTC", sideEffectType="MARGIN_BUY")  # cross: not on this stream
                placed = await client.create_margin_order(symbol="BTCUSDT", isIsolated="TRUE", side="BUY", type="LIMIT",
                                                          quantity="0.001", price="50000", timeInForce="GTC")
                new = (await inbox.until("isolated executionReport NEW", e="executionReport", i=placed["orderId"]))[0]
                order = sandbox.signed("GET", "/sapi/v1/margin/order", symbol="BTCUSDT", orderId=placed["orderId"], isIsolated="TRUE")
                assert (new["q"], new["p"], new["X"], new["c"]) == (order["origQty"], order["price"], order["status"], order["clientOrderId"])
                position = (await inbox.until("isolated outboundAccountPosition", e="outboundAccountPosition"))[-1]
                quote = sandbox.isolated_quote("BTCUSDT")
                usdt = next(row for row in position["B"] if row["a"] == "USDT")
                assert (usdt["f"], usdt["l"]) == (quote["free"], quote["locked"])
                assert [e["i"] for e in inbox.matching(e="executionReport")] == [placed["orderId"]]
        finally:
            await client.close_connection()
    asyncio.run(scenario())
