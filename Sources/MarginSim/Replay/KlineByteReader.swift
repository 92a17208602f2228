import BinanceMargin

/// Reads a well-formed kline line straight from its bytes: the common case, with no string per field.
///
/// It gives up (nil) at the first thing it does not accept; the caller then reads the line with
/// ``KlineLineReader``, which names what is wrong and where. So the errors stay that reader's, and a line the
/// byte reader accepts is one that reader accepts too, giving the same candle (the kline tests compare them).
enum KlineByteReader {
    /// The candle on `line` (without its line end), or nil when the line needs the full reader.
    static func candle(_ line: UnsafeBufferPointer<UInt8>) -> Kline? {
        var fields = FieldCursor(line: line)
        guard let openTime = fields.next().flatMap({ time(line, $0) }),
              let open = fields.next().flatMap({ decimal(line, $0) }), let high = fields.next().flatMap({ decimal(line, $0) }),
              let low = fields.next().flatMap({ decimal(line, $0) }), let close = fields.next().flatMap({ decimal(line, $0) }),
              let volume = fields.next().flatMap({ decimal(line, $0) }),
              let closeTime = fields.next().flatMap({ time(line, $0) }) else { return nil }
        while fields.next() != nil {}
        guard fields.count <= 12 else { return nil }
        // What KlineLineReader checks, in any order: a failure only sends the line there.
        guard open.isPositive, high.isPositive, low.isPositive, close.isPositive, !volume.isNegative,
              high >= open, high >= close, high >= low, low <= open, low <= close, closeTime >= openTime else { return nil }
        return Kline(openTime: openTime, closeTime: closeTime, open: open, high: high, low: low, close: close, volume: volume)
    }

    /// A time field: digits only, above zero, within Int64; microseconds become milliseconds.
    private static func time(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        guard !range.isEmpty else { return nil }
        var value: Int64 = 0
        for index in range {
            let digit = line[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { return nil }
            value = next
        }
        guard value > 0 else { return nil }
        return value >= KlineLineReader.microsecondsFrom ? value / 1000 : value
    }

    /// A decimal field, read by the same rules as `Number(String)`.
    private static func decimal(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Number? {
        Number(utf8: UnsafeBufferPointer(rebasing: line[range]))
    }

    /// The comma-separated fields of a line, one after another, and how many were read.
    private struct FieldCursor {
        let line: UnsafeBufferPointer<UInt8>
        var position = 0
        var count = 0
        var ended = false

        /// The next field's byte range, or nil after the last.
        mutating func next() -> Range<Int>? {
            guard !ended else { return nil }
            let start = position
            while position < line.count && line[position] != UInt8(ascii: ",") { position += 1 }
            let range = start..<position
            if position == line.count { ended = true } else { position += 1 }
            count += 1
            return range
        }
    }
}
