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
    /// The snapshot and journal of a durable simulator (nil in memory).
    private let store: StateStore?
    /// Where events go (docs/streams.md); nil: nobody listens.
    private var sink: (any EventSink)?
    /// The streams' listenKeys (simulated time; not persisted).
    private var listenKeys = ListenKeyBook()
    /// The WebSocket API's listenTokens (simulated time; not persisted).
    private var listenTokens = ListenTokenBook()
    /// Market-stream ids and windows (not persisted).
    private var tape = MarketTape()
    /// The price history being replayed, if any: while there is one, time is the replay's and moves only with `/sim/clock`.
    private var replay: ReplayCursor?
    /// The cross account's `userAssets` bytes as last answered, rewritten only when a cross balance changes.
    private var crossAssets = CrossAssetsMemo()
    /// Which files `POST /sim/replay` may read (any, until a sandbox limits it).
    private var replayFiles = ReplayFileAccess.anywhere

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
        self.store = nil
    }

    /// A durable simulator: loads `stateFile` if it exists (else starts from `scenario` and creates it),
    /// and writes every acknowledged change to it before answering.
    ///
    /// The simulator is the file's only writer while it lives (an advisory lock on `FILE.lock`):
    /// a second simulator on the same file, in this process or another, gets ``StateFileInUse``.
    /// A state with an implausible time, interest hour, walk step or offset gets ``ImplausibleState``.
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
        self.keyring = Keyring(MarginSimulator.authenticator(for: scenario))
        self.store = store
        if var loaded = store.takeLoaded() {
            let offset = try MarginSimulator.recover(&loaded, clockNow: clock.nowMilliseconds(), path: store.file.url.path)
            let state = loaded.state
            exchange = state.exchange
            // A `/sim/reset scenario=NAME` before the restart chose the scenario later resets return to.
            if state.exchange.scenarioName != scenario.name, var named = Scenario.named(state.exchange.scenarioName) {
                named.enforceWeightLimits = scenario.enforceWeightLimits
                self.scenario = named
                self.keyring.replace(with: MarginSimulator.authenticator(for: named))
            }
            clockOffset = offset
        } else {
            exchange = Exchange(scenario: scenario, time: clock.nowMilliseconds(), seed: seed)
            try store.create(PersistedState(exchange: exchange, clockOffset: 0))
        }
    }

    /// The state a store holds: its snapshot (validated), its journal replayed on it; returns the clock
    /// offset to run with — the saved one, or more if the clock is behind the state (time never runs backwards).
    /// The journal is replayed onto `loaded.state` in place (its only copy: see ``StateStore/takeLoaded()``).
    private static func recover(_ loaded: inout StateStore.Loaded, clockNow: Int64, path: String) throws -> Int64 {
        try loaded.state.validate(clockNow: clockNow,
                                  offset: max(loaded.state.clockOffset, loaded.state.exchange.now.saturatingSubtracting(clockNow)))
        let records = loaded.records
        loaded.records = []
        try JournalReplay.apply(records, to: &loaded.state, path: path)
        let offset = max(loaded.state.clockOffset, loaded.state.exchange.now.saturatingSubtracting(clockNow))
        try loaded.state.validate(clockNow: clockNow, offset: offset)
        return offset
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
    ///
    /// During a replay (``startReplay(_:)``) that is the replay's time: it stands still between `/sim/clock` advances.
    public func now() -> Int64 {
        if replay != nil { return exchange.now }
        return clock.nowMilliseconds().saturatingAdding(clockOffset)   // a saved offset is input
    }

    /// Starts replaying `series`: the exchange is reset to the scenario at the first candle's open time (random
    /// walks stop), the opening prices are set, and from then on time moves only with `/sim/clock` (or a script's
    /// waits), through every candle's path, until the last close time — see docs/replay.md.
    ///
    /// A simulator with a state file cannot replay (its journal is written in the clock's time): -1130 on `parameter`.
    public func startReplay(_ series: ReplaySeries) throws(ExchangeError) {
        guard store == nil else {
            throw ExchangeError(code: -1130, message: "A simulator with a state file cannot replay price history; run it in memory (without --state/--sim-state).")
        }
        var cursor: ReplayCursor? = ReplayCursor(series: series)
        var fresh = Exchange(scenario: scenario, time: series.start, seed: seed)
        fresh.startReplay(&cursor)
        exchange = fresh
        replay = cursor
        limiter.reset()
    }

    /// What the running (or finished) replay recorded — samples, borrows, repays, fills, liquidations, interest —
    /// or nil when no replay was started since the last reset.
    public func rehearsalLog() -> RehearsalLog? {
        guard let replay else { return nil }
        return exchange.rehearsalLog(replay)
    }

    /// The replay's end (ms), or nil when none runs.
    public var replayEnd: Int64? { replay?.end }

    /// Limits the files `POST /sim/replay` may read (``ReplayFileAccess``); a sandbox others can reach sets it first.
    public func limitReplayFiles(to access: ReplayFileAccess) { replayFiles = access }

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
    ///
    /// With a state file the answer leaves only once the change it acknowledges — and any change it
    /// shows — is durable: the actor hands back the journal sequence number to wait for, and the wait
    /// happens here, off the actor, so concurrent writers share one fsync (group commit).
    public nonisolated(nonsending) func serve(_ request: TransportRequest) async -> SimulatorReply {
        guard let endpoint = Router.route(request.method, request.path) else { return Answer.notFound.reply() }
        let prepared = PreparedRequest(request, for: endpoint, keys: keyring.edition)
        let (answer, sequence) = await answerAndSequence(prepared)
        guard let store, sequence > 0, await store.journal.waitDurable(sequence) != nil else { return answer.reply() }
        // The journal could not be made durable: the change may or may not be on disk.
        var failure = Answer.error(.unknownOutcome, headers: [:])
        failure.dropConnection = answer.dropConnection
        return failure.reply()
    }

    /// ``answer(_:)`` and the journal sequence number its reply must wait for (0: none).
    private func answerAndSequence(_ prepared: PreparedRequest) -> (Answer, UInt64) {
        let answer = answer(prepared)
        return (answer, store?.journal.lastAppended ?? 0)
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
        var answer = observed { respond(to: prepared) }
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

    /// Runs time-driven events up to now, publishing their events, and ends the listenKeys whose time has passed.
    private func catchUp() {
        let time = now()
        if time > exchange.now { observed { exchange.advance(to: time, replay: &replay) } }
        let expired = listenKeys.expire(now: exchange.now)
        let ended = listenTokens.expire(now: exchange.now)
        guard let sink, !expired.isEmpty || !ended.isEmpty else { return }
        sink.publish(expired.map { key in
            PublishedEvent(route: .listenKey(key), payload: JSONValue.object([
                ("e", .string("listenKeyExpired")), ("E", .int(exchange.now)), ("listenKey", .string(key)),
            ]).text)
        } + ended.map { token in
            PublishedEvent(route: .listenKey(token), payload: MarginSimulator.streamTerminated(at: exchange.now))
        })
    }

    /// `{"e":"eventStreamTerminated","E":…}`: a WebSocket API subscription ended (its token expired, or it was unsubscribed).
    public static func streamTerminated(at time: Int64) -> String {
        JSONValue.object([("e", .string("eventStreamTerminated")), ("E", .int(time))]).text
    }

    /// The stream an active listenToken opens and when the token ends; nil for an unknown or expired token.
    public func listenToken(_ token: String) -> (route: StreamRoute, expiresAt: Int64)? {
        catchUp()
        return listenTokens.lookUp(token).map { ($0.stream.route, $0.expiresAt) }
    }

    /// Runs `change` on the exchange and publishes the events it caused: the one place every change that
    /// Binance's streams report — from a request, a price move or the clock — becomes events (``EngineMark``).
    private func observed<T>(_ change: () -> T) -> T {
        guard let sink, sink.isListening else { return change() }
        let mark = EngineMark(exchange)
        let result = change()
        let events = mark.events(after: exchange, tape: &tape)
        if !events.isEmpty { sink.publish(events) }
        return result
    }

    /// Sends every event of every later change to `sink` (nil: to nobody). Injected by whoever serves streams.
    public func attach(_ sink: (any EventSink)?) { self.sink = sink }

    /// Runs the clock up to now — interest, walk steps, fills, liquidations — and publishes what happened; the
    /// stream server calls it about once a second so clock-driven events arrive without a request.
    public func tick() { catchUp() }

    /// The route of a stream name a client connects to: an active listenKey, or a market stream of a listed
    /// symbol (`btcusdt@trade`, `@bookTicker`, `@miniTicker`); nil for any other name.
    public func route(ofStream name: String) -> StreamRoute? {
        catchUp()
        if let stream = listenKeys.stream(of: name) { return stream.route }
        let parts = name.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, ["trade", "bookTicker", "miniTicker"].contains(parts[1]),
              parts[0] == parts[0].lowercased(), Catalog.symbols[parts[0].uppercased()] != nil else { return nil }
        return .market(stream: name)
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
            case .read(let read): body = .json(try MarginSimulator.run(read, on: &exchange, parameters))
            case .readCrossAccount(let read): body = .json(try MarginSimulator.run(read, on: &exchange, parameters, &crossAssets))
            case .write(let write): body = .json(try applyWrite(endpoint, write, parameters))
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

    /// Runs a read endpoint on the exchange where it lies: handed over in place (`inout`), so the actor's stored
    /// exchange is not copied (every table and book retained, then released) for each read.
    private static func run(_ read: @Sendable (Exchange, RequestParameters) throws(ExchangeError) -> JSONValue,
                            on exchange: inout Exchange, _ parameters: RequestParameters) throws(ExchangeError) -> JSONValue {
        try read(exchange, parameters)
    }

    /// Runs a read endpoint that keeps a memo of its answer's unchanged part, on the exchange where it lies.
    private static func run(_ read: @Sendable (Exchange, RequestParameters, inout CrossAssetsMemo) throws(ExchangeError) -> JSONValue,
                            on exchange: inout Exchange, _ parameters: RequestParameters,
                            _ memo: inout CrossAssetsMemo) throws(ExchangeError) -> JSONValue {
        try read(exchange, parameters, &memo)
    }

    /// Runs a write endpoint on the exchange in place and, with a state file, journals it.
    ///
    /// Engine operations check everything before they change anything (the "rejections change
    /// nothing" tests hold them to it), so the exchange is changed in place, without copying its
    /// records; the answer waits for the journal record (see ``serve(_:)``).
    private func applyWrite(_ endpoint: Endpoint, _ write: @Sendable (inout Exchange, RequestParameters) throws(ExchangeError) -> JSONValue,
                            _ parameters: RequestParameters) throws(ExchangeError) -> JSONValue {
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

    /// Starts, keeps alive or closes a stream's listenKey (Binance's USER_STREAM endpoints).
    private func listenKey(_ operation: Endpoint.KeyOperation, _ stream: Endpoint.KeyStream,
                           _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let key: ListenKeyBook.Stream
        switch stream {
        case .crossUserData: key = .crossUserData
        case .risk: key = .risk
        case .isolatedUserData:
            guard let symbol = p.string("symbol") else { throw .mandatory("symbol") }
            try exchange.requireAccount(.isolated(symbol))
            key = .isolatedUserData(symbol)
        }
        switch operation {
        case .start:
            return .object([("listenKey", .string(listenKeys.start(key, now: exchange.now)))])
        case .keepAlive:
            guard let value = p.string("listenKey") else { throw .mandatory("listenKey") }
            try listenKeys.keepAlive(value, key, now: exchange.now)
        case .close:
            let value = p.string("listenKey")
            if value == nil && stream != .risk { throw .mandatory("listenKey") }
            try listenKeys.close(value, key)
        }
        return .object([])
    }

    /// `POST /sapi/v1/userListenToken`: a new token for the cross account, or an isolated pair's with
    /// `isIsolated=true&symbol=…`, valid `validity` ms (at most 24 hours, the default).
    private func listenToken(_ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        var stream = ListenKeyBook.Stream.crossUserData
        if p.string("isIsolated")?.uppercased() == "TRUE" {
            guard let symbol = p.string("symbol") else { throw .mandatory("symbol") }
            try exchange.requireAccount(.isolated(symbol))
            stream = .isolatedUserData(symbol)
        }
        var validity = ListenTokenBook.longestValidity
        if let text = p.string("validity") {
            guard let value = Int64(text), value > 0, value <= ListenTokenBook.longestValidity else {
                throw .invalidParameter("validity")
            }
            validity = value
        }
        let issued = listenTokens.issue(stream, validity: validity, now: exchange.now)
        return .object([("token", .string(issued.token)), ("expirationTime", .int(issued.expiresAt))])
    }

    /// The longest `/sim/clock` advance in one call: 366 days (every hour of it is charged interest in order).
    static let longestClockAdvance: Int64 = 366 * 86_400_000

    private func perform(_ control: Endpoint.Control, _ p: RequestParameters) throws(ExchangeError) -> Answer.Body {
        switch control {
        case .state:
            return .raw(snapshot())
        case .clock:
            guard let advance = try p.long("advanceMs") else { throw .mandatory("advanceMs") }
            return .json(try advanceClock(by: advance).json)
        case .replay:
            let given = (p.string("files") ?? "").split(separator: ",").map { String($0) }
            guard !given.isEmpty else { throw .mandatory("files") }
            let files = try given.map { (path) throws(ExchangeError) in try replayFiles.file(at: path) }
            do {
                try startReplay(try ReplaySeries(files: files, symbol: p.string("symbol")))
            } catch let error as KlineFileError {
                throw .invalidParameter("files", because: "\(error)")
            } catch let error as ExchangeError {
                throw error
            } catch {
                throw .invalidParameter("files")
            }
            return .json(replayDescription())
        case .reset:
            if let name = p.string("scenario") {
                guard var named = Scenario.named(name) else { throw .invalidParameter("scenario") }
                // Whether weights are enforced is the server's setting (`--no-rate-limits`), not the scenario's.
                named.enforceWeightLimits = scenario.enforceWeightLimits
                try requireWritableStore()
                replay = nil
                exchange = Exchange(scenario: named, time: now(), seed: seed)
                scenario = named
                keyring.replace(with: MarginSimulator.authenticator(for: named))
            } else {
                try requireWritableStore()
                replay = nil
                exchange = Exchange(scenario: scenario, time: now(), seed: seed)
            }
            try journal(JournalRecord(kind: .reset, time: exchange.now, state: exchange))
            limiter.reset()
            faults = []
            return .json(.object([]))
        case .listenKey(let operation, let stream):
            return .json(try listenKey(operation, stream, p))
        case .listenToken:
            return .json(try listenToken(p))
        case .fault:
            guard let kind = try p.choice("kind", Fault.Kind.self) else { throw .mandatory("kind") }
            let count = try p.int("count", in: 1...1_000_000) ?? 1
            let ms = try p.int("ms", in: 0...600_000) ?? 0
            let status = try p.int("status", in: 400...599) ?? 503
            faults.append(Fault(kind: kind, pathPrefix: p.string("path") ?? "", remaining: count, milliseconds: ms, status: status))
            return .json(.object([]))
        }
    }

    /// `/sim/clock`'s rules, the one place for them (the endpoint and ``DirectSimulatorControl/advanceClock(milliseconds:)``
    /// both call it): at most ``longestClockAdvance``; during a replay time moves by `advance` but never past the
    /// replay's end (`replayEnded`: the series is used up); otherwise never past a time clients accept, journaled.
    private func advanceClock(by advance: Int64) throws(ExchangeError) -> SimClockAdvance {
        guard advance <= MarginSimulator.longestClockAdvance else {
            throw .tooGreat("advanceMs", String(MarginSimulator.longestClockAdvance))
        }
        if let end = replay?.end {
            let target = exchange.now.saturatingAdding(advance)
            exchange.advance(to: Swift.min(target, end), replay: &replay)
            return SimClockAdvance(serverTime: now(), replayEnd: end, replayEnded: target > end)
        }
        // The clock never runs past a time clients accept (the end of year 9999).
        let room = Swift.max(0, ServerTimeSync.plausible.upperBound.saturatingSubtracting(now()))
        guard advance <= room else { throw .tooGreat("advanceMs", String(room)) }
        try requireWritableStore()
        clockOffset += advance
        exchange.advance(to: now())
        try journal(JournalRecord(kind: .clock, time: exchange.now, clockOffset: clockOffset))
        return SimClockAdvance(serverTime: now())
    }

    /// `POST /sim/clock advanceMs=milliseconds` without the request: what ``answer(_:)`` does for it — time-driven
    /// events first, the change observed for the streams — and the journal sequence number to wait for (0: none).
    /// (`/sim/*` takes no faults and no weight, and needs no key.)
    fileprivate func controlClock(milliseconds: Int64) -> (Result<SimClockAdvance, ExchangeError>, UInt64) {
        catchUp()
        let outcome = observed { Result { () throws(ExchangeError) in try advanceClock(by: milliseconds) } }
        return (outcome, store?.journal.lastAppended ?? 0)
    }

    /// The `/sim/replay` answer: what is replayed and over which time.
    private func replayDescription() -> JSONValue {
        guard let series = replay?.series else { return .object([]) }
        return .object([("serverTime", .int(now())), ("replayStart", .int(series.start)), ("replayEnd", .int(series.end)),
                        ("candles", .int(Int64(series.candleCount))),
                        ("symbols", .array(series.symbols.map { .string($0) }))])
    }
}

extension SimClockAdvance {
    /// The answer of `/sim/clock`: `{"serverTime":…}`, during a replay with `replayEnd` and `replayEnded`.
    var json: JSONValue {
        guard let replayEnd else { return .object([("serverTime", .int(serverTime))]) }
        return .object([("serverTime", .int(serverTime)), ("replayEnd", .int(replayEnd)), ("replayEnded", .bool(replayEnded))])
    }
}

/// The embedded backend's typed control of the simulator's clock (``InProcessTransport/simulatorControl``).
extension MarginSimulator: DirectSimulatorControl {
    /// Advances the clock as `POST /sim/clock` does (``advanceClock(by:)``), answering once the change is durable
    /// as ``serve(_:)`` does; a refusal carries the error response the endpoint would have sent.
    public nonisolated(nonsending) func advanceClock(milliseconds: Int64) async -> Result<SimClockAdvance, SimulatorRefusal> {
        let (outcome, sequence) = await controlClock(milliseconds: milliseconds)
        guard let store, sequence > 0, await store.journal.waitDurable(sequence) != nil else {
            return outcome.mapError { SimulatorRefusal(response: Answer.error($0, headers: [:]).reply().response) }
        }
        // The journal could not be made durable: the change may or may not be on disk.
        return .failure(SimulatorRefusal(response: Answer.error(.unknownOutcome, headers: [:]).reply().response))
    }
}
