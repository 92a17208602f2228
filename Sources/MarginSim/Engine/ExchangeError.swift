import BinanceMargin

/// A Binance error answer: HTTP status, Binance code and Binance's message, as the exchange sends them.
///
/// Every rejection in the simulator is one of these values; the REST layer writes it as
/// `{"code":-2010,"msg":"..."}` with ``status``.
public struct ExchangeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status (400 for most client errors, 401 for key problems, 429 for rate limits).
    public var status: Int
    /// Binance's negative error code, e.g. -2010.
    public var code: Int
    /// Binance's message text, e.g. "Account has insufficient balance for requested action.".
    public var message: String

    /// Makes an error answer.
    public init(status: Int = 400, code: Int, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// `code msg (HTTP status)`.
    public var description: String { "\(code) \(message) (HTTP \(status))" }
}

/// Binance's errors, in one table, with the exact messages Binance sends.
extension ExchangeError {
    static func mandatory(_ name: String) -> ExchangeError {
        ExchangeError(code: -1102, message: "Mandatory parameter '\(name)' was not sent, was empty/null, or malformed.")
    }
    static func eitherMandatory(_ a: String, _ b: String) -> ExchangeError {
        ExchangeError(code: -1102, message: "Param '\(a)' or '\(b)' must be sent, but both were empty/null!")
    }
    static func tooGreat(_ name: String, _ limit: String) -> ExchangeError {
        ExchangeError(code: -1102, message: "'\(name)' contains unexpected value. Cannot be greater than \(limit).")
    }
    static func illegalChars(_ name: String, range: String) -> ExchangeError {
        ExchangeError(code: -1100, message: "Illegal characters found in parameter '\(name)'; legal range is '\(range)'.")
    }
    /// Binance's catch-all, answered when an account's valuation does not fit the exact decimal range.
    /// A change whose journal record could not be written: whether it is on disk is unknown.
    static let unknownOutcome = ExchangeError(status: 500, code: -1000, message: "An unknown error occurred while processing the request.")
    static let valuationOutOfRange = ExchangeError(code: -1000, message: "An unknown error occurred while processing the request.")
    static let duplicateParameter = ExchangeError(code: -1101, message: "Duplicate values for a parameter detected.")
    static func notRequired(_ name: String) -> ExchangeError {
        ExchangeError(code: -1106, message: "Parameter '\(name)' sent when not required.")
    }
    static func empty(_ name: String) -> ExchangeError {
        ExchangeError(code: -1105, message: "Parameter '\(name)' was empty.")
    }
    static func tooMuchPrecision(_ name: String) -> ExchangeError {
        ExchangeError(code: -1111, message: "Parameter '\(name)' has too much precision.")
    }
    static func invalidParameter(_ name: String) -> ExchangeError {
        ExchangeError(code: -1130, message: "Data sent for parameter '\(name)' is not valid.")
    }
    /// -1130 with what is wrong after Binance's words (the simulator's own parameters, e.g. a replay's files).
    static func invalidParameter(_ name: String, because detail: String) -> ExchangeError {
        ExchangeError(code: -1130, message: "Data sent for parameter '\(name)' is not valid: \(detail)")
    }
    static func tooManyHours(_ hours: Int) -> ExchangeError {
        ExchangeError(code: -1127, message: "More than \(hours) hours between startTime and endTime.")
    }
    static let invalidTimeInForce = ExchangeError(code: -1115, message: "Invalid timeInForce.")
    static let invalidOrderType = ExchangeError(code: -1116, message: "Invalid orderType.")
    static let invalidSide = ExchangeError(code: -1117, message: "Invalid side.")
    static let invalidSymbol = ExchangeError(code: -1121, message: "Invalid symbol.")
    static let symbolStatusMismatch = ExchangeError(code: -1220, message: "The symbol's status does not match the requested symbolStatus.")
    static let badCombination = ExchangeError(code: -1128, message: "Combination of optional parameters invalid.")
    static func filterFailure(_ filter: String) -> ExchangeError {
        ExchangeError(code: -1013, message: "Filter failure: \(filter)")
    }

