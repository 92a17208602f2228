import Foundation
import Testing
@testable import BinanceMargin

/// The byte-level readers of the clock's answers (`GET /api/v3/time`, `POST /sim/clock`) against `JSONDecoder`:
/// generated answers decode to the same value both ways, and a damaged answer is read only when `JSONDecoder`
/// reads it to the same value.
@Suite struct PlainClockAnswerTests {
    /// A generated `/sim/clock` answer: members in any order, the replay's absent, null or present, whitespace anywhere.
    static func clockAnswer(_ random: inout SplitMix64) -> String {
        func space() -> String { random.pick(["", "", " ", "\n ", "\t"]) }
        func integer() -> String {
            random.pick(["0", "1", "-1", "9223372036854775807", "-9223372036854775808", "1704067200000", String(Int64(bitPattern: random.next()))])
        }
        var members = ["\"serverTime\"" + space() + ":" + space() + integer()]
        if random.next(upTo: 3) > 0 { members.append("\"replayEnd\":" + space() + (random.next(upTo: 4) == 0 ? "null" : integer())) }
        if random.next(upTo: 3) > 0 { members.append("\"replayEnded\":" + space() + random.pick(["true", "false", "null"])) }
        members.shuffle(using: &random)
        return space() + "{" + space() + members.joined(separator: space() + "," + space()) + space() + "}" + space()
    }

    /// `text` with a few bytes replaced, removed or inserted.
    static func damage(_ text: String, _ random: inout SplitMix64) -> Data {
        var bytes = Array(text.utf8)
        for _ in 0..<random.next(upTo: 3) where !bytes.isEmpty {   // a third stay whole
            let at = Int(random.next(upTo: UInt64(bytes.count)))
            switch random.next(upTo: 3) {
            case 0: bytes[at] = random.pick(Array("0123456789-+.eE,:{}[]\" ntrulfas".utf8))
            case 1: bytes.remove(at: at)
            default: bytes.insert(random.pick(Array("0123456789-.e,\" }".utf8)), at: at)
            }
        }
        return Data(bytes)
    }

    static func same(_ a: SimClockResponse?, _ b: SimClockResponse?) -> Bool {
        a?.serverTime == b?.serverTime && a?.replayEnd == b?.replayEnd && a?.replayEnded == b?.replayEnded
    }

    @Test func generatedClockAnswersDecodeAsJSONDecoderDecodesThem() throws {
        var random = SplitMix64(seed: 0xC10C)
        for _ in 0..<1_000 {
            let body = Data(Self.clockAnswer(&random).utf8)
            let expected = try JSONDecoder().decode(SimClockResponse.self, from: body)
            let fast = try #require(SimClockResponse(plainJSON: body), "\(String(decoding: body, as: UTF8.self))")
            #expect(Self.same(fast, expected), "\(String(decoding: body, as: UTF8.self))")
            let time = Data("{\"serverTime\":\(expected.serverTime)}".utf8)
            #expect(ServerTime(plainJSON: time)?.serverTime == expected.serverTime)
        }
    }

    @Test func damagedClockAnswersAreReadOnlyWhenJSONDecoderReadsThemTheSame() {
        var random = SplitMix64(seed: 0xDA_C10C)
        var accepted = 0, refused = 0
        for _ in 0..<3_000 {
            let body = Self.damage(Self.clockAnswer(&random), &random)
            let expected = try? JSONDecoder().decode(SimClockResponse.self, from: body)
            if let fast = SimClockResponse(plainJSON: body) {
                #expect(expected != nil && Self.same(fast, expected), "read by the fast path only: \(String(decoding: body, as: UTF8.self))")
                accepted += 1
            } else {
                refused += 1
            }
            let time = try? JSONDecoder().decode(ServerTime.self, from: body)
            if let fast = ServerTime(plainJSON: body) { #expect(time?.serverTime == fast.serverTime) }
        }
        #expect(accepted > 200 && refused > 200, "\(accepted) read, \(refused) left to JSONDecoder")
    }

    @Test(arguments: [#"{"serverTime":1.0}"#, #"{"serverTime":1e3}"#, #"{"serverTime":01}"#, #"{"serverTime":-0}"#,
                      #"{"serverTime":"1"}"#, #"{"serverTime":9223372036854775808}"#, #"{"serverTime":1,"serverTime":2}"#,
                      #"{"serverTime":1,"other":2}"#, #"{"serverTime":1}x"#, #"{}"#, ""])
    func unusualTimeAnswersAreLeftToJSONDecoder(_ text: String) {
        #expect(ServerTime(plainJSON: Data(text.utf8)) == nil)
        #expect(SimClockResponse(plainJSON: Data(text.utf8)) == nil)
    }
}
