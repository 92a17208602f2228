import Foundation

// The two answers a script's clock reads every simulated minute — `GET /api/v3/time` for `now` and `every`,
// `POST /sim/clock` for `wait` and `every` — read straight from their bytes, as the cross account is
// (CrossMarginAccount+PlainJSON.swift): anything unusual is left to `JSONDecoder`, which then decides.

/// An answer type with a byte-level reading of its plain JSON form, which ``MarginClient`` tries before `JSONDecoder`.
protocol PlainJSONDecodable: Decodable {
    /// The value in `body` when `body` is in plain form; nil leaves it to `JSONDecoder` (which must then accept
    /// every answer this accepts, with the same value).
    init?(plainJSON body: Data)
}

extension IgnoredResponse: PlainJSONDecodable {}

extension ServerTime: PlainJSONDecodable {
    /// `{"serverTime":1499827319559}`; nil for any other member, a repeated one, or a value that is not a plain integer.
    init?(plainJSON body: Data) {
        var serverTime: Int64?
        let plain = body.withUnsafeBytes { raw in
            var reader = PlainJSONReader(raw.bindMemory(to: UInt8.self))
            return reader.object { reader, key in
                guard serverTime == nil, PlainJSONReader.index(of: key, in: ServerTime.keys) == 0 else { return false }
                serverTime = reader.integer()
                return serverTime != nil
            } && reader.atEnd()
        }
        guard plain, let serverTime else { return nil }
        self.init(serverTime: serverTime)
    }

    private static let keys = [Array("serverTime".utf8)]
}

extension SimClockResponse: PlainJSONDecodable {
    /// `{"serverTime":…}`, during a replay with `"replayEnd":…,"replayEnded":…` (each may be absent or null).
    init?(plainJSON body: Data) {
        var serverTime: Int64?, replayEnd: Int64??, replayEnded: Bool??
        let plain = body.withUnsafeBytes { raw in
            var reader = PlainJSONReader(raw.bindMemory(to: UInt8.self))
            return reader.object { reader, key in
                switch PlainJSONReader.index(of: key, in: SimClockResponse.keys) {
                case 0?:
                    guard serverTime == nil else { return false }
                    serverTime = reader.integer()
                    return serverTime != nil
                case 1?:
                    guard replayEnd == nil else { return false }
                    replayEnd = reader.optionalInteger()
                    return replayEnd != nil
                case 2?:
                    guard replayEnded == nil else { return false }
                    replayEnded = reader.optionalBool()
                    return replayEnded != nil
                default:
                    return false
                }
            } && reader.atEnd()
        }
        guard plain, let serverTime else { return nil }
        self.init(serverTime: serverTime, replayEnd: replayEnd ?? nil, replayEnded: replayEnded ?? nil)
    }

    private static let keys = ["serverTime", "replayEnd", "replayEnded"].map { Array($0.utf8) }
}

extension RecordPage: PlainJSONDecodable {
    /// An empty page, `{"rows":[],"total":N}` (either member may be absent) — the answer a script's hourly check
    /// for forced liquidations gets while none happen; a page with rows is left to `JSONDecoder`.
    init?(plainJSON body: Data) {
        var rowsSeen = false, total: Int64?
        let plain = body.withUnsafeBytes { raw in
            var reader = PlainJSONReader(raw.bindMemory(to: UInt8.self))
            return reader.object { reader, key in
                if PlainJSONReader.matches(key, "rows") {
                    guard !rowsSeen else { return false }
                    rowsSeen = true
                    return reader.array { _ in false }
                }
                guard PlainJSONReader.matches(key, "total"), total == nil else { return false }
                total = reader.integer()
                return total != nil
            } && reader.atEnd()
        }
        guard plain else { return nil }
        guard let total else { self.init(rows: [], total: 0); return }
        guard let count = Int(exactly: total) else { return nil }
        self.init(rows: [], total: count)
    }
}