    static let timestampOutsideWindow = ExchangeError(code: -1021, message: "Timestamp for this request is outside of the recvWindow.")
    static let timestampAhead = ExchangeError(code: -1021, message: "Timestamp for this request was 1000ms ahead of the server's time.")
    static let invalidSignature = ExchangeError(code: -1022, message: "Signature for this request is not valid.")
    static let badAPIKeyFormat = ExchangeError(status: 401, code: -2014, message: "API-key format invalid.")
    static let rejectedAPIKey = ExchangeError(status: 401, code: -2015, message: "Invalid API-key, IP, or permissions for action.")
    static func tooMuchWeight(limit: Int) -> ExchangeError {
        ExchangeError(status: 429, code: -1003, message: "Too much request weight used; current limit is \(limit) request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.")
    }

    static let insufficientBalance = ExchangeError(code: -2010, message: "Account has insufficient balance for requested action.")
    static let wouldTake = ExchangeError(code: -2010, message: "Order would immediately match and take.")
    static let wouldTrigger = ExchangeError(code: -2010, message: "Order would trigger immediately.")
    static let duplicateOrder = ExchangeError(code: -2010, message: "Duplicate order sent.")
    static let marginTradingNotAllowed = ExchangeError(code: -3021, message: "Margin account are not allowed to trade this trading pair.")
    static let unknownOrder = ExchangeError(code: -2011, message: "Unknown order sent.")
    static let noSuchOrder = ExchangeError(code: -2013, message: "Order does not exist.")

    static let exceedMaxBorrowable = ExchangeError(code: -3006, message: "Your borrow amount has exceed maximum borrow amount.")
    static let borrowBanned = ExchangeError(code: -3012, message: "Borrow is banned for this asset.")
    static let borrowBelowMinimum = ExchangeError(code: -3013, message: "Borrow amount less than minimum borrow amount.")
    static let repayBelowMinimum = ExchangeError(code: -3016, message: "Repay amount less than minimum repay amount.")
    static let repayExceedsLiability = ExchangeError(code: -3015, message: "Repay amount exceeds borrow amount.")
    static let transferOutExceedsMax = ExchangeError(code: -3020, message: "Transfer out amount exceeds max amount.")
    static let notValidMarginAsset = ExchangeError(code: -3027, message: "Not a valid margin asset.")
    static let notValidMarginPair = ExchangeError(code: -3028, message: "Not a valid margin pair.")
    static let marginLevelTooLow = ExchangeError(code: -3023, message: "You can't transfer out/place order under current margin level.")
    static let balanceNotEnough = ExchangeError(code: -3041, message: "Balance is not enough")
    static let priceIndexNotFound = ExchangeError(code: -3042, message: "PriceIndex not available for this margin pair.")
    static let poolExhausted = ExchangeError(code: -3045, message: "The system does not have enough asset now.")
    static let invalidDate = ExchangeError(code: -3011, message: "Your input date is invalid.")
    static let isolatedAccountMissing = ExchangeError(code: -11001, message: "Isolated margin account does not exist.")
    static let transferInsufficient = ExchangeError(code: -5013, message: "Asset transfer failed: insufficient balance")
}

extension ExchangeError {
    /// Binance's catch-all (-1000) for an exact computation that needs more than 38 digits. The
    /// engine bounds what requests may put in (prices, deposits, borrow limits), so no valid
    /// request reaches one; if one does, the request is answered and the state is left unchanged.
    static func arithmetic(_ error: NumberError) -> ExchangeError { valuationOutOfRange }
}

/// Runs engine arithmetic inside an operation that throws ``ExchangeError``: an overflow becomes
/// ``ExchangeError/arithmetic(_:)``. Use before the operation changes anything (compute, then mutate).
/// (Closures infer untyped `throws`, so any error other than an ``ExchangeError`` counts as an overflow;
/// only Number arithmetic belongs inside.)
func checked<T>(_ body: () throws -> T) throws(ExchangeError) -> T {
    do { return try body() } catch let error as ExchangeError { throw error } catch {
        throw .arithmetic((error as? NumberError) ?? .overflow(operation: "\(error)"))
    }
}
