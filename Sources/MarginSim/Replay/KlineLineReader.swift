import BinanceMargin
import Foundation

/// Reads one line of a kline file into a checked candle, or says what is wrong with it and where.
struct KlineLineReader {
    /// The file's name, for errors.
    let name: String

    /// The field names, for errors: Binance's column order.
    static let fields = ["open time", "open", "high", "low", "close", "volume", "close time"]
    /// The smallest time taken as microseconds: 10^14 µs is 1973, 10^14 ms is the year 5138.
    static let microsecondsFrom: Int64 = 100_000_000_000_000

    /// True when `line` is a header: its first field does not start with a digit.
    func isHeader(_ line: some Collection<UInt8>) -> Bool {
        guard let first = line.first else { return false }
        return !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
    }

    /// The candle on `line` (line number `number`), checked.
    func candle(_ line: Data.SubSequence, line number: Int) throws(KlineFileError) -> Kline {
        let cells = cells(of: line)
        guard (7...12).contains(cells.count) else {
            throw error(line: number, column: 1, "expected 12 comma-separated fields (at least 7), found \(cells.count)",
                        hint: "Binance's kline columns: open time, open, high, low, close, volume, close time, quote volume, trades, taker buy base, taker buy quote, ignore")
        }
        let openTime = try time(cells[0], field: 0, line: number)
        let closeTime = try time(cells[6], field: 6, line: number)
        var prices: [Number] = []
        for index in 1...5 { prices.append(try decimal(cells[index], field: index, line: number)) }
        let candle = Kline(openTime: openTime, closeTime: closeTime, open: prices[0], high: prices[1], low: prices[2],
                           close: prices[3], volume: prices[4])
        try check(candle, cells: cells, line: number)
        return candle
    }

    /// Checks what one candle's fields must satisfy together.
    private func check(_ candle: Kline, cells: [(column: Int, text: String)], line: Int) throws(KlineFileError) {
        for (index, price) in [(1, candle.open), (2, candle.high), (3, candle.low), (4, candle.close)] where price <= 0 {
            throw error(line: line, column: cells[index].column, "\(Self.fields[index]) \(price) is not above zero",
                        hint: "a traded price is positive")
        }
        if candle.volume < 0 {
            throw error(line: line, column: cells[5].column, "volume \(candle.volume) is negative", hint: "a traded volume is zero or more")
        }
        if candle.high < max(candle.open, candle.close, candle.low) {
            throw error(line: line, column: cells[2].column, "high \(candle.high) is below the candle's other prices",
                        hint: "check the column order: open time, open, high, low, close")
        }
        if candle.low > min(candle.open, candle.close) {
            throw error(line: line, column: cells[3].column, "low \(candle.low) is above the open or the close",
                        hint: "check the column order: open time, open, high, low, close")
        }
        if candle.closeTime < candle.openTime {
            throw error(line: line, column: cells[6].column, "close time \(candle.closeTime) is before the open time \(candle.openTime)",
                        hint: "the close time is the last millisecond of the candle (open time + interval − 1)")
        }
    }

    /// The fields of `line` with the 1-based byte column where each starts.
    private func cells(of line: Data.SubSequence) -> [(column: Int, text: String)] {
        var cells: [(column: Int, text: String)] = []
        var column = 1
        for field in line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            cells.append((column, String(decoding: field, as: UTF8.self)))
            column += field.count + 1
        }
        return cells
    }

    /// A time field in ms (µs converted), or the error for it.
    private func time(_ cell: (column: Int, text: String), field: Int, line: Int) throws(KlineFileError) -> Int64 {
        guard !cell.text.isEmpty, cell.text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let value = Int64(cell.text), value > 0 else {
            throw error(line: line, column: cell.column, "\(Self.fields[field]) '\(cell.text)' is not a time",
                        hint: "times are whole milliseconds (or microseconds) since 1970, e.g. 1709251200000")
        }
        return value >= Self.microsecondsFrom ? value / 1000 : value
    }

    /// A decimal field, or the error for it.
    private func decimal(_ cell: (column: Int, text: String), field: Int, line: Int) throws(KlineFileError) -> Number {
        guard let value = Number(cell.text) else {
            throw error(line: line, column: cell.column, "\(Self.fields[field]) '\(cell.text)' is not a decimal",
                        hint: "write plain decimals such as 42000.01 — no exponents, spaces or thousands separators")
        }
        return value
    }

    /// The error at `line`, `column`.
    func error(line: Int, column: Int, _ message: String, hint: String) -> KlineFileError {
        KlineFileError(file: name, line: line, column: column, message: message, hint: hint)
    }
}
