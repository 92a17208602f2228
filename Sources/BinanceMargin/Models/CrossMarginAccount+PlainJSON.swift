import Foundation

// The cross margin account read straight from the answer's bytes: the answer a guard script asks
// for every simulated minute. `JSONDecoder` costs most of an in-process read; this reader takes
// the answer's plain form (what Binance and the simulator send) and gives up on anything else,
// leaving that answer to `JSONDecoder` — which then accepts or rejects it, with its own words.

extension CrossMarginAccount {
    /// The account in `body`, when `body` is its plain JSON form (see ``PlainJSONReader``); nil when
    /// anything is unusual — an unknown, repeated or missing field, a value of another type, an escape,
    /// a JSON number where a decimal string belongs — so the caller decodes it with `JSONDecoder`.
    init?(plainJSON body: Data) {
        var memo = UserAssetsMemo()
        self.init(plainJSON: body, memo: &memo)
    }

    /// The account in `body` as ``init(plainJSON:)`` reads it, its `userAssets` taken from `memo` when the array's
    /// bytes are exactly those `memo` last read (the same bytes read to the same assets); `memo` then remembers
    /// this answer's array. Valid for any server: only the bytes decide.
    init?(plainJSON body: Data, memo: inout UserAssetsMemo) {
        guard let account = body.withUnsafeBytes({ raw in
            CrossMarginAccount.read(PlainJSONReader(raw.bindMemory(to: UInt8.self)), memo: &memo)
        }) else { return nil }
        self = account
    }

    private static func read(_ start: PlainJSONReader, memo: inout UserAssetsMemo) -> CrossMarginAccount? {
        var reader = start
        var fields = Fields(memo: memo)
        guard reader.object({ reader, key in fields.read(key, from: &reader) }), reader.atEnd(),
              let account = fields.account else { return nil }
        memo = fields.memo
        return account
    }

    /// The fields read so far; each may be read once.
    private struct Fields {
        var memo: UserAssetsMemo
        var seen: UInt32 = 0
        var created: Bool?, borrowEnabled: Bool?, tradeEnabled: Bool?, transferEnabled: Bool?
        var transferInEnabled: Bool?, transferOutEnabled: Bool?
        var marginLevel: Number?, collateralMarginLevel: Number?, totalAssetOfBtc: Number?
        var totalLiabilityOfBtc: Number?, totalNetAssetOfBtc: Number?, totalCollateralValueInUSDT: Number?
        var totalOpenOrderLossInUSDT: Number?, accountType: String?, userAssets: [MarginAsset]?

        /// Reads the value of `key`; false to give up (an unknown or repeated key, an unexpected value).
        mutating func read(_ key: UnsafeBufferPointer<UInt8>, from reader: inout PlainJSONReader) -> Bool {
            guard let field = CrossMarginAccount.fieldIndex(key), seen & (1 << field) == 0 else { return false }
            seen |= 1 << field
            switch field {
            case 0: return assign(reader.optionalBool(), to: &created)
            case 1: return assign(reader.bool(), to: &borrowEnabled)
            case 2: return assign(reader.bool(), to: &tradeEnabled)
            case 3: return assign(reader.optionalBool(), to: &transferEnabled)
            case 4: return assign(reader.optionalBool(), to: &transferInEnabled)
            case 5: return assign(reader.optionalBool(), to: &transferOutEnabled)
            case 6: return assign(reader.quotedNumber(), to: &marginLevel)
            case 7: return assign(reader.optionalQuotedNumber(), to: &collateralMarginLevel)
            case 8: return assign(reader.quotedNumber(), to: &totalAssetOfBtc)
            case 9: return assign(reader.quotedNumber(), to: &totalLiabilityOfBtc)
            case 10: return assign(reader.quotedNumber(), to: &totalNetAssetOfBtc)
            case 11: return assign(reader.optionalQuotedNumber(), to: &totalCollateralValueInUSDT)
            case 12: return assign(reader.optionalQuotedNumber(), to: &totalOpenOrderLossInUSDT)
            case 13: return assign(reader.optionalString(), to: &accountType)
            default:
                if reader.take(bytes: memo.bytes) {
                    userAssets = memo.assets
                    return true
                }
                let start = reader.position()
                guard let assets = Fields.readAssets(&reader) else { return false }
                memo = UserAssetsMemo(bytes: Array(reader.bytes(from: start)), assets: assets)
                userAssets = assets
                return true
            }
        }

        /// The `userAssets` array read afresh.
        static func readAssets(_ reader: inout PlainJSONReader) -> [MarginAsset]? {
            var assets: [MarginAsset] = []
            assets.reserveCapacity(16)
            guard reader.array({ reader in
                guard let asset = MarginAsset.read(&reader) else { return false }
                assets.append(asset)
                return true
            }) else { return nil }
            return assets
        }

        private func assign<T>(_ value: T?, to field: inout T?) -> Bool {
            guard let value else { return false }
            field = value
            return true
        }

        /// For a field that may be `null`: the outer nil gives up, the inner one is the field's value.
        private func assign<T>(_ value: T??, to field: inout T?) -> Bool {
            guard let value else { return false }
            field = value
            return true
        }

