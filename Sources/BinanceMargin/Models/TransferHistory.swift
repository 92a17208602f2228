/// One row of `GET /sapi/v1/margin/transfer`: a transfer into or out of margin.
public struct MarginTransferRecord: Sendable, Hashable, Decodable {
    /// The amount moved.
    public var amount: Number
    /// The asset, e.g. `USDT`.
    public var asset: String
    /// `PENDING`, `CONFIRMED` or `FAILED`.
    public var status: String
    /// When it happened, ms.
    public var timestamp: Int64
    /// The transaction id.
    public var txId: Int64
    /// `ROLL_IN` (into margin) or `ROLL_OUT`.
    public var type: String
    /// Where the funds came from: `SPOT`, `CROSS_MARGIN`, `ISOLATED_MARGIN`, …
    public var transFrom: String?
    /// Where the funds went.
    public var transTo: String?
    /// The isolated pair funds left, if any.
    public var fromSymbol: String?
    /// The isolated pair funds entered, if any.
    public var toSymbol: String?
}

/// One row of `GET /sapi/v1/asset/transfer`: a universal transfer.
public struct UniversalTransferRecord: Sendable, Hashable, Decodable {
    /// The asset, e.g. `USDT`.
    public var asset: String
    /// The amount moved.
    public var amount: Number
    /// The universal type, e.g. `MAIN_MARGIN`.
    public var type: String
    /// `PENDING`, `CONFIRMED` or `FAILED`.
    public var status: String
    /// The transaction id.
    public var tranId: Int64
    /// When it happened, ms.
    public var timestamp: Int64
}
