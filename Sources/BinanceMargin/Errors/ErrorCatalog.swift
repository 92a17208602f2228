/// The one table of Binance error codes the client knows: each code's category and plain-language hint.
///
/// Codes are stable, messages vary (Binance's own advice), so categories come from codes, refined by
/// the message only where one code covers different situations (-2010, -1013).
public enum ErrorCatalog {
    /// One known code.
    public struct Entry: Sendable {
        /// Binance's code.
        public let code: Int
        /// Binance's symbolic name (`NEW_ORDER_REJECTED`).
        public let name: String
        /// The category the code falls in.
        public let category: BinanceError.Category
        /// What it means and what to do, in plain language (nil when the message says it all).
        public let hint: String?
        /// Whether the request may still have been executed.
        public let outcomeUnknown: Bool

        init(_ code: Int, _ name: String, _ category: BinanceError.Category, _ hint: String? = nil,
             outcomeUnknown: Bool = false) {
            self.code = code
            self.name = name
            self.category = category
            self.hint = hint
            self.outcomeUnknown = outcomeUnknown
        }
    }

    /// Every known code, in numeric order of magnitude.
    public static let entries: [Entry] = [
        Entry(-1000, "UNKNOWN", .server, "Binance hit an unknown error; the request may or may not have been processed. Check state before repeating it.", outcomeUnknown: true),
        Entry(-1001, "DISCONNECTED", .server, "Binance had an internal error; try again in a moment."),
        Entry(-1002, "UNAUTHORIZED", .auth, "The API key may not call this endpoint; check the key's permissions."),
        Entry(-1003, "TOO_MANY_REQUESTS", .rateLimit, "Too much request weight used. Wait for the Retry-After period before sending again; repeated 429s lead to an IP ban (418)."),
        Entry(-1006, "UNEXPECTED_RESP", .server, "Binance's message bus answered unexpectedly: execution status unknown. Query the order (by client order id) before repeating it.", outcomeUnknown: true),
        Entry(-1007, "TIMEOUT", .server, "Binance's backend timed out: execution status unknown. Query the order (by client order id) before repeating it.", outcomeUnknown: true),
        Entry(-1008, "SERVER_BUSY", .server, "Binance is overloaded; try again in a few minutes."),
        Entry(-1013, "INVALID_MESSAGE", .filterFailure, "The order broke a symbol filter. Read the symbol's filters (`symbolInfo`): quantity must be a multiple of LOT_SIZE.stepSize, price of PRICE_FILTER.tickSize, and price × quantity at least NOTIONAL.minNotional."),
        Entry(-1014, "UNKNOWN_ORDER_COMPOSITION", .invalidOrder, "This combination of order parameters is not supported."),
        Entry(-1015, "TOO_MANY_ORDERS", .rateLimit, "Too many new orders for the current interval; slow down."),
        Entry(-1021, "INVALID_TIMESTAMP", .timestamp, "The request's timestamp was outside recvWindow: the local clock differs from Binance's. The client re-syncs with /api/v3/time and retries once; if it persists, fix the system clock (NTP) or raise recvWindow (≤ 60000)."),
        Entry(-1022, "INVALID_SIGNATURE", .auth, "The signature did not match: check that the API secret (or private key) belongs to this API key, and that nothing re-encodes the parameters after signing."),
        Entry(-1100, "ILLEGAL_CHARS", .invalidRequest),
        Entry(-1101, "TOO_MANY_PARAMETERS", .invalidRequest),
        Entry(-1102, "MANDATORY_PARAM_EMPTY_OR_MALFORMED", .invalidRequest, "A required parameter was missing or malformed; the message names it."),
        Entry(-1103, "UNKNOWN_PARAM", .invalidRequest),
        Entry(-1104, "UNREAD_PARAMETERS", .invalidRequest),
        Entry(-1105, "PARAM_EMPTY", .invalidRequest),
        Entry(-1106, "PARAM_NOT_REQUIRED", .invalidRequest, "A parameter was sent that this order type does not take (e.g. price on a MARKET order)."),
        Entry(-1111, "BAD_PRECISION", .invalidOrder, "Too many decimals: round an order's quantity to LOT_SIZE.stepSize and its price to PRICE_FILTER.tickSize, and a borrow, repay or transfer amount to the asset's precision (8 decimals on Binance)."),
        Entry(-1112, "NO_DEPTH", .invalidOrder),
        Entry(-1114, "TIF_NOT_REQUIRED", .invalidOrder, "timeInForce is only for LIMIT, STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT orders."),
        Entry(-1115, "INVALID_TIF", .invalidOrder),
        Entry(-1116, "INVALID_ORDER_TYPE", .invalidOrder),
        Entry(-1117, "INVALID_SIDE", .invalidOrder),
        Entry(-1121, "BAD_SYMBOL", .invalidRequest, "Unknown symbol: use the exchange's spelling, e.g. BTCUSDT (upper case, no slash)."),
        Entry(-1127, "MORE_THAN_XX_HOURS", .invalidRequest, "The time window is too long; narrow startTime…endTime."),
        Entry(-1128, "OPTIONAL_PARAMS_BAD_COMBO", .invalidRequest),
        Entry(-1130, "INVALID_PARAMETER", .invalidRequest),
        Entry(-1131, "BAD_RECV_WINDOW", .invalidRequest, "recvWindow must not exceed 60000 ms."),
        Entry(-2010, "NEW_ORDER_REJECTED", .invalidOrder, "The matching engine rejected the order for the reason in the message; nothing was placed."),
        Entry(-2011, "CANCEL_REJECTED", .notFound, "The order to cancel is unknown or already finished (filled, canceled or expired); query it to see its final state."),
        Entry(-2013, "NO_SUCH_ORDER", .notFound, "No such order: check the symbol, the id, and isIsolated (isolated orders are only found with isIsolated=TRUE)."),
        Entry(-2014, "BAD_API_KEY_FMT", .auth, "The API key is malformed; copy it again without spaces or quotes."),
        Entry(-2015, "REJECTED_MBX_KEY", .auth, "Invalid API key, IP, or permissions: enable \"Spot & Margin Trading\" and \"Margin Loan, Repay & Transfer\" on the key and whitelist this IP."),
        Entry(-2026, "ORDER_ARCHIVED", .notFound),
        Entry(-3000, "INNER_FAILURE", .server),
        Entry(-3001, "NEED_ENABLE_2FA", .restricted),
        Entry(-3002, "ASSET_DEFICIENCY", .notFound),
        Entry(-3003, "NO_OPENED_MARGIN_ACCOUNT", .notFound, "The margin account is not activated: transfer collateral into it first."),
        Entry(-3004, "TRADE_NOT_ALLOWED", .restricted),
        Entry(-3005, "TRANSFER_OUT_NOT_ALLOWED", .restricted),
        Entry(-3006, "EXCEED_MAX_BORROWABLE", .insufficientFunds, "The amount is above what this account may borrow now; check maxBorrowable, add collateral, or borrow less."),
        Entry(-3007, "HAS_PENDING_TRANSACTION", .restricted, "Another borrow/repay is still being processed for this account; wait about 100 ms and try again."),
        Entry(-3008, "BORROW_NOT_ALLOWED", .restricted),
        Entry(-3009, "ASSET_NOT_MORTGAGEABLE", .restricted),
        Entry(-3010, "REPAY_NOT_ALLOWED", .restricted),
        Entry(-3011, "BAD_DATE_RANGE", .invalidRequest),
        Entry(-3012, "ASSET_ADMIN_BAN_BORROW", .restricted),
        Entry(-3013, "LT_MIN_BORROWABLE", .invalidRequest, "The borrow is below this asset's minimum (allAssets.userMinBorrow); borrow more."),
        Entry(-3014, "ACCOUNT_BAN_BORROW", .restricted),
        Entry(-3015, "REPAY_EXCEED_LIABILITY", .invalidRequest, "You are repaying more than you owe; repay at most borrowed + interest for this asset (see the account's `borrowed` and `interest`)."),
        Entry(-3016, "LT_MIN_REPAY", .invalidRequest, "The repayment is below this asset's minimum (allAssets.userMinRepay)."),
        Entry(-3017, "ASSET_ADMIN_BAN_MORTGAGE", .restricted),
        Entry(-3018, "ACCOUNT_BAN_MORTGAGE", .restricted),
        Entry(-3019, "ACCOUNT_BAN_ROLLOUT", .restricted),
        Entry(-3020, "EXCEED_MAX_ROLLOUT", .insufficientFunds, "The transfer is above the amount that may leave margin now; check maxTransferable."),
        Entry(-3021, "PAIR_ADMIN_BAN_TRADE", .restricted),
        Entry(-3022, "ACCOUNT_BAN_TRADE", .restricted),
        Entry(-3023, "WARNING_MARGIN_LEVEL", .restricted, "The margin level is too low for this; repay debt or add collateral first."),
        Entry(-3024, "FEW_LIABILITY_LEFT", .invalidRequest, "The debt left after this repayment would be below the minimum; repay all of it or less."),
        Entry(-3025, "INVALID_EFFECTIVE_TIME", .invalidRequest),
        Entry(-3026, "VALIDATION_FAILED", .invalidRequest),
        Entry(-3027, "NOT_VALID_MARGIN_ASSET", .invalidRequest, "This asset cannot be used in margin."),
        Entry(-3028, "NOT_VALID_MARGIN_PAIR", .invalidRequest, "This pair is not a margin pair."),
        Entry(-3029, "TRANSFER_FAILED", .server),
        Entry(-3036, "ACCOUNT_BAN_REPAY", .restricted),
        Entry(-3037, "PNL_CLEARING", .restricted, "Profit and loss are being settled; wait a second and try again."),
        Entry(-3041, "BALANCE_NOT_CLEARED", .insufficientFunds, "The balance is not enough for this (for repay: the free balance of the asset must cover the amount; transfer it in or sell for it first; for a manual liquidation: the account has no debt to liquidate)."),
        Entry(-3042, "PRICE_INDEX_NOT_FOUND", .notFound),
        Entry(-3043, "TRANSFER_IN_NOT_ALLOWED", .restricted),
        Entry(-3044, "SYSTEM_BUSY", .server),
        Entry(-3045, "SYSTEM", .insufficientFunds, "Binance's lending pool has run out of this asset for now (not your account's fault). Try a smaller amount or later; auto-borrow orders fail the same way."),
        Entry(-3064, "LIMIT_PRICE_BAND", .invalidOrder, "The limit price must be within ±15% of the pair's index price."),
        Entry(-3999, "NOT_WHITELIST_USER", .restricted),
        Entry(-5013, "ASSET_TRANSFER_FAILED", .insufficientFunds, "The source wallet does not hold enough of the asset."),
        Entry(-11001, "ISOLATED_ACCOUNT_NOT_FOUND", .notFound, "This isolated margin pair is not activated: transfer collateral into it first."),
        Entry(-11007, "EXCEED_MAX_BORROWABLE_ISOLATED", .insufficientFunds, "The borrow is above the limit — or below the (unpublished) minimum borrow size; check maxBorrowable."),
        Entry(-11008, "EXCEED_ACCOUNT_MAX_BORROWABLE", .insufficientFunds, "The account's total borrowable limit is reached."),
    ]

