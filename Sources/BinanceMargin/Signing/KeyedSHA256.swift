import Crypto

/// HMAC-SHA256 with one fixed key, its two padded key blocks hashed once: each message then costs one
/// copy of each prepared hash state, the message and the inner digest — read from their memory, not
/// through swift-crypto's generic `DataProtocol` path (which `HMAC<SHA256>.update` takes).
///
/// The same codes as `HMAC<SHA256>` (RFC 2104; the tests hold it to swift-crypto for generated keys and
/// messages). Holds key material: never printed (``Credentials`` and the simulator's keyring wrap it).
public struct KeyedSHA256: Sendable {
    private let inner: SHA256
    private let outer: SHA256

    /// Prepares HMAC-SHA256 keyed with `key` (hashed first when longer than SHA-256's 64-byte block).
    public init(key: some Sequence<UInt8>) {
        var block = Array(key)
        if block.count > 64 { block = Array(SHA256.hash(data: block)) }
        block += Array(repeating: 0, count: 64 - block.count)
        var inner = SHA256(), outer = SHA256()
        let innerPad = block.map { $0 ^ 0x36 }, outerPad = block.map { $0 ^ 0x5C }
        innerPad.withUnsafeBytes { inner.update(bufferPointer: $0) }
        outerPad.withUnsafeBytes { outer.update(bufferPointer: $0) }
        self.inner = inner
        self.outer = outer
    }

    /// The 32-byte authentication code of `message`, handed to `body` (its memory is valid only there).
    public func withCode<R>(of message: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var innerHash = inner
        innerHash.update(bufferPointer: message)
        let innerDigest = innerHash.finalize()
        var outerHash = outer
        innerDigest.withUnsafeBytes { outerHash.update(bufferPointer: $0) }
        return outerHash.finalize().withUnsafeBytes(body)
    }
}

extension KeyedSHA256: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Never the key: `KeyedSHA256(<redacted>)`.
    public var description: String { "KeyedSHA256(<redacted>)" }
    /// Never the key.
    public var debugDescription: String { description }
    /// No children: `dump` and reflection show nothing of the key either.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
