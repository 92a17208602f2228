import BinanceMargin

/// The listenKeys of the margin streams: which stream each opens and until when (simulated time).
///
/// Binance's rules: a key lives 60 minutes; `PUT` extends it by 60 minutes; `POST` while the account's key of
/// that stream is active returns the same key and extends it; `DELETE` closes it. The sandbox runs them on the
/// simulator's clock, so `/sim/clock` can expire a key in a test. Keys are not part of the persisted state.
struct ListenKeyBook: Sendable {
    /// The stream a key opens.
    enum Stream: Sendable, Hashable {
        case crossUserData, isolatedUserData(String), risk

        var route: StreamRoute {
            switch self {
            case .crossUserData: .crossUserData
            case .isolatedUserData(let symbol): .isolatedUserData(symbol: symbol)
            case .risk: .risk
            }
        }
    }

    /// 60 minutes, in ms.
    static let validity: Int64 = 3_600_000

    private var expiries: [String: (stream: Stream, expiresAt: Int64)] = [:]

    /// The account's active key of `stream`, extended, or a new one.
    mutating func start(_ stream: Stream, now: Int64) -> String {
        let key = expiries.first { $0.value.stream == stream }?.key ?? ListenKeyBook.newKey()
        expiries[key] = (stream, now.saturatingAdding(ListenKeyBook.validity))
        return key
    }

    /// Extends `key` (of `stream`) by 60 minutes; -1125 when no such key is active.
    mutating func keepAlive(_ key: String, _ stream: Stream, now: Int64) throws(ExchangeError) {
        guard let entry = expiries[key], entry.stream == stream else { throw .listenKeyMissing }
        expiries[key] = (stream, now.saturatingAdding(ListenKeyBook.validity))
    }

    /// Closes `key` (of `stream`), or the account's key of `stream` when `key` is nil; -1125 when none is active.
    mutating func close(_ key: String?, _ stream: Stream) throws(ExchangeError) {
        let found = key ?? expiries.first { $0.value.stream == stream }?.key
        guard let found, expiries[found]?.stream == stream else { throw .listenKeyMissing }
        expiries[found] = nil
    }

    /// Removes and returns the keys whose time has passed, in name order.
    mutating func expire(now: Int64) -> [String] {
        guard !expiries.isEmpty else { return [] }   // every request asks: the usual answer costs nothing
        let gone = expiries.filter { $0.value.expiresAt <= now }.keys.sorted()
        for key in gone { expiries[key] = nil }
        return gone
    }

    /// The stream an active key opens.
    func stream(of key: String) -> Stream? { expiries[key]?.stream }

    /// 60 characters like Binance's keys (letters and digits), from the system's random source: a key is a
    /// bearer secret, so it must not be guessable from the simulator's seed.
    static func newKey() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var random = SystemRandomNumberGenerator()
        return String((0..<60).map { _ in alphabet[Int(random.next(upperBound: UInt64(alphabet.count)))] })
    }
}

extension ExchangeError {
    /// -1125: a keepalive or close named no active listenKey.
    static let listenKeyMissing = ExchangeError(code: -1125, message: "This listenKey does not exist.")
}
