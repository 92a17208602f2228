import Foundation
import BinanceMargin

/// A request's parameters as Binance reads them: query string and form body merged (the query wins
/// when a name is in both), `+` and `%20` both spaces, any order, unknown names ignored.
struct RequestParameters: Sendable {
    private var pairs: ParameterPairs

    /// The parameters as a table (for the journal).
    var values: [String: String] { pairs.table }

    static let decimalRange = "^([0-9]{1,20})(\\.[0-9]{1,20})?$"
    static let longRange = "^[0-9]{1,20}$"

    /// Parses and merges; a name repeated within the query or within the body is -1101.
    init(query: String, body: String) throws(ExchangeError) {
        let fromBody = try RequestParameters.parse(body)
        let fromQuery = try RequestParameters.parse(query)
        guard !fromBody.isEmpty else { pairs = fromQuery; return }
        var merged = fromBody
        merged.merge(fromQuery)
        pairs = merged
    }

    /// RequestParameters given directly (tests, control calls).
    init(_ values: [String: String]) { pairs = ParameterPairs(values) }

    static func parse(_ raw: String) throws(ExchangeError) -> ParameterPairs {
        guard !raw.isEmpty else { return ParameterPairs() }   // the usual empty body: nothing allocated
        var raw = raw
        // nil: not ASCII (split by Characters instead); .some(nil): a name given twice.
        let parsed: ParameterPairs?? = raw.withUTF8 { utf8 in
            var pairs = 1
            for byte in utf8 {
                if byte >= 0x80 { return nil }
                if byte == UInt8(ascii: "&") { pairs += 1 }
            }
            // ASCII: every byte is a Character, so splitting the bytes splits as the Characters do, without their cost.
            var result = ParameterPairs(capacity: pairs)
            var start = 0
            while start < utf8.count {
                var end = start
                while end < utf8.count, utf8[end] != UInt8(ascii: "&") { end += 1 }
                if start < end {
                    var equals = start
                    while equals < end, utf8[equals] != UInt8(ascii: "=") { equals += 1 }
                    let name = decode(UnsafeBufferPointer(rebasing: utf8[start..<equals]))
                    let value = equals < end ? decode(UnsafeBufferPointer(rebasing: utf8[(equals + 1)..<end])) : ""
                    if !result.insert(name, value) { return .some(nil) }
                }
                start = end + 1
            }
            return .some(result)
        }
        guard let parsed else { return try parseCharacters(raw) }
        guard let result = parsed else { throw .duplicateParameter }
        return result
    }

    /// ``decode(_:)`` of ASCII bytes: `+` → space, `%XX` → byte; malformed escapes are kept as written.
    static func decode(_ text: UnsafeBufferPointer<UInt8>) -> String {
        guard text.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else {
            return String(decoding: text, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            let byte = text[i]
            i += 1
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), text.count - i >= 2, let hi = hexValue(text[i]), let lo = hexValue(text[i + 1]) {
                bytes.append(hi << 4 | lo)
                i += 2
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``parse(_:)`` by Characters, for text with non-ASCII bytes (a combining mark may join a `&` or `=`).
    static func parseCharacters(_ raw: String) throws(ExchangeError) -> ParameterPairs {
        var result = ParameterPairs()
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            guard result.insert(name, value) else { throw .duplicateParameter }
        }
        return result
    }

    /// Form decoding: `+` → space, `%XX` → byte; malformed escapes are kept as written.
    static func decode(_ text: Substring) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var utf8 = text.utf8[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), utf8.count >= 2,
                      let hi = hexValue(utf8[utf8.startIndex]), let lo = hexValue(utf8[utf8.index(after: utf8.startIndex)]) {
                bytes.append(hi << 4 | lo)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The value, or nil when absent or empty.
    func string(_ name: String) -> String? {
        guard let value = pairs[name], !value.isEmpty else { return nil }
        return value
    }

    /// The value, or -1102 naming the parameter.
    func required(_ name: String) throws(ExchangeError) -> String {
        guard let value = string(name) else { throw .mandatory(name) }
        return value
    }

    /// A DECIMAL parameter; anything but plain digits with an optional fraction is -1100.
    func number(_ name: String) throws(ExchangeError) -> Number? {
        guard let text = string(name) else { return nil }
        guard RequestParameters.isPlainDecimal(text), let value = Number(text) else {
            throw .illegalChars(name, range: RequestParameters.decimalRange)
        }
        return value
    }

    /// A mandatory DECIMAL parameter.
    func requiredNumber(_ name: String) throws(ExchangeError) -> Number {
        guard let value = try number(name) else { throw .mandatory(name) }
        return value
    }

    /// A LONG parameter; anything but digits is -1100.
    func long(_ name: String) throws(ExchangeError) -> Int64? {
        guard let text = string(name) else { return nil }
        guard text.utf8.count <= 20, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int64(text) else {
            throw .illegalChars(name, range: RequestParameters.longRange)
        }
        return value
    }

    /// An INT parameter within `range`, e.g. `size`.
    func int(_ name: String, in range: ClosedRange<Int>) throws(ExchangeError) -> Int? {
        guard let value = try long(name) else { return nil }
        guard value <= Int64(range.upperBound) else { throw .tooGreat(name, String(range.upperBound)) }
        guard value >= Int64(range.lowerBound) else { throw .invalidParameter(name) }
        return Int(value)
    }

    /// A boolean in any case (`TRUE`, `true`, `False`…); absent → `defaultValue`.
    func bool(_ name: String, default defaultValue: Bool) throws(ExchangeError) -> Bool {
        guard let text = string(name) else { return defaultValue }
        switch text.uppercased() {
        case "TRUE": return true
        case "FALSE": return false
        default: throw .illegalChars(name, range: "TRUE, FALSE")
        }
    }

    /// An enum parameter; an unknown value throws `invalid` (or -1100 listing the values).
    func choice<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type, invalid: ExchangeError? = nil)
        throws(ExchangeError) -> E? where E.RawValue == String {
        guard let text = string(name) else { return nil }
        if let value = E(rawValue: text) ?? E(rawValue: text.uppercased()) { return value }
        throw invalid ?? .illegalChars(name, range: E.allCases.map(\.rawValue).joined(separator: ", "))
    }

    /// A list given as a JSON array (`["BTCUSDT","ETHUSDT"]`) or comma-separated.
    func list(_ name: String) throws(ExchangeError) -> [String]? {
        guard var text = string(name) else { return nil }
        text = text.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("[") {
            guard text.hasSuffix("]") else { throw .invalidParameter(name) }
            text = String(text.dropFirst().dropLast())
            return text.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static func isPlainDecimal(_ text: String) -> Bool {
        var sawDot = false, digitsBefore = 0, digitsAfter = 0
        for c in text.utf8 {
            if c == UInt8(ascii: ".") {
                if sawDot { return false }
                sawDot = true
            } else if c >= 0x30 && c <= 0x39 {
                if sawDot { digitsAfter += 1 } else { digitsBefore += 1 }
            } else {
                return false
            }
        }
        return digitsBefore >= 1 && digitsBefore <= 20 && (!sawDot || (digitsAfter >= 1 && digitsAfter <= 20))
    }
}
