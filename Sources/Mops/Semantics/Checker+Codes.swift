/// Asset versus symbol: where a literal code must name one asset (`USDT`) or one pair (`BTCUSDT`).
extension Checker {
    enum CodeRole { case asset, symbol }

    /// Quote assets that end symbols: a code ending in one of these after at least two letters reads as a symbol.
    static let quoteAssets = ["USDT", "USDC", "FDUSD", "BUSD", "TUSD", "BTC", "ETH", "BNB", "EUR", "TRY", "DAI", "BRL", "JPY", "GBP", "AUD"]

    /// Whether a literal code looks like a symbol (`BTCUSDT`) rather than an asset (`USDT`).
    static func looksLikeSymbol(_ code: String) -> Bool {
        quoteAssets.contains { code.hasSuffix($0) && code.count - $0.count >= 2 }
    }

    mutating func checkCodeRole(_ e: Expr, _ role: CodeRole, context: String) {
        guard case .code(let c) = e.kind else { return }
        let symbolLike = Checker.looksLikeSymbol(c)
        if role == .asset && symbolLike {
            let quote = Checker.quoteAssets.first { c.hasSuffix($0) && c.count - $0.count >= 2 }!
            error("\(context) needs an asset, found the symbol \(c)", e.range,
                  hint: "\(c) is the pair \(c.dropLast(quote.count))/\(quote); name one asset, e.g. \(quote)")
        } else if role == .symbol && !symbolLike {
            error("\(context) needs a symbol, found the asset \(c)", e.range, hint: "a symbol names a pair: \(c == "BTC" ? "BTCUSDT" : c + (c == "USDT" ? "" : "USDT"))".replacingOccurrences(of: ": USDT", with: ": BTCUSDT"))
        }
    }

    mutating func code(_ e: Expr, role: CodeRole, context: String? = nil) -> LoweredExpr {
        let l = expression(e)
        if l.type != .any && l.type != .code {
            error("\(context ?? "this") needs \(role == .asset ? "an asset" : "a symbol"), found \(l.type.spoken)", e.range,
                  hint: role == .asset ? "assets are upper-case codes: USDT, BTC" : "symbols are upper-case codes: BTCUSDT")
        } else {
            checkCodeRole(e, role, context: context ?? "this")
        }
        return finish(l)
    }

    mutating func checkArgument(_ l: Typed, _ e: Expr, _ p: Builtin.Parameter, builtin b: Builtin) {
        switch p.kind {
        case .asset: checkCodeRole(e, .asset, context: "'\(b.name)'")
        case .symbol: checkCodeRole(e, .symbol, context: "'\(b.name)'")
        default: break
        }
        if !l.type.fits(p.kind.valueType) && !(l.type == .none) {
            error("'\(b.name)' needs \(p.kind.valueType.spoken) for \(p.name), found \(l.type.spoken)", e.range, hint: "\(b.signature) — e.g. \(b.example)")
        }
    }
}
