import BinanceMargin
import Foundation

/// A JSON value with object keys kept in the order written, so replies match Binance's field order.
///
/// Building a value reads the exchange (inside the simulator actor); writing it out (``bytes``) is
/// pure and runs outside, on the request's own task.
indirect enum JSONValue: Sendable, Hashable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int64)
    /// A decimal as Binance writes it: a JSON string with 8 decimals, e.g. `"0.00100000"`.
    case decimal(Number)
    /// A decimal as a JSON number in plain form, e.g. `0.3552` (the few fields Binance sends unquoted).
    case number(Number)
    case bool(Bool)
    case null
    /// JSON already written by ``JSONWriter`` (an answer read every simulated minute, written without a tree).
    case encoded([UInt8])

    /// An integer.
    static func int(_ value: Int) -> JSONValue { .int(Int64(value)) }

    /// The compact JSON text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The compact JSON text as UTF-8 bytes.
    var bytes: [UInt8] {
        var writer = JSONWriter()
        writer.write(self)
        return writer.bytes
    }

    /// The UTF-8 bytes of ``text``.
    var data: Data { Data(bytes) }

    static func == (a: JSONValue, b: JSONValue) -> Bool { a.bytes == b.bytes }
    func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}
