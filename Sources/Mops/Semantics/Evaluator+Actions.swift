import BinanceMargin

/// Borrow, repay, transfer, orders and cancels: each asks the confirmation hook, goes through the
/// client, records what was sent, and drops the cached account values.
extension Evaluator {
    func perform(_ action: LoweredAction, _ range: SourceRange) async throws -> Value {
        guard configuration.capabilities.contains(.trade) else {
            throw RuntimeFailure("this interpreter is read-only: statements that change the account are refused", range,
                                 hint: "queries such as marginLevel and free(USDT) still work")
        }
        guard let view else {
            throw RuntimeFailure("this interpreter has no backend to send the request to", range,
                                 hint: "run with a backend (the embedded simulator is the default of `mops run`)")
        }
        do {
            switch action {
            case .borrow(let amountCode, let assetCode, let isolatedCode):
                let asset = try await code(assetCode, range)
                let symbol = try await isolatedCode.asyncMap { try await code($0, range) }
                return try await borrow(amountCode, asset, symbol, view, range)
            case .repay(let amountCode, let assetCode, let isolatedCode):
                let asset = try await code(assetCode, range)
                let symbol = try await isolatedCode.asyncMap { try await code($0, range) }
                return try await repay(amountCode, asset, symbol, view, range)
            case .transfer(let amountCode, let assetCode, let from, let to):
                let asset = try await code(assetCode, range)
                let source = try await place(from, range), destination = try await place(to, range)
                return try await transfer(amountCode, asset, from: source, to: destination, view, range)
            case .order(let spec):
                return try await placeOrder(spec, view, range)
            case .cancelOrder(let c, _):
                let v = try await value(c)
                if let list = v.orderListReference { return try await cancelOrderList(list.id, list.symbol, list.isolated, view, range) }
                guard let ref = v.orderReference else {
                    throw RuntimeFailure("'cancel' needs an order or an order list, found \(v.type.spoken)", range, hint: "cancel 12345 BTCUSDT")
                }
                return try await cancel(ref.id, ref.symbol, ref.isolated, view, range)
            case .cancelByID(let idCode, let symbolCode, let isolated):
                let v = try await value(idCode)
                guard case .number(let n) = v, let id = n.exactInt64, id > 0 else {
                    throw RuntimeFailure("an order id is a positive whole number, found \(v.excerpt)", range, hint: nil)
                }
                return try await cancel(id, try await code(symbolCode, range), isolated, view, range)
            case .cancelAll(let symbolCode, let isolated):
                let symbol = try await symbolCode.asyncMap { try await code($0, range) }
                return try await cancelAll(symbol, isolated: isolated, view, range)
            case .leverage(let c):
                return try await setLeverage(c, view, range)
            case .liquidate(let isolatedCode):
                return try await liquidate(try await isolatedCode.asyncMap { try await code($0, range) }, view, range)
            }
        } catch {
            throw RuntimeFailure.rethrown(error, at: range, doing: nil)
        }
    }

    // MARK: - Borrow, transfer, cancel all

    private func borrow(_ amountCode: LoweredAmount, _ asset: String, _ symbol: String?, _ view: AccountView,
                        _ range: SourceRange) async throws -> Value {
        let amount: Number
        switch amountCode {
        case .value(let c): amount = try await positive(c, range, what: "borrow")
        case .fraction(let f):
            let max = try await view.maxBorrowable(asset, isolated: symbol)
            amount = try (max * f).floor(toStep: Number("0.00000001"))
            guard amount.isPositive else {
                throw RuntimeFailure("nothing can be borrowed: maxBorrowable(\(asset)) is \(max)", range, hint: nil)
            }
        case .all:
            throw RuntimeFailure("'borrow all' is not a statement", range, hint: "borrow maxBorrowable(\(asset)) \(asset)")
        }
        let summary = "borrow \(amount) \(asset)" + (symbol.map { " isolated \($0)" } ?? "")
        try await authorize("borrow", summary, range)
        let id = try await view.client.borrow(asset: asset, amount: amount, isolatedSymbol: symbol)
        try await completed(summary, isolated: symbol, done: "borrowed" + summary.dropFirst("borrow".count) + " (tranId \(id))")
        return .transaction(id: id, kind: "borrow", asset: asset, amount: amount, symbol: symbol)
    }

