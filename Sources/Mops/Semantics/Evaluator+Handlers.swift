import BinanceMargin

/// What one run knows about its handlers beyond the shared ``HandlerTable``.
struct HandlerRunState {
    /// A handler is running: events wait (handlers never nest).
    var inHandler = false
    /// Handler failures so far (each already reported through the configuration's diagnostics sink).
    var failures: [Diagnostic] = []
    /// The script, for reporting a handler failure as it happens.
    var source: Source?
    /// Polling (no event feed): the last status computed, and the bars it is computed with.
    var polledStatus: String?
    var bars: MarginRiskBars?
}

/// Handlers at run time (docs/language.md, "Handlers"). Events are taken at safe points — after a statement that
/// may change the account (an action, `sim`), after registering a handler, and while the script waits (`wait`,
/// `every`, `wait until`, `watch`) — never in the middle of a statement or of another handler.
extension Evaluator {
    /// Whether handlers are registered and none is running (events may be dispatched now).
    var handlersActive: Bool { !handlerState.inHandler && !handlers.isEmpty }

    /// `on …`: registers the handler (from now on it sees events), then handles what is waiting.
    func register(_ h: LoweredHandler) async throws -> Flow {
        try beginStatement(h.range)
        guard view != nil, configuration.capabilities.contains(.read) else {
            throw RuntimeFailure("'\(h.title)' needs an exchange that may be read, and this interpreter has \(view == nil ? "no backend" : "no .read capability")", h.range)
        }
        if [.fill, .balance, .liability].contains(h.event), configuration.events == nil {
            throw RuntimeFailure("'\(h.title)' needs the backend's event stream, and this run has none (\(configuration.backend.name))", h.range,
                                 hint: "without a stream only marginLevel, marginStatus and liquidation handlers work (they are polled)")
        }
        var threshold: Number? = nil
        if let code = h.threshold {
            let v = try await value(code)
            guard case .number(let n) = v else { throw RuntimeFailure("'on marginLevel' compares with a number, found \(v.excerpt)", h.range) }
            threshold = n
        }
        ingest()   // what arrived earlier goes to the handlers registered earlier
        if handlers.isEmpty { announceEvents() }
        handlers.register(h, threshold: threshold)
        if let feed = configuration.events { handlers.startListening(feed) }
        if h.event == .marginLevel || h.event == .marginStatus { try await readLevel(h.range) }
        try await dispatchEvents(h.range)
        return .normal
    }

    /// Says once per handler table where events come from.
    private func announceEvents() {
        let how = configuration.events.map { "events \($0.description)" }
            ?? "no event stream from \(configuration.backend.name): the margin level is polled every \(DurationFormat.format(milliseconds: pollInterval))"
        configuration.output(.note("handlers: " + how))
    }

    /// How often a run without an event feed reads the margin level while it waits.
    var pollInterval: Int64 { configuration.clock.isVirtual ? configuration.clock.pollInterval : 5_000 }

    /// Takes what the feed holds and routes it to the handlers; true when something that may move the margin level arrived.
    @discardableResult
    func ingest() -> Bool {
        guard let feed = configuration.events else { return false }
        let batch = feed.take()
        for notice in batch.notices { configuration.output(.note("events: " + notice)) }
        if batch.lost > 0, !handlers.isEmpty {
            configuration.output(.note("events: \(batch.lost) were lost: the script fell behind (at most \(feed.capacity) wait)"))
        }
        guard !handlers.isEmpty else { return false }
        for item in batch.items { handlers.offer(item) }
        return !batch.items.isEmpty || batch.pricesMoved
    }

    /// Runs the handlers that have events waiting, in rounds (a handler's own actions make new events), at most 8
    /// rounds per safe point: what is left waits for the next one.
    func dispatchEvents(_ range: SourceRange) async throws {
        guard handlersActive else { return }
        for _ in 0..<8 {
            let changed = ingest()
            if configuration.events == nil || (changed && handlers.has(.marginLevel)) { try await readLevel(range) }
            if changed, handlers.has(.liquidation) { await checkLiquidations(at: range) }
            let runs = handlers.take()
            if runs.isEmpty { return }
            for run in runs { try await runHandler(run) }
        }
    }

    /// Reads the cross margin level now and hands it to the level handlers (polling: also to the status handlers).
    private func readLevel(_ range: SourceRange) async throws {
        guard let view else { return }
        view.invalidate()
        let level: Number, time: Int64
        do {
            level = try await view.cross().marginLevel
            time = try await configuration.clock.now()
        } catch {
            throw RuntimeFailure.rethrown(error, at: range, doing: "reading the margin level for the handlers")
        }
        handlers.offer(level: level, time: time)
        if handlers.has(.marginStatus) { await status(of: level, time: time) }
    }

    /// The status `level` maps to (tradeCoeff's bars). With a feed it only sets the first event's `previous`; without
    /// one (polling), a change is an `on marginStatus` event.
    private func status(of level: Number, time: Int64) async {
        if handlerState.bars == nil, let client = configuration.client {
            let c = try? await client.tradeCoefficients()
            handlerState.bars = c.map { MarginRiskBars(normalBar: $0.normalBar, marginCallBar: $0.marginCallBar, forceLiquidationBar: $0.forceLiquidationBar) }
                ?? MarginRiskBars()
        }
        let status = (handlerState.bars ?? MarginRiskBars()).status(of: level)
        guard configuration.events == nil else { return handlers.noteStatus(status.rawValue) }
        defer { handlerState.polledStatus = status.rawValue }
        guard let previous = handlerState.polledStatus, previous != status.rawValue else { return }
        handlers.offer(EventFeed.Item(event: .marginLevelStatus(MarginLevelStatusChange(eventTime: time, marginLevel: level, status: status))))
    }

    /// Runs one handler; a failure is reported at once and the script goes on (exit, cancellation and the
    /// run's limits still end the run).
    private func runHandler(_ run: HandlerTable.Run) async throws {
        if run.overflow > 0 {
            configuration.output(.note("\(run.handler.title) (line \(run.handler.range.start.line)): \(run.overflow) more fills arrived while "
                + "\(HandlerTable.fillBound) were waiting; the last run's event.coalesced counts them"))
        }
        handlerState.inHandler = true
        defer { handlerState.inHandler = false }
        do {
            _ = try await callFunction(run.handler.function, [.record(run.event)], run.handler.range)
        } catch let failure as RuntimeFailure where failure.diagnostic.cause != .timeLimit {
            reportHandlerFailure(failure.diagnostic, run.handler)
        } catch let failure as AssertionFailure {
            reportHandlerFailure(failure.diagnostic, run.handler)
        }
    }

    private func reportHandlerFailure(_ diagnostic: Diagnostic, _ handler: LoweredHandler) {
        var d = diagnostic
        d.handler = handler.range
        d.notes.append(.init("in the handler '\(handler.title)' (line \(handler.range.start.line)); the script went on", at: handler.range))
        handlerState.failures.append(d)
        if let source = handlerState.source { configuration.diagnostics(d, source) }
    }
}

extension Evaluator {
    /// Runs a script's top level; when it ends normally, handles the events its last statements caused.
    func runScript(_ ops: [LoweredStmt]) async throws -> Flow {
        let flow = try await run(ops)
        if case .normal = flow, handlersActive { try await dispatchEvents(currentRange) }
        return flow
    }
}
