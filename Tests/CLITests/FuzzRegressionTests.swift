import Foundation
import ProcessTestSupport
import Testing

/// Every input the fuzzers ever crashed on, and the seed corpora, replayed through the plain
/// (non-libFuzzer) builds of the fuzz targets: a fixed crash that comes back fails here.
@Suite("fuzz regressions")
struct FuzzRegressionTests {
    /// The package root (three levels above this file).
    static var root: URL {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir
    }

    /// The replay build of `product`, beside the test bundle (``builtProduct(_:)``).
    static func replayer(_ product: String) throws -> URL {
        try #require(builtProduct(product), "\(product) was not built; `swift build --build-tests` builds it")
    }

    @Test("saved inputs replay without a crash", arguments: [
        ("FuzzLanguage", ["Fuzz/regressions/language", "Fuzz/corpus/language"]),
        ("FuzzSandbox", ["Fuzz/regressions/sandbox", "Fuzz/corpus/sandbox"]),
        ("FuzzFiles", ["Fuzz/regressions/files", "Fuzz/corpus/files"]),
    ])
    func replay(_ product: String, _ folders: [String]) throws {
        let inputs = folders.map { FuzzRegressionTests.root.appendingPathComponent($0).path }
        let expected = try inputs.reduce(0) { count, folder in
            count + (try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.count)
        }
        #expect(expected > 0, "no saved inputs for \(product)")
        let process = Process()
        process.executableURL = try FuzzRegressionTests.replayer(product)
        process.arguments = ["--verbose"] + inputs
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let status = process.waitForExit(timeout: 600)
        let lastInput = stderr.split(separator: "\n").last { $0.hasPrefix("replay: ") } ?? "none"
        #expect(status == 0, "crashed on \(lastInput): \(stderr.suffix(2000))")
        let name = "fuzz-" + product.dropFirst("Fuzz".count).lowercased()
        #expect(stdout == "\(name): replayed \(expected) inputs without a crash\n")
    }
}
