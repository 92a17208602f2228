import BinanceMargin
import Mops
import Testing

/// One client-order-id rule: the checker's verdict on a literal `id "…"` is `ClientOrderID.isValid`.
@Suite("Client order id rule")
struct ClientOrderIDRuleTests {
    @Test("the checker and ClientOrderID agree on generated ids (allowed, forbidden and edge lengths)")
    func checkerAgreesWithClient() async {
        var random = SplitMix64(seed: 0x1D5)
        // Forbidden characters that a string literal can hold as typed: space, '~', '#', '%', '+', 'é', ','.
        let allowed = Array("ABCXYZabcxyz0189._:/-"), forbidden = Array(" ~#%+é,")
        let interpreter = Interpreter(configuration: .init(backend: .simulator("ids")))
        var valid = 0, invalid = 0
        for _ in 0..<300 {
            let length = Int(random.next(upTo: 40))
            var id = String((0..<length).map { _ in random.pick(allowed) })
            if random.next(upTo: 3) == 0, !id.isEmpty {
                id.insert(random.pick(forbidden), at: id.index(id.startIndex, offsetBy: Int(random.next(upTo: UInt64(id.count)))))
            }
            let diagnostics = await interpreter.check(Source(name: "id", text: "buy 0.01 BTCUSDT limit 60000 id \"\(id)\""))
            let refused = diagnostics.contains { $0.message.hasPrefix("a client order id is 1 to 36 characters") }
            #expect(refused == !ClientOrderID.isValid(id), "\"\(id)\": checker \(refused ? "refuses" : "accepts")")
            if ClientOrderID.isValid(id) { valid += 1 } else { invalid += 1 }
        }
        #expect(valid > 50 && invalid > 50)
    }
}