    static let byCode: [Int: Entry] = Dictionary(uniqueKeysWithValues: entries.map { ($0.code, $0) })

    /// The entry for `code`, if the client knows it.
    public static func entry(for code: Int) -> Entry? { byCode[code] }

    /// Hints for one code's different messages (the first entry whose text the message contains, ignoring case, wins):
    /// -2010 and -1013 each cover many situations that call for different fixes.
    static let messageHints: [(code: Int, contains: String, hint: String)] = [
        (-2010, "insufficient balance", "The free balance does not cover the order: transfer collateral in, borrow first, or place it with sideEffectType MARGIN_BUY / AUTO_BORROW_REPAY (which borrow what is missing)."),
        (-2010, "would immediately match", "A LIMIT_MAKER order would have taken liquidity; move the price away from the book."),
        (-2010, "would trigger immediately", "The stop price is already reached, so the order would trigger at once: a sell STOP_LOSS needs a stop below the current price and a sell TAKE_PROFIT one above (the reverse for buys); or use a MARKET/LIMIT order."),
        (-2010, "duplicate order", "An open order already has this newClientOrderId; give a new client order id, or none to get a fresh one."),
        (-2010, "market is closed", "Trading on this pair is halted; wait until it resumes (see exchangeInfo's status)."),
        (-2010, "not permitted", "This account may not trade this symbol (check the pair's permissions and the account's region)."),
        (-2010, "restricted", "This account may not trade this symbol (check the pair's permissions and the account's region)."),
        (-2010, "not enabled", "Trading through the API is not enabled: turn on \"Spot & Margin Trading\" for this API key."),
        (-1013, "MARKET_LOT_SIZE", "The MARKET order's quantity breaks MARKET_LOT_SIZE: keep it between minQty and maxQty, a multiple of stepSize."),
        (-1013, "LOT_SIZE", "The quantity breaks LOT_SIZE: it must be between minQty and maxQty and a multiple of stepSize (`symbolInfo`, then floor the quantity to the step)."),
        (-1013, "PRICE_FILTER", "The price breaks PRICE_FILTER: it must be between minPrice and maxPrice and a multiple of tickSize (`symbolInfo`)."),
        (-1013, "NOTIONAL", "The order is too small (or too large): price × quantity must be at least NOTIONAL.minNotional (`symbolInfo`); raise the quantity."),
        (-1013, "PERCENT_PRICE", "The price is too far from the average price (PERCENT_PRICE); move it closer to the market."),
        (-1013, "MAX_NUM_ORDERS", "Too many open orders on this symbol (MAX_NUM_ORDERS); cancel some first."),
        (-1013, "ICEBERG_PARTS", "The iceberg splits into too many parts (ICEBERG_PARTS); raise icebergQty."),
        // `mops sim serve`'s own refusals (docs/simulator.md, "Security").
        (-1002, "X-Mops-Control-Token", "This sandbox requires its control token: export MOPS_SIM_CONTROL_TOKEN with the token its banner printed, then run again."),
        (-1002, "not a loopback name", "Address the sandbox as http://127.0.0.1:PORT (or localhost, [::1]), as its banner shows."),
        (-1002, "refuse requests from web pages", "Send /sim/* requests from mops, curl or a script; browsers are refused."),
    ]

    /// The hint for `code`, refined by `message` (nil when there is none).
    public static func hint(for code: Int, message: String) -> String? {
        let refined = messageHints.first { $0.code == code && message.localizedCaseInsensitiveContains($0.contains) }
        return refined?.hint ?? byCode[code]?.hint
    }

    /// The category of `code`, refined by `message` (`-2010 … insufficient balance` is insufficient funds).
    public static func category(for code: Int, message: String) -> BinanceError.Category {
        if code == -2010 && message.localizedCaseInsensitiveContains("insufficient balance") { return .insufficientFunds }
        if code == -1013 && !message.localizedCaseInsensitiveContains("filter failure") { return .invalidOrder }
        return byCode[code]?.category ?? (code <= -1100 && code > -1200 ? .invalidRequest : .other)
    }

    /// The category for an HTTP status when the body carried no Binance code.
    public static func category(forStatus status: Int) -> BinanceError.Category {
        switch status {
        case 401, 403: return .auth
        case 404: return .notFound
        case 418: return .ipBanned
        case 429: return .rateLimit
        case 500...599: return .server
        case 400...499: return .invalidRequest
        default: return .other
        }
    }
}