    private func transfer(_ amountCode: LoweredAmount, _ asset: String, from source: ResolvedPlace, to destination: ResolvedPlace,
                          _ view: AccountView, _ range: SourceRange) async throws -> Value {
        let route: TransferRoute
        switch (source, destination) {
        case (.spot, .margin): route = .spotToCross
        case (.margin, .spot): route = .crossToSpot
        case (.spot, .isolated(let s)): route = .spotToIsolated(s)
        case (.isolated(let s), .spot): route = .isolatedToSpot(s)
        case (.margin, .isolated(let s)): route = .crossToIsolated(s)
        case (.isolated(let s), .margin): route = .isolatedToCross(s)
        default:
            throw RuntimeFailure("cannot transfer from \(source) to \(destination)", range,
                                 hint: "one side is spot or margin; move between two isolated pairs through margin")
        }
        let amount = try await transferAmount(amountCode, asset, from: source, view, range)
        let summary = "transfer \(amount) \(asset) from \(source) to \(destination)"
        try await authorize("transfer", summary, range)
        let id = try await view.client.transfer(asset: asset, amount: amount, route)
        var isolatedSymbol: String? = nil
        if case .isolated(let s) = source { isolatedSymbol = s }
        if case .isolated(let s) = destination { isolatedSymbol = s }
        try await completed(summary, isolated: isolatedSymbol, done: "transferred" + summary.dropFirst("transfer".count) + " (tranId \(id))")
        return .transaction(id: id, kind: "transfer", asset: asset, amount: amount, symbol: isolatedSymbol,
                            from: source.description, to: destination.description)
    }

    private func transferAmount(_ amountCode: LoweredAmount, _ asset: String, from source: ResolvedPlace, _ view: AccountView,
                                _ range: SourceRange) async throws -> Number {
        if case .value(let c) = amountCode { return try await positive(c, range, what: "transfer") }
        let available: Number
        switch source {
        case .margin: available = try await view.maxTransferable(asset, isolated: nil)
        case .isolated(let s): available = try await view.maxTransferable(asset, isolated: s)
        case .spot:
            // Read fresh (not the statement's cache): the spot wallet's free balance right now.
            available = try await view.client.spotAccount(omitZeroBalances: true).balance(asset).free
        }
        let amount: Number
        if case .fraction(let f) = amountCode { amount = try (available * f).floor(toStep: Number("0.00000001")) } else { amount = available }
        guard amount.isPositive else {
            throw RuntimeFailure("nothing to transfer: \(available) \(asset) may leave \(source)", range, hint: nil)
        }
        return amount
    }

    private func cancelAll(_ symbol: String?, isolated: Bool, _ view: AccountView, _ range: SourceRange) async throws -> Value {
        let symbols: [String]
        if let symbol {
            symbols = [symbol]
        } else {
            symbols = Array(Set(try await view.openOrders(nil, isolated: false).map(\.symbol))).sorted()
        }
        var canceled: [Value] = []
        for symbol in symbols {
            if try await view.openOrders(symbol, isolated: isolated).isEmpty { continue }
            let summary = "cancel all \(symbol)" + (isolated ? " isolated" : "")
            try await authorize("cancel", summary, range)
            let orders = try await view.client.cancelOpenOrders(symbol: symbol, isIsolated: isolated)
            canceled += orders.map(Value.order)
            let count = " (\(orders.count) order\(orders.count == 1 ? "" : "s")"
            try await completed(summary + count + ")", isolated: isolated ? symbol : nil,
                                done: "cancelled" + summary.dropFirst("cancel".count) + count + ": " + orders.map { String($0.orderId) }.joined(separator: ", ") + ")")
        }
        return .list(canceled)
    }

    // MARK: - Repay

