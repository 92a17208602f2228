import BinanceMargin

/// Finding forced liquidations while a script runs (``LiquidationWatch`` holds the rule and what was said).
extension Evaluator {
    /// Whether this run looks for liquidations: it has a backend and a watch, is not a plan, and may read the account.
    var watchesLiquidations: Bool {
        view != nil && liquidations != nil && configuration.actionNotes != .projected && configuration.capabilities.contains(.read)
    }

    /// Reads forceLiquidationRec and reports each liquidation not reported yet. A failed read never stops the
    /// script: it is said once as a note. Not in plan mode, and not when the host withheld the `.read` capability.
    func checkLiquidations(at range: SourceRange?) async {
        guard watchesLiquidations, !Task.isCancelled, let view, let watch = liquidations,
              let now = try? await configuration.clock.now() else { return }
        guard let plan = watch.plan(at: now) else { return }
        for account in plan.accounts {
            do {
                let page = try await view.client.forceLiquidationRecords(startTime: plan.from, endTime: plan.to,
                                                                         isolatedSymbol: account, size: 100)
                let rows = watch.fresh(page.rows).sorted { ($0.updatedTime, $0.orderId) < ($1.updatedTime, $1.orderId) }
                guard let first = rows.first else { continue }
                view.invalidate()
                let level = account == nil ? try? await view.cross().marginLevel : try? await view.isolatedPair(account ?? "").marginLevel
                let sales = rows.map { LiquidationNotice.Sale(symbol: $0.symbol, side: $0.side.rawValue, quantity: $0.executedQty,
                                                              price: $0.avgPrice, time: $0.updatedTime) }
                let notice = LiquidationNotice(account: account.map { "isolated \($0)" } ?? "cross margin", time: first.updatedTime,
                                               sales: sales, marginLevelAfter: level, line: range.map { $0.start.line })
                configuration.output(.liquidation(notice))
                handlers.offer(liquidation: notice)
            } catch {
                if watch.failed() {
                    configuration.output(.note("could not check for liquidations (forceLiquidationRec): \((error as? BinanceError)?.message ?? "\(error)")"))
                }
            }
        }
    }

    /// Marks where news starts, once per interpreter (its first run): later runs report what happened since.
    func startLiquidationWatch() async {
        guard watchesLiquidations, let watch = liquidations, !watch.started,
              let now = try? await configuration.clock.now() else { return }
        _ = watch.plan(at: now)
    }

    /// After `ms` of waiting: checks when a periodic check is due (an hour of simulated time, 10 s of real time).
    func checkLiquidations(afterWaiting ms: Int64, at range: SourceRange) async {
        guard watchesLiquidations, let liquidations, liquidations.waited(ms, virtual: configuration.clock.isVirtual) else { return }
        await checkLiquidations(at: range)
    }

    /// At the end of a run: checks if the run changed the account or the last check is an interval old.
    func checkLiquidationsAtEnd() async {
        guard watchesLiquidations, let liquidations, !Task.isCancelled else { return }
        if performed.isEmpty {
            guard let now = try? await configuration.clock.now(), liquidations.isStale(at: now, virtual: configuration.clock.isVirtual) else { return }
        }
        await checkLiquidations(at: currentRange)
    }
}
