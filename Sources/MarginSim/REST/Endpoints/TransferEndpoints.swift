import BinanceMargin

/// Spot ↔ cross ↔ isolated transfers and their history.
enum TransferEndpoints {
    /// `POST /sapi/v1/margin/transfer`: type 1 = spot → cross, 2 = cross → spot.
    static func marginTransfer(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let asset = try p.required("asset")
        let amount = try p.requiredNumber("amount")
        let kind: TransferKind
        switch try p.required("type") {
        case "1": kind = .mainToMargin
        case "2": kind = .marginToMain
        default: throw .illegalChars("type", range: "1, 2")
        }
        let txId = try exchange.transfer(kind, asset: asset, amount: amount, fromSymbol: nil, toSymbol: nil,
                                         insufficient: .balanceNotEnough)
        return .object([("tranId", .int(txId))])
    }

    /// `POST /sapi/v1/asset/transfer` for the margin types.
    static func universalTransfer(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let typeName = try p.required("type")
        let asset = try p.required("asset")
        let amount = try p.requiredNumber("amount")
        guard let kind = TransferKind(universal: typeName) else { throw .invalidParameter("type") }
        let txId = try exchange.transfer(kind, asset: asset, amount: amount, fromSymbol: p.string("fromSymbol"),
                                         toSymbol: p.string("toSymbol"), insufficient: .transferInsufficient)
        return .object([("tranId", .int(txId))])
    }

    /// `GET /sapi/v1/margin/transfer`: ROLL_IN / ROLL_OUT of the cross account, or of `isolatedSymbol`.
    static func marginTransferHistory(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let account = try p.accountByIsolatedSymbol()
        let asset = p.string("asset")
        let direction = p.string("type")
        if let direction, direction != "ROLL_IN", direction != "ROLL_OUT" {
            throw .illegalChars("type", range: "ROLL_IN, ROLL_OUT")
        }
        let window = try p.window(now: exchange.now, defaultSpan: 7 * dayMilliseconds, maxSpan: 30 * dayMilliseconds)
        let page = try p.page()
        let log = exchange.transferRecords
        let key = TransferRecord.Key.account(account, rollIn: direction.map { $0 == "ROLL_IN" }, asset: asset)
        let positions = log.positions(key, from: window.lowerBound, to: window.upperBound)
        let place = { (a: AccountRef) -> String in
            switch a { case .spot: "SPOT"; case .cross: "CROSS_MARGIN"; case .isolated: "ISOLATED_MARGIN" }
        }
        return .object([
            ("rows", .array(page.newestFirst(positions).map { log[$0] }.map { r in
                var members: [(String, JSONValue)] = [
                    ("amount", .decimal(r.amount)), ("asset", .string(r.asset)), ("status", .string("CONFIRMED")),
                    ("timestamp", .int(r.time)), ("txId", .int(r.txId)),
                    ("type", .string(r.to == account ? "ROLL_IN" : "ROLL_OUT")),
                    ("transFrom", .string(place(r.from))), ("transTo", .string(place(r.to))),
                ]
                if let s = r.from.isolatedSymbol { members.append(("fromSymbol", .string(s))) }
                if let s = r.to.isolatedSymbol { members.append(("toSymbol", .string(s))) }
                return .object(members)
            })),
            ("total", .int(positions.count)),
        ])
    }

    /// `GET /sapi/v1/asset/transfer` for one universal type.
    static func universalTransferHistory(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let type = try p.required("type")
        let window = try p.window(now: exchange.now, defaultSpan: 7 * dayMilliseconds, maxSpan: 30 * dayMilliseconds)
        let page = try p.page()
        let log = exchange.transferRecords
        let key = TransferRecord.Key.universal(type, fromSymbol: p.string("fromSymbol"), toSymbol: p.string("toSymbol"))
        let positions = log.positions(key, from: window.lowerBound, to: window.upperBound)
        return .object([
            ("total", .int(positions.count)),
            ("rows", .array(page.newestFirst(positions).map { log[$0] }.map { r in
                .object([("asset", .string(r.asset)), ("amount", .decimal(r.amount)), ("type", .string(r.universalType)),
                         ("status", .string("CONFIRMED")), ("tranId", .int(r.txId)), ("timestamp", .int(r.time))])
            })),
        ])
    }
}
