import Foundation

// Lenient-but-exact decoding helpers shared by the models.

extension KeyedDecodingContainer {
    /// An Int64 sent as a JSON number or a decimal-digit string (cancel's `orderId`).
    func decodeInt64(forKey key: Key) throws -> Int64 {
        if let value = try? decode(Int64.self, forKey: key) { return value }
        let text = try decode(String.self, forKey: key)
        guard let value = Int64(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a 64-bit integer: \"\(text)\"")
        }
        return value
    }

    /// Like ``decodeInt64(forKey:)``, nil when the key is absent or null.
    func decodeInt64IfPresent(forKey key: Key) throws -> Int64? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeInt64(forKey: key)
    }

    /// A boolean sent as JSON `true`/`false` or as the strings `"TRUE"`/`"true"`/`"FALSE"`/`"false"`.
    func decodeFlexibleBoolIfPresent(forKey key: Key) throws -> Bool? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let value = try? decode(Bool.self, forKey: key) { return value }
        let text = try decode(String.self, forKey: key)
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a boolean: \"\(text)\"")
        }
    }
}

/// A key type for decoding objects whose keys are not known in advance (filters).
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
}

/// A JSON scalar kept as its text: strings as-is, numbers as written, booleans as `true`/`false`.
struct ScalarText: Decodable {
    let text: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { text = nil }
        else if let s = try? container.decode(String.self) { text = s }
        else if let b = try? container.decode(Bool.self) { text = b ? "true" : "false" }
        else if let i = try? container.decode(Int64.self) { text = String(i) }
        else if let n = try? container.decode(Number.self) { text = n.description }
        else { text = nil }   // arrays/objects are not scalar fields; keep nothing
    }
}

extension KeyedDecodingContainer {
    /// A decimal that Binance may print as Java's scaled zero (`"0E-8"`, seen in order-list reports), or nil
    /// when absent; any other exponent form is refused as ``Number`` refuses it.
    func decodeListNumberIfPresent(forKey key: Key) throws -> Number? {
        if let text = try? decodeIfPresent(String.self, forKey: key), text.hasPrefix("0E-"), Int(text.dropFirst(3)) != nil {
            return .zero
        }
        return try decodeIfPresent(Number.self, forKey: key)
    }
}
