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
    private var authenticator: Authenticator
    private var limiter = RateLimiter()
    private var faults: [Fault] = []
    /// The snapshot and journal of a durable simulator (nil in memory).
    private let store: StateStore?

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
        self.authenticator = MarginSimulator.authenticator(for: scenario)
        self.store = nil
    }

    /// A durable simulator: loads `stateFile` if it exists (else starts from `scenario` and creates it),
    /// and writes every acknowledged change to it before answering.
    ///
    /// The simulator is the file's only writer while it lives (an advisory lock on `FILE.lock`):
    /// a second simulator on the same file, in this process or another, gets ``StateFileInUse``.
    /// A state with an implausible time, interest hour, walk step or offset gets ``ImplausibleState``.
    ///
    /// Changes go to a journal beside the file (`FILE.journal-N`) that is compacted into the file as it
    /// grows past `journalCompactionBytes` (default 4 MiB) and half the file's size.
    public init(stateFile: URL, scenario: Scenario = .default, seed: UInt64 = 1,
                clock: any SimClock = SystemClock(), journalCompactionBytes: Int? = nil) throws {
        let store = try StateStore(url: stateFile, minimumJournalBytes: journalCompactionBytes ?? StateStore.defaultMinimumJournalBytes)
        try self.init(store: store, scenario: scenario, seed: seed, clock: clock)
    }

    /// A durable simulator on an opened store: the snapshot, then its journal replayed, then validated.
    init(store: StateStore, scenario: Scenario = .default, seed: UInt64 = 1, clock: any SimClock = SystemClock()) throws {
        self.scenario = scenario
        self.seed = seed
        self.clock = clock
        self.authenticator = MarginSimulator.authenticator(for: scenario)
        self.store = store
        if let loaded = store.loadedState {
            let (state, offset) = try MarginSimulator.recover(loaded, clockNow: clock.nowMilliseconds(), path: store.file.url.path)
            exchange = state.exchange
            // A `/sim/reset scenario=NAME` before the restart chose the scenario later resets return to.
            if state.exchange.scenarioName != scenario.name, var named = Scenario.named(state.exchange.scenarioName) {
                named.enforceWeightLimits = scenario.enforceWeightLimits
                self.scenario = named
                self.authenticator = MarginSimulator.authenticator(for: named)
            }
            clockOffset = offset
        } else {
            exchange = Exchange(scenario: scenario, time: clock.nowMilliseconds(), seed: seed)
            try store.create(PersistedState(exchange: exchange, clockOffset: 0))
        }
    }

    /// The state a store holds: its snapshot (validated), its journal replayed on it, and the clock
    /// offset to run with — the saved one, or more if the clock is behind the state (time never runs backwards).
    private static func recover(_ loaded: StateStore.Loaded, clockNow: Int64, path: String) throws -> (PersistedState, Int64) {
        var state = loaded.state
        try state.validate(clockNow: clockNow, offset: max(state.clockOffset, state.exchange.now.saturatingSubtracting(clockNow)))
        try JournalReplay.apply(loaded.records, to: &state, path: path)
        let offset = max(state.clockOffset, state.exchange.now.saturatingSubtracting(clockNow))
        try state.validate(clockNow: clockNow, offset: offset)
        return (state, offset)
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
        self.authenticator = MarginSimulator.authenticator(for: scenario)
        self.store = nil
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
    public func handle(_ request: TransportRequest) async -> TransportResponse {
        await serve(request).response
    }

    /// Answers one request and says what the transport must do with the reply (delay, drop).
    ///
    /// With a state file the answer leaves only once the change it acknowledges — and any change it
    /// shows — is durable: the request runs on the actor, which hands back the journal sequence number
    /// to wait for, and the wait happens here, off the actor, so concurrent writers share one fsync.
    public nonisolated func serve(_ request: TransportRequest) async -> SimulatorReply {
        let (reply, sequence) = await execute(request)
        guard let store, sequence > 0, let failure = await store.journal.waitDurable(sequence) else { return reply }
        _ = failure   // the outcome is unknown: the change may or may not be on disk
        return SimulatorReply(response: MarginSimulator.errorResponse(.unknownOutcome, headers: [:]),
                              delayMilliseconds: 0, dropConnection: reply.dropConnection)
    }

    /// Runs one request on the actor; returns the reply and the journal sequence number it must wait for (0: none).
    private func execute(_ request: TransportRequest) -> (SimulatorReply, UInt64) {
        let reply = serveOnActor(request)
        return (reply, store?.journal.lastAppended ?? 0)
    }

    /// Answers one request (the actor's part of ``serve(_:)``).
    private func serveOnActor(_ request: TransportRequest) -> SimulatorReply {
        catchUp()
        guard let endpoint = Router.route(request.method, request.path) else {
            return SimulatorReply(response: TransportResponse(status: 404, headers: ["content-type": "text/plain"]),
                                  delayMilliseconds: 0, dropConnection: false)
        }
        var delay = 0, drop = false
        if !request.path.hasPrefix("/sim/"), let index = faults.firstIndex(where: { request.path.hasPrefix($0.pathPrefix) }) {
            let fault = faults[index]
            faults[index].remaining -= 1
            if faults[index].remaining <= 0 { faults.remove(at: index) }
            switch fault.kind {
            case .delay: delay = fault.milliseconds
            case .drop: drop = true
            case .error:
                let error = fault.status == 503
                    ? ExchangeError(status: 503, code: -1008, message: "Server is currently overloaded with other requests. Please try again in a few minutes.")
                    : ExchangeError(status: fault.status, code: -1001, message: "Internal error; unable to process your request. Please try again.")
                return SimulatorReply(response: errorResponse(error, headers: [:]), delayMilliseconds: 0, dropConnection: false)
            case .rateLimit:
                let limit = request.path.hasPrefix("/api/") ? RateLimiter.apiLimit : RateLimiter.sapiIPLimit
                var response = errorResponse(.tooMuchWeight(limit: limit), headers: [:])
                response.headers["retry-after"] = String(RateLimiter.retryAfter(now: now()))
                return SimulatorReply(response: response, delayMilliseconds: 0, dropConnection: false)
            }
        }
        let response = respond(to: request, endpoint)
        return SimulatorReply(response: response, delayMilliseconds: delay, dropConnection: drop)
    }

    /// Runs time-driven events up to now.
    private func catchUp() {
        let time = now()
        if time > exchange.now { exchange.advance(to: time) }
    }

    private func respond(to request: TransportRequest, _ endpoint: Endpoint) -> TransportResponse {
        let parameters: Parameters
        do { parameters = try Parameters(query: request.query, body: request.body) } catch {
            _ = limiter.charge(endpoint.weight(Parameters([:])), path: endpoint.path, now: now())
            return errorResponse(error, headers: [:])
        }
        let charge = limiter.charge(endpoint.weight(parameters), path: endpoint.path, now: now())
        if let rejection = charge.rejection, scenario.enforceWeightLimits {
            var response = errorResponse(rejection.error, headers: charge.headers)
            response.headers["retry-after"] = String(rejection.retryAfter)
            return response
        }
        do {
            switch endpoint.security {
            case .none: break
            case .apiKey: _ = try authenticator.key(for: request)
            case .signed: try authenticator.verifySigned(request, parameters, now: now())
            }
            let body: Data
            switch endpoint.action {
            case .read(let read):
                body = try read(exchange, parameters).data
            case .write(let write):
                body = try applyWrite(endpoint, write, parameters).data
            case .control(let control):
                body = try perform(control, parameters)
            }
            var headers = charge.headers
            headers["content-type"] = "application/json;charset=UTF-8"
            return TransportResponse(status: 200, headers: headers, body: body)
        } catch {
            return errorResponse(error, headers: charge.headers)
        }
    }

    /// Runs a write endpoint on the exchange in place and, with a state file, journals it.
    ///
    /// Engine operations check everything before they change anything (the "rejections change
    /// nothing" tests hold them to it), so the exchange is changed in place, without copying its
    /// records; the answer waits for the journal record (see ``serve(_:)``).
    private func applyWrite(_ endpoint: Endpoint, _ write: @Sendable (inout Exchange, Parameters) throws(ExchangeError) -> JSONValue, _ parameters: Parameters) throws(ExchangeError) -> JSONValue {
        try requireWritableStore()
        let answer = try write(&exchange, parameters)
        try journal(.write(method: endpoint.method.rawValue, path: endpoint.path, parameters: parameters.values, time: exchange.now))
        return answer
    }

    /// -1000 when the journal could not be written: the simulator no longer acknowledges changes.
    private func requireWritableStore() throws(ExchangeError) {
        if let store, store.journal.hasFailed { throw .unknownOutcome }
    }

    /// Appends `record` to the journal (if any) and compacts the journal when it has outgrown the snapshot.
    private func journal(_ record: @autoclosure () -> JournalRecord) throws(ExchangeError) {
        guard let store else { return }
        do { _ = try store.append(record()) } catch { throw .unknownOutcome }
        if store.needsCompaction { store.compact(PersistedState(exchange: exchange, clockOffset: clockOffset)) }
    }

    /// The longest `/sim/clock` advance in one call: 366 days (every hour of it is charged interest in order).
    static let longestClockAdvance: Int64 = 366 * 86_400_000

    private func perform(_ control: Endpoint.Control, _ p: Parameters) throws(ExchangeError) -> Data {
        switch control {
        case .state:
            return snapshot()
        case .clock:
            guard let advance = try p.long("advanceMs") else { throw .mandatory("advanceMs") }
            guard advance <= MarginSimulator.longestClockAdvance else {
                throw .tooGreat("advanceMs", String(MarginSimulator.longestClockAdvance))
            }
            // The clock never runs past a time clients accept (the end of year 9999).
            let room = Swift.max(0, ServerTimeSync.plausible.upperBound.saturatingSubtracting(now()))
            guard advance <= room else { throw .tooGreat("advanceMs", String(room)) }
            try requireWritableStore()
            clockOffset += advance
            exchange.advance(to: now())
            try journal(JournalRecord(kind: .clock, time: exchange.now, clockOffset: clockOffset))
            return JSONValue.object([("serverTime", .int(now()))]).data
        case .reset:
            if let name = p.string("scenario") {
                guard var named = Scenario.named(name) else { throw .invalidParameter("scenario") }
                // Whether weights are enforced is the server's setting (`--no-rate-limits`), not the scenario's.
                named.enforceWeightLimits = scenario.enforceWeightLimits
                try requireWritableStore()
                exchange = Exchange(scenario: named, time: now(), seed: seed)
                scenario = named
                authenticator = MarginSimulator.authenticator(for: named)
            } else {
                try requireWritableStore()
                exchange = Exchange(scenario: scenario, time: now(), seed: seed)
            }
            try journal(JournalRecord(kind: .reset, time: exchange.now, state: exchange))
            limiter.reset()
            faults = []
            return JSONValue.object([]).data
        case .fault:
            guard let kind = try p.choice("kind", Fault.Kind.self) else { throw .mandatory("kind") }
            let count = try p.int("count", in: 1...1_000_000) ?? 1
            let ms = try p.int("ms", in: 0...600_000) ?? 0
            let status = try p.int("status", in: 400...599) ?? 503
            faults.append(Fault(kind: kind, pathPrefix: p.string("path") ?? "", remaining: count, milliseconds: ms, status: status))
            return JSONValue.object([]).data
        }
    }

    private func errorResponse(_ error: ExchangeError, headers: [String: String]) -> TransportResponse {
        MarginSimulator.errorResponse(error, headers: headers)
    }

    private static func errorResponse(_ error: ExchangeError, headers: [String: String]) -> TransportResponse {
        var all = headers
        all["content-type"] = "application/json;charset=UTF-8"
        return TransportResponse(status: error.status, headers: all, body: Views.error(error).data)
    }
}
