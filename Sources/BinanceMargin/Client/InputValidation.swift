/// The checks every operation runs on its arguments before anything is sent; each failure is a
/// ``BinanceError`` of category ``BinanceError/Category/invalidInput`` naming the field and the fix.
enum InputValidation {
    /// A Binance symbol: upper-case letters and digits (`BTCUSDT`).
    static func symbol(_ symbol: String, field: String) throws {
        guard !symbol.isEmpty, symbol.utf8.count <= 32, symbol.utf8.allSatisfy(isUpperAlphanumeric) else {
            throw BinanceError.invalidInput(field, "\(field) \"\(symbol)\" is not a Binance symbol",
                hint: "write it as the exchange does: upper case, no separator, e.g. BTCUSDT")
        }
    }

    /// A Binance asset name: upper-case letters and digits (`USDT`).
    static func asset(_ asset: String, field: String = "asset") throws {
        guard !asset.isEmpty, asset.utf8.count <= 20, asset.utf8.allSatisfy(isUpperAlphanumeric) else {
            throw BinanceError.invalidInput(field, "\(field) \"\(asset)\" is not a Binance asset name",
                hint: "write it as the exchange does: upper case, e.g. USDT or BTC")
        }
    }

    /// A universal transfer type: upper-case words joined by `_` (`MAIN_MARGIN`).
    static func transferType(_ type: String) throws {
        guard !type.isEmpty, type.utf8.allSatisfy({ isUpperAlphanumeric($0) || $0 == UInt8(ascii: "_") }) else {
            throw BinanceError.invalidInput("type", "type \"\(type)\" is not a universal transfer type",
                hint: "e.g. MAIN_MARGIN, MARGIN_MAIN, MARGIN_ISOLATEDMARGIN or ISOLATEDMARGIN_MARGIN")
        }
    }

    /// A strictly positive amount that Binance's decimal parameters can carry (``wireDecimal(_:field:)``).
    static func amount(_ amount: Number, field: String = "amount") throws {
        guard amount.isPositive else {
            throw BinanceError.invalidInput(field, "\(field) must be greater than zero, got \(amount)",
                hint: "give a positive amount, e.g. 100 or 0.5")
        }
        try wireDecimal(amount, field: field)
    }

    /// A decimal whose text as sent (``Parameters``: `description`) is within Binance's range for decimal parameters,
    /// `^([0-9]{1,20})(\.[0-9]{1,20})?$`: at most 20 digits before the point and 20 after. The exchange refuses
    /// anything else with -1100.
    static func wireDecimal(_ value: Number, field: String) throws {
        let parts = value.description.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts[0].drop { $0 == "-" }.count
        let fraction = parts.count > 1 ? parts[1].count : 0
        guard whole > 20 || fraction > 20 else { return }
        throw BinanceError.invalidInput(field, "\(field) \(value) has more digits than Binance takes: at most 20 before the point and 20 after",
            hint: whole > 20 ? "check the \(field): it is beyond any balance the exchange holds" : "round the \(field) to the asset's precision (at most 8 decimals on Binance)")
    }

    /// A history page size: 1…100, or nil for the exchange's default.
    static func pageSize(_ size: Int?) throws -> Int? {
        if let size, size < 1 || size > 100 {
            throw BinanceError.invalidInput("size", "size must be between 1 and 100, got \(size)",
                hint: "ask for at most 100 rows a page and page on with current")
        }
        return size
    }

    /// A result limit: 1…`max`, or nil for the exchange's default.
    static func limit(_ limit: Int?, max: Int) throws {
        if let limit, limit < 1 || limit > max {
            throw BinanceError.invalidInput("limit", "limit must be between 1 and \(max), got \(limit)",
                hint: "Binance returns at most \(max) rows; page on with orderId/fromId or a later startTime")
        }
    }

    static func isUpperAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
