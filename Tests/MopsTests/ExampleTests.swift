import Foundation
import Mops
import Testing

/// Every script in examples/ runs cleanly against a fresh simulator (each asserts its own result).
@Suite("Examples")
struct ExampleTests {
    static let examplesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples")

    static func scripts() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: examplesDirectory.path)) ?? []
        return files.filter { $0.hasSuffix(".mops") }.sorted()
    }

    @Test("there are at least six examples")
    func enoughExamples() {
        #expect(ExampleTests.scripts().count >= 6)
    }

    @Test("example runs against the simulator", arguments: ExampleTests.scripts())
    func runs(_ name: String) async throws {
        let text = try String(contentsOf: ExampleTests.examplesDirectory.appendingPathComponent(name), encoding: .utf8)
        let rig = try Rig()
        let outcome = await rig.run(text, name: name)
        let rendered = DiagnosticRenderer().render(outcome.diagnostics, in: outcome.source)
        #expect(outcome.status == .ok, "\(name) failed:\n\(rendered)\noutput:\n\(rig.output.all.joined(separator: "\n"))")
        #expect(!rig.output.all.isEmpty, "\(name) printed nothing")
        #expect(!outcome.performed.isEmpty, "\(name) sent nothing")
    }
}
