import ArgumentParser

/// `--interval`: a whole number of milliseconds, seconds, minutes or hours (`500ms`, `30s`, `5m`, `1h`; a bare number is seconds).
struct GuardInterval: ExpressibleByArgument, Sendable, CustomStringConvertible {
    /// The length in milliseconds.
    let milliseconds: Int64

    init?(argument: String) {
        let units: [(suffix: String, factor: Int64)] = [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000)]
        var digits = Substring(argument)
        var factor: Int64 = 1_000
        for unit in units where argument.hasSuffix(unit.suffix) {
            digits = argument.dropLast(unit.suffix.count)
            factor = unit.factor
            break
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let count = Int64(digits), count >= 0,
              count <= Int64.max / factor else { return nil }
        milliseconds = count * factor
    }

    var description: String { "\(milliseconds)ms" }

    static var defaultCompletionKind: CompletionKind { .default }
}
