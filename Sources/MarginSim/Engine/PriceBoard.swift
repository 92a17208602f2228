import BinanceMargin

/// The last price of every symbol, counting the writes to symbols outside a watched few.
///
/// Stored and compared as the plain table (`{"BTCUSDT": "65000", …}`); the watch is a hint for memos, never stored:
/// a replay watches the symbols it moves (``watch(_:)``), so a memo of values that depend only on the other prices
/// stays valid while ``otherWrites`` stays the same (``CrossValuationMemo``). Every write that changes the table is
/// counted or watched — the count only errs towards more writes (a restored state watches nothing).
struct PriceBoard: Codable, Sendable, Equatable {
    /// The prices by symbol.
    private(set) var table: [String: Number]
    /// The symbols whose writes are not counted.
    private(set) var watched: [String] = []
    /// Writes to symbols not in ``watched`` since this board was made.
    private(set) var otherWrites: UInt64 = 0

    init(_ table: [String: Number]) { self.table = table }

    init(from decoder: any Decoder) throws {
        table = try decoder.singleValueContainer().decode([String: Number].self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(table)
    }

    static func == (lhs: PriceBoard, rhs: PriceBoard) -> Bool { lhs.table == rhs.table }

    /// The symbols with a price.
    var keys: Dictionary<String, Number>.Keys { table.keys }

    /// The price of `symbol`, if it has one; setting counts the write unless `symbol` is watched.
    subscript(symbol: String) -> Number? {
        get { table[symbol] }
        set {
            count(symbol)
            table[symbol] = newValue
        }
    }

    /// Sets `symbol`'s price to `value` in place; false (nothing written) when it already had that price — or had
    /// none, which reads as `implied`, and `value` is that.
    mutating func set(_ symbol: String, to value: Number, absentReadsAs implied: Number) -> Bool {
        if let index = table.index(forKey: symbol) {
            guard table.values[index] != value else { return false }
            count(symbol)
            table.values[index] = value
        } else {
            guard value != implied else { return false }
            count(symbol)
            table[symbol] = value
        }
        return true
    }

    /// Stops counting the writes to `symbols` (a replay's tracks); the change itself counts as a write.
    mutating func watch(_ symbols: [String]) {
        watched = symbols
        otherWrites &+= 1
    }

    private mutating func count(_ symbol: String) {
        if !watched.contains(symbol) { otherWrites &+= 1 }
    }
}