    private func repay(_ amountCode: LoweredAmount, _ asset: String, _ symbol: String?, _ view: AccountView,
                       _ range: SourceRange) async throws -> Value {
        let owed = try await debt(asset, symbol, view)
        let place = symbol.map { " (isolated \($0))" } ?? " (cross margin)"
        switch amountCode {
        case .value(let c):
            let amount = try await positive(c, range, what: "repay")
            if amount > owed.debt {
                throw RuntimeFailure("cannot repay \(amount) \(asset): only \(owed.debt) \(asset) is owed\(place)", range,
                                     hint: "use `repay all \(asset)\(symbol.map { " isolated \($0)" } ?? "")` to pay the whole debt")
            }
            let summary = "repay \(amount) \(asset)" + (symbol.map { " isolated \($0)" } ?? "")
            try await authorize("repay", summary, range)
            let id = try await view.client.repay(asset: asset, amount: amount, isolatedSymbol: symbol)
            try await completed(summary, isolated: symbol, done: "repaid" + summary.dropFirst("repay".count) + " (tranId \(id))")
            let left = try await debtAfterRepay(id, asset, symbol, view)?.debt
            return .transaction(id: id, kind: "repay", asset: asset, amount: amount, symbol: symbol, remaining: left)
        case .fraction(let f):
            // Rounded up to 8 places so 100% pays everything, but never more than is owed.
            let amount = Number.min(try (owed.debt * f).ceil(toStep: Number("0.00000001")), owed.debt)
            guard amount.isPositive else {
                return .transaction(id: nil, kind: "repay", asset: asset, amount: .zero, symbol: symbol)
            }
            let summary = "repay \(amount) \(asset)" + (symbol.map { " isolated \($0)" } ?? "")
            try await authorize("repay", summary, range)
            let id = try await view.client.repay(asset: asset, amount: amount, isolatedSymbol: symbol)
            try await completed(summary, isolated: symbol, done: "repaid" + summary.dropFirst("repay".count) + " (tranId \(id))")
            let left = try await debtAfterRepay(id, asset, symbol, view)?.debt
            return .transaction(id: id, kind: "repay", asset: asset, amount: amount, symbol: symbol, remaining: left)
        case .all:
            guard owed.debt.isPositive else {
                return .transaction(id: nil, kind: "repay", asset: asset, amount: .zero, symbol: symbol)
            }
            var total = Number.zero
            var lastID: Int64? = nil
            var current = owed
            // Interest can accrue between reading the debt and repaying it; go again (at most twice more).
            for _ in 0..<3 {
                guard current.debt.isPositive else { break }
                if current.free < current.debt {
                    throw RuntimeFailure("cannot repay all \(current.debt) \(asset)\(place): only \(current.free) \(asset) is free", range,
                                         hint: "bring \(try current.debt - current.free) \(asset) in first (transfer or buy), or repay \(current.free) \(asset) now")
                }
                let summary = "repay \(current.debt) \(asset)" + (symbol.map { " isolated \($0)" } ?? "")
                try await authorize("repay", summary, range)
                let id = try await view.client.repay(asset: asset, amount: current.debt, isolatedSymbol: symbol)
                lastID = id
                total = try total + current.debt
                try await completed(summary, isolated: symbol, done: "repaid" + summary.dropFirst("repay".count) + " (tranId \(id))")
                guard let read = try await debtAfterRepay(lastID, asset, symbol, view) else {
                    return .transaction(id: lastID, kind: "repay", asset: asset, amount: total, symbol: symbol, remaining: nil)
                }
                current = read
            }
            if current.debt.isPositive {
                throw RuntimeFailure("repay all \(asset) left \(current.debt) \(asset) owing\(place)", range,
                                     hint: "interest accrued while repaying; run `repay all \(asset)` again")
            }
            return .transaction(id: lastID, kind: "repay", asset: asset, amount: total, symbol: symbol, remaining: .zero)
        }
    }

    /// The debt read back after a repay that succeeded, or nil when it could not be read: the repay happened, so
    /// the statement still succeeds (its `remaining` is none) and a note says what is known. Cancellation propagates.
    private func debtAfterRepay(_ id: Int64?, _ asset: String, _ symbol: String?,
                                _ view: AccountView) async throws -> (debt: Number, free: Number)? {
        do {
            return try await debt(asset, symbol, view)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let reason = (error as? BinanceError)?.message ?? RuntimeFailure.from(error, at: .unknown, doing: nil).diagnostic.message
            let tx = id.map { " (txId \($0))" } ?? ""
            configuration.output(.note("repaid\(tx); the remaining debt could not be read: \(reason)"))
            return nil
        }
    }

    private func debt(_ asset: String, _ symbol: String?, _ view: AccountView) async throws -> (debt: Number, free: Number) {
        view.invalidate()
        var args: [Value] = [.code(asset)]
        if let symbol { args.append(.code(symbol)) }
        let b = try await view.balance(args)
        return (try b.borrowed + b.interest, b.free)
    }

    // MARK: - Orders

