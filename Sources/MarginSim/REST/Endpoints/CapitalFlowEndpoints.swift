import BinanceMargin

/// `GET /sapi/v1/margin/capital-flow`: every movement of funds in a margin account.
enum CapitalFlowEndpoints {
    /// The longest `startTime`…`endTime` span when both are sent (Binance's rule since 2026-02): 7 days.
    static let longestSpan: Int64 = 7 * dayMilliseconds
    /// How far back rows can be queried: 90 days.
    static let reach: Int64 = 90 * dayMilliseconds
    static let spanTooLong = ExchangeError(code: -4047, message: "Time interval must be within 0-7 days")

    /// The cross account's rows, or with `symbol` the isolated pair's; filtered by `asset` and `type`. With
    /// `fromId`: rows with a greater id, oldest first; otherwise the latest rows of the window (newest first).
    /// At most `limit` (500; 1000 at most).
    static func capitalFlow(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        var account = AccountRef.cross
        if let symbol = p.string("symbol") {
            guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
            account = .isolated(symbol)
        }
        let asset = p.string("asset")
        let type = p.string("type")
        if let type, !CapitalFlowRecord.types.contains(type) {
            throw .illegalChars("type", range: CapitalFlowRecord.types.joined(separator: ", "))
        }
        let limit = try p.int("limit", in: 1...1000) ?? 500
        let start = try p.long("startTime"), end = try p.long("endTime"), fromId = try p.long("fromId")
        if let start, let end {
            guard start <= end else { throw .invalidDate }
            guard end - start <= longestSpan else { throw spanTooLong }
        }
        let from = Swift.max(start ?? 0, exchange.now.saturatingSubtracting(reach)), to = end ?? exchange.now
        let log = exchange.flows
        let key = CapitalFlowRecord.Key(account: account, asset: asset, type: type)
        let rows: [CapitalFlowRecord]
        if let fromId {
            let later = log.positions(key, fromId: fromId.saturatingAdding(1))
            rows = later.lazy.map { log[$0] }.filter { $0.time >= from && $0.time <= to }.prefix(limit).map { $0 }
        } else {
            rows = log.positions(key, from: from, to: to).suffix(limit).reversed().map { log[$0] }
        }
        return .array(rows.map { json($0) })
    }

    /// One row as Binance writes it (`symbol` for an isolated pair's rows; `amount` a plain decimal string).
    static func json(_ r: CapitalFlowRecord) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .int(r.id)), ("tranId", .int(r.tranId)), ("timestamp", .int(r.time)), ("asset", .string(r.asset)),
        ]
        if let symbol = r.account.isolatedSymbol { members.append(("symbol", .string(symbol))) }
        members.append(("type", .string(r.type)))
        members.append(("amount", .string(r.amount.normalized.description)))
        return .object(members)
    }
}
