import Foundation
import Testing
@testable import BinanceMargin

/// The byte-level reader of an empty history page (`{"rows":[],"total":0}`, what a script's hourly liquidation
/// check reads while none happen) against `JSONDecoder`: generated empty pages decode to the same value both ways,
/// a page with rows is left to `JSONDecoder`, and a damaged answer is read only when `JSONDecoder` reads it the same.
@Suite struct PlainEmptyPageTests {
    typealias Page = RecordPage<ForceLiquidationRecord>

    /// A generated empty page: `rows` empty or absent, `total` absent or any integer, members in any order.
    static func emptyPage(_ random: inout SplitMix64) -> String {
        func space() -> String { random.pick(["", "", " ", "\n ", "\t"]) }
        var members: [String] = []
        if random.next(upTo: 4) > 0 { members.append("\"rows\"" + space() + ":" + space() + "[" + space() + "]") }
        if random.next(upTo: 4) > 0 {
            members.append("\"total\":" + space() + random.pick(["0", "1", "-1", "100", "9223372036854775807", String(Int64(bitPattern: random.next()))]))
        }
        members.shuffle(using: &random)
        return space() + "{" + space() + members.joined(separator: space() + "," + space()) + space() + "}" + space()
    }

    @Test func generatedEmptyPagesDecodeAsJSONDecoderDecodesThem() throws {
        var random = SplitMix64(seed: 0xE3B7)
        for _ in 0..<1_000 {
            let body = Data(Self.emptyPage(&random).utf8)
            let expected = try JSONDecoder().decode(Page.self, from: body)
            let fast = try #require(Page(plainJSON: body), "\(String(decoding: body, as: UTF8.self))")
            #expect(fast == expected, "\(String(decoding: body, as: UTF8.self))")
        }
    }

    @Test func damagedPagesAreReadOnlyWhenJSONDecoderReadsThemTheSame() {
        var random = SplitMix64(seed: 0xDA_E3B7)
        var accepted = 0, refused = 0
        for _ in 0..<3_000 {
            let body = PlainClockAnswerTests.damage(Self.emptyPage(&random), &random)
            let expected = try? JSONDecoder().decode(Page.self, from: body)
            if let fast = Page(plainJSON: body) {
                #expect(expected == fast, "read by the fast path only: \(String(decoding: body, as: UTF8.self))")
                accepted += 1
            } else {
                refused += 1
            }
        }
        #expect(accepted > 200 && refused > 200, "\(accepted) read, \(refused) left to JSONDecoder")
    }

    @Test(arguments: [#"{"rows":[{"orderId":1}],"total":1}"#, #"{"rows":[null],"total":1}"#, #"{"rows":[],"rows":[]}"#,
                      #"{"rows":[],"total":1,"total":2}"#, #"{"rows":null,"total":0}"#, #"{"rows":[],"total":1.0}"#,
                      #"{"rows":[],"total":"0"}"#, #"{"rows":[],"other":0}"#, #"{"rows":[]}x"#, ""])
    func unusualPagesAreLeftToJSONDecoder(_ text: String) {
        #expect(Page(plainJSON: Data(text.utf8)) == nil)
    }

    /// The simulator's empty page is read by the fast path; Binance's documented page with a row is left to `JSONDecoder`.
    @Test func emptyPagesAreReadAndPagesWithRowsAreNot() throws {
        let row = #"{"avgPrice":"0.00344604","executedQty":"102.00000000","orderId":180015097,"price":"0.00388359","qty":"102.00000000","side":"SELL","symbol":"BNBBTC","timeInForce":"GTC","isIsolated":true,"updatedTime":1558941374745}"#
        #expect(Page(plainJSON: Data(#"{"rows":[],"total":0}"#.utf8)) == Page(rows: [], total: 0))
        let full = Data(#"{"rows":[\#(row)],"total":1}"#.utf8)
        #expect(Page(plainJSON: full) == nil)
        #expect(try JSONDecoder().decode(Page.self, from: full).rows.count == 1)
    }
}
