import Foundation
import Logging

/// Simulator control (`/sim/*`, docs/CONTRACTS.md). Every call is refused with a clear error when
/// the client points at live Binance.
extension MarginClient {
    /// Sets `symbol`'s price (`POST /sim/price`).
    public func simSetPrice(symbol: String, price: Number) async throws {
        try InputValidation.symbol(symbol, field: "symbol")
        try InputValidation.amount(price, field: "price")
        var p = Parameters()
        p.add("symbol", symbol)
        p.add("price", price)
        _ = try await call(Endpoints.simPrice, p, as: IgnoredResponse.self)
    }

    /// Moves `symbol`'s price by `percent` (e.g. -20) and returns the new price (`POST /sim/shock`).
    public func simShock(symbol: String, percent: Number) async throws -> Number {
        try InputValidation.symbol(symbol, field: "symbol")
        var p = Parameters()
        p.add("symbol", symbol)
        p.add("percent", percent)
        return try await call(Endpoints.simShock, p, as: SimPriceResponse.self).price
    }

    /// Starts a seeded random walk of `symbol`'s price on each clock advance (`POST /sim/walk`).
    public func simWalk(symbol: String, volatility: Number, seed: Int64) async throws {
        try InputValidation.symbol(symbol, field: "symbol")
        var p = Parameters()
        p.add("symbol", symbol)
        p.add("volatility", volatility)
        p.add("seed", seed)
        _ = try await call(Endpoints.simWalk, p, as: IgnoredResponse.self)
    }

    /// Advances the simulator's clock (interest, fills, liquidations run) and returns its new time (`POST /sim/clock`);
    /// the client adopts that time for its signed requests. When the answer's time cannot be adopted (an implausible
    /// `serverTime`), the clock has already moved on the server: the error is an unknown outcome saying so.
    public func simAdvanceClock(milliseconds: Int64) async throws -> Int64 {
        try await simAdvance(milliseconds: milliseconds).serverTime
    }

    /// ``simAdvanceClock(milliseconds:)`` with all the answer says: during a replay, whether the advance reached
    /// past the series' end (the clock then stops at the last close; docs/replay.md).
    public func simAdvance(milliseconds: Int64) async throws -> SimClockAdvance {
        guard milliseconds >= 0 else {
            throw BinanceError.invalidInput("milliseconds", "the clock only moves forward; got \(milliseconds) ms")
        }
        let sentAt = configuration.clock.now()
        let advance: SimClockAdvance
        if let control = directControl {
            advance = try await advanceDirectly(milliseconds: milliseconds, through: control)
        } else {
            var p = Parameters()
            p.add("advanceMs", milliseconds)
            let answer = try await call(Endpoints.simClock, p, as: SimClockResponse.self)
            advance = SimClockAdvance(serverTime: answer.serverTime, replayEnd: answer.replayEnd, replayEnded: answer.replayEnded ?? false)
        }
        let serverTime = advance.serverTime
        // The simulator's clock jumped: adopt its new time so the next signed request is not stale.
        do {
            try timeSync.record(serverTime: serverTime, sentAt: sentAt, receivedAt: sentAt)
        } catch {
            throw BinanceError(category: error.category, message: "the simulator's clock advance was sent and answered, but its new time \(serverTime) ms cannot be adopted: \(error.message)",
                               endpoint: "POST /sim/clock", outcomeUnknown: true,
                               hint: "the clock may have moved: read the simulator's time (GET /api/v3/time) before advancing it again")
        }
        return advance
    }

    /// The transport's ``DirectSimulatorControl`` when the client may use it: not while an observer or a debug log
    /// watches requests (they see `POST /sim/clock` go by, as over the network).
    private var directControl: (any DirectSimulatorControl)? {
        guard configuration.observer == nil, logger.logLevel > .debug else { return nil }
        return configuration.transport.simulatorControl
    }

    /// `POST /sim/clock` through `control`: what ``execute(_:_:delivery:)`` does for it — counted as a control,
    /// refused on live Binance, held by a rate-limit wait — without encoding it; a refusal is mapped as its answer
    /// would be (the endpoint is a POST: never retried).
    private func advanceDirectly(milliseconds: Int64, through control: any DirectSimulatorControl) async throws -> SimClockAdvance {
        let endpoint = Endpoints.simClock
        try checkAllowed(endpoint)
        simulatorControls.increment()
        try await passRateLimitGate(endpoint)
        switch await control.advanceClock(milliseconds: milliseconds) {
        case .success(let advance):
            return advance
        case .failure(let refusal):
            let now = configuration.clock.now()
            rateLimitUsage.record(headers: refusal.response.headers, at: now)
            throw mapError(refusal.response, endpoint, at: now)
        }
    }

    /// Starts replaying the kline CSV files at `files` — paths on the simulator's machine — (`POST /sim/replay`):
    /// the simulator resets to its scenario at the first candle's open and its clock then moves only when advanced.
    /// A bad file is refused (-1130) with its `FILE:LINE:COLUMN: problem (hint)`.
    public func simReplay(files: [String], symbol: String? = nil) async throws -> SimReplay {
        guard !files.isEmpty, files.allSatisfy({ !$0.isEmpty && !$0.contains(",") }) else {
            throw BinanceError.invalidInput("files", "name one or more kline files; a path may not contain a comma")
        }
        if let symbol { try InputValidation.symbol(symbol, field: "symbol") }
        var p = Parameters()
        p.add("files", files.joined(separator: ","))
        p.add("symbol", symbol)
        let started = try await call(Endpoints.simReplay, p, as: SimReplay.self)
        symbolCache.removeAll()
        timeSync.invalidate()
        return started
    }

    /// Credits `amount` of `asset` to an account (`POST /sim/deposit`); returns the new free balance when reported.
    @discardableResult
    public func simDeposit(asset: String, amount: Number, account: SimAccount = .spot, symbol: String? = nil) async throws -> Number? {
        try InputValidation.asset(asset)
        try InputValidation.amount(amount)
        if account == .isolated && symbol == nil {
            throw BinanceError.invalidInput("symbol", "a deposit into an isolated account needs the pair's symbol")
        }
        if let symbol { try InputValidation.symbol(symbol, field: "symbol") }
        var p = Parameters()
        p.add("asset", asset)
        p.add("amount", amount)
        p.add("account", account.rawValue)
        p.add("symbol", symbol)
        return try await call(Endpoints.simDeposit, p, as: SimDepositResponse.self).free
    }

    /// Resets the simulator to `scenario` (or its default) (`POST /sim/reset`).
    public func simReset(scenario: String? = nil) async throws {
        var p = Parameters()
        p.add("scenario", scenario)
        _ = try await call(Endpoints.simReset, p, as: IgnoredResponse.self)
        symbolCache.removeAll()
        timeSync.invalidate()
    }

    /// The simulator's whole state as JSON (`GET /sim/state`).
    public func simState() async throws -> Data {
        try await execute(Endpoints.simState).body
    }

    /// Injects a fault for the next `count` requests whose path starts with `path` (`POST /sim/fault`).
    public func simFault(_ kind: SimFaultKind, path: String? = nil, count: Int = 1, milliseconds: Int64? = nil,
                         status: Int? = nil) async throws {
        guard count >= 1 else { throw BinanceError.invalidInput("count", "count must be at least 1, got \(count)") }
        var p = Parameters()
        p.add("kind", kind.rawValue)
        p.add("path", path)
        p.add("count", count)
        p.add("ms", milliseconds)
        p.add("status", status)
        _ = try await call(Endpoints.simFault, p, as: IgnoredResponse.self)
    }
}
