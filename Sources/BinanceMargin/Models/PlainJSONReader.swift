import Foundation

/// A strict reader of the plain JSON answers the client reads most often, straight from their bytes.
///
/// It knows only the plainest form of JSON: strings of printable ASCII without escapes, `true`,
/// `false`, `null`, objects and arrays, whitespace between tokens. Every read returns nil on
/// anything else — an escape, a non-ASCII byte, a JSON number, a truncated or malformed answer — and
/// a decoder built on it then gives up, so `JSONDecoder` reads the answer instead and decides (and
/// words) any error exactly as before. So a fast decoder accepts only answers `JSONDecoder` accepts,
/// and must produce the same value from them (the tests hold both to it).
struct PlainJSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    /// A reader at the start of `bytes`.
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Whether only JSON whitespace is left.
    mutating func atEnd() -> Bool {
        skipWhitespace()
        return index == bytes.count
    }

    /// Consumes `byte` (after whitespace) when it is next; false otherwise (nothing consumed).
    mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Where the next token starts (JSON whitespace skipped): an offset for ``bytes(from:)``.
    mutating func position() -> Int {
        skipWhitespace()
        return index
    }

    /// The bytes read from `start` (a ``position()``) up to here.
    func bytes(from start: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[start..<index])
    }

    /// Consumes `expected` when the bytes next (after whitespace) are exactly these; false otherwise (only
    /// whitespace consumed).
    mutating func take(bytes expected: [UInt8]) -> Bool {
        skipWhitespace()
        guard !expected.isEmpty, bytes.count - index >= expected.count else { return false }
        let same = expected.withUnsafeBufferPointer { wanted in
            memcmp(bytes.baseAddress! + index, wanted.baseAddress!, wanted.count) == 0
        }
        if same { index += expected.count }
        return same
    }

    /// Consumes the literal `null` when it is next.
    mutating func takeNull() -> Bool { takeWord("null") }

    /// A `true` or `false`; nil for anything else.
    mutating func bool() -> Bool? {
        if takeWord("true") { return true }
        if takeWord("false") { return false }
        return nil
    }

    /// The bytes between the quotes of a plain string (printable ASCII, no `\`); nil for anything else.
    mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return UnsafeBufferPointer(rebasing: bytes[start..<index - 1])
            }
            guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
            index += 1
        }
        return nil
    }

    /// A plain string as a `String`.
    mutating func string() -> String? {
        plainString().map { String(decoding: $0, as: UTF8.self) }
    }

    /// A decimal written as a plain string (`"0.00100000"`), parsed as `Number(_:)` parses it; nil for a
    /// JSON number, `null` or text `Number` rejects.
    mutating func quotedNumber() -> Number? {
        // The usual short decimal is read in the same pass that finds its closing quote; anything else (or a
        // longer number) is read again the general way, from where it started.
        let start = index
        if take(UInt8(ascii: "\"")) {
            var end = index
            while end < bytes.count, end - index < 21 {
                let byte = bytes[end]
                guard byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                        || byte == UInt8(ascii: "+") else { break }
                end += 1
            }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\""),
               let number = Number.shortPlain(UnsafeBufferPointer(rebasing: bytes[index..<end])) {
                index = end + 1
                return number
            }
            index = start
        }
        return plainString().flatMap { Number(utf8: $0) }
    }

    /// `null` as nil, else a quoted number; the outer nil means neither.
    mutating func optionalQuotedNumber() -> Number?? {
        if takeNull() { return .some(nil) }
        return quotedNumber().map { .some($0) }
    }

    /// A JSON integer within Int64 — an optional `-`, then digits without a leading zero — ending there;
    /// nil for anything else (a fraction, an exponent, `-0`, too many digits), nothing consumed.
    mutating func integer() -> Int64? {
        skipWhitespace()
        var at = index
        let negative = at < bytes.count && bytes[at] == UInt8(ascii: "-")
        if negative { at += 1 }
        let first = at
        var value: Int64 = 0
        while at < bytes.count, bytes[at] &- UInt8(ascii: "0") < 10 {
            let digit = Int64(bytes[at] &- UInt8(ascii: "0"))
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            guard !o1, !o2 else { return nil }
            value = next
            at += 1
        }
        guard at > first, at - first == 1 || bytes[first] != UInt8(ascii: "0"), !(negative && value == 0) else { return nil }
        if at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"): break
            default: return nil
            }
        }
        index = at
        return value
    }

    /// `null` as nil, else an integer; the outer nil means neither.
    mutating func optionalInteger() -> Int64?? {
        if takeNull() { return .some(nil) }
        return integer().map { .some($0) }
    }

    /// `null` as nil, else a boolean; the outer nil means neither.
    mutating func optionalBool() -> Bool?? {
        if takeNull() { return .some(nil) }
        return bool().map { .some($0) }
    }

    /// `null` as nil, else a plain string; the outer nil means neither.
    mutating func optionalString() -> String?? {
        if takeNull() { return .some(nil) }
        return string().map { .some($0) }
    }

    /// Reads an object's members: `member` is called with each key (the reader then at its value) and
    /// returns false to give up. False for a malformed object or when `member` gave up.
    mutating func object(_ member: (inout PlainJSONReader, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = plainString(), take(UInt8(ascii: ":")), member(&self, key) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    /// Reads an array's elements, each by `element`, which returns false to give up.
    mutating func array(_ element: (inout PlainJSONReader) -> Bool) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        repeat {
            guard element(&self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]"))
    }

    /// Skips one value made of plain strings, `true`, `false`, `null`, objects and arrays (no numbers),
    /// nested at most `depth` deep; false for anything else.
    mutating func skipValue(depth: Int = 16) -> Bool {
        guard depth > 0 else { return false }
        skipWhitespace()
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "\""): return plainString() != nil
        case UInt8(ascii: "{"): return object { reader, _ in reader.skipValue(depth: depth - 1) }
        case UInt8(ascii: "["): return array { reader in reader.skipValue(depth: depth - 1) }
        case UInt8(ascii: "n"): return takeNull()
        default: return bool() != nil
        }
    }

    /// Whether `key`'s bytes are exactly `name`'s (an ASCII literal: no global table to initialise on each read).
    @inline(__always)
    static func matches(_ key: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        guard key.count == name.utf8CodeUnitCount else { return false }
        let bytes = name.utf8Start
        for i in 0..<key.count where key[i] != bytes[i] { return false }
        return true
    }

    /// The position in `names` of the name whose bytes are exactly `key`'s.
    static func index(of key: UnsafeBufferPointer<UInt8>, in names: [[UInt8]]) -> Int? {
        search: for (position, name) in names.enumerated() where name.count == key.count {
            for i in 0..<key.count where key[i] != name[i] { continue search }
            return position
        }
        return nil
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func takeWord(_ literal: StaticString) -> Bool {
        skipWhitespace()
        let word = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard bytes.count - index >= word.count else { return false }
        for i in 0..<word.count where bytes[index + i] != word[i] { return false }
        // A word must end there (`nullx`, `true1` are not JSON).
        if index + word.count < bytes.count {
            switch bytes[index + word.count] {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"): break
            default: return false
            }
        }
        index += word.count
        return true
    }

}
