import BinanceMargin
import Foundation

/// A price series read from one of Binance's public kline CSV files (data.binance.vision), checked line by line.
///
/// The format is Binance's: one candle per line, comma-separated — open time, open, high, low, close, volume,
/// close time, quote volume, trades, taker buy base volume, taker buy quote volume, ignore. The first seven
/// are read; the rest may be there or not. Accepted as Binance writes them: a header line (`open_time,open,…`,
/// as the futures files have) or none (the spot files), CRLF or LF line ends, a final newline or none, and
/// times in milliseconds or in microseconds (spot files from 2025 on: any time ≥ 10^14 is taken as µs).
/// Everything becomes milliseconds. Anything else is a ``KlineFileError`` naming the line and column.
public struct KlineFile: Sendable, Hashable {
    /// The file's name as given (used in errors).
    public var name: String
    /// The symbol named by a Binance file name (`BTCUSDT-1m-2024-03.csv` → `BTCUSDT`), or nil.
    public var symbol: String?
    /// The candles, in time order.
    public var candles: [Kline]

    /// A series made in memory (unchecked: ``ReplaySeries`` joins it like a file; ``parse(_:name:)`` checks files).
    public init(name: String, symbol: String?, candles: [Kline]) {
        self.name = name
        self.symbol = symbol
        self.candles = candles
    }

    /// Reads and checks the file at `path`.
    public static func read(path: String) throws(KlineFileError) -> KlineFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw unreadable(path) }
        return try parse(data, name: path)
    }

    /// The error for a file at `path` that cannot be read.
    static func unreadable(_ path: String) -> KlineFileError {
        KlineFileError(file: path, line: 0, column: 0, message: "cannot read the file",
                       hint: "check the path; Binance's files come zipped — unzip them first")
    }

    /// Checks `bytes` (the file's contents) and reads its candles; `name` is used in errors and for the symbol.
    public static func parse(_ bytes: Data, name: String) throws(KlineFileError) -> KlineFile {
        let read: Result<[Kline], KlineFileError> = bytes.withUnsafeBytes { raw in
            Result { () throws(KlineFileError) in try candles(raw.bindMemory(to: UInt8.self), reader: KlineLineReader(name: name)) }
        }
        return KlineFile(name: name, symbol: symbol(fromName: name), candles: try read.get())
    }

    /// The candles of a whole file's bytes, line by line: each line through ``KlineByteReader``, or — when that
    /// gives up — through `reader`, which reads it the long way or says what is wrong and where.
    private static func candles(_ bytes: UnsafeBufferPointer<UInt8>, reader: KlineLineReader) throws(KlineFileError) -> [Kline] {
        var candles: [Kline] = []
        candles.reserveCapacity(bytes.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 })   // one array, never regrown
        var lineNumber = 0
        var blankSince: Int?
        var start = 0
        while start <= bytes.count {   // n line ends make n + 1 lines, the last possibly empty
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            lineNumber += 1
            let textEnd = end > start && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
            let text = UnsafeBufferPointer(rebasing: bytes[start..<textEnd])
            start = end + 1
            if text.isEmpty { blankSince = blankSince ?? lineNumber; continue }
            if let blank = blankSince {
                throw reader.error(line: blank, column: 1, "an empty line between candles",
                                   hint: "remove it; empty lines are allowed only at the end of the file")
            }
            if lineNumber == 1, reader.isHeader(text) { continue }
            let candle: Kline
            if let read = KlineByteReader.candle(text) { candle = read } else { candle = try reader.candle(Data(text)[...], line: lineNumber) }
            if let previous = candles.last, candle.openTime <= previous.closeTime {
                throw reader.error(line: lineNumber, column: 1,
                                   "open time \(candle.openTime) is not after the previous candle's close time \(previous.closeTime)",
                                   hint: "sort the candles by open time and remove duplicates; join daily files in date order")
            }
            candles.append(candle)
        }
        guard !candles.isEmpty else {
            throw reader.error(line: 1, column: 1, "no candles", hint: "a kline file has one candle per line: open time, open, high, low, close, volume, close time, …")
        }
        return candles
    }

    /// `BTCUSDT` from `…/BTCUSDT-1m-2024-03.csv` (Binance's naming: SYMBOL-INTERVAL-DATE.csv), else nil.
    static func symbol(fromName name: String) -> String? {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        guard let dash = base.firstIndex(of: "-") else { return nil }
        let candidate = base[..<dash]
        guard (5...20).contains(candidate.count), candidate.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else { return nil }
        return String(candidate)
    }
}
