/// `MARGIN_LEVEL_STATUS_CHANGE`: the cross margin account's risk status changed (risk data stream).
public struct MarginLevelStatusChange: Sendable, Hashable, Codable {
    /// When the event was sent, ms (`E`).
    public var eventTime: Int64
    /// The margin level then (`l`).
    public var marginLevel: Number
    /// The new status (`s`).
    public var status: MarginLevelStatus

    /// Makes an event from its fields.
    public init(eventTime: Int64, marginLevel: Number, status: MarginLevelStatus) {
        self.eventTime = eventTime
        self.marginLevel = marginLevel
        self.status = status
    }

    enum CodingKeys: String, CodingKey { case eventTime = "E", marginLevel = "l", status = "s" }
}

/// `USER_LIABILITY_CHANGE`: a borrow, repay or interest charge changed a debt (risk data stream).
public struct LiabilityChange: Sendable, Hashable, Codable {
    /// When the event was sent, ms (`E`).
    public var eventTime: Int64
    /// `a`.
    public var asset: String
    /// `BORROW` (the only value Binance documents), `REPAY`, … (`t`).
    public var updateType: String
    /// The principal owed (`p`).
    public var principal: Number
    /// The interest owed (`i`).
    public var interest: Number

    /// Makes an event from its fields.
    public init(eventTime: Int64, asset: String, updateType: String, principal: Number, interest: Number) {
        self.eventTime = eventTime
        self.asset = asset
        self.updateType = updateType
        self.principal = principal
        self.interest = interest
    }

    enum CodingKeys: String, CodingKey { case eventTime = "E", asset = "a", updateType = "t", principal = "p", interest = "i" }
}

/// The thresholds of `GET /sapi/v1/margin/tradeCoeff` and the status each margin level maps to.
public struct MarginRiskBars: Sendable, Hashable, Codable {
    /// At or above it the account is `EXCESSIVE` (`normalBar`, 1.5 by default).
    public var normalBar: Number
    /// At or below it, `MARGIN_CALL` (`marginCallBar`, 1.3).
    public var marginCallBar: Number
    /// At or below it, `FORCE_LIQUIDATION` (`forceLiquidationBar`, 1.1).
    public var forceLiquidationBar: Number
    /// The band just above ``forceLiquidationBar`` reported as `PRE_LIQUIDATION` (not Binance's: a simulator setting).
    public var preLiquidationBand: Number

    /// Makes bars from their values.
    public init(normalBar: Number = "1.5", marginCallBar: Number = "1.3", forceLiquidationBar: Number = "1.1",
                preLiquidationBand: Number = "0.05") {
        self.normalBar = normalBar
        self.marginCallBar = marginCallBar
        self.forceLiquidationBar = forceLiquidationBar
        self.preLiquidationBand = preLiquidationBand
    }

    enum CodingKeys: String, CodingKey { case normalBar, marginCallBar, forceLiquidationBar }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(normalBar: try c.decode(Number.self, forKey: .normalBar), marginCallBar: try c.decode(Number.self, forKey: .marginCallBar),
                  forceLiquidationBar: try c.decode(Number.self, forKey: .forceLiquidationBar))
    }

    /// The status of `marginLevel` — the one rule (Binance does not document it; inferred from its FAQ):
    /// ≥ normalBar `EXCESSIVE`; above marginCallBar `NORMAL`; above forceLiquidationBar + band `MARGIN_CALL`;
    /// above forceLiquidationBar `PRE_LIQUIDATION`; else `FORCE_LIQUIDATION`.
    public func status(of marginLevel: Number) -> MarginLevelStatus {
        if marginLevel >= normalBar { return .excessive }
        if marginLevel > marginCallBar { return .normal }
        let preLiquidation = forceLiquidationBar.adding(preLiquidationBand) ?? forceLiquidationBar
        if marginLevel > preLiquidation { return .marginCall }
        if marginLevel > forceLiquidationBar { return .preLiquidation }
        return .forceLiquidation
    }
}
