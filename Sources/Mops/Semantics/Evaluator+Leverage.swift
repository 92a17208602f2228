import BinanceMargin

/// `leverage` and `liquidate`: the cross account's maximum leverage, and closing positions by hand.
extension Evaluator {
    /// `leverage N`: sets the cross margin account's maximum leverage; the value is the leverage set.
    func setLeverage(_ c: LoweredExpr, _ view: AccountView, _ range: SourceRange) async throws -> Value {
        let v = try await value(c)
        guard case .number(let n) = v, let leverage = n.exactInt64.flatMap({ Int(exactly: $0) }),
              MarginClient.crossLeverages.contains(leverage) else {
            throw RuntimeFailure("the cross margin's maximum leverage is 3 or 5, not \(v.excerpt)", range, hint: "leverage 5")
        }
        let summary = "leverage \(leverage) (cross margin max-leverage)"
        try await authorize("leverage", summary, range)
        try await view.client.setMaxLeverage(leverage)
        try await completed(summary, isolated: nil, done: "set the cross margin's maximum leverage to \(leverage)")
        return .number(Number(leverage))
    }

    /// `liquidate [isolated S]`: Binance sells what the account holds to repay its debt; the value is what it
    /// answered it repaid (`asset interest principal liabilityAsset liabilityQty`, `none` where it says nothing).
    func liquidate(_ symbol: String?, _ view: AccountView, _ range: SourceRange) async throws -> Value {
        let summary = "liquidate " + (symbol.map { "isolated \($0)" } ?? "cross margin") + " (manual liquidation)"
        try await authorize("liquidate", summary, range)
        let result = try await view.client.manualLiquidation(isolatedSymbol: symbol)
        try await completed(summary, isolated: symbol, done: "liquidated \(symbol.map { "isolated \($0)" } ?? "the cross margin account") by hand")
        return .record(Record(kind: "manualLiquidation", fields: [
            ("asset", result.asset.map(Value.code) ?? .none), ("interest", result.interest.map(Value.number) ?? .none),
            ("principal", result.principal.map(Value.number) ?? .none),
            ("liabilityAsset", result.liabilityAsset.map(Value.code) ?? .none),
            ("liabilityQty", result.liabilityQty.map(Value.number) ?? .none),
        ]))
    }
}
