import BinanceMargin

/// The price history a rehearsal replays: one series of candles per symbol, each joined from one or more
/// kline files in date order, prices fitted to the symbol's tick and price filter.
///
/// Several symbols are aligned on time: the engine applies every symbol's path points in time order, so
/// two 1-minute series move together minute by minute. The replay starts at the earliest open time and
/// ends at the latest close time of any series.
public struct ReplaySeries: Sendable, Hashable {
    /// The candles of one symbol, in time order.
    public struct Track: Sendable, Hashable {
        /// The listed symbol (`BTCUSDT`).
        public var symbol: String
        /// Its candles, in time order, prices on the symbol's tick.
        public var candles: [Kline]
        /// The files the candles came from, in the order they were joined.
        public var files: [String]
    }

    /// One track per symbol, in the order the symbols first appeared.
    public private(set) var tracks: [Track]

    /// The first open time of any track (ms).
    public var start: Int64 { tracks.map { $0.candles[0].openTime }.min() ?? 0 }
    /// The last close time of any track (ms): simulated time never passes it during the replay.
    public var end: Int64 { tracks.map { $0.candles[$0.candles.count - 1].closeTime }.max() ?? 0 }
    /// How many candles in all.
    public var candleCount: Int { tracks.reduce(0) { $0 + $1.candles.count } }
    /// The symbols, in track order.
    public var symbols: [String] { tracks.map(\.symbol) }

    /// Reads the files at `paths` (see ``init(files:symbol:)``).
    public static func read(paths: [String], symbol: String? = nil) throws(KlineFileError) -> ReplaySeries {
        var files: [KlineFile] = []
        for path in paths { files.append(try KlineFile.read(path: path)) }
        return try ReplaySeries(files: files, symbol: symbol)
    }

    /// Joins `files` into one track per symbol: files of the same symbol in date order (given in any order,
    /// they must not overlap), symbols aligned on time. The symbol is each file's (from Binance's file name)
    /// or `symbol` when given; it must be listed in the simulator. Errors name the file, line and column.
    public init(files: [KlineFile], symbol: String? = nil) throws(KlineFileError) {
        guard !files.isEmpty else {
            throw KlineFileError(file: "-", line: 0, column: 0, message: "no price files", hint: "name at least one kline CSV file")
        }
        var bySymbol: [(symbol: String, files: [KlineFile])] = []
        for file in files {
            let name = try ReplaySeries.symbol(of: file, override: symbol)
            if let index = bySymbol.firstIndex(where: { $0.symbol == name }) { bySymbol[index].files.append(file) } else { bySymbol.append((name, [file])) }
        }
        var tracks: [Track] = []
        for (name, group) in bySymbol { tracks.append(try ReplaySeries.track(name, group)) }
        self.tracks = tracks
    }

    /// The listed symbol `file` is replayed as, or the error saying why there is none.
    private static func symbol(of file: KlineFile, override: String?) throws(KlineFileError) -> String {
        guard let name = override ?? file.symbol else {
            throw KlineFileError(file: file.name, line: 0, column: 0, message: "the file name does not say which symbol it is",
                                 hint: "name it as Binance does: SYMBOL-INTERVAL-DATE.csv, e.g. BTCUSDT-1m-2024-03.csv")
        }
        guard Catalog.symbols[name] != nil else {
            throw KlineFileError(file: file.name, line: 0, column: 0, message: "the simulator does not list \(name)",
                                 hint: "listed: " + Catalog.symbolOrder.joined(separator: ", "))
        }
        return name
    }

    /// One symbol's files joined in date order into one track, prices fitted to its filter.
    private static func track(_ symbol: String, _ files: [KlineFile]) throws(KlineFileError) -> Track {
        let ordered = files.sorted { $0.candles[0].openTime < $1.candles[0].openTime }
        var candles: [Kline] = []
        candles.reserveCapacity(ordered.reduce(0) { $0 + $1.candles.count })
        var previous: KlineFile?
        for file in ordered {
            if let previous, let last = candles.last, file.candles[0].openTime <= last.closeTime {
                throw KlineFileError(file: file.name, line: 1, column: 1,
                                     message: "its first candle (open time \(file.candles[0].openTime)) overlaps \(previous.name), which ends at \(last.closeTime)",
                                     hint: "replay each day or month once; remove the duplicate file")
            }
            candles.append(contentsOf: file.candles)
            previous = file
        }
        let info = Catalog.symbols[symbol]!   // checked by symbol(of:override:)
        for index in candles.indices { candles[index].fit(to: info) }
        return Track(symbol: symbol, candles: candles, files: ordered.map(\.name))
    }
}

extension Kline {
    /// Rounds the prices to the symbol's tick and keeps them inside its price filter (as `/sim/price` does).
    mutating func fit(to info: ListedSymbol) {
        // A price already on a power-of-ten tick (most are) needs no rounding: the same value, without the division.
        let tickIsPowerOfTen = info.tickSize.significand == 1
        func fitted(_ price: Number) -> Number {
            let onTick = tickIsPowerOfTen && price.normalized.scale <= info.tickSize.scale
            guard var rounded = onTick ? price : (try? price.round(toStep: info.tickSize)) else { return info.maxPrice }
            if rounded < info.tickSize { rounded = info.tickSize }
            if rounded > info.maxPrice { rounded = info.maxPrice }
            return rounded.normalized
        }
        (open, high, low, close) = (fitted(open), fitted(high), fitted(low), fitted(close))
    }
}
