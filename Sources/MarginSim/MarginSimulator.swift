import BinanceMargin
import Foundation

/// The simulated Binance margin exchange: engine, REST handler, faults and (optionally) durable state.
///
/// Requests go in as ``TransportRequest``s and come back as Binance's responses — the same bytes,
/// headers, statuses and error codes as `api.binance.com` — so every client reaches it the way it
/// reaches Binance: in process through ``InProcessTransport``, or over HTTP through `mops sim serve`.
/// Time comes only from the injected ``SimClock`` (plus `/sim/clock` advances) and randomness only
/// from the seed, so a run is reproducible.
public actor MarginSimulator {
    private var exchange: Exchange
    private var scenario: Scenario
    private let seed: UInt64
    private let clock: any SimClock
    private var clockOffset: Int64 = 0
    /// The API keys in force; read outside the actor to check signatures (``Keyring``).
    nonisolated let keyring: Keyring
    private var limiter = RateLimiter()
    private var faults: [Fault] = []
    private let stateFile: StateFile?

    /// A simulator in memory, starting from `scenario` at the clock's current time.
    ///
    /// The default clock, ``RunningClock``, starts at 2026-01-01T00:00:00Z and runs in real time, so
    /// a client signing with its own clock stays inside recvWindow and a script shorter than an hour
    /// sees the same hourly interest on every run. Pass a ``ManualClock`` for time that stands still.
    ///
    /// API keys the scenario cannot express (an unreadable Ed25519 key) are left out; use
    /// ``Scenario/load(json:)`` to have such problems reported.
    public init(scenario: Scenario = .default, clock: any SimClock = RunningClock(), seed: UInt64 = 1) {
        self.scenario = scenario
        self.seed = seed
        self.clock = clock
        self.exchange = Exchange(scenario: scenario, time: clock.nowMilliseconds(), seed: seed)
        self.keyring = Keyring(MarginSimulator.authenticator(for: scenario))
        self.stateFile = nil
    }

    /// A durable simulator: loads `stateFile` if it exists (else starts from `scenario` and creates it),
    /// and writes every acknowledged change to it before answering.
    ///
    /// The simulator is the file's only writer while it lives (an advisory lock on `FILE.lock`):
    /// a second simulator on the same file, in this process or another, gets ``StateFileInUse``.
    /// A state with an implausible time, interest hour, walk step or offset gets ``ImplausibleState``.
    public init(stateFile: URL, scenario: Scenario = .default, seed: UInt64 = 1,
                clock: any SimClock = SystemClock()) throws {
        let file = try StateFile(url: stateFile)
        self.scenario = scenario
        self.seed = seed
        self.clock = clock
        self.keyring = Keyring(MarginSimulator.authenticator(for: scenario))
        self.stateFile = file
        if let saved = try file.load() {
            // Time never runs backwards: keep the saved offset, or more if the clock is behind the state.
            let clockNow = clock.nowMilliseconds()
            let offset = max(saved.clockOffset, saved.exchange.now.saturatingSubtracting(clockNow))
            try saved.validate(clockNow: clockNow, offset: offset)
            exchange = saved.exchange
            // A `/sim/reset scenario=NAME` before the restart chose the scenario later resets return to.
            if saved.exchange.scenarioName != scenario.name, var named = Scenario.named(saved.exchange.scenarioName) {
                named.enforceWeightLimits = scenario.enforceWeightLimits
                self.scenario = named
                self.keyring.replace(with: MarginSimulator.authenticator(for: named))
            }
            clockOffset = offset
        } else {
            exchange = Exchange(scenario: scenario, time: clock.nowMilliseconds(), seed: seed)
            try file.save(PersistedState(exchange: exchange, clockOffset: 0))
        }
    }

    /// A copy of another simulator's state (the JSON of `GET /sim/state`), e.g. for a dry run.
    ///
    /// Throws ``ImplausibleState`` (naming the field) for a state the engine could not run from.
    public init(snapshot: Data, scenario: Scenario = .default, clock: any SimClock = RunningClock()) throws {
        let saved = try JSONDecoder().decode(PersistedState.self, from: snapshot)
        let clockNow = clock.nowMilliseconds()
        let offset = saved.exchange.now.saturatingSubtracting(clockNow)
        try saved.validate(clockNow: clockNow, offset: offset)
        self.scenario = scenario
        self.seed = 1
        self.clock = clock
        self.keyring = Keyring(MarginSimulator.authenticator(for: scenario))
        self.stateFile = nil
        self.exchange = saved.exchange
        self.clockOffset = offset
    }

    private static func authenticator(for scenario: Scenario) -> Authenticator {
        Authenticator(keys: scenario.apiKeys)
    }

    /// The first API key of the scenario in force, or nil when it has none: after a restart from a state file
    /// written after `/sim/reset scenario=NAME`, that scenario's key (not the one the server was started with).
    public var activeAPIKey: Scenario.APIKey? { scenario.apiKeys.first }

    /// The simulator's current time in Unix epoch milliseconds.
    public func now() -> Int64 { clock.nowMilliseconds().saturatingAdding(clockOffset) }   // a saved offset is input

    /// The whole state as JSON (what `GET /sim/state` returns).
    public func snapshot() -> Data {
        catchUp()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(PersistedState(exchange: exchange, clockOffset: clockOffset))) ?? Data("{}".utf8)
    }

    /// Answers one request as Binance would and returns the response alone: an injected `delay` or
    /// `drop` is not applied here (the request still executes). Servers and transports call
    /// ``serve(_:)`` to honour them.
    public nonisolated(nonsending) func handle(_ request: TransportRequest) async -> TransportResponse {
        await serve(request).response
    }

    /// Answers one request and says what the transport must do with the reply (delay, drop).
    ///
    /// Runs on the caller's task except for one step: parameters are parsed, the API key and
    /// signature checked (against the keys in force, ``Keyring``) and the answer encoded outside
    /// the actor, so concurrent requests do that work in parallel; inside, the actor charges the
    /// weight, applies faults, checks the time window and reads or changes the exchange.
    /// `nonisolated(nonsending)`: the outside part runs where the caller runs (the server's request
    /// task, or an in-process client's actor), so a request costs no more executor hops than one
    /// call into the actor.
    public nonisolated(nonsending) func serve(_ request: TransportRequest) async -> SimulatorReply {
        guard let endpoint = Router.route(request.method, request.path) else { return Answer.notFound.reply() }
        let prepared = PreparedRequest(request, for: endpoint, keys: keyring.edition)
        let answer = await answer(prepared)
        return answer.reply()
    }

    /// The part of a request that needs the simulator's state, in Binance's order: time-driven
    /// events, faults, parameter errors, weight, access, then the endpoint itself.
    func answer(_ prepared: PreparedRequest) -> Answer {
        catchUp()
        var delay = 0, drop = false
        if !prepared.request.path.hasPrefix("/sim/"), let fault = takeFault(for: prepared.request.path) {
            switch fault.kind {
            case .delay: delay = fault.milliseconds
            case .drop: drop = true
            case .error:
                let error = fault.status == 503
                    ? ExchangeError(status: 503, code: -1008, message: "Server is currently overloaded with other requests. Please try again in a few minutes.")
                    : ExchangeError(status: fault.status, code: -1001, message: "Internal error; unable to process your request. Please try again.")
                return .error(error, headers: [:])
            case .rateLimit:
                let limit = prepared.request.path.hasPrefix("/api/") ? RateLimiter.apiLimit : RateLimiter.sapiIPLimit
                var answer = Answer.error(.tooMuchWeight(limit: limit), headers: [:])
                answer.headers["retry-after"] = String(RateLimiter.retryAfter(now: now()))
                return answer
            }
        }
        var answer = respond(to: prepared)
        answer.delayMilliseconds = delay
        answer.dropConnection = drop
        return answer
    }

    /// Counts one use of the first fault whose path prefix matches `path` and returns it.
    private func takeFault(for path: String) -> Fault? {
        guard let index = faults.firstIndex(where: { path.hasPrefix($0.pathPrefix) }) else { return nil }
        let fault = faults[index]
        faults[index].remaining -= 1
        if faults[index].remaining <= 0 { faults.remove(at: index) }
        return fault
    }

    /// Runs time-driven events up to now.
    private func catchUp() {
        let time = now()
        if time > exchange.now { exchange.advance(to: time) }
    }

    private func respond(to prepared: PreparedRequest) -> Answer {
        let endpoint = prepared.endpoint
        let parameters: RequestParameters
        switch prepared.parameters {
        case .failure(let error):
            _ = limiter.charge(prepared.weight, path: endpoint.path, now: now())
            return .error(error, headers: [:])
        case .success(let parsed):
            parameters = parsed
        }
        let charge = limiter.charge(prepared.weight, path: endpoint.path, now: now())
        if let rejection = charge.rejection, scenario.enforceWeightLimits {
            var answer = Answer.error(rejection.error, headers: charge.headers)
            answer.headers["retry-after"] = String(rejection.retryAfter)
            return answer
        }
        do {
            try checkAccess(prepared, parameters)
            let body: Answer.Body
            switch endpoint.action {
            case .read(let read): body = .json(try read(exchange, parameters))
            case .write(let write): body = .json(try applyWrite(write, parameters))
            case .control(let control): body = try perform(control, parameters)
            }
            return .ok(body, headers: charge.headers)
        } catch {
            return .error(error, headers: charge.headers)
        }
    }

    /// The outcome of the key and signature checks made outside the actor — made again with the
    /// keys now in force if `/sim/reset` replaced them since — and then the time window.
    private func checkAccess(_ prepared: PreparedRequest, _ parameters: RequestParameters) throws(ExchangeError) {
        var access = prepared.access
        let keys = keyring.edition
        if prepared.keyEdition != keys.number {
            access = PreparedRequest.check(prepared.request, prepared.endpoint.security, parameters, keys.authenticator)
        }
        switch access {
        case .granted: return
        case .refused(let error): throw error
        case .signed(let time): try Authenticator.checkTime(time, now: now())
        }
    }

    /// Runs a write endpoint and returns its answer.
    private func applyWrite(_ write: @Sendable (inout Exchange, RequestParameters) throws(ExchangeError) -> JSONValue,
                            _ parameters: RequestParameters) throws(ExchangeError) -> JSONValue {
        if stateFile == nil {
            // Engine operations check everything before they change anything (the
            // "rejections change nothing" tests hold them to it), so in memory the
            // exchange is changed in place, without copying its records.
            return try write(&exchange, parameters)
        } else {
            var next = exchange
            let json = try write(&next, parameters)
            try commit(next)
            return json
        }
    }

    /// Makes `next` the state, after writing it to the state file (if any).
    private func commit(_ next: Exchange) throws(ExchangeError) {
        if let stateFile {
            do { try stateFile.save(PersistedState(exchange: next, clockOffset: clockOffset)) } catch {
                throw ExchangeError(status: 500, code: -1000, message: "An unknown error occurred while processing the request.")
            }
        }
        exchange = next
    }

    /// The longest `/sim/clock` advance in one call: 366 days (every hour of it is charged interest in order).
    static let longestClockAdvance: Int64 = 366 * 86_400_000

    private func perform(_ control: Endpoint.Control, _ p: RequestParameters) throws(ExchangeError) -> Answer.Body {
        switch control {
        case .state:
            return .raw(snapshot())
        case .clock:
            guard let advance = try p.long("advanceMs") else { throw .mandatory("advanceMs") }
            guard advance <= MarginSimulator.longestClockAdvance else {
                throw .tooGreat("advanceMs", String(MarginSimulator.longestClockAdvance))
            }
            // The clock never runs past a time clients accept (the end of year 9999).
            let room = Swift.max(0, ServerTimeSync.plausible.upperBound.saturatingSubtracting(now()))
            guard advance <= room else { throw .tooGreat("advanceMs", String(room)) }
            // The offset is part of the saved state; it stays as it was unless the state is written.
            let previous = clockOffset
            var committed = false
            defer { if !committed { clockOffset = previous } }
            clockOffset += advance
            var next = exchange
            next.advance(to: now())
            try commit(next)
            committed = true
            return .json(.object([("serverTime", .int(now()))]))
        case .reset:
            if let name = p.string("scenario") {
                guard var named = Scenario.named(name) else { throw .invalidParameter("scenario") }
                // Whether weights are enforced is the server's setting (`--no-rate-limits`), not the scenario's.
                named.enforceWeightLimits = scenario.enforceWeightLimits
                try commit(Exchange(scenario: named, time: now(), seed: seed))
                scenario = named
                keyring.replace(with: MarginSimulator.authenticator(for: named))
            } else {
                try commit(Exchange(scenario: scenario, time: now(), seed: seed))
            }
            limiter.reset()
            faults = []
            return .json(.object([]))
        case .fault:
            guard let kind = try p.choice("kind", Fault.Kind.self) else { throw .mandatory("kind") }
            let count = try p.int("count", in: 1...1_000_000) ?? 1
            let ms = try p.int("ms", in: 0...600_000) ?? 0
            let status = try p.int("status", in: 400...599) ?? 503
            faults.append(Fault(kind: kind, pathPrefix: p.string("path") ?? "", remaining: count, milliseconds: ms, status: status))
            return .json(.object([]))
        }
    }
}
