/// The cross account's `userAssets` array as last read: its exact bytes and the assets they were read to.
///
/// A guard reads the cross account every minute, and between two reads usually only the totals change (they follow
/// the price); the rows change only when a balance does. ``CrossMarginAccount/init(plainJSON:memo:)`` compares the
/// next answer's array with these bytes and, when they are the same, takes these assets instead of reading them
/// again: the reader is deterministic and reads an array only from its own bytes, so the same bytes give the same
/// assets from any server, Binance included. `PlainJSONDecodingTests.rememberedAssetsAreWhatAFreshReadGives` holds every read to a fresh one.
struct UserAssetsMemo: Sendable {
    /// The array's bytes, `[` to `]` (empty: nothing remembered).
    var bytes: [UInt8] = []
    /// What ``bytes`` were read to.
    var assets: [MarginAsset] = []
}
