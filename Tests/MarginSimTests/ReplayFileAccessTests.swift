import BinanceMargin
import Foundation
import Glibc
import Testing
@testable import MarginSim

/// `POST /sim/replay` reads only where the simulator allows: anywhere (embedded), nothing (a sandbox without
/// `--replay-dir`), or inside one directory — judged as the system resolves links and `..`, held to `realpath` over
/// generated paths through a tree with links that lead in and out.
@Suite("Which files /sim/replay may read")
struct ReplayFileAccessTests {
    /// root/{allowed/{sub/, in → sub, out → ../outside, file.csv}, outside/secret.csv}
    static func tree() throws -> (root: URL, allowed: URL) {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("replay-access-\(UUID().uuidString)")
        let allowed = root.appendingPathComponent("allowed")
        try fm.createDirectory(at: allowed.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("outside"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: allowed.appendingPathComponent("file.csv"))
        try Data("x".utf8).write(to: allowed.appendingPathComponent("sub/file.csv"))
        try Data("secret".utf8).write(to: root.appendingPathComponent("outside/secret.csv"))
        try fm.createSymbolicLink(atPath: allowed.appendingPathComponent("in").path, withDestinationPath: "sub")
        try fm.createSymbolicLink(atPath: allowed.appendingPathComponent("out").path, withDestinationPath: "../outside")
        return (root, allowed)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    @Test("generated paths through links and .. are allowed exactly when realpath puts them inside the directory")
    func judgedAsRealpath() throws {
        let (root, allowed) = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let access = ReplayFileAccess.within(allowed.path)
        guard case .inside(let directory) = access else { Issue.record("\(access)"); return }
        var random = SplitMix64(seed: 0xF11E5)
        var inside = 0, outside = 0
        for _ in 0..<10_000 {
            let segments = (0..<Int(1 + random.next(upTo: 5))).map { _ in random.pick([".", "..", "sub", "in", "out", "allowed", "outside"]) }
            let file = random.pick(["file.csv", "secret.csv"])
            let relative = (segments + [file]).joined(separator: "/")
            let given = random.next(upTo: 2) == 0 ? relative : allowed.appendingPathComponent(relative).path
            guard let real = Self.realPath(given.hasPrefix("/") ? given : allowed.path + "/" + given) else {
                if case .success(let path) = access.path(for: given) { #expect(path.hasPrefix(directory + "/"), "\(given)") }
                continue
            }
            let expected = real.hasPrefix(directory + "/")
            switch access.path(for: given) {
            case .success(let path):
                #expect(expected && Self.realPath(path) == real, "\(given) → \(path)")
                inside += 1
            case .failure(let error):
                #expect(!expected, "\(given) was refused: \(error)")
                #expect(error.code == -1130 && error.message.contains("outside the replay directory \(directory)"))
                outside += 1
            }
        }
        #expect(inside > 50 && outside > 50, "both outcomes are exercised (\(inside) inside, \(outside) outside)")
    }

    @Test("the embedded simulator reads any path; a sandbox without --replay-dir none, and says how to allow it")
    func anywhereAndNowhere() async throws {
        let (root, allowed) = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let secret = root.appendingPathComponent("outside/secret.csv").path
        #expect(try ReplayFileAccess.anywhere.path(for: secret).get() == secret)
        let harness = Harness()
        await harness.simulator.limitReplayFiles(to: .noFiles)
        let refused = await harness.control("/sim/replay", "files=\(secret)")
        #expect(refused.status == 400 && refused.text.contains("-1130"), "\(refused.text)")
        #expect(refused.text.contains("started without --replay-dir") && refused.text.contains("mops sim serve --replay-dir DIR"))
        #expect(!refused.text.contains("secret\""), "nothing of the file is read")
        await harness.simulator.limitReplayFiles(to: .within(allowed.path))
        let outside = await harness.control("/sim/replay", "files=out/secret.csv")
        #expect(outside.status == 400 && outside.text.contains("outside the replay directory"), "\(outside.text)")
        let notCSV = await harness.control("/sim/replay", "files=in/file.csv")
        #expect(notCSV.status == 400 && notCSV.text.contains("in/file.csv") == false && notCSV.text.contains("sub/file.csv"),
                "a name inside is read (and judged as a kline file): \(notCSV.text)")
    }

    @Test("a link swapped in after the path was judged is refused at open: the file opened is judged again, and FIFOs are not read")
    func swappedAfterTheCheck() throws {
        let (root, allowed) = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        try Data("secret".utf8).write(to: root.appendingPathComponent("outside/file.csv"))
        let access = ReplayFileAccess.within(allowed.path)
        guard case .inside(let directory) = access else { Issue.record("\(access)"); return }
        // Judged while sub is a directory inside …
        let judged = try access.path(for: "sub/file.csv").get()
        #expect(judged == directory + "/sub/file.csv")
        #expect(try ReplayFileAccess.contents(of: judged, inside: directory, given: "sub/file.csv").get() == Data("x".utf8))
        // … then sub becomes a link out before the file is opened: the same resolved path now leads outside.
        try fm.removeItem(at: allowed.appendingPathComponent("sub"))
        try fm.createSymbolicLink(atPath: allowed.appendingPathComponent("sub").path, withDestinationPath: "../outside")
        switch ReplayFileAccess.contents(of: judged, inside: directory, given: "sub/file.csv") {
        case .success(let data): Issue.record("read through the swapped link: \(String(describing: data))")
        case .failure(let error): #expect(error.code == -1130 && error.message.contains("outside the replay directory"), "\(error)")
        }
        // Judged now, the path is refused before anything is opened.
        #expect(throws: ExchangeError.self) { try access.file(at: "sub/file.csv") }
        // A FIFO inside the directory: opened without waiting for a writer, then not read.
        let fifo = allowed.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(try ReplayFileAccess.contents(of: fifo, inside: directory, given: "pipe.csv").get() == nil)
        switch Result(catching: { () throws(ExchangeError) in try access.file(at: "pipe.csv") }) {
        case .success: Issue.record("a FIFO was read as a price file")
        case .failure(let error): #expect(error.code == -1130 && error.message.contains("cannot read the file"), "\(error)")
        }
    }
}
