import BinanceMargin
import Foundation
import Mops
import Testing

/// The README's embedding example compiles (it is ReadmeExample.swift), works, and cannot drift.
@Suite("Embedding: README example")
struct ReadmeTests {
    private static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    private static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    /// The text between `// BEGIN README EXAMPLE` and `// END README EXAMPLE` lines of ReadmeExample.swift.
    static func exampleRegion() throws -> String {
        let text = try String(contentsOf: testsDirectory.appendingPathComponent("ReadmeExample.swift"), encoding: .utf8)
        let begin = try #require(text.range(of: "// BEGIN README EXAMPLE\n"))
        let end = try #require(text.range(of: "// END README EXAMPLE\n"))
        return String(text[begin.upperBound..<end.lowerBound])
    }

    /// The body of the first ```swift block after the `## Embedding` heading of README.md.
    static func readmeBlock() throws -> String {
        let text = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(text.range(of: "\n## Embedding\n"), "README.md has no '## Embedding' section")
        let open = try #require(text.range(of: "```swift\n", range: section.upperBound..<text.endIndex))
        let close = try #require(text.range(of: "\n```\n", range: open.upperBound..<text.endIndex))
        return String(text[open.upperBound..<close.lowerBound]) + "\n"
    }

    @Test("the README's Embedding code block is byte-identical to ReadmeExample.swift's marked region")
    func readmeMatchesExample() throws {
        let region = try Self.exampleRegion()
        let block = try Self.readmeBlock()
        #expect(region.count > 500)
        #expect(block == region, "README.md's Embedding example differs from Tests/EmbeddingTests/ReadmeExample.swift; copy the region between the markers into README.md")
    }

    @Test("the README example works: below the floor it alerts and repays what cash allows")
    func exampleRuns() async throws {
        let client = try simulatorClient()
        let setup = await Interpreter(configuration: Interpreter.Configuration().connected(to: client)).run(Source(
            name: "setup.mops", text: "borrow 20000 USDT\nbuy 0.3 BTCUSDT\nsim shock BTCUSDT -10%"))
        #expect(setup.status == .ok)
        let outcome = try await guardOnce(client: client, floor: Number("1.5"))
        #expect(outcome.status == .ok)
        #expect(outcome.performed == ["repay 7000 USDT"])
        let again = try await guardOnce(client: client, floor: Number("1.5"))
        #expect(again.status == .ok)
        #expect(again.performed.isEmpty)
    }
}