    private func placeOrder(_ spec: LoweredOrder, _ view: AccountView, _ range: SourceRange) async throws -> Value {
        let symbol = try await code(spec.symbol, range)
        let amount = try await positive(spec.amount, range, what: spec.side.rawValue)
        let info = try await view.symbolInfo(symbol)
        var order = NewOrder(symbol: symbol, side: spec.side == .buy ? .buy : .sell, type: .market, isIsolated: spec.isolated,
                             sideEffect: sideEffect(spec.sideEffect))
        if let quoteCode = spec.quoteAsset {
            let quote = try await code(quoteCode, range)
            guard quote == info.quoteAsset else {
                throw RuntimeFailure("\(symbol) is quoted in \(info.quoteAsset), not \(quote)", range,
                                     hint: "\(spec.side.rawValue) \(amount) \(info.quoteAsset) of \(symbol)")
            }
            order.quoteOrderQty = amount
        } else {
            order.quantity = amount
        }
        switch spec.type {
        case .market: order.type = .market
        case .limit(let p):
            order.type = .limit
            order.price = try await positive(p, range, what: "limit")
        case .maker(let p):
            order.type = .limitMaker
            order.price = try await positive(p, range, what: "maker")
        case .stop(let s, let l):
            order.stopPrice = try await positive(s, range, what: "stop")
            if let l { order.type = .stopLossLimit; order.price = try await positive(l, range, what: "limit") } else { order.type = .stopLoss }
        case .takeProfit(let s, let l):
            order.stopPrice = try await positive(s, range, what: "take-profit")
            if let l { order.type = .takeProfitLimit; order.price = try await positive(l, range, what: "limit") } else { order.type = .takeProfit }
        }
        if let tif = spec.timeInForce {
            guard order.type.needsTimeInForce else {
                throw RuntimeFailure("\(order.type.rawValue) orders take no time in force", range, hint: nil)
            }
            order.timeInForce = TimeInForce(rawValue: tif.rawValue.uppercased())
        }
        if let idCode = spec.clientOrderID {
            let v = try await value(idCode)
            guard case .string(let id) = v else { throw RuntimeFailure("a client order id is a string, found \(v.type.spoken)", range) }
            order.clientOrderId = id
        }
        try await checkFilters(order, info, view, range)
        if let shape = spec.list { return try await placeOrderList(spec, shape, first: order, info, view, range) }
        var summary = "\(spec.side.rawValue) "
        if let q = order.quoteOrderQty { summary += "\(q) \(info.quoteAsset) of \(symbol)" } else { summary += "\(amount) \(symbol)" }
        summary += " \(order.type.rawValue)"
        if let p = order.price { summary += " price \(p)" }
        if let s = order.stopPrice { summary += " stop \(s)" }
        if spec.isolated { summary += " isolated" }
        if order.sideEffect != .noSideEffect { summary += " \(order.sideEffect.rawValue)" }
        try await authorize("order", summary, range)
        let result = try await view.client.placeOrder(order)
        let placed = "order \(result.orderId) \(result.status?.rawValue ?? "")"
        try await completed(summary + " → " + placed, isolated: spec.isolated ? symbol : nil,
                            done: "placed \(summary) (\(placed.trimmingCharacters(in: .whitespaces)))")
        return .order(result, fallbackSide: order.side.rawValue, fallbackType: order.type.rawValue,
                      stopPrice: order.stopPrice, isolated: spec.isolated)
    }

    private func sideEffect(_ word: SideEffectWord?) -> SideEffectType {
        switch word {
        case .autoborrow?: return .marginBuy
        case .autorepay?: return .autoRepay
        case .auto?: return .autoBorrowRepay
        case nil: return .noSideEffect
        }
    }

    /// Checks the symbol's filters before sending (``SymbolInfo/violation(of:referencePrice:)``, the
    /// one filter check), naming the nearest valid value; a quantity off its step also gets the
    /// `floor` that fixes it.
    func checkFilters(_ order: NewOrder, _ info: SymbolInfo, _ view: AccountView, _ range: SourceRange) async throws {
        let reference = info.needsReferencePrice(order) ? try await view.price(info.symbol) : nil
        guard let violation = info.violation(of: order, referencePrice: reference) else { return }
        var hint = violation.hint
        if case .step(let step) = violation.rule, violation.field == "quantity" { hint += " — write floor(qty, \(step))" }
        throw RuntimeFailure(violation.message, range, hint: hint, exchangeCode: -1013)
    }

