import BinanceMargin

/// A record the exchange keeps in the order it happened, found through a ``RecordLog``.
protocol LoggedRecord: Codable, Sendable {
    associatedtype Key: Hashable, Sendable
    /// When it happened: records are appended in time order (the engine's clock never runs back).
    var loggedTime: Int64 { get }
    /// Its id (a transaction, trade or order id): increasing in append order.
    var loggedId: Int64 { get }
    /// The lookups it is found under (each once).
    var keys: [Key] { get }
    /// The names of the time and id fields (in the JSON of a state), for errors.
    static var timeField: String { get }
    static var idField: String { get }
}

/// One kind of record (trades, loans, interest, transfers, liquidations) in the order it happened, with
/// the positions of the records under each lookup key kept beside them, so the API's history queries —
/// by id, by key, by time window, paged — cost O(log N + page) however long the history, not a scan.
///
/// Times never decrease and ids always increase along the log (the engine appends them so, and a loaded
/// state that breaks it is refused: ``PersistedState/validate(clockNow:offset:)``), so a key's positions
/// are in time and id order too, and a window or a first id is found by binary search. It encodes as the
/// plain array of records (the JSON of `GET /sim/state` is unchanged) and rebuilds its lookups when decoded.
struct RecordLog<Record: LoggedRecord>: RandomAccessCollection, Codable, Sendable {
    private(set) var all: [Record] = []
    private var byKey: [Record.Key: [Int]] = [:]

    init() {}

    /// The log of `records` (oldest first), taking the array as it is.
    init(_ records: [Record]) {
        all = records
        for position in records.indices {
            for key in records[position].keys { byKey[key, default: []].append(position) }
        }
    }

    init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([Record].self))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(all)
    }

    var startIndex: Int { all.startIndex }
    var endIndex: Int { all.endIndex }
    subscript(position: Int) -> Record { all[position] }

    /// Adds the newest record.
    mutating func append(_ record: Record) {
        let position = all.count
        all.append(record)
        for key in record.keys { byKey[key, default: []].append(position) }
    }

    /// Positions of the records under `key`, oldest first.
    func positions(_ key: Record.Key) -> ArraySlice<Int> { byKey[key]?[...] ?? [] }

    /// Positions of the records under `key` whose time lies in `from...to` (none when `from > to`).
    func positions(_ key: Record.Key, from: Int64, to: Int64) -> ArraySlice<Int> {
        let positions = positions(key)
        guard from <= to else { return [] }
        let start = positions.startIndex + BinarySearch.lowerBound(count: positions.count) { all[positions[positions.startIndex + $0]].loggedTime < from }
        let end = positions.startIndex + BinarySearch.lowerBound(count: positions.count) { all[positions[positions.startIndex + $0]].loggedTime <= to }
        return positions[start..<Swift.max(start, end)]
    }

    /// Positions of the records under `key` with an id of at least `fromId`.
    func positions(_ key: Record.Key, fromId: Int64) -> ArraySlice<Int> {
        let positions = positions(key)
        let start = positions.startIndex + BinarySearch.lowerBound(count: positions.count) { all[positions[positions.startIndex + $0]].loggedId < fromId }
        return positions[start...]
    }

    /// The position of the record with `id`, if there is one.
    func position(id: Int64) -> Int? {
        let at = BinarySearch.lowerBound(count: all.count) { all[$0].loggedId < id }
        return at < all.count && all[at].loggedId == id ? at : nil
    }

    /// The first record (by position) that breaks the log's order — a time before the previous one's or an id
    /// not above it — as (position, which field, its value); nil when in order.
    func firstDisorder() -> (position: Int, field: String, value: Int64)? {
        for position in all.indices.dropFirst() {
            if all[position].loggedTime < all[position - 1].loggedTime { return (position, Record.timeField, all[position].loggedTime) }
            if all[position].loggedId <= all[position - 1].loggedId { return (position, Record.idField, all[position].loggedId) }
        }
        return nil
    }
}

extension Page {
    /// The `current`/`size` page of `positions` taken newest first (as Binance's history endpoints list).
    func newestFirst(_ positions: ArraySlice<Int>) -> [Int] {
        let skip = (max(current, 1) - 1) * size   // current ≤ Int32.max, size ≤ 100: fits
        guard skip < positions.count else { return [] }
        let upper = positions.endIndex - skip
        return Array(positions[Swift.max(positions.startIndex, upper - size)..<upper].reversed())
    }
}
