import Testing
@testable import BinanceMargin

@Suite struct NumberTests {
    @Test(arguments: [
        ("0.00012345", "0.00012345"), ("0.00001000", "0.00001"), ("100", "100"), ("-2.50", "-2.5"),
        ("+1.5", "1.5"), ("0", "0"), ("0.000", "0"), ("123456789012345678901234567890.12345678", "123456789012345678901234567890.12345678"),
    ])
    func parsesAndFormats(input: String, expected: String) throws {
        let n = try #require(Number(input))
        #expect(n.description == expected)
    }

    @Test(arguments: ["1.5abc", "1e-05", " 1", "1 ", "", "-", ".5", "1.", "NaN", "0x10", "1,5", "1..2", "--1", "1e400"])
    func rejectsNonPlainDecimals(input: String) {
        #expect(Number(input) == nil)
    }

    @Test func keepsWrittenScaleForPlainButNotForDescription() {
        let n: Number = "0.00100000"
        #expect(n.plain == "0.00100000")
        #expect(n.description == "0.001")
        #expect(n.formatted(places: 8) == "0.00100000")
        #expect(Number(100).formatted(places: 2) == "100.00")
    }

    @Test func arithmeticIsExact() throws {
        #expect(try Number("0.1") + Number("0.2") == Number("0.3"))
        #expect(try Number("0.00012345") * Number(100_000_000) == Number(12345))
        #expect(try Number(1) / Number(3) == Number("0.333333333333333333"))
        #expect(try (Number(2) / Number(3)).description == "0.666666666666666667")
        #expect(Number(10).dividing(by: .zero) == nil)
        #expect(Number("1.50") == Number("1.5"))
        #expect(Set([Number("1.0"), Number(1), Number("1.00")]).count == 1)
        #expect(Number("-1") < Number("0.5"))
        #expect(try Number("45.3313") * Number("0.00013233") / Number(24) == Number("0.000249945455375"))
        #expect(try (Number("45.3313") * Number("0.00013233") / Number(24)).rounded(scale: 8) == Number("0.00024995"))
    }

    @Test func overflowIsReportedNotTrapped() throws {
        let big = Number.greatest
        #expect(big.adding(.one) == nil)
        #expect(big.multiplying(by: Number(2)) == nil)
        #expect(throws: NumberError.self) { try big + .one }
        #expect((try Number(significand: Number.maxSignificand / 10, scale: 0)).multiplying(by: Number("0.5")) != nil)
        #expect(throws: NumberError.self) { try Number(significand: Int128.max, scale: 0) }
    }

    @Test func roundsToSteps() throws {
        let step: Number = "0.00001000"
        #expect(try Number("1.23456789").floor(toStep: step) == Number("1.23456"))
        #expect(try Number("0.000009999").floor(toStep: step) == .zero)
        #expect(try Number("1.234").floor(toStep: Number("0.25")) == Number(1))
        #expect(try Number("1.234").ceil(toStep: Number("0.25")) == Number("1.25"))
        #expect(Number("-1.234567").rounded(scale: 5, .floor) == Number("-1.23457"))
        #expect(Number("2.345").rounded(scale: 2, .halfUp) == Number("2.35"))
        #expect(Number("2.345").rounded(scale: 2, .halfEven) == Number("2.34"))
        #expect(Number("0.3").isMultiple(ofStep: Number("0.1")))
        #expect(!Number("0.35").isMultiple(ofStep: Number("0.1")))
    }

    @Test func decodesStringsAndNumbers() throws {
        struct Box: Decodable { let a: Number; let b: Number; let c: Number }
        let json = #"{"a":"0.00012345","b":5,"c":12345678901234567.12345678}"#
        let box = try JSONDecoder().decode(Box.self, from: Data(json.utf8))
        #expect(box.a == Number("0.00012345"))
        #expect(box.b == Number(5))
        #expect(box.c == Number("12345678901234567.12345678"))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Box.self, from: Data(#"{"a":"1.5abc","b":1,"c":1}"#.utf8)) }
    }
}
import Foundation
