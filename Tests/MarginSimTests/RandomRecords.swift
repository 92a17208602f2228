import BinanceMargin
@testable import MarginSim

/// Seeded random engine records for the snapshot and index tests: every field drawn (optionals both nil
/// and set, numbers of every scale and some beyond 64 bits), times not decreasing and ids increasing, as
/// the engine appends them. Few symbols, assets and accounts, so queries find matches and edge windows.
struct RandomRecords {
    var random: SplitMix64
    var time: Int64 = 1_767_225_600_000
    var nextId: Int64 = 1_000

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    static let symbols = ["BTCUSDT", "ETHUSDT", "BNBUSDT"]
    static let assets = ["BTC", "ETH", "USDT", "BNB"]
    static let accounts: [AccountRef] = [.spot, .cross, .isolated("BTCUSDT"), .isolated("ETHUSDT")]
    static let marginAccounts: [AccountRef] = [.cross, .isolated("BTCUSDT"), .isolated("ETHUSDT")]

    mutating func pick<T>(_ choices: [T]) -> T { random.pick(choices) }
    mutating func flag() -> Bool { random.next(upTo: 2) == 1 }

    /// A time at or after the last one (often equal, so ties are exercised).
    mutating func tick() -> Int64 {
        time += [0, 0, 1, 7, 1_000, 3_600_000][Int(random.next(upTo: 6))]
        return time
    }

    mutating func id() -> Int64 {
        nextId += 1 + Int64(random.next(upTo: 3))
        return nextId
    }

    mutating func number() -> Number {
        let scale = Int(random.next(upTo: 39))
        let wide = random.next(upTo: 8) == 0
        var significand = Int128(Int64(bitPattern: random.next()) >> Int(random.next(upTo: 64)))
        if wide { significand = significand * 1_000_000_000_000_000_000 + Int128(random.next(upTo: 1_000_000_000)) }
        if significand.magnitude > Number.maxSignificand.magnitude { significand = Number.maxSignificand }
        return (try? Number(significand: significand, scale: scale)) ?? .zero
    }

    mutating func text() -> String {
        let pieces = ["a", "Z", "9", "-", "_", "é", "€", "漢", "😀", " ", "\"", "\\"]
        return (0..<Int(random.next(upTo: 24))).map { _ in pick(pieces) }.joined()
    }

    mutating func optionalText() -> String? { flag() ? text() : nil }

    mutating func order() -> ExchangeOrder {
        let symbol = pick(Self.symbols)
        let account: AccountRef = flag() ? .cross : .isolated(symbol)
        let placed = tick()
        return ExchangeOrder(
            orderId: id(), clientOrderId: flag() ? "c\(random.next(upTo: 50))" : text(), symbol: symbol, account: account,
            side: pick(MarginSim.Side.allCases), type: pick(MarginSim.OrderType.allCases), timeInForce: pick(MarginSim.TimeInForce.allCases),
            price: number(), origQty: number(), executedQty: number(), cummulativeQuoteQty: number(), stopPrice: number(),
            icebergQty: number(), status: pick([.new, .partiallyFilled, .filled, .canceled, .rejected, .expired]),
            isWorking: flag(), time: placed, updateTime: placed + Int64(random.next(upTo: 5_000)),
            sideEffect: pick(MarginSim.SideEffect.allCases), autoRepayAtCancel: flag(), selfTradePreventionMode: pick(["NONE", "EXPIRE_TAKER"]),
            borrowedAmount: number(), borrowAsset: flag() ? pick(Self.assets) : nil, lockedAmount: number(),
            lockedAsset: flag() ? pick(Self.assets) : nil, cancelClientOrderId: optionalText())
    }

    /// A trade of one of `orders` (or of an order id no order has, now and then).
    mutating func trade(of orders: [ExchangeOrder]) -> ExchangeTrade {
        let order = orders.isEmpty || random.next(upTo: 10) == 0 ? nil : pick(orders)
        return ExchangeTrade(
            id: id(), orderId: order?.orderId ?? id(), symbol: order?.symbol ?? pick(Self.symbols),
            isIsolated: order.map { $0.account != .cross } ?? flag(), price: number(), qty: number(), quoteQty: number(),
            commission: number(), commissionAsset: pick(Self.assets), time: tick(), isBuyer: flag(), isMaker: flag())
    }

    mutating func loan() -> LoanRecord {
        LoanRecord(kind: flag() ? .borrow : .repay, origin: pick(["MANUAL", "AUTO"]), account: pick(Self.marginAccounts),
                   asset: pick(Self.assets), amount: number(), interest: number(), principal: number(), timestamp: tick(), txId: id())
    }

    mutating func interest() -> MarginSim.InterestRecord {
        MarginSim.InterestRecord(txId: id(), time: tick(), account: pick(Self.marginAccounts), asset: pick(Self.assets), principal: number(),
                       interest: number(), dailyRate: number(), type: pick(["ON_BORROW", "PERIODIC"]))
    }

    mutating func transfer() -> TransferRecord {
        let from = pick(Self.accounts)
        var to = pick(Self.accounts)
        if to == from { to = from == .spot ? .cross : .spot }
        return TransferRecord(txId: id(), time: tick(), asset: pick(Self.assets), amount: number(), from: from, to: to,
                              universalType: pick(["MAIN_MARGIN", "MARGIN_MAIN", "MARGIN_ISOLATEDMARGIN", "ISOLATEDMARGIN_MARGIN"]))
    }

    mutating func liquidation() -> LiquidationRecord {
        LiquidationRecord(orderId: id(), time: tick(), account: pick(Self.marginAccounts), symbol: pick(Self.symbols),
                          side: pick(MarginSim.Side.allCases), price: number(), qty: number())
    }

    /// An exchange of the default scenario holding about `size` records of each kind, appended in time order.
    mutating func exchange(size: Int) -> Exchange {
        var exchange = Exchange(scenario: .default, time: time, seed: random.next())
        var orders: [ExchangeOrder] = []
        for _ in 0..<(size * 6) {
            switch random.next(upTo: 6) {
            case 0: let o = order(); orders.append(o); exchange.orders.append(o)
            case 1: exchange.trades.append(trade(of: orders))
            case 2: exchange.loanRecords.append(loan())
            case 3: exchange.interestRecords.append(interest())
            case 4: exchange.transferRecords.append(transfer())
            default: exchange.liquidationRecords.append(liquidation())
            }
        }
        exchange.now = time
        exchange.nextInterestHour = Exchange.hourAfter(time)
        return exchange
    }
}
