import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// The history endpoints answer through the record indexes (``RecordLog``) exactly what a scan of every
/// record answers: the same rows, in the same order, with the same totals and the same errors, for
/// generated histories and many generated queries — windows on and beside record times, paging past
/// the end, ids that exist and ids that do not.
@Suite("Record indexes")
struct RecordIndexTests {
    typealias Query = (Exchange, RequestParameters) throws(ExchangeError) -> JSONValue

    /// The ids of an answer's rows (under `rows` when it is an object) and its `total`, or the error.
    static func outcome(_ query: Query, _ exchange: Exchange, _ p: RequestParameters, id: String) -> String {
        do {
            var writer = JSONWriter()
            writer.write(try query(exchange, p))
            let parsed = try? JSONSerialization.jsonObject(with: Data(writer.bytes))
            let object = parsed as? [String: Any]
            let rows = (object?["rows"] ?? parsed) as? [[String: Any]] ?? []
            return "ids \(rows.map { "\($0[id] ?? "?")" }) total \(object?["total"].map { "\($0)" } ?? "-")"
        } catch {
            return "error \(error)"
        }
    }

    /// Compares the indexed answer with the scan's; counts answers with rows (a query that always comes
    /// back empty or refused would prove nothing).
    static func check(_ indexed: String, _ scanned: String, _ nonEmpty: inout Int, _ comment: Comment) {
        #expect(indexed == scanned, comment)
        if indexed.hasPrefix("ids [\""), indexed == scanned { nonEmpty += 1 }
    }

    /// A brute-force answer in the same shape: the ids of `rows` and the total.
    static func expected(_ ids: () throws(ExchangeError) -> ([Int64], Int?)) -> String {
        do {
            let (rows, total) = try ids()
            return "ids \(rows.map(String.init)) total \(total.map(String.init) ?? "-")"
        } catch {
            return "error \(error)"
        }
    }

    /// Draws a query's parameters: times on, just beside and away from record times; ids that exist or not.
    struct Draw {
        var random: SplitMix64
        let times: [Int64]
        let ids: [Int64]
        let now: Int64

        mutating func time() -> Int64 {
            guard !times.isEmpty, random.next(upTo: 5) != 0 else { return now - Int64(random.next(upTo: 3 * 86_400_000)) }
            return random.pick(times) + [-1, 0, 0, 1][Int(random.next(upTo: 4))]
        }

        mutating func id() -> Int64 {
            guard !ids.isEmpty, random.next(upTo: 4) != 0 else { return Int64(random.next(upTo: 10_000)) }
            return random.pick(ids) + [-1, 0, 0, 1][Int(random.next(upTo: 4))]
        }

        /// Heads or tails.
        mutating func coin() -> Bool { random.next(upTo: 2) == 0 }

        /// startTime / endTime (each maybe), current / size (each maybe).
        mutating func windowAndPage(_ parameters: inout [String: String]) {
            let (a, b) = (time(), time())
            if random.next(upTo: 2) == 0 { parameters["startTime"] = String(min(a, b)) }
            if random.next(upTo: 2) == 0 { parameters["endTime"] = String(random.next(upTo: 8) == 0 ? min(a, b) : max(a, b)) }
            if random.next(upTo: 2) == 0 { parameters["current"] = String(1 + random.next(upTo: 6)) }
            if random.next(upTo: 2) == 0 { parameters["size"] = String(1 + random.next(upTo: 100)) }
        }
    }

    static func draw(_ seed: UInt64, _ times: [Int64], _ ids: [Int64], _ exchange: Exchange) -> Draw {
        Draw(random: SplitMix64(seed: seed), times: times, ids: ids, now: exchange.now)
    }

    static let isolatedSymbols = ["BTCUSDT", "ETHUSDT", "BNBUSDT"]

    @Test("loans and interest: indexed answers equal a scan of every record")
    func loansAndInterest() throws {
        var nonEmpty = 0
        for seed in UInt64(1)...12 {
            var records = RandomRecords(seed: seed)
            let exchange = records.exchange(size: Int(seed) * 25)
            let loans = exchange.loanRecords.all, charges = exchange.interestRecords.all
            var draw = Self.draw(seed, loans.map(\.timestamp) + charges.map(\.time), loans.map(\.txId), exchange)
            for _ in 0..<150 {
                var parameters = ["type": draw.random.pick(["BORROW", "REPAY"])]
                if draw.coin() { parameters["asset"] = draw.random.pick(RandomRecords.assets + ["DOGE"]) }
                if draw.coin() { parameters["isolatedSymbol"] = draw.random.pick(Self.isolatedSymbols) }
                if draw.random.next(upTo: 4) == 0 { parameters["txId"] = String(draw.id()) }
                draw.windowAndPage(&parameters)
                let p = RequestParameters(parameters)
                Self.check(Self.outcome(LoanEndpoints.records, exchange, p, id: "txId"), Self.expected { () throws(ExchangeError) in try Self.scanLoans(exchange, p) }, &nonEmpty, "seed \(seed) loans \(parameters)")
                Self.check(Self.outcome(LoanEndpoints.interestHistory, exchange, p, id: "txId"), Self.expected { () throws(ExchangeError) in try Self.scanInterest(exchange, p) }, &nonEmpty, "seed \(seed) interest \(parameters)")
            }
        }
        #expect(nonEmpty > 200, "only \(nonEmpty) queries found rows")
    }

