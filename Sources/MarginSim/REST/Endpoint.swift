import BinanceMargin

/// One REST endpoint: method, path, security, weight and what it does.
struct Endpoint: Sendable {
    /// What serving the endpoint does.
    enum Action: Sendable {
        /// Reads the exchange.
        case read(@Sendable (Exchange, RequestParameters) throws(ExchangeError) -> JSONValue)
        /// Reads the exchange with the simulator's memo of an answer's unchanged part (``CrossAssetsMemo``): the
        /// cross account, whose rows change far less often than it is read.
        case readCrossAccount(@Sendable (Exchange, RequestParameters, inout CrossAssetsMemo) throws(ExchangeError) -> JSONValue)
        /// Changes the exchange. A write checks everything before it changes anything, so a rejected write leaves
        /// the exchange as it was; in memory it runs in place, and with a state file it runs on a copy that is
        /// kept only when both the write and its persistence succeed.
        case write(@Sendable (inout Exchange, RequestParameters) throws(ExchangeError) -> JSONValue)
        /// A simulator control that needs more than the exchange (clock, faults, reset, state).
        case control(Control)
    }

    /// The controls the simulator actor serves itself.
    enum Control: Sendable {
        case state, reset, clock, fault, replay
        /// A stream listenKey's start, keepalive or close (docs/streams.md).
        case listenKey(KeyOperation, KeyStream)
        /// `POST /sapi/v1/userListenToken`: a token for the WebSocket API's user-data subscription.
        case listenToken
    }

    /// What a listenKey endpoint does.
    enum KeyOperation: Sendable { case start, keepAlive, close }
    /// Which stream's key it handles.
    enum KeyStream: Sendable, Hashable { case crossUserData, isolatedUserData, risk }

    var method: HTTPMethod
    var path: String
    var security: Security
    var weight: @Sendable (RequestParameters) -> Weight
    var action: Action

    init(_ method: HTTPMethod, _ path: String, _ security: Security, _ weight: Weight, _ action: Action) {
        self.method = method
        self.path = path
        self.security = security
        self.weight = { _ in weight }
        self.action = action
    }

    init(_ method: HTTPMethod, _ path: String, _ security: Security, weight: @escaping @Sendable (RequestParameters) -> Weight,
         _ action: Action) {
        self.method = method
        self.path = path
        self.security = security
        self.weight = weight
        self.action = action
    }
}
