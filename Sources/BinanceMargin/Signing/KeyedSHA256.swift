import Crypto
#if canImport(CCryptoBoringSSL)
import CCryptoBoringSSL
#endif

/// HMAC-SHA256 with one fixed key, its two padded key blocks hashed once: each message then costs one
/// copy of each prepared hash state, the message and the inner digest, read from their memory.
///
/// Where swift-crypto's BoringSSL is built (Linux), the prepared states are BoringSSL's `SHA256_CTX`, a plain
/// C struct: copying one allocates nothing (swift-crypto's `SHA256` is a class-backed context, one allocation
/// per copy, and the signed requests of a replayed year number a million). Elsewhere the states are
/// swift-crypto's `SHA256`. The same codes as `HMAC<SHA256>` either way (RFC 2104; the tests hold it to
/// swift-crypto for generated keys and messages). Holds key material: never printed (``Credentials`` and the
/// simulator's keyring wrap it).
public struct KeyedSHA256: Sendable {
    private let inner: HashState
    private let outer: HashState

    /// Prepares HMAC-SHA256 keyed with `key` (hashed first when longer than SHA-256's 64-byte block).
    public init(key: some Sequence<UInt8>) {
        var block = Array(key)
        if block.count > 64 { block = Array(SHA256.hash(data: block)) }
        block += Array(repeating: 0, count: 64 - block.count)
        var inner = HashState(), outer = HashState()
        let innerPad = block.map { $0 ^ 0x36 }, outerPad = block.map { $0 ^ 0x5C }
        innerPad.withUnsafeBytes { inner.update($0) }
        outerPad.withUnsafeBytes { outer.update($0) }
        self.inner = inner
        self.outer = outer
    }

    /// The 32-byte authentication code of `message`, handed to `body` (its memory is valid only there).
    public func withCode<R>(of message: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var innerHash = inner
        innerHash.update(message)
        return innerHash.withDigest { innerDigest in
            var outerHash = outer
            outerHash.update(innerDigest)
            return outerHash.withDigest(body)
        }
    }
}

extension KeyedSHA256 {
    /// A SHA-256 state that can be copied and carried on: BoringSSL's C struct where it is built, swift-crypto's
    /// `SHA256` elsewhere.
    struct HashState: Sendable {
        #if canImport(CCryptoBoringSSL)
        private var context = SHA256_CTX()

        init() { CCryptoBoringSSL_SHA256_Init(&context) }

        mutating func update(_ bytes: UnsafeRawBufferPointer) {
            CCryptoBoringSSL_SHA256_Update(&context, bytes.baseAddress, bytes.count)
        }

        /// Finishes the hash (this copy of the state) and hands its 32 bytes to `body`.
        mutating func withDigest<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digest in
                CCryptoBoringSSL_SHA256_Final(digest.baseAddress, &context)
                return body(UnsafeRawBufferPointer(digest))
            }
        }
        #else
        private var hash = SHA256()

        init() {}

        mutating func update(_ bytes: UnsafeRawBufferPointer) { hash.update(bufferPointer: bytes) }

        /// Finishes the hash (this copy of the state) and hands its 32 bytes to `body`.
        mutating func withDigest<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R { hash.finalize().withUnsafeBytes(body) }
        #endif
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