    @Test("transfers (both histories) and liquidations: indexed answers equal a scan of every record")
    func transfersAndLiquidations() throws {
        var nonEmpty = 0
        for seed in UInt64(20)...31 {
            var records = RandomRecords(seed: seed)
            let exchange = records.exchange(size: Int(seed - 19) * 25)
            let moves = exchange.transferRecords.all
            var draw = Self.draw(seed, moves.map(\.time) + exchange.liquidationRecords.all.map(\.time), [], exchange)
            for _ in 0..<150 {
                var parameters = ["type": draw.random.pick(["ROLL_IN", "ROLL_OUT", "MAIN_MARGIN", "MARGIN_ISOLATEDMARGIN", "ISOLATEDMARGIN_MARGIN"])]
                if draw.random.next(upTo: 3) == 0 { parameters["type"] = nil }
                if draw.coin() { parameters["asset"] = draw.random.pick(RandomRecords.assets) }
                if draw.coin() { parameters["isolatedSymbol"] = draw.random.pick(Self.isolatedSymbols) }
                if draw.coin() { parameters["fromSymbol"] = draw.random.pick(Self.isolatedSymbols) }
                if draw.coin() { parameters["toSymbol"] = draw.random.pick(Self.isolatedSymbols) }
                draw.windowAndPage(&parameters)
                let p = RequestParameters(parameters)
                Self.check(Self.outcome(TransferEndpoints.marginTransferHistory, exchange, p, id: "txId"), Self.expected { () throws(ExchangeError) in try Self.scanMarginTransfers(exchange, p) }, &nonEmpty, "seed \(seed) margin transfers \(parameters)")
                Self.check(Self.outcome(TransferEndpoints.universalTransferHistory, exchange, p, id: "tranId"), Self.expected { () throws(ExchangeError) in try Self.scanUniversalTransfers(exchange, p) }, &nonEmpty, "seed \(seed) universal transfers \(parameters)")
                Self.check(Self.outcome(AccountEndpoints.forceLiquidationRec, exchange, p, id: "orderId"), Self.expected { () throws(ExchangeError) in try Self.scanLiquidations(exchange, p) }, &nonEmpty, "seed \(seed) liquidations \(parameters)")
            }
        }
        #expect(nonEmpty > 200, "only \(nonEmpty) queries found rows")
    }

    @Test("trades: indexed myTrades equals a scan of every fill, by window, fromId and orderId")
    func trades() throws {
        var nonEmpty = 0
        for seed in UInt64(40)...51 {
            var records = RandomRecords(seed: seed)
            let exchange = records.exchange(size: Int(seed - 39) * 25)
            let fills = exchange.trades.all
            var draw = Self.draw(seed, fills.map(\.time), fills.map(\.id) + fills.map(\.orderId), exchange)
            for _ in 0..<150 {
                var parameters = ["symbol": draw.random.pick(RandomRecords.symbols)]
                if draw.coin() { parameters["isIsolated"] = draw.random.pick(["TRUE", "FALSE"]) }
                if draw.coin() { parameters["limit"] = String(1 + draw.random.next(upTo: 40)) }
                if draw.random.next(upTo: 3) == 0 { parameters["orderId"] = String(draw.id()) }
                if draw.random.next(upTo: 3) == 0 { parameters["fromId"] = String(draw.id()) }
                draw.windowAndPage(&parameters)
                let p = RequestParameters(parameters)
                Self.check(Self.outcome(OrderEndpoints.myTrades, exchange, p, id: "id"), Self.expected { () throws(ExchangeError) in try Self.scanTrades(exchange, p) }, &nonEmpty, "seed \(seed) myTrades \(parameters)")
            }
        }
        #expect(nonEmpty > 200, "only \(nonEmpty) queries found rows")
    }

