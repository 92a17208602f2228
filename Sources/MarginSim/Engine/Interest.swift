import BinanceMargin

/// A daily rate that applied until an instant (when `/sim/rate` replaced it).
struct PastRate: Codable, Sendable, Hashable {
    var rate: Number
    var until: Int64
}

extension Exchange {
    /// The rate of an asset no scenario mentions.
    static let fallbackDailyRate: Number = "0.0002"

    /// The daily interest rate of `asset` now.
    func dailyRate(_ asset: String) -> Number { dailyRates[asset] ?? Exchange.fallbackDailyRate }

    /// The daily interest rate of `asset` in force at `time`.
    func dailyRate(_ asset: String, at time: Int64) -> Number {
        pastRates[asset]?.first { time < $0.until }?.rate ?? dailyRate(asset)
    }

    /// Changes the daily rate of `asset` from now on, keeping the old one in the history.
    mutating func setDailyRate(_ asset: String, _ rate: Number) throws(ExchangeError) {
        guard Catalog.assets[asset] != nil else { throw .notValidMarginAsset }
        guard !rate.isNegative, rate < 1 else { throw .invalidParameter("dailyInterestRate") }
        pastRates[asset, default: []].append(PastRate(rate: dailyRate(asset), until: now))
        dailyRates[asset] = rate
    }

    /// The hourly rate: daily / 24, at 8 decimals as Binance shows it (a rate is below 1, so it always fits).
    func hourlyRate(_ asset: String) -> Number { dailyRate(asset).dividing(by: 24, scale: Catalog.amountScale, rounding: .up) ?? .zero }

    /// Charges one hour of interest on `principal`: principal × daily rate / 24, rounded up to 8 decimals.
    /// Principals and rates are bounded (borrow limits, rates below 1), so it always fits; if it did
    /// not, the hour would be skipped whole rather than half-recorded.
    mutating func charge(_ account: AccountRef, _ asset: String, principal: Number, type: String, at time: Int64) {
        guard principal.isPositive,
              let interest = try? (principal * dailyRate(asset) / 24).amount(.up), interest.isPositive,
              let owed = try? self[account, asset].interest + interest else { return }
        self[account, asset].interest = owed
        interestRecords.append(InterestRecord(txId: newTransactionId(), time: time, account: account, asset: asset,
                                              principal: principal, interest: interest, dailyRate: dailyRate(asset), type: type))
    }

    /// At a top-of-hour: charges a PERIODIC hour on every outstanding principal, in every margin account.
    mutating func chargePeriodicInterest(at time: Int64) {
        for account in marginAccounts {
            for asset in wallet(account).assets {
                let principal = self[account, asset].borrowed
                if principal.isPositive { charge(account, asset, principal: principal, type: "PERIODIC", at: time) }
            }
        }
    }

    /// One interest-rate row per day (at 00:00 UTC) in [start, end], newest first, with the highest
    /// rate in force that day.
    func rateHistory(_ asset: String, start: Int64, end: Int64) -> [(time: Int64, rate: Number)] {
        let day: Int64 = 86_400_000
        var rows: [(Int64, Number)] = []
        var t = (end / day) * day
        while t >= start && rows.count < 100 {
            // Binance: "if multiple interest rate records exist within a day, only the highest is shown".
            var rate = dailyRate(asset, at: t)
            for change in pastRates[asset] ?? [] where change.until > t && change.until - t < day {
                rate = Number.max(rate, dailyRate(asset, at: change.until))
            }
            rows.append((t, rate))
            t -= day
        }
        return rows
    }
}
