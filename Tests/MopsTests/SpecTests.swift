import BinanceMargin
import Foundation
import MarginSim
import Mops
import Testing

/// One spec file: the script and the expectations written beside its lines.
///
/// - `# expect: text` — the next output line (a `print` line, a note, or a line of a rendered table) is exactly `text`.
/// - `# error: message` — a diagnostic on this line whose message contains `message`.
/// - `# hint: text` — the diagnostic on this line has a hint containing `text`.
/// - `# exit: N` — the run's exit code (default: 0 without errors, 65 for compile errors, 70 for a runtime error).
/// - `# scenario: name` — run against a named simulator scenario (default `default`).
/// - `# replay: SYMBOL OPEN STEP MINUTES` — the simulator replays MINUTES one-minute candles of SYMBOL from
///   2024-03-01 00:00 UTC: the first opens at OPEN, each closes STEP away from its open (its next opens there),
///   and each reaches 50 beyond its open and close both ways (high = max + 50, low = min − 50).
struct Spec: CustomTestStringConvertible, Sendable {
    let name: String
    let text: String
    var expectedOutput: [String] = []
    var expectedErrors: [(line: Int, message: String)] = []
    var expectedHints: [(line: Int, text: String)] = []
    var expectedExit: Int32?
    var scenario = "default"
    /// The `# replay:` marker's text, if any.
    var replay: String?
    /// Markers that could not be read (e.g. `# exit: two`); each fails the spec.
    var problems: [String] = []

    var testDescription: String { name }

    init(url: URL) throws {
        name = url.lastPathComponent
        text = try String(contentsOf: url, encoding: .utf8)
        var lastCodeLine = 1
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // A marker on a comment-only line refers to the last line with code above it.
            let commentOnly = line.trimmingCharacters(in: .whitespaces).hasPrefix("#")
            if !commentOnly && !line.trimmingCharacters(in: .whitespaces).isEmpty { lastCodeLine = index + 1 }
            for (marker, apply) in Spec.markers {
                guard let r = line.range(of: marker) else { continue }
                let value = String(line[r.upperBound...]).trimmingCharacters(in: .whitespaces)
                apply(&self, commentOnly ? lastCodeLine : index + 1, value)
            }
        }
    }

    static let markers: [(String, @Sendable (inout Spec, Int, String) -> Void)] = [
        ("# expect: ", { $0.expectedOutput.append($2) }),
        ("# error: ", { $0.expectedErrors.append(($1, $2)) }),
        ("# hint: ", { $0.expectedHints.append(($1, $2)) }),
        ("# exit: ", { spec, line, value in
            if let code = Int32(value) { spec.expectedExit = code } else { spec.problems.append("line \(line): '# exit: \(value)' is not an exit code; write e.g. # exit: 1") }
        }),
        ("# scenario: ", { $0.scenario = $2 }),
        ("# replay: ", { $0.replay = $2 }),
    ]

    /// The series a `# replay: SYMBOL OPEN STEP MINUTES` marker describes.
    static func series(_ text: String) throws -> ReplaySeries {
        let words = text.split(separator: " ").map(String.init)
        guard words.count == 4, let open = Number(words[1]), let step = Number(words[2]), let minutes = Int(words[3]), minutes > 0 else {
            throw CocoaError(.formatting, userInfo: [NSLocalizedDescriptionKey: "'# replay: \(text)': write # replay: BTCUSDT 40000 -100 10"])
        }
        var candles: [Kline] = [], price = open
        for minute in 0..<minutes {
            let close = try price + step, time = 1_709_251_200_000 + Int64(minute) * 60_000
            candles.append(Kline(openTime: time, closeTime: time + 59_999, open: price, high: try Number.max(price, close) + 50,
                                 low: try Number.min(price, close) - 50, close: close, volume: 1))
            price = close
        }
        return try ReplaySeries(files: [KlineFile(name: "\(words[0])-1m-2024-03-01.csv", symbol: words[0], candles: candles)])
    }

    /// Every spec file; throws when the folder or a file cannot be read (never drops one silently).
    static func all() throws -> [Spec] {
        guard let dir = Bundle.module.url(forResource: "Specs", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "the Specs resource folder is missing from the test bundle"])
        }
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
        return try files.filter { $0.pathExtension == "mops" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
            .map { try Spec(url: $0) }
    }
}

@Suite("Spec files")
struct SpecTests {
    @Test("there are spec files")
    func specFilesExist() throws {
        #expect(try Spec.all().count >= 20)
    }

    @Test("spec", arguments: try Spec.all())
    func run(_ spec: Spec) async throws {
        for problem in spec.problems { Issue.record("\(spec.name): \(problem)") }
        let scenario = try #require(Scenario.named(spec.scenario), "\(spec.name): unknown '# scenario: \(spec.scenario)'")
        let rig = try Rig(scenario: scenario)
        await rig.attachEvents()
        if let replay = spec.replay { try await rig.simulator.startReplay(try Spec.series(replay)) }
        let outcome = await rig.run(spec.text, name: spec.name)
        let rendered = DiagnosticRenderer().render(outcome.diagnostics, in: outcome.source)

        // Output, line by line.
        let output = rig.output.all.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(output == spec.expectedOutput, "output differs\n--- got\n\(output.joined(separator: "\n"))\n--- diagnostics\n\(rendered)")

        // Diagnostics: each expected one present on its line; no unexpected ones.
        for expected in spec.expectedErrors {
            let found = outcome.diagnostics.contains { $0.range?.start.line == expected.line && $0.message.contains(expected.message) }
            #expect(found, "missing error on line \(expected.line): \(expected.message)\n--- got\n\(rendered)")
        }
        for d in outcome.diagnostics where d.severity == .error {
            let wanted = spec.expectedErrors.contains { $0.line == d.range?.start.line && d.message.contains($0.message) }
            #expect(wanted, "unexpected diagnostic:\n\(DiagnosticRenderer().render(d, in: outcome.source))")
        }
        for expected in spec.expectedHints {
            let found = outcome.diagnostics.contains { $0.range?.start.line == expected.line && ($0.hint ?? "").contains(expected.text) }
            #expect(found, "missing hint on line \(expected.line): \(expected.text)\n--- got\n\(rendered)")
        }

        // Exit code.
        let defaultExit: Int32 = spec.expectedErrors.isEmpty ? 0 : (outcome.status == .compileError ? 65 : 70)
        #expect(outcome.exitCode == (spec.expectedExit ?? defaultExit), "exit code\n\(rendered)")

        // Compile errors mean nothing was sent.
        if outcome.status == .compileError { #expect(outcome.performed.isEmpty) }
    }
}
