/// Formatting and units of mops durations (a duration is carried as whole milliseconds).
package enum DurationFormat {
    /// The unit suffixes and their size in milliseconds, largest first.
    package static let units: [(suffix: String, milliseconds: Int64)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1),
    ]

    /// The milliseconds in one `suffix` (`ms`, `s`, `m`, `h`, `d`), or nil for an unknown unit.
    package static func milliseconds(perUnit suffix: String) -> Int64? {
        units.first { $0.suffix == suffix }?.milliseconds
    }

    /// The shortest exact spelling: `1h30m`, `500ms`, `2d`, `0s`.
    package static func format(milliseconds: Int64) -> String {
        if milliseconds == 0 { return "0s" }
        var rest = milliseconds.magnitude
        var out = milliseconds < 0 ? "-" : ""
        for (suffix, size) in units where rest >= UInt64(size) {
            let count = rest / UInt64(size)
            rest %= UInt64(size)
            out += "\(count)\(suffix)"
        }
        return out
    }
}
