import Foundation

/// One event of Binance's margin streams — user data (orders, balances), risk (margin level, liabilities) and
/// the public market streams a guard uses (trade, book ticker, mini ticker) —
/// typed, with Binance's exact JSON in both directions.
///
/// Decoding takes the event alone or inside either envelope Binance uses: the WebSocket API's
/// `{"subscriptionId":…,"event":{…}}` and a combined stream's `{"stream":…,"data":{…}}`. An event type this
/// client does not know is kept as ``unknown(type:)``, never an error, so a new Binance event cannot stop a stream.
public enum StreamEvent: Sendable, Hashable {
    /// `outboundAccountPosition`.
    case accountPosition(AccountPositionEvent)
    /// `balanceUpdate`.
    case balanceUpdate(BalanceUpdateEvent)
    /// `executionReport`.
    case execution(ExecutionReport)
    /// `listStatus`.
    case listStatus(ListStatusEvent)
    /// `MARGIN_LEVEL_STATUS_CHANGE` (risk stream).
    case marginLevelStatus(MarginLevelStatusChange)
    /// `USER_LIABILITY_CHANGE` (risk stream).
    case liabilityChange(LiabilityChange)
    /// `trade` (public market stream `<symbol>@trade`).
    case trade(MarketTrade)
    /// A `<symbol>@bookTicker` update (it has no `e`).
    case bookTicker(BookTicker)
    /// `24hrMiniTicker` (`<symbol>@miniTicker`).
    case miniTicker(MiniTicker)
    /// `eventStreamTerminated`, `listenKeyExpired`, `serverShutdown`: the stream ended; the time it was said, ms.
    case streamEnded(type: String, eventTime: Int64)
    /// An event type this client does not know (`e`).
    case unknown(type: String)

    /// The wire names of the events that end a stream.
    static let endings: Set<String> = ["eventStreamTerminated", "listenKeyExpired", "serverShutdown"]

    /// Decodes one frame's text (the event alone or in an envelope).
    public static func decode(_ frame: Data) throws -> StreamEvent {
        try JSONDecoder().decode(Frame.self, from: frame).event
    }

    /// The event's JSON as Binance sends it on a raw stream (no envelope).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(Tagged(event: self))
    }

    /// The event's wire name (`e`).
    public var type: String {
        switch self {
        case .accountPosition: "outboundAccountPosition"
        case .balanceUpdate: "balanceUpdate"
        case .execution: "executionReport"
        case .listStatus: "listStatus"
        case .marginLevelStatus: "MARGIN_LEVEL_STATUS_CHANGE"
        case .liabilityChange: "USER_LIABILITY_CHANGE"
        case .trade: "trade"
        case .bookTicker: "bookTicker"
        case .miniTicker: "24hrMiniTicker"
        case .streamEnded(let type, _), .unknown(let type): type
        }
    }
}

/// A frame: the event, or an envelope around it.
private struct Frame: Decodable {
    let event: StreamEvent

    enum Envelope: String, CodingKey { case event, data }

    init(from decoder: any Decoder) throws {
        let envelope = try decoder.container(keyedBy: Envelope.self)
        if envelope.contains(.event) {
            event = try envelope.decode(Tagged.self, forKey: .event).event
        } else if envelope.contains(.data) {
            event = try envelope.decode(Tagged.self, forKey: .data).event
        } else {
            event = try Tagged(from: decoder).event
        }
    }
}

/// An event with its `e` tag, read and written in the same JSON object as its fields.
private struct Tagged: Codable {
    let event: StreamEvent

    enum Tag: String, CodingKey { case type = "e", eventTime = "E" }

    init(event: StreamEvent) { self.event = event }

    init(from decoder: any Decoder) throws {
        let tag = try decoder.container(keyedBy: Tag.self)
        // A book ticker is the one event without `e`.
        guard let type = try tag.decodeIfPresent(String.self, forKey: .type) else {
            event = .bookTicker(try BookTicker(from: decoder))
            return
        }
        switch type {
        case "outboundAccountPosition": event = .accountPosition(try AccountPositionEvent(from: decoder))
        case "balanceUpdate": event = .balanceUpdate(try BalanceUpdateEvent(from: decoder))
        case "executionReport": event = .execution(try ExecutionReport(from: decoder))
        case "listStatus": event = .listStatus(try ListStatusEvent(from: decoder))
        case "MARGIN_LEVEL_STATUS_CHANGE": event = .marginLevelStatus(try MarginLevelStatusChange(from: decoder))
        case "USER_LIABILITY_CHANGE": event = .liabilityChange(try LiabilityChange(from: decoder))
        case "trade": event = .trade(try MarketTrade(from: decoder))
        case "24hrMiniTicker": event = .miniTicker(try MiniTicker(from: decoder))
        case _ where StreamEvent.endings.contains(type):
            event = .streamEnded(type: type, eventTime: (try? tag.decode(Int64.self, forKey: .eventTime)) ?? 0)
        default: event = .unknown(type: type)
        }
    }

    func encode(to encoder: any Encoder) throws {
        if case .bookTicker(let e) = event { return try e.encode(to: encoder) }
        var tag = encoder.container(keyedBy: Tag.self)
        try tag.encode(event.type, forKey: .type)
        switch event {
        case .accountPosition(let e): try e.encode(to: encoder)
        case .balanceUpdate(let e): try e.encode(to: encoder)
        case .execution(let e): try e.encode(to: encoder)
        case .listStatus(let e): try e.encode(to: encoder)
        case .marginLevelStatus(let e): try e.encode(to: encoder)
        case .liabilityChange(let e): try e.encode(to: encoder)
        case .trade(let e): try e.encode(to: encoder)
        case .miniTicker(let e): try e.encode(to: encoder)
        case .bookTicker: break
        case .streamEnded(_, let time): try tag.encode(time, forKey: .eventTime)
        case .unknown: break
        }
    }
}