        /// The account, when every field without a default is there.
        var account: CrossMarginAccount? {
            guard let borrowEnabled, let tradeEnabled, let marginLevel, let totalAssetOfBtc, let totalLiabilityOfBtc,
                  let totalNetAssetOfBtc, let userAssets else { return nil }
            return CrossMarginAccount(created: created, borrowEnabled: borrowEnabled, tradeEnabled: tradeEnabled,
                                      transferEnabled: transferEnabled, transferInEnabled: transferInEnabled,
                                      transferOutEnabled: transferOutEnabled, marginLevel: marginLevel,
                                      collateralMarginLevel: collateralMarginLevel, totalAssetOfBtc: totalAssetOfBtc,
                                      totalLiabilityOfBtc: totalLiabilityOfBtc, totalNetAssetOfBtc: totalNetAssetOfBtc,
                                      totalCollateralValueInUSDT: totalCollateralValueInUSDT,
                                      totalOpenOrderLossInUSDT: totalOpenOrderLossInUSDT, accountType: accountType,
                                      userAssets: userAssets)
        }
    }

    /// The number ``Fields/read(_:from:)`` gives `key`, a key of ``CodingKeys``: its position in ``keys``
    /// (told by its length first, then compared with the literal; the tests hold it to ``keys``).
    static func fieldIndex(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        typealias R = PlainJSONReader
        switch key.count {
        case 7: return R.matches(key, "created") ? 0 : nil
        case 10: return R.matches(key, "userAssets") ? 14 : nil
        case 11: return R.matches(key, "marginLevel") ? 6 : R.matches(key, "accountType") ? 13 : nil
        case 12: return R.matches(key, "tradeEnabled") ? 2 : nil
        case 13: return R.matches(key, "borrowEnabled") ? 1 : nil
        case 15: return R.matches(key, "totalAssetOfBtc") ? 8 : R.matches(key, "transferEnabled") ? 3 : nil
        case 17: return R.matches(key, "transferInEnabled") ? 4 : nil
        case 18: return R.matches(key, "totalNetAssetOfBtc") ? 10 : R.matches(key, "transferOutEnabled") ? 5 : nil
        case 19: return R.matches(key, "totalLiabilityOfBtc") ? 9 : nil
        case 21: return R.matches(key, "collateralMarginLevel") ? 7 : nil
        case 24: return R.matches(key, "totalOpenOrderLossInUSDT") ? 12 : nil
        case 26: return R.matches(key, "TotalCollateralValueInUSDT") ? 11 : nil
        default: return nil
        }
    }

    /// The keys ``fieldIndex(_:)`` knows, in its numbering.
    static let keys: [[UInt8]] = [
        "created", "borrowEnabled", "tradeEnabled", "transferEnabled", "transferInEnabled", "transferOutEnabled",
        "marginLevel", "collateralMarginLevel", "totalAssetOfBtc", "totalLiabilityOfBtc", "totalNetAssetOfBtc",
        "TotalCollateralValueInUSDT", "totalOpenOrderLossInUSDT", "accountType", "userAssets",
    ].map { Array($0.utf8) }
}

extension MarginAsset {
    /// One asset object in its plain form; nil when anything is unusual (see ``CrossMarginAccount/init(plainJSON:)``).
    static func read(_ reader: inout PlainJSONReader) -> MarginAsset? {
        var seen: UInt8 = 0
        var asset: String?, free = Number.zero, locked = Number.zero, borrowed = Number.zero
        var interest = Number.zero, netAsset = Number.zero
        guard reader.object({ reader, key in
            guard let field = MarginAsset.fieldIndex(key), seen & (1 << field) == 0 else { return false }
            seen |= 1 << field
            if field == 0 {
                asset = reader.string()
                return asset != nil
            }
            guard let number = reader.quotedNumber() else { return false }
            switch field {
            case 1: free = number
            case 2: locked = number
            case 3: borrowed = number
            case 4: interest = number
            default: netAsset = number
            }
            return true
        }), seen == 0b11_1111, let asset else { return nil }
        return MarginAsset(asset: asset, free: free, locked: locked, borrowed: borrowed, interest: interest, netAsset: netAsset)
    }

    /// The position of `key` in ``keys`` (told by its length first; the tests hold it to ``keys``).
    static func fieldIndex(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        typealias R = PlainJSONReader
        switch key.count {
        case 4: return R.matches(key, "free") ? 1 : nil
        case 5: return R.matches(key, "asset") ? 0 : nil
        case 6: return R.matches(key, "locked") ? 2 : nil
        case 8: return R.matches(key, "borrowed") ? 3 : R.matches(key, "interest") ? 4 : R.matches(key, "netAsset") ? 5 : nil
        default: return nil
        }
    }

    /// The keys of an asset object, in ``fieldIndex(_:)``'s numbering.
    static let keys: [[UInt8]] = ["asset", "free", "locked", "borrowed", "interest", "netAsset"].map { Array($0.utf8) }
}
