/// Unix times in milliseconds written as UTC calendar times, for people: `2026-11-25 16:00:00`.
public enum UTCTime {
    /// `2026-11-25 16:00:00` (or `2026-11-25 16:00` without `seconds`) from milliseconds since 1970.
    ///
    /// Total over all of `Int64`: an exchange answer's timestamp is not checked, so `Int64.min` and
    /// `Int64.max` must format, not trap. Integer arithmetic only (proleptic Gregorian calendar).
    public static func format(_ milliseconds: Int64, seconds showSeconds: Bool = true) -> String {
        let seconds = floorDivide(milliseconds, 1000)
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(days: days)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let minute = "\(year)-\(two(month))-\(two(day)) \(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60))"
        return showSeconds ? "\(minute):\(two(secondOfDay % 60))" : minute
    }

    /// The civil date (year, month, day) of `days` since 1970-01-01 (Howard Hinnant's algorithm).
    static func civil(days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `a / b` rounded toward negative infinity, for a positive `b`; never traps (no subtraction before dividing).
    public static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a / b - (a % b < 0 ? 1 : 0)
    }
}
