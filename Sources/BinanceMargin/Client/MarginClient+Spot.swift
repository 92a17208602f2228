extension MarginClient {
    /// The spot wallet (`GET /api/v3/account`, USER_DATA, weight 20 on the `/api` bucket).
    ///
    /// With `omitZeroBalances`, Binance lists only assets with a non-zero balance; ``SpotAccount/balance(_:)``
    /// answers zero for the others either way.
    public func spotAccount(omitZeroBalances: Bool = false) async throws -> SpotAccount {
        var p = Parameters()
        if omitZeroBalances { p.add("omitZeroBalances", true) }
        return try await call(Endpoints.spotAccount, p, as: SpotAccount.self)
    }
}
