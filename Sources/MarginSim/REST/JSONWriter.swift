import BinanceMargin

/// Writes a ``JSONValue`` as compact UTF-8 JSON, byte for byte what Binance sends.
///
/// Works on bytes only: a string is copied in runs between the few bytes JSON must escape (`"`,
/// `\` and the controls below 0x20 — none of which can occur inside a multi-byte UTF-8 sequence),
/// integers and decimals are written digit by digit without an intermediate `String`.
struct JSONWriter {
    /// The text written so far.
    private(set) var bytes: [UInt8] = []

    /// A writer with room for a typical answer (the whole cross account is about 2 KB).
    init(capacity: Int = 2048) { bytes.reserveCapacity(capacity) }

    /// Appends `value`.
    mutating func write(_ value: JSONValue) {
        switch value {
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (i, member) in members.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                write(string: member.0)
                bytes.append(UInt8(ascii: ":"))
                write(member.1)
            }
            bytes.append(UInt8(ascii: "}"))
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .string(let s): write(string: s)
        case .int(let n): write(integer: n)
        case .decimal(let n): write(decimal: n)
        case .number(let n): bytes.append(contentsOf: n.description.utf8)
        case .bool(let b): bytes.append(contentsOf: b ? JSONWriter.trueBytes : JSONWriter.falseBytes)
        case .null: bytes.append(contentsOf: JSONWriter.nullBytes)
        case .encoded(let json): bytes.append(contentsOf: json)
        }
    }

    /// Appends `text` as it is: punctuation and keys written by hand, e.g. `,"free":`.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends bytes already written as JSON (e.g. a remembered part of an answer).
    mutating func raw(_ json: [UInt8]) { bytes.append(contentsOf: json) }

    /// Appends `true` or `false`.
    mutating func write(bool: Bool) {
        bytes.append(contentsOf: bool ? JSONWriter.trueBytes : JSONWriter.falseBytes)
    }

    private static let trueBytes = Array("true".utf8), falseBytes = Array("false".utf8), nullBytes = Array("null".utf8)

    /// A JSON string: `"` + `s` with `"`, `\` and control characters escaped + `"`.
    mutating func write(string s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            for i in 0..<utf8.count {
                let byte = utf8[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                escape(byte)
                start = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `\"`, `\\`, `\n`, `\r`, `\t`, or `\u00XX` (lower-case hex) for the other controls.
    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(JSONWriter.hexDigits[Int(byte >> 4)])
            bytes.append(JSONWriter.hexDigits[Int(byte & 0x0F)])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON number in decimal, with a `-` for negatives.
    mutating func write(integer n: Int64) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        write(digitsOf: n.magnitude, atLeast: 1)
    }

    /// The decimal digits of `value`, zero-padded on the left to `minimum` digits.
    private mutating func write(digitsOf value: UInt64, atLeast minimum: Int) {
        // 20 digits hold any UInt64; `minimum` never exceeds 9 here.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var rest = value, end = 20
            repeat {
                end -= 1
                buffer[end] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0 || 20 - end < minimum
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[end..<20]))
        }
    }

    /// Binance's classic 8-decimal string (``Number/wire``): rounded half-even to 8 places, zeros
    /// padded, no exponent, `"-"` only for a non-zero negative. Written in one append from a small
    /// buffer; the tests hold it to `Number.wire` for generated numbers of every scale and size.
    mutating func write(decimal n: Number) {
        let places = Catalog.amountScale
        let rounded = n.scale > places ? n.rounded(scale: places) : n
        var factor: Int128 = 1
        for _ in rounded.scale..<places { factor &*= 10 }   // at most 10^8
        let (scaled, overflow) = rounded.significand.multipliedReportingOverflow(by: factor)
        // From 1.8 × 10^11 up (no price or balance of the scenarios reaches it), the general formatter.
        guard !overflow, scaled.magnitude <= UInt128(UInt64.max) else {
            write(string: n.wire)
            return
        }
        var unit: UInt64 = 1
        for _ in 0..<places { unit &*= 10 }
        let magnitude = UInt64(scaled.magnitude)
        // `"` + `-` + up to 12 integer digits + `.` + 8 places + `"`: 24 bytes at most (UInt64.max / 10^8 has 12 digits).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var end = 32
            func put(_ byte: UInt8) { end -= 1; buffer[end] = byte }
            put(UInt8(ascii: "\""))
            var fraction = magnitude % unit
            for _ in 0..<places { put(UInt8(ascii: "0") + UInt8(fraction % 10)); fraction /= 10 }
            put(UInt8(ascii: "."))
            var whole = magnitude / unit
            repeat { put(UInt8(ascii: "0") + UInt8(whole % 10)); whole /= 10 } while whole > 0
            if scaled < 0 { put(UInt8(ascii: "-")) }
            put(UInt8(ascii: "\""))
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[end..<32]))
        }
    }
}
