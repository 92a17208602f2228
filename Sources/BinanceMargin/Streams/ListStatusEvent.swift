/// `listStatus`: an order list (OCO, OTO, OTOCO) changed, sent beside its legs' execution reports.
public struct ListStatusEvent: Sendable, Hashable, Codable {
    /// One leg of the list.
    public struct Leg: Sendable, Hashable, Codable {
        /// `s`.
        public var symbol: String
        /// `i`.
        public var orderId: Int64
        /// `c`.
        public var clientOrderId: String

        enum CodingKeys: String, CodingKey { case symbol = "s", orderId = "i", clientOrderId = "c" }
    }

    /// When the event was sent, ms (`E`).
    public var eventTime: Int64
    /// `s`.
    public var symbol: String
    /// `g`.
    public var orderListId: Int64
    /// `OCO` or `OTO` (an OTOCO reports `OTO`) (`c`).
    public var contingencyType: String
    /// `RESPONSE`, `EXEC_STARTED`, `UPDATED` or `ALL_DONE` (`l`).
    public var listStatusType: String
    /// `EXECUTING`, `ALL_DONE` or `REJECT` (`L`).
    public var listOrderStatus: String
    /// `r`.
    public var rejectReason: String
    /// `C`.
    public var listClientOrderId: String
    /// When it happened, ms (`T`).
    public var transactionTime: Int64
    /// The legs (`O`).
    public var legs: [Leg]

    enum CodingKeys: String, CodingKey {
        case eventTime = "E", symbol = "s", orderListId = "g", contingencyType = "c", listStatusType = "l"
        case listOrderStatus = "L", rejectReason = "r", listClientOrderId = "C", transactionTime = "T", legs = "O"
    }
}
