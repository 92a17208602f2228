/// The listenKeys of Binance's margin streams (docs/streams.md): start, keep alive, close.
///
/// A listenKey is a bearer secret for a stream: it is never logged, and no error of these calls contains it
/// (the key travels in the query or body, which the client's errors never echo).
extension MarginClient {
    /// Which stream a listenKey opens.
    public enum StreamKeyKind: Sendable, Hashable {
        /// The cross margin user-data stream (`/sapi/v1/userDataStream`).
        case crossUserData
        /// One isolated pair's user-data stream (`/sapi/v1/userDataStream/isolated?symbol=`).
        case isolatedUserData(symbol: String)
        /// The margin risk data stream (`/sapi/v1/margin/listen-key`; cross margin only).
        case risk

        var endpoints: (start: Endpoint, keepAlive: Endpoint, close: Endpoint) {
            switch self {
            case .crossUserData: (Endpoints.startUserDataStream, Endpoints.keepAliveUserDataStream, Endpoints.closeUserDataStream)
            case .isolatedUserData: (Endpoints.startIsolatedUserDataStream, Endpoints.keepAliveIsolatedUserDataStream,
                                     Endpoints.closeIsolatedUserDataStream)
            case .risk: (Endpoints.startRiskDataStream, Endpoints.keepAliveRiskDataStream, Endpoints.closeRiskDataStream)
            }
        }

        var parameters: Parameters {
            var p = Parameters()
            if case .isolatedUserData(let symbol) = self { p.add("symbol", symbol) }
            return p
        }
    }

    /// Starts a stream's listenKey, or extends and returns the account's active one (`POST`).
    public func startListenKey(_ kind: StreamKeyKind) async throws -> String {
        if case .isolatedUserData(let symbol) = kind { try InputValidation.symbol(symbol, field: "symbol") }
        return try await call(kind.endpoints.start, kind.parameters, as: ListenKeyResponse.self).listenKey
    }

    /// Extends a listenKey's life by 60 minutes (`PUT`); -1125 when the key no longer exists.
    public func keepAliveListenKey(_ kind: StreamKeyKind, _ listenKey: String) async throws {
        var p = kind.parameters
        p.add("listenKey", listenKey)
        _ = try await call(kind.endpoints.keepAlive, p, as: IgnoredResponse.self)
    }

    /// Closes a listenKey (`DELETE`); the risk stream's close takes no key (it closes the account's).
    public func closeListenKey(_ kind: StreamKeyKind, _ listenKey: String) async throws {
        var p = kind.parameters
        if kind != .risk { p.add("listenKey", listenKey) }
        _ = try await call(kind.endpoints.close, p, as: IgnoredResponse.self)
    }
}

/// `{"listenKey":"…"}`.
struct ListenKeyResponse: Sendable, Decodable {
    let listenKey: String
}

extension MarginClient {
    /// A listenToken for the cross margin user-data stream, or an isolated pair's (`POST /sapi/v1/userListenToken`),
    /// valid `validity` (24 hours, Binance's default and most, when nil). It is subscribed to on the WebSocket API
    /// (`userDataStream.subscribe.listenToken`); a bearer secret, never logged.
    public func createListenToken(isolatedSymbol: String? = nil, validity: Duration? = nil) async throws -> ListenToken {
        var p = Parameters()
        if let isolatedSymbol {
            try InputValidation.symbol(isolatedSymbol, field: "symbol")
            p.add("isIsolated", "true")
            p.add("symbol", isolatedSymbol)
        }
        if let validity {
            let ms = validity.wholeMilliseconds
            guard ms > 0, ms <= 86_400_000 else {
                throw BinanceError.invalidInput("validity", "a listenToken lives at most 24 hours, asked \(ms) ms", hint: "leave it out for 24 hours")
            }
            p.add("validity", ms)
        }
        return try await call(Endpoints.userListenToken, p, as: ListenToken.self)
    }
}

/// A listenToken and when it ends (ms since 1970, the exchange's clock).
public struct ListenToken: Sendable, Hashable, Decodable, CustomStringConvertible {
    /// The token: a bearer secret.
    public var token: String
    /// When it stops working.
    public var expirationTime: Int64

    /// Makes a value from its fields.
    public init(token: String, expirationTime: Int64) {
        self.token = token
        self.expirationTime = expirationTime
    }

    /// Never the token itself.
    public var description: String { "ListenToken(<redacted>, expires \(expirationTime))" }
}
