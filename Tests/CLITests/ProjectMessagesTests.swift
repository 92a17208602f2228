import Foundation
import ProcessTestSupport
import Testing

/// `scripts/lib/project-messages`, which every build in `scripts/test`, `run` and `fuzz` goes through:
/// the project's own warnings and every error stay, the dependencies' warnings are counted, not shown.
@Suite("build messages")
struct ProjectMessagesTests {
    /// The filter's whole output for `input`.
    static func filter(_ input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [FuzzRegressionTests.root.appendingPathComponent("scripts/lib/project-messages").path]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitForExit()
        return output
    }

    @Test("a build's output: the project's warning and every error shown, dependency warnings and progress counted or dropped")
    func wholeOutput() throws {
        let root = FuzzRegressionTests.root.path
        let input = """
        [12/900] Compiling NIOCore ByteBuffer.swift
        Fetched https://github.com/apple/swift-nio from cache (0.03s)
        warning: 'swift-distributed-tracing': found 1 file(s) which are unhandled; explicitly declare them as resources or exclude from the target
            \(root)/.build/checkouts/swift-distributed-tracing/Sources/Tracing/CMakeLists.txt
        \(root)/.build/checkouts/swift-nio/Sources/NIOCore/X.swift:3:7: warning: var never mutated
          |       `- warning: var never mutated
        \(root)/Sources/Mops/Y.swift:10:2: warning: result unused
        10 |     f()
           |     `- warning: result unused

        [#no-usage]: <https://docs.swift.org/compiler/documentation/diagnostics/no-usage>
        \(root)/.build/checkouts/swift-nio/Sources/NIOCore/Z.swift:1:1: error: cannot find 'q' in scope
        Build complete! (1.00s)

        """
        #expect(try Self.filter(input) == """
        \(root)/Sources/Mops/Y.swift:10:2: warning: result unused
        10 |     f()
           |     `- warning: result unused

        [#no-usage]: <https://docs.swift.org/compiler/documentation/diagnostics/no-usage>
        \(root)/.build/checkouts/swift-nio/Sources/NIOCore/Z.swift:1:1: error: cannot find 'q' in scope
        Build complete! (1.00s)
        (2 warnings from dependencies not shown)

        """)
    }
}