    @Test("a state whose records are out of time or id order is refused, naming the record")
    func disorderIsRefused() throws {
        var records = RandomRecords(seed: 77)
        var exchange = records.exchange(size: 30)
        var loans = exchange.loanRecords.all
        try #require(loans.count > 3)
        loans[2].timestamp = loans[1].timestamp - 1
        exchange.loanRecords = RecordLog(loans)
        let state = PersistedState(exchange: exchange, clockOffset: 0)
        #expect(throws: ImplausibleState.self) {
            do { try state.validate(clockNow: exchange.now, offset: 0) } catch let error as ImplausibleState {
                #expect(error.field == "exchange.loanRecords[2].timestamp", "\(error)")
                throw error
            }
        }
    }

    // The scans: the history endpoints as they were before the indexes (every record filtered).

    static func scanLoans(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> ([Int64], Int?) {
        guard let type = try p.choice("type", LoanEndpoints.LoanType.self) else { throw .mandatory("type") }
        let kind: LoanRecord.Kind = type == .borrow ? .borrow : .repay
        let asset = p.string("asset")
        let account = try p.accountByIsolatedSymbol()
        let page = try p.page()
        var rows = exchange.loanRecords.all.reversed().filter { $0.kind == kind && $0.account == account }
        if let asset { rows = rows.filter { $0.asset == asset } }
        if let txId = try p.long("txId") {
            rows = rows.filter { $0.txId == txId }
        } else {
            let span = (asset == nil ? 7 : 30) * dayMilliseconds
            let end = try p.long("endTime") ?? exchange.now
            var start = try p.long("startTime") ?? (end - span)
            start = max(start, end - span)
            rows = rows.filter { $0.timestamp >= start && $0.timestamp <= end }
        }
        return (page.slice(rows).map(\.txId), rows.count)
    }

    static func scanInterest(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> ([Int64], Int?) {
        let account = try p.accountByIsolatedSymbol()
        let asset = p.string("asset")
        let window = try p.window(now: exchange.now, defaultSpan: 7 * dayMilliseconds, maxSpan: 30 * dayMilliseconds,
                                  startOnlyEndsNow: true)
        let page = try p.page()
        let rows = exchange.interestRecords.all.reversed().filter {
            $0.account == account && window.contains($0.time) && (asset == nil || $0.asset == asset)
        }
        return (page.slice(rows).map(\.txId), rows.count)
    }

    static func scanMarginTransfers(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> ([Int64], Int?) {
        let account = try p.accountByIsolatedSymbol()
        let asset = p.string("asset")
        let direction = p.string("type")
        if let direction, direction != "ROLL_IN", direction != "ROLL_OUT" {
            throw .illegalChars("type", range: "ROLL_IN, ROLL_OUT")
        }
        let window = try p.window(now: exchange.now, defaultSpan: 7 * dayMilliseconds, maxSpan: 30 * dayMilliseconds)
        let page = try p.page()
        let rows = exchange.transferRecords.all.reversed().filter { r in
            (r.from == account || r.to == account) && window.contains(r.time) && (asset == nil || r.asset == asset)
                && (direction == nil || (direction == "ROLL_IN") == (r.to == account))
        }
        return (page.slice(rows).map(\.txId), rows.count)
    }

    static func scanUniversalTransfers(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> ([Int64], Int?) {
        let type = try p.required("type")
        let window = try p.window(now: exchange.now, defaultSpan: 7 * dayMilliseconds, maxSpan: 30 * dayMilliseconds)
        let page = try p.page()
        let rows = exchange.transferRecords.all.reversed().filter {
            $0.universalType == type && window.contains($0.time)
                && (p.string("fromSymbol") == nil || $0.from.isolatedSymbol == p.string("fromSymbol"))
                && (p.string("toSymbol") == nil || $0.to.isolatedSymbol == p.string("toSymbol"))
        }
        return (page.slice(rows).map(\.txId), rows.count)
    }

    static func scanLiquidations(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> ([Int64], Int?) {
        let account = try p.accountByIsolatedSymbol()
        let window = try p.window(now: exchange.now, defaultSpan: 7 * dayMilliseconds, maxSpan: nil)
        let page = try p.page()
        let rows = exchange.liquidationRecords.all.reversed().filter { $0.account == account && window.contains($0.time) }
        return (page.slice(rows).map(\.orderId), rows.count)
    }

    static func scanTrades(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> ([Int64], Int?) {
        let symbol = try p.required("symbol")
        guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
        let account = try p.marginAccount()
        let limit = try p.int("limit", in: 1...1000) ?? 500
        var rows = exchange.trades.all.filter { $0.symbol == symbol && $0.isIsolated == (account != .cross) }
        if case .isolated(let s) = account {
            let ids = Set(exchange.orders.filter { $0.account == .isolated(s) }.map(\.orderId))
            rows = rows.filter { ids.contains($0.orderId) }
        }
        if let orderId = try p.long("orderId") { rows = rows.filter { $0.orderId == orderId } }
        if let fromId = try p.long("fromId") {
            rows = rows.filter { $0.id >= fromId }
        } else if p.string("orderId") == nil {
            let window = try p.window(now: exchange.now, defaultSpan: dayMilliseconds, maxSpan: dayMilliseconds)
            rows = rows.filter { window.contains($0.time) }
        }
        return (rows.prefix(limit).map(\.id), nil)
    }
}
