extension MarginClient {
    /// The cross margin account (`GET /sapi/v1/margin/account`).
    ///
    /// The answer in its plain form is read straight from its bytes (``CrossMarginAccount/init(plainJSON:)``,
    /// the account being what guard scripts read every minute); any other answer goes to `JSONDecoder`,
    /// which accepts or rejects it as it does every answer.
    public func crossAccount() async throws -> CrossMarginAccount {
        let response = try await execute(Endpoints.crossAccount)
        if let account = CrossMarginAccount(plainJSON: response.body, memo: &userAssetsMemo) { return account }
        return try decode(CrossMarginAccount.self, from: response, Endpoints.crossAccount)
    }

    /// Isolated margin pairs (`GET /sapi/v1/margin/isolated/account`): up to 5 `symbols`, or all with totals.
    public func isolatedAccounts(symbols: [String]? = nil) async throws -> IsolatedMarginAccounts {
        var p = Parameters()
        if let symbols, !symbols.isEmpty {
            guard symbols.count <= 5 else {
                throw BinanceError.invalidInput("symbols", "at most 5 symbols may be asked for at once, got \(symbols.count)",
                    hint: "ask in groups of 5, or omit symbols to get every pair")
            }
            for symbol in symbols { try InputValidation.symbol(symbol, field: "symbols") }
            p.add("symbols", symbols.joined(separator: ","))
        }
        return try await call(Endpoints.isolatedAccount, p, as: IsolatedMarginAccounts.self)
    }

    /// How much of `asset` may be borrowed now, cross or in the isolated pair (`GET /sapi/v1/margin/maxBorrowable`).
    public func maxBorrowable(asset: String, isolatedSymbol: String? = nil) async throws -> MaxBorrowable {
        try await call(Endpoints.maxBorrowable, try MarginClient.assetParameters(asset, isolatedSymbol), as: MaxBorrowable.self)
    }

    /// How much of `asset` may be transferred out now (`GET /sapi/v1/margin/maxTransferable`).
    public func maxTransferable(asset: String, isolatedSymbol: String? = nil) async throws -> Number {
        try await call(Endpoints.maxTransferable, try MarginClient.assetParameters(asset, isolatedSymbol), as: AmountResponse.self).amount
    }

    static func assetParameters(_ asset: String, _ isolatedSymbol: String?) throws -> Parameters {
        try InputValidation.asset(asset)
        if let isolatedSymbol { try InputValidation.symbol(isolatedSymbol, field: "isolatedSymbol") }
        var p = Parameters()
        p.add("asset", asset)
        p.add("isolatedSymbol", isolatedSymbol)
        return p
    }
}
