/// `outboundAccountPosition`: the balances that may have changed, after any change (user-data stream).
public struct AccountPositionEvent: Sendable, Hashable, Codable {
    /// One asset's balance.
    public struct Balance: Sendable, Hashable, Codable {
        /// The asset (`a`).
        public var asset: String
        /// What is free to use (`f`).
        public var free: Number
        /// What open orders hold (`l`).
        public var locked: Number

        /// Makes a balance from its fields.
        public init(asset: String, free: Number, locked: Number) {
            self.asset = asset
            self.free = free
            self.locked = locked
        }

        enum CodingKeys: String, CodingKey { case asset = "a", free = "f", locked = "l" }
    }

    /// When the event was sent, ms (`E`).
    public var eventTime: Int64
    /// When the account last changed, ms (`u`).
    public var lastUpdateTime: Int64
    /// The balances (`B`); `borrowed` and `interest` are not here — they move on the risk stream.
    public var balances: [Balance]

    /// Makes an event from its fields.
    public init(eventTime: Int64, lastUpdateTime: Int64, balances: [Balance]) {
        self.eventTime = eventTime
        self.lastUpdateTime = lastUpdateTime
        self.balances = balances
    }

    enum CodingKeys: String, CodingKey { case eventTime = "E", lastUpdateTime = "u", balances = "B" }
}

/// `balanceUpdate`: a deposit, withdrawal or transfer moved an asset in or out (user-data stream).
public struct BalanceUpdateEvent: Sendable, Hashable, Codable {
    /// When the event was sent, ms (`E`).
    public var eventTime: Int64
    /// The asset (`a`).
    public var asset: String
    /// The signed change (`d`).
    public var delta: Number
    /// When it cleared, ms (`T`).
    public var clearTime: Int64

    /// Makes an event from its fields.
    public init(eventTime: Int64, asset: String, delta: Number, clearTime: Int64) {
        self.eventTime = eventTime
        self.asset = asset
        self.delta = delta
        self.clearTime = clearTime
    }

    enum CodingKeys: String, CodingKey { case eventTime = "E", asset = "a", delta = "d", clearTime = "T" }
}
