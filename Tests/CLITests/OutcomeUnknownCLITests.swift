import Foundation
import ProcessTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `-o json` tells an unknown outcome from a failure by a field, not by the message text.
@Suite("CLI: unknown outcomes in -o json")
struct OutcomeUnknownCLITests {
    /// Arms the served simulator's `drop` fault (the request executes, the answer is lost) on `path`.
    static func armDrop(_ url: String, path: String, count: Int) async throws {
        var request = URLRequest(url: try #require(URL(string: url + "/sim/fault")))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data("kind=drop&path=\(path)&count=\(count)".utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
    }

    @Test("a borrow whose answer (and read-back) is lost: exit 69, and the diagnostic has outcomeUnknown true; a refusal has no such field")
    func lostAnswer() async throws {
        let (server, url) = try CLITests.startServer()
        defer { server.terminateAndWait() }
        // First a refusal (the exchange's code: certainly not executed): no outcomeUnknown field.
        let refused = try MopsProcess.run(["--base-url", url, "-o", "json", "-e", "borrow 100000000 USDT"])
        #expect(refused.status == 70, "\(refused.stderr)")
        #expect(refused.stdout.contains("\"code\":-3006"), "\(refused.stdout)")
        #expect(!refused.stdout.contains("outcomeUnknown"), "\(refused.stdout)")

        try await Self.armDrop(url, path: "/sapi/v1/margin/borrow-repay", count: 20)
        let r = try MopsProcess.run(["--base-url", url, "-o", "json", "-e", "borrow 10 USDT"])
        #expect(r.status == 69, "\(r.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)")
        let diagnostic = try #require((result["diagnostics"] as? [[String: Any]])?.first)
        #expect(diagnostic["outcomeUnknown"] as? Bool == true, "\(diagnostic)")
        #expect(result["exitCode"] as? Int == 69)
    }
}