    private func cancel(_ id: Int64, _ symbol: String, _ isolated: Bool, _ view: AccountView, _ range: SourceRange) async throws -> Value {
        let summary = "cancel order \(id) \(symbol)" + (isolated ? " isolated" : "")
        try await authorize("cancel", summary, range)
        let canceled = try await view.client.cancelOrder(symbol: symbol, orderId: id, clientOrderId: nil, isIsolated: isolated)
        try await completed(summary, isolated: isolated ? symbol : nil, done: "cancelled" + summary.dropFirst("cancel".count))
        return .order(canceled)
    }

    // MARK: - Helpers

    func code(_ c: LoweredExpr, _ range: SourceRange) async throws -> String {
        let v = try await value(c)
        guard case .code(let s) = v else {
            throw RuntimeFailure("expected an asset or symbol code, found \(v.type.spoken) (\(v.excerpt))", range, hint: "codes are upper case: USDT, BTCUSDT")
        }
        return s
    }

    func positive(_ c: LoweredExpr, _ range: SourceRange, what: String) async throws -> Number {
        let v = try await value(c)
        guard case .number(let n) = v else {
            throw RuntimeFailure("'\(what)' needs a number, found \(v.type.spoken) (\(v.excerpt))", range, hint: nil)
        }
        guard n.isPositive else {
            throw RuntimeFailure("'\(what)' needs an amount above zero, found \(n)", range, hint: nil)
        }
        return n
    }

    private func place(_ p: LoweredPlace, _ range: SourceRange) async throws -> ResolvedPlace {
        switch p {
        case .spot: return .spot
        case .margin: return .margin
        case .isolated(let c): return .isolated(try await code(c, range))
        }
    }

    /// Refuses or approves a request before it is sent. Without a confirmation hook a live backend
    /// refuses every request that changes the account (embedding fails closed).
    func authorize(_ kind: String, _ summary: String, _ range: SourceRange) async throws {
        if Task.isCancelled { throw CancellationError() }
        guard let confirm = configuration.confirm else {
            if configuration.backend.isLive || configuration.client?.isLive == true {
                throw RuntimeFailure("refused: \(summary): this interpreter talks to a live backend (\(configuration.backend)) and has no confirmation hook",
                                     range, hint: "the request was not sent; set Interpreter.Configuration.confirm to approve changes to a live account")
            }
            return
        }
        let approved = await confirm(Interpreter.PendingAction(kind: kind, summary: summary, range: range))
        if !approved {
            throw RuntimeFailure("refused: \(summary)", range, hint: "the request was not sent")
        }
    }

    /// Records a sent request and drops cached values; then, as ``Interpreter/Configuration/actionNotes`` asks,
    /// reports it (`done`, the margin level after) or, in plan mode, the projected margin level.
    func completed(_ summary: String, isolated symbol: String?, done: String? = nil) async throws {
        performed.append(summary)
        if let symbol { liquidations?.use(isolated: symbol) }
        view?.invalidate()
        guard let view else { return }
        switch configuration.actionNotes {
        case .none:
            return
        case .sent:
            guard let done else { return }
            configuration.output(.note(done + (await levelAfter(view, isolated: symbol))))
        case .projected:
            var note = "  → " + summary
            if let cross = try? await view.cross() { note += "; projected margin level \(Evaluator.level(cross.marginLevel)) (cross)" }
            if let symbol, let pair = try? await view.isolatedPair(symbol) {
                note += ", \(Evaluator.level(pair.marginLevel)) (\(symbol))"
            }
            configuration.output(.note(note))
        }
        view.invalidate()
    }

    /// `; margin level 3.2 (cross)` or `; margin level 1.8 (isolated BTCUSDT)` for the account a request
    /// concerned, read after it; the empty string when it cannot be read (the request was sent either way).
    private func levelAfter(_ view: AccountView, isolated symbol: String?) async -> String {
        if let symbol {
            guard let pair = try? await view.isolatedPair(symbol) else { return "" }
            return "; margin level \(Evaluator.level(pair.marginLevel)) (isolated \(symbol))"
        }
        guard let cross = try? await view.cross() else { return "" }
        return "; margin level \(Evaluator.level(cross.marginLevel)) (cross)"
    }

    static func level(_ n: Number) -> String {
        n > Number(999) ? "999+" : n.rounded(scale: 4, .down).description
    }
}
