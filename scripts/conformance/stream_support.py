"""Shared pieces of the stream conformance tests: an inbox for what a client's stream delivered, with
bounded waits, and the REST-side checks every client's events are held to.

Every event is checked against the REST state read through the neutral `Sandbox` reader (conftest.py),
never against what the client itself reported, so a client and the server cannot agree on a wrong answer.
"""
from __future__ import annotations

import asyncio
import time
from decimal import Decimal

import pytest

from conftest import API_KEY, BASE, D, Sandbox

# Where a client's stream support is pointed: the same host and port as REST (docs/streams.md).
STREAM_BASE = "ws" + BASE[len("http"):] if BASE.startswith("http") else BASE

# Every wait for an event is bounded by this (seconds); a missing event fails with what did arrive.
EVENT_TIMEOUT = 5.0


class Inbox:
    """The events (plain dicts in Binance's wire keys) a client's stream delivered, in arrival order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.events: list[dict] = []

    def put(self, event: dict) -> None:
        self.events.append(event)

    def matching(self, **fields) -> list[dict]:
        return [e for e in self.events if all(e.get(k) == v for k, v in fields.items())]

    def _failure(self, what: str, timeout: float) -> str:
        seen = [f"{e.get('e')}/{e.get('x', e.get('l', ''))}" for e in self.events]
        return f"{self.name}: no {what} within {timeout} s; received {len(seen)} events: {seen}"

    async def until(self, what: str, count: int = 1, timeout: float = EVENT_TIMEOUT, **fields) -> list[dict]:
        """Waits (yielding to the client's event loop) until `count` events carry `fields`; fails after `timeout`."""
        deadline = time.monotonic() + timeout
        while len(self.matching(**fields)) < count:
            if time.monotonic() > deadline:
                pytest.fail(self._failure(what, timeout))
            await asyncio.sleep(0.01)
        return self.matching(**fields)

    async def after(self, earlier: dict, what: str, timeout: float = EVENT_TIMEOUT, **fields) -> dict:
        """The first event carrying `fields` that arrived after `earlier` (bounded as `until`)."""
        deadline = time.monotonic() + timeout
        while True:
            position = next(i for i, e in enumerate(self.events) if e is earlier)
            later = [e for e in self.events[position + 1:] if all(e.get(k) == v for k, v in fields.items())]
            if later:
                return later[0]
            if time.monotonic() > deadline:
                pytest.fail(self._failure(what, timeout))
            await asyncio.sleep(0.01)

    def wait(self, what: str, count: int = 1, timeout: float = EVENT_TIMEOUT, **fields) -> list[dict]:
        """As `until`, for clients whose callbacks run on their own thread."""
        deadline = time.monotonic() + timeout
        while len(self.matching(**fields)) < count:
            if time.monotonic() > deadline:
                pytest.fail(self._failure(what, timeout))
            time.sleep(0.01)
        return self.matching(**fields)


def user_data_key(sandbox: Sandbox, path: str = "/sapi/v1/userDataStream", **params) -> str:
    """A listenKey from the legacy endpoint (API-key header only), for clients with no method of their own."""
    response = sandbox.session.post(f"{BASE}{path}", data=params, headers={"X-MBX-APIKEY": API_KEY}, timeout=10)
    assert response.status_code == 200, f"POST {path}: {response.status_code} {response.text}"
    key = response.json()["listenKey"]
    assert len(key) == 60 and key.isalnum()
    return key


# Checks against the REST state.

def check_execution_report(sandbox: Sandbox, report: dict) -> dict:
    """An executionReport's order fields equal the order as REST holds it now (exact decimal strings)."""
    order = sandbox.order(report["s"], report["i"])
    assert report["c"] == order["clientOrderId"] or report["C"] == order["clientOrderId"], (report, order)
    assert (report["S"], report["o"], report["f"]) == (order["side"], order["type"], order["timeInForce"])
    assert (report["q"], report["p"], report["P"]) == (order["origQty"], order["price"], order["stopPrice"])
    assert report["O"] == order["time"] and report["V"] == order["selfTradePreventionMode"]
    return order


def check_fill(sandbox: Sandbox, report: dict) -> None:
    """A TRADE report names a trade REST lists for the order, with its price, quantity and commission."""
    assert report["x"] == "TRADE"
    trades = sandbox.signed("GET", "/sapi/v1/margin/myTrades", symbol=report["s"])
    trade = next((t for t in trades if t["id"] == report["t"]), None)
    assert trade is not None, f"trade {report['t']} of the report is not in myTrades: {trades}"
    assert trade["orderId"] == report["i"] and trade["isMaker"] == report["m"]
    assert (report["L"], report["l"]) == (trade["price"], trade["qty"])
    assert (report["n"], report["N"]) == (trade["commission"], trade["commissionAsset"])
    assert D(report["Y"]) == D(trade["price"]) * D(trade["qty"])


def check_final_report(sandbox: Sandbox, report: dict) -> None:
    """The last report of an order carries the status and cumulative fill REST holds."""
    order = check_execution_report(sandbox, report)
    assert report["X"] == order["status"]
    assert (report["z"], report["Z"]) == (order["executedQty"], order["cummulativeQuoteQty"])


def check_positions(sandbox: Sandbox, positions: list[dict]) -> None:
    """The last outboundAccountPosition of each asset shows the free and locked REST shows now."""
    latest: dict[str, dict] = {}
    for event in positions:
        assert event["e"] == "outboundAccountPosition" and event["u"] <= event["E"]
        for row in event["B"]:
            latest[row["a"]] = row
    assert latest, "no balances in the outboundAccountPosition events"
    for asset, row in latest.items():
        held = sandbox.cross_asset(asset)
        assert (row["f"], row["l"]) == (held["free"], held["locked"]), (asset, row, held)


def check_liability(sandbox: Sandbox, event: dict, kind: str) -> None:
    """A USER_LIABILITY_CHANGE carries the principal and interest REST shows (owed after the change)."""
    held = sandbox.cross_asset(event["a"])
    assert event["t"] == kind
    assert (event["p"], event["i"]) == (held["borrowed"], held["interest"]), (event, held)


def margin_call_price(sandbox: Sandbox, base: str) -> Decimal:
    """A price of `base` (in USDT) that puts the cross margin level inside the MARGIN_CALL band: halfway between
    the margin-call bar and the PRE_LIQUIDATION band's top (forceLiquidationBar + 0.05, docs/streams.md), with
    USDT the only debt."""
    coeff = sandbox.signed("GET", "/sapi/v1/margin/tradeCoeff")
    target = (D(coeff["marginCallBar"]) + D(coeff["forceLiquidationBar"]) + Decimal("0.05")) / 2
    held = sandbox.cross_asset(base)
    return (target * sandbox.debt(sandbox.cross_asset("USDT")) / (D(held["free"]) + D(held["locked"]))).quantize(Decimal("0.01"))


def check_margin_level(sandbox: Sandbox, event: dict, status: str) -> None:
    """A MARGIN_LEVEL_STATUS_CHANGE carries REST's margin level, inside the band its status names."""
    account = sandbox.signed("GET", "/sapi/v1/margin/account")
    coeff = sandbox.signed("GET", "/sapi/v1/margin/tradeCoeff")
    assert event["s"] == status
    assert D(event["l"]) == D(account["marginLevel"]), (event, account["marginLevel"])
    if status == "MARGIN_CALL":
        assert D(coeff["forceLiquidationBar"]) < D(event["l"]) <= D(coeff["marginCallBar"])


def check_market(sandbox: Sandbox, trade: dict, book: dict, price: str) -> None:
    """A price move's trade and book ticker sit at the price REST's ticker shows."""
    ticker = sandbox.public("/api/v3/ticker/price", symbol=trade["s"])
    assert trade["e"] == "trade" and trade["p"] == ticker["price"] and D(trade["p"]) == D(price)
    assert book["s"] == trade["s"] and book["a"] == ticker["price"] and D(book["b"]) < D(book["a"])
    assert "e" not in book  # Binance's bookTicker has no event type
