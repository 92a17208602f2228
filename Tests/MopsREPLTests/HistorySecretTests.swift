import BinanceMargin
import Foundation
import Testing
@testable import MopsREPL

/// The history never keeps the secret of the credentials in use, and its file is private before
/// anything is written to it.
@Suite("History: secrets and permissions")
struct HistorySecretTests {
    /// A secret no heuristic would catch: short, no tell-tale word, no long opaque run.
    static let secret = "hunter2+pa55"
    static let apiKey = "keyK3y-short"

    static func filter() throws -> HistoryFilter {
        let credentials = try Credentials.hmac(apiKey: apiKey, secret: secret)
        return HistoryFilter(revealsSecret: { credentials.isRevealed(by: $0) })
    }

    @Test("a line with the exact secret or API key — alone or inside other text — is never kept", arguments: [
        "print \"\(secret)\"", "let x = 1 # \(secret)", "let s = \"a\(secret)b\"", secret, "print \"\(apiKey)\"",
        "sim reset \"\(secret)\"; print 1",
    ])
    func secretRefused(_ line: String) throws {
        #expect(!(try Self.filter()).allows(line))
        #expect(HistoryFilter().allows(line) || line.contains("secret"), "the heuristics alone would keep it: \(line)")
    }

    @Test("lines without the secret are kept; parts of it are not the secret", arguments: [
        "borrow 100 USDT", "print \"hunter2\"", "print \"pa55\"", "let k = \"keyK3y\"",
    ])
    func othersKept(_ line: String) throws {
        #expect(try Self.filter().allows(line))
    }

    @Test("an Ed25519 key: a line with its PEM text or raw bytes is never kept")
    func privateKeyRefused() throws {
        // A PKCS#8 Ed25519 key built from a fixed 32-byte seed.
        let seed = Data((0..<32).map { UInt8($0 * 7 + 3) })
        let der = Data([0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]) + seed
        let body = der.base64EncodedString()
        let pem = "-----BEGIN PRIVATE KEY-----\n\(body)\n-----END PRIVATE KEY-----\n"
        let credentials = try Credentials.privateKey(apiKey: Self.apiKey, pem: pem)
        #expect(credentials.isRevealed(by: "print \"\(body)\""))
        #expect(credentials.isRevealed(by: "x \(seed.base64EncodedString()) y"))
        #expect(!credentials.isRevealed(by: "print 1"))
        #expect(!"\(credentials)".contains(body))
    }

    func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mops-history-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test("an existing history file readable by others becomes 0600 before the first write, its lines intact")
    func loosePermissionsFixed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = HistoryFile(path: directory + "/history")
        try #require(FileManager.default.createFile(atPath: file.path, contents: Data("_HiStOrY_V2_\nprint\\0401\n".utf8),
                                       attributes: [.posixPermissions: 0o644]))
        #expect(try mode(file.path) == 0o644)
        #expect(file.prepareForWriting())
        #expect(try mode(file.path) == 0o600)
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "_HiStOrY_V2_\nprint\\0401\n")
    }

    @Test("a missing history file is created 0600 in a 0700 directory; a symbolic link is not written through")
    func createdPrivate() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = HistoryFile(path: directory + "/state/mops/history")
        #expect(file.prepareForWriting())
        #expect(try mode(file.path) == 0o600)
        #expect(try mode(directory + "/state/mops") == 0o700)

        let target = directory + "/elsewhere"
        try #require(FileManager.default.createFile(atPath: target, contents: Data("x".utf8), attributes: [.posixPermissions: 0o644]))
        try FileManager.default.createSymbolicLink(atPath: directory + "/link", withDestinationPath: target)
        #expect(!HistoryFile(path: directory + "/link").prepareForWriting())
        #expect(try mode(target) == 0o644)
    }
}
