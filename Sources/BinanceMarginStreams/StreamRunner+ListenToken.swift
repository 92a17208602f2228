import BinanceMargin
import Foundation
import WSClient

/// The user-data stream on the WebSocket API: a listenToken subscribed on the connection and renewed on it
/// before it ends; frames arrive as `{"subscriptionId":N,"event":{…}}`.
extension StreamRunner {
    /// Takes a token, subscribes, and keeps subscribing a new one on the same connection a minute before each ends.
    func subscribeWithTokens(_ outbound: WebSocketOutboundWriter, isolatedSymbol: String?) async throws {
        let validity = stream.configuration.tokenValidity
        let renewEarly = min(Duration.seconds(60), validity / 2)
        var request = 1
        while true {
            let token = try await stream.client.createListenToken(isolatedSymbol: isolatedSymbol, validity: validity)
            self.token.withLock { $0 = token.token }
            try await outbound.write(.text(StreamRunner.subscribeFrame(token: token.token, id: request)))
            request += 1
            try await Task.sleep(for: validity - renewEarly)
        }
    }

    /// `{"id":"N","method":"userDataStream.subscribe.listenToken","params":{"listenToken":"…"}}`.
    static func subscribeFrame(token: String, id: Int) -> String {
        let object: [String: Any] = ["id": "\(id)", "method": "userDataStream.subscribe.listenToken", "params": ["listenToken": token]]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The event of a frame: a plain stream frame as it is, the inner `event` of a WebSocket API frame, nil for a
    /// successful response; a refused request throws its code and message (with `secret` redacted).
    static func eventPayload(_ text: String, secret: String?) throws -> Data? {
        let data = Data(text.utf8)
        guard text.hasPrefix(#"{"id""#) || text.hasPrefix(#"{"subscriptionId""#) || text.contains(#""status":"#),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return data }
        if let event = object["event"] as? [String: Any] {
            return try? JSONSerialization.data(withJSONObject: event)
        }
        if let status = object["status"] as? Int, status != 200 {
            let error = object["error"] as? [String: Any]
            let message = "the WebSocket API refused the subscription: \(error?["code"] ?? status) \(error?["msg"] ?? "")"
            throw WebSocketAPIRefusal(description: redact(message, key: secret))
        }
        return object["result"] != nil ? nil : data
    }
}

/// A refused WebSocket API request (an invalid or expired listenToken: -1209).
struct WebSocketAPIRefusal: Error, CustomStringConvertible {
    let description: String
}
