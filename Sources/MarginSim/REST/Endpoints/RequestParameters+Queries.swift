import BinanceMargin

extension RequestParameters {
    /// The margin account named by `isIsolated` (+ `symbol`, mandatory when isolated).
    func marginAccount() throws(ExchangeError) -> AccountRef {
        guard try bool("isIsolated", default: false) else { return .cross }
        let symbol = try required("symbol")
        guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
        return .isolated(symbol)
    }

    /// The account named by `isolatedSymbol` (cross when absent).
    func accountByIsolatedSymbol() throws(ExchangeError) -> AccountRef {
        guard let symbol = string("isolatedSymbol") else { return .cross }
        guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
        return .isolated(symbol)
    }

    /// A history window: `[startTime, endTime]` with Binance's defaults and its longest span.
    ///
    /// With only `startTime`, the window runs from it for `maxSpan` — or, with `startOnlyEndsNow`
    /// (interestHistory's rule), from `max(startTime, now − maxSpan)` to now.
    func window(now: Int64, defaultSpan: Int64, maxSpan: Int64?, startOnlyEndsNow: Bool = false) throws(ExchangeError) -> ClosedRange<Int64> {
        let start = try long("startTime"), end = try long("endTime")
        var from: Int64, to: Int64
        switch (start, end) {
        case (nil, nil): to = now; from = now - defaultSpan
        case (let s?, nil) where startOnlyEndsNow: to = now; from = maxSpan.map { max(s, now - $0) } ?? s
        case (let s?, nil): from = s; to = maxSpan.map { s >= now ? now : min(now, s + $0) } ?? now   // no Int64 overflow
        case (nil, let e?): to = e; from = e - defaultSpan
        case (let s?, let e?): from = s; to = e
        }
        guard from <= to else { throw .invalidDate }
        if let maxSpan, to - from > maxSpan { throw .tooManyHours(Int(maxSpan / 3_600_000)) }
        return from...to
    }

    /// `current` / `size` paging (size at most `maxSize`).
    func page(maxSize: Int = 100, defaultSize: Int = 10) throws(ExchangeError) -> Page {
        Page(current: try int("current", in: 1...Int(Int32.max)) ?? 1, size: try int("size", in: 1...maxSize) ?? defaultSize)
    }
}

/// Milliseconds in a day.
let dayMilliseconds: Int64 = 86_400_000
