import BinanceMargin

/// The one table of standard builtins: name, parameters, help, implementation.
///
/// The checker resolves calls against this table (plus an interpreter's host functions), the REPL
/// completes and documents from it, and `docs/language.md` lists the same entries.
package enum Builtins {
    /// Every standard builtin, in help order.
    package static let standard: [Builtin] = [
        // MARK: account values
        Builtin("marginLevel", [.init("symbol", .symbol, optional: true)], returns: .number,
                summary: "The cross margin level, or an isolated pair's when a symbol is given.",
                example: "if marginLevel < 1.5 { repay all USDT }",
                implementation: .account { view, args in
                    if let symbol = args.first?.codeValue { return .number(try await view.isolatedPair(symbol).marginLevel) }
                    return .number(try await view.cross().marginLevel)
                }),
        Builtin("totalAsset", returns: .number, summary: "Cross margin total asset value in BTC, as Binance reports it.",
                example: "print totalAsset",
                implementation: .account { view, _ in .number(try await view.cross().totalAssetOfBtc) }),
        Builtin("totalLiability", returns: .number, summary: "Cross margin total liability (borrowed + interest) in BTC.",
                example: "print totalLiability",
                implementation: .account { view, _ in .number(try await view.cross().totalLiabilityOfBtc) }),
        Builtin("netAsset", [.init("asset", .asset, optional: true), .init("symbol", .symbol, optional: true)], returns: .number,
                summary: "Net asset (free + locked − borrowed − interest) of an asset; without arguments the cross total in BTC.",
                example: "netAsset(BTC)  netAsset(USDT, BTCUSDT)  netAsset",
                implementation: .account { view, args in
                    if args.isEmpty { return .number(try await view.cross().totalNetAssetOfBtc) }
                    return .number(try await view.balance(args).netAsset)
                }),
        Builtin("free", assetParameters, returns: .number, summary: "Free (available) balance of an asset, cross or in an isolated pair.",
                example: "free(USDT)  free(BTC, BTCUSDT)",
                implementation: .account { view, args in .number(try await view.balance(args).free) }),
        Builtin("spotFree", [.init("asset", .asset)], returns: .number,
                summary: "Free balance of an asset in the spot wallet (what a transfer from spot may move).",
                example: "if spotFree(USDT) > 1000 { transfer all USDT to margin }",
                implementation: .account { view, args in .number(try await view.spot().balance(args[0].codeValue ?? "").free) }),
        Builtin("spotLocked", [.init("asset", .asset)], returns: .number,
                summary: "Balance of an asset in the spot wallet held by open spot orders.",
                example: "print spotFree(BTC) + spotLocked(BTC)",
                implementation: .account { view, args in .number(try await view.spot().balance(args[0].codeValue ?? "").locked) }),
        Builtin("locked", assetParameters, returns: .number, summary: "Balance of an asset locked in open orders.",
                example: "locked(BTC)",
                implementation: .account { view, args in .number(try await view.balance(args).locked) }),
        Builtin("borrowed", assetParameters, returns: .number, summary: "Borrowed principal of an asset (without interest).",
                example: "borrowed(USDT, BTCUSDT)",
                implementation: .account { view, args in .number(try await view.balance(args).borrowed) }),
        Builtin("interest", assetParameters, returns: .number, summary: "Accrued unpaid interest of an asset.",
                example: "interest(USDT)",
                implementation: .account { view, args in .number(try await view.balance(args).interest) }),
        Builtin("debt", assetParameters, returns: .number, summary: "What repays the loan in full: borrowed + interest.",
                example: "if debt(USDT) > 0 { repay all USDT }",
                implementation: .account { view, args in
                    let b = try await view.balance(args)
                    return .number(try checked(b.borrowed.adding(b.interest)))
                }),
        Builtin("rate", [.init("asset", .asset)], returns: .number, summary: "The asset's current daily interest rate (0.0001 = 0.01 % a day).",
                example: "print \"USDT costs {rate(USDT) * 365 * 100} % a year\"",
                implementation: .account { view, args in .number(try await view.dailyRate(args[0].codeValue ?? "")) }),
        Builtin("price", [.init("symbol", .symbol)], returns: .number, summary: "The symbol's last price.",
                example: "buy 0.01 BTCUSDT limit price(BTCUSDT) * 0.99",
                implementation: .account { view, args in .number(try await view.price(args[0].codeValue ?? "")) }),
        Builtin("maxBorrowable", assetParameters, returns: .number, summary: "How much of the asset may be borrowed now (cross, or in an isolated pair).",
                example: "borrow min(100, maxBorrowable(USDT)) USDT",
                implementation: .account { view, args in
                    .number(try await view.maxBorrowable(args[0].codeValue ?? "", isolated: args.count > 1 ? args[1].codeValue : nil))
                }),
        Builtin("maxTransferable", assetParameters, returns: .number, summary: "How much of the asset may be transferred out of margin now.",
                example: "transfer maxTransferable(USDT) USDT from margin",
                implementation: .account { view, args in
                    .number(try await view.maxTransferable(args[0].codeValue ?? "", isolated: args.count > 1 ? args[1].codeValue : nil))
                }),
        Builtin("openOrders", [.init("symbol", .symbol, optional: true), .init("isolated", .bool, optional: true)], returns: .list,
                summary: "Open orders (cross, or an isolated pair's when the second argument is true), oldest first.",
                example: "for o in openOrders(BTCUSDT) { cancel o }",
                implementation: .account { view, args in
                    let isolated = args.count > 1 ? (args[1].truth ?? false) : false
                    return .list(try await view.openOrders(args.first?.codeValue, isolated: isolated).map(Value.order))
                }),
        Builtin("liquidations", [.init("symbol", .symbol, optional: true)], returns: .list,
                summary: "Forced liquidation sales of the last 7 days (cross, or an isolated pair's), newest first: time symbol side qty price isolated.",
                example: "if len(liquidations) > 0 { print liquidations[0].price }",
                implementation: .account { view, args in
                    let page = try await view.client.forceLiquidationRecords(isolatedSymbol: args.first?.codeValue, size: 100)
                    return .list(page.rows.map(Value.liquidation))
                }),
        Builtin("order", [.init("symbol", .symbol), .init("id", .number), .init("isolated", .bool, optional: true)], returns: .order,
                summary: "One order by symbol and order id, fresh from the exchange.",
                example: "order(BTCUSDT, o.id).status",
                implementation: .account { view, args in
                    let (symbol, id, isolated) = try idArguments(args, what: "an order id")
                    return Value.order(try await view.order(symbol, id: id, isolated: isolated))
                }),
        Builtin("openOrderLists", [.init("symbol", .symbol, optional: true), .init("isolated", .bool, optional: true)], returns: .list,
                summary: "Open order lists (OCO, OTO, OTOCO; cross, or an isolated pair's when the second argument is true), each with its legs read fresh.",
                example: "for l in openOrderLists(BTCUSDT) { cancel l }",
                implementation: .account { view, args in
                    let isolated = args.count > 1 ? (args[1].truth ?? false) : false
                    return .list(try await view.openOrderListValues(args.first?.codeValue, isolated: isolated))
                }),
        Builtin("orderList", [.init("symbol", .symbol), .init("id", .number), .init("isolated", .bool, optional: true)], returns: .orderList,
                summary: "One order list by symbol and list id, fresh from the exchange, with its legs.",
                example: "orderList(BTCUSDT, b.id).status",
                implementation: .account { view, args in
                    let (symbol, id, isolated) = try idArguments(args, what: "an order list id")
                    return try await view.orderListValue(symbol, id: id, isolated: isolated)
                }),
        Builtin("base", [.init("symbol", .symbol)], returns: .code, summary: "The base asset of a symbol: base(BTCUSDT) is BTC.",
                example: "borrow 0.1 base(BTCUSDT)",
                implementation: .account { view, args in .code(try await view.symbolInfo(args[0].codeValue ?? "").baseAsset) }),
        Builtin("quote", [.init("symbol", .symbol)], returns: .code, summary: "The quote asset of a symbol: quote(BTCUSDT) is USDT.",
                example: "free(quote(BTCUSDT))",
                implementation: .account { view, args in .code(try await view.symbolInfo(args[0].codeValue ?? "").quoteAsset) }),
        Builtin("now", returns: .number, summary: "The current time in milliseconds since 1970 (the backend's clock on a simulator).",
                example: "let started = now",
                implementation: .account { view, _ in .number(Number(try await view.now())) }),

        // MARK: helpers
        Builtin("min", [.init("a", .any), .init("b", .any)], returns: .any, summary: "The smaller of two numbers or durations.",
                example: "min(100, maxBorrowable(USDT))",
                implementation: .pure { args in try ordered(args, pickLarger: false) }),
        Builtin("max", [.init("a", .any), .init("b", .any)], returns: .any, summary: "The larger of two numbers or durations.",
                example: "max(0, free(USDT) - 10)",
                implementation: .pure { args in try ordered(args, pickLarger: true) }),
        Builtin("abs", [.init("x", .number)], returns: .number, summary: "The magnitude of a number.",
                example: "abs(netAsset(BTC))",
                implementation: .pure { args in .number(try number(args, 0).magnitude) }),
        Builtin("round", [.init("x", .number), .init("places", .number, optional: true)], returns: .number,
                summary: "Rounds half-even to a number of decimal places (default 0).",
                example: "round(marginLevel, 2)",
                implementation: .pure { args in
                    .number(try number(args, 0).rounded(scale: try places(args, 1), .halfEven))
                }),
        Builtin("floor", [.init("x", .number), .init("step", .number, optional: true)], returns: .number,
                summary: "The largest multiple of step (default 1) not above x — e.g. a quantity on the LOT_SIZE step.",
                example: "floor(free(BTC), 0.00001)",
                implementation: .pure { args in .number(try number(args, 0).floor(toStep: args.count > 1 ? try step(args, 1) : .one)) }),
        Builtin("ceil", [.init("x", .number), .init("step", .number, optional: true)], returns: .number,
                summary: "The smallest multiple of step (default 1) not below x.",
                example: "ceil(debt(USDT), 0.01)",
                implementation: .pure { args in .number(try number(args, 0).ceil(toStep: args.count > 1 ? try step(args, 1) : .one)) }),
        Builtin("len", [.init("x", .any)], returns: .number, summary: "The number of items in a list or characters in a string.",
                example: "len(openOrders(BTCUSDT))",
                implementation: .pure { args in
                    switch args[0] {
                    case .list(let items): return .number(Number(items.count))
                    case .string(let s): return .number(Number(s.count))
                    default: throw BuiltinError("len takes a list or a string, not \(args[0].type.spoken)", argument: 0)
                    }
                }),
        Builtin("sum", [.init("list", .list)], returns: .number, summary: "The sum of a list of numbers.",
                example: "sum([1, 2, 3])",
                implementation: .pure { args in
                    guard case .list(let items) = args[0] else { throw BuiltinError("sum takes a list", argument: 0) }
                    var total = Number.zero
                    for item in items {
                        guard case .number(let n) = item else { throw BuiltinError("sum takes a list of numbers, found \(item.type.spoken)", argument: 0) }
                        total = try checked(total.adding(n))
                    }
                    return .number(total)
                }),
        Builtin("str", [.init("x", .any)], returns: .string, summary: "The text form of a value.",
                example: "\"level \" + str(marginLevel)",
                implementation: .pure { args in
                    guard let text = args[0].text() else {
                        throw BuiltinError("string too long: the text of this value passes the limit of \(Limits.stringBytes) bytes (16 MiB)",
                                           hint: "take a part of it first, e.g. xs[0]", argument: 0)
                    }
                    return .string(text)
                }),
        Builtin("fixed", [.init("x", .number), .init("places", .number)], returns: .string,
                summary: "A number as text with exactly `places` decimals (half-even): fixed(1.5, 2) is \"1.50\".",
                example: "print fixed(marginLevel, 2)",
                implementation: .pure { args in .string(try number(args, 0).formatted(places: try places(args, 1))) }),
    ]

    /// `(asset, [symbol])`.
    static let assetParameters: [Builtin.Parameter] = [.init("asset", .asset), .init("symbol", .symbol, optional: true)]

    /// Builtin names, for completion.
    package static var names: [String] { standard.map(\.name) }

    /// The standard builtin called `name`.
    package static func named(_ name: String) -> Builtin? { standard.first { $0.name == name } }

    // MARK: argument helpers

    static func number(_ args: [Value], _ i: Int) throws -> Number {
        guard case .number(let n) = args[i] else { throw BuiltinError("expected a number, found \(args[i].type.spoken)", argument: i) }
        return n
    }

    static func places(_ args: [Value], _ i: Int) throws -> Int {
        guard i < args.count else { return 0 }
        guard case .number(let n) = args[i], let p = n.exactInt, p >= 0, p <= 18 else {
            throw BuiltinError("decimal places must be a whole number from 0 to 18", argument: i)
        }
        return p
    }

    static func step(_ args: [Value], _ i: Int) throws -> Number {
        let s = try number(args, i)
        guard s.isPositive else { throw BuiltinError("the step must be positive", argument: i) }
        return s
    }

    static func checked(_ n: Number?) throws -> Number {
        guard let n else { throw BuiltinError("number overflow: the result needs more than 38 digits") }
        return n
    }

    /// The `(SYMBOL, id[, isolated])` arguments of `order` and `orderList`; the id must be a whole number.
    static func idArguments(_ args: [Value], what: String) throws -> (symbol: String, id: Int64, isolated: Bool) {
        guard case .number(let n) = args[1], let id = n.exactInt64 else { throw BuiltinError("\(what) is a whole number", argument: 1) }
        return (args[0].codeValue ?? "", id, args.count > 2 ? (args[2].truth ?? false) : false)
    }

    static func ordered(_ args: [Value], pickLarger: Bool) throws -> Value {
        switch (args[0], args[1]) {
        case (.number(let a), .number(let b)): return .number(pickLarger ? Number.max(a, b) : Number.min(a, b))
        case (.duration(let a), .duration(let b)): return .duration(pickLarger ? Swift.max(a, b) : Swift.min(a, b))
        default:
            throw BuiltinError("\(pickLarger ? "max" : "min") compares two numbers or two durations, not \(args[0].type.spoken) and \(args[1].type.spoken)")
        }
    }
}

extension Value {
    /// The code text when the value is an asset or symbol code.
    var codeValue: String? {
        if case .code(let c) = self { return c }
        return nil
    }
}
