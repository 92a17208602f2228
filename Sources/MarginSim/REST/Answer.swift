import BinanceMargin
import Foundation

/// What the simulator decided to answer to one request, before its body is encoded.
///
/// The simulator actor returns an answer; ``reply()`` writes the JSON outside the actor.
struct Answer: Sendable {
    /// The body, still as a value.
    enum Body: Sendable {
        case json(JSONValue)
        /// Bytes already encoded (`GET /sim/state`).
        case raw(Data)
        case empty
    }

    var status: Int
    var headers: [String: String]
    var body: Body
    /// Hold the reply back this long (a `delay` fault).
    var delayMilliseconds = 0
    /// Close the connection instead of replying (a `drop` fault).
    var dropConnection = false

    /// HTTP 200 with `body` as JSON and `headers` (the weight headers).
    static func ok(_ body: Body, headers: [String: String]) -> Answer {
        var all = headers
        all["content-type"] = "application/json;charset=UTF-8"
        return Answer(status: 200, headers: all, body: body)
    }

    /// Binance's error answer: `error`'s status and `{"code":…,"msg":…}`.
    static func error(_ error: ExchangeError, headers: [String: String]) -> Answer {
        var all = headers
        all["content-type"] = "application/json;charset=UTF-8"
        return Answer(status: error.status, headers: all, body: .json(error.json))
    }

    /// A path the simulator does not serve: 404 with an empty plain-text body.
    static let notFound = Answer(status: 404, headers: ["content-type": "text/plain"], body: .empty)

    /// The reply with its body encoded.
    func reply() -> SimulatorReply {
        let data: Data
        switch body {
        case .json(.encoded(let bytes)): data = Data(bytes)   // already JSON: copied once, not rewritten
        case .json(let value): data = value.data
        case .raw(let bytes): data = bytes
        case .empty: data = Data()
        }
        return SimulatorReply(response: TransportResponse(status: status, headers: headers, body: data),
                              delayMilliseconds: delayMilliseconds, dropConnection: dropConnection)
    }
}
