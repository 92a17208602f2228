"""Shared fixtures for the real-client conformance tests against `mops sim serve`.

run.sh starts the sandbox and exports MOPS_SIM_URL, MOPS_SIM_API_KEY and MOPS_SIM_API_SECRET.
Every test starts from the same known state (reset, fixed prices, known deposits) set through the
simulator's /sim/* control endpoints, and checks effects through a neutral signed reader that is
independent of the client under test, so a client and the server cannot agree on a wrong answer.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import time
import urllib.parse
from decimal import Decimal

import pytest
import requests

BASE = os.environ.get("MOPS_SIM_URL", "").rstrip("/")
API_KEY = os.environ.get("MOPS_SIM_API_KEY", "")
API_SECRET = os.environ.get("MOPS_SIM_API_SECRET", "")

BTC_PRICE = Decimal("60000")
ETH_PRICE = Decimal("3000")
MARGIN_USDT = Decimal("10000")
SPOT_USDT = Decimal("5000")
ISOLATED_USDT = Decimal("2000")


def D(value) -> Decimal:
    """An exact decimal from a JSON string (or int); never from a float."""
    assert not isinstance(value, float), f"expected a decimal string, got the float {value!r}"
    return Decimal(str(value))


class Sandbox:
    """A neutral view of the sandbox: its control endpoints and a minimal HMAC signer."""

    def __init__(self) -> None:
        if not BASE:
            pytest.exit("MOPS_SIM_URL is not set: run scripts/conformance/run.sh", returncode=2)
        self.session = requests.Session()

    def control(self, path: str, **params) -> dict:
        response = self.session.post(f"{BASE}/sim/{path}", data=params, timeout=10)
        assert response.status_code == 200, f"/sim/{path} {params}: {response.status_code} {response.text}"
        return response.json()

    def public(self, path: str, **params):
        response = self.session.get(f"{BASE}{path}", params=params, timeout=10)
        assert response.status_code == 200, f"{path}: {response.status_code} {response.text}"
        return response.json()

    def signed(self, method: str, path: str, **params):
        params["timestamp"] = int(time.time() * 1000)
        query = urllib.parse.urlencode(params)
        signature = hmac.new(API_SECRET.encode(), query.encode(), hashlib.sha256).hexdigest()
        response = self.session.request(
            method, f"{BASE}{path}?{query}&signature={signature}",
            headers={"X-MBX-APIKEY": API_KEY}, timeout=10,
        )
        assert response.status_code == 200, f"{method} {path}: {response.status_code} {response.text}"
        return response.json()

    # Reads used to check what a client did.

    def cross_asset(self, asset: str) -> dict:
        account = self.signed("GET", "/sapi/v1/margin/account")
        rows = [row for row in account["userAssets"] if row["asset"] == asset]
        if not rows:
            return {"asset": asset, "free": "0", "locked": "0", "borrowed": "0", "interest": "0", "netAsset": "0"}
        return rows[0]

    def isolated_quote(self, symbol: str) -> dict:
        account = self.signed("GET", "/sapi/v1/margin/isolated/account", symbols=symbol)
        pair = next(a for a in account["assets"] if a["symbol"] == symbol)
        return pair["quoteAsset"]

    def order(self, symbol: str, order_id: int) -> dict:
        return self.signed("GET", "/sapi/v1/margin/order", symbol=symbol, orderId=order_id)

    def open_order_ids(self, symbol: str) -> set[int]:
        return {o["orderId"] for o in self.signed("GET", "/sapi/v1/margin/openOrders", symbol=symbol)}

    def order_list(self, order_list_id: int) -> dict:
        return self.signed("GET", "/sapi/v1/margin/orderList", orderListId=order_list_id)

    def open_order_list_ids(self) -> list[int]:
        return [row["orderListId"] for row in self.signed("GET", "/sapi/v1/margin/openOrderList")]

    def check_oco_placed(self, answer: dict, list_client_order_id: str) -> None:
        """A BUY OCO of 0.001 at 59000 / stop 61000 as Binance answers it, and as the sandbox then holds it."""
        assert (answer["contingencyType"], answer["listStatusType"], answer["listOrderStatus"]) == ("OCO", "EXEC_STARTED", "EXECUTING")
        assert answer["listClientOrderId"] == list_client_order_id and answer["isIsolated"] is False
        assert [r["type"] for r in answer["orderReports"]] == ["STOP_LOSS_LIMIT", "LIMIT_MAKER"]  # the stop leg first
        assert [r["status"] for r in answer["orderReports"]] == ["NEW", "NEW"]
        assert D(answer["orderReports"][0]["stopPrice"]) == 61000 and D(answer["orderReports"][1]["price"]) == 59000
        held = self.order_list(answer["orderListId"])
        assert held["listOrderStatus"] == "EXECUTING" and [o["orderId"] for o in held["orders"]] == [o["orderId"] for o in answer["orders"]]
        assert self.open_order_list_ids() == [answer["orderListId"]]
        assert {o["orderId"] for o in answer["orders"]} == self.open_order_ids("BTCUSDT")
        # One lock for both legs: 0.001 × 61100 (the stop leg's limit price, the larger).
        assert D(self.cross_asset("USDT")["locked"]) == D("61.1")

    def check_oco_cancelled(self, answer: dict, order_list_id: int) -> None:
        assert answer["orderListId"] == order_list_id and answer["listOrderStatus"] == "ALL_DONE"
        assert [r["status"] for r in answer["orderReports"]] == ["CANCELED", "CANCELED"]
        assert self.order_list(order_list_id)["listStatusType"] == "ALL_DONE"
        assert self.open_order_list_ids() == [] and self.open_order_ids("BTCUSDT") == set()
        assert D(self.cross_asset("USDT")["locked"]) == 0

    def debt(self, row: dict) -> Decimal:
        return D(row["borrowed"]) + D(row["interest"])

    def fresh_state(self) -> None:
        """The known starting point of every test."""
        self.control("reset", scenario="empty")
        self.control("price", symbol="BTCUSDT", price=str(BTC_PRICE))
        self.control("price", symbol="ETHUSDT", price=str(ETH_PRICE))
        self.control("deposit", asset="USDT", amount=str(MARGIN_USDT), account="MARGIN")
        self.control("deposit", asset="USDT", amount=str(SPOT_USDT), account="SPOT")
        self.control("deposit", asset="USDT", amount=str(ISOLATED_USDT), account="ISOLATED", symbol="BTCUSDT")


@pytest.fixture(scope="session")
def sandbox() -> Sandbox:
    return Sandbox()


@pytest.fixture(autouse=True)
def fresh(sandbox: Sandbox) -> Sandbox:
    sandbox.fresh_state()
    return sandbox
