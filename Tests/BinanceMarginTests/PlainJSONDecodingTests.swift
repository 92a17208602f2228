import Foundation
import Testing
@testable import BinanceMargin

/// The byte-level reader of the cross margin account (`CrossMarginAccount(plainJSON:)`) against
/// `JSONDecoder`, the path it shortcuts: generated answers decode to the same account both ways, and
/// any answer the fast reader accepts — however it was damaged — `JSONDecoder` accepts with the same value.
@Suite struct PlainJSONDecodingTests {
    static let iterations = 600

    @Test func generatedAnswersDecodeAsJSONDecoderDecodesThem() throws {
        var random = SplitMix64(seed: 0x5EED_14)
        var shapes = Set<String>()
        for i in 0..<PlainJSONDecodingTests.iterations {
            let text = Generated.account(&random)
            let body = Data(text.utf8)
            let expected = try JSONDecoder().decode(CrossMarginAccount.self, from: body)
            let fast = try #require(CrossMarginAccount(plainJSON: body), "answer \(i) was not read: \(text)")
            #expect(Self.same(fast, expected), "answer \(i): \(text)")
            shapes.insert("\(fast.created == nil)\(fast.accountType == nil)\(fast.collateralMarginLevel == nil)\(fast.userAssets.isEmpty)")
        }
        #expect(shapes.count >= 8)   // the generator covers absent, null and present optionals, and empty asset lists
    }

    @Test func damagedAnswersAreReadOnlyWhenJSONDecoderReadsThemTheSame() throws {
        var random = SplitMix64(seed: 0xDA_4A6E)
        var accepted = 0, rejectedByBoth = 0, leftToJSONDecoder = 0
        for i in 0..<PlainJSONDecodingTests.iterations * 3 {
            let original = Array(Generated.account(&random).utf8)
            let damaged = Data(Generated.damage(original, &random))
            let expected = try? JSONDecoder().decode(CrossMarginAccount.self, from: damaged)
            let fast = CrossMarginAccount(plainJSON: damaged)
            if let fast {
                let expected = try #require(expected, "damaged answer \(i) read by the fast path only: \(String(decoding: damaged, as: UTF8.self))")
                #expect(Self.same(fast, expected), "damaged answer \(i): \(String(decoding: damaged, as: UTF8.self))")
                accepted += 1
            } else if expected == nil {
                rejectedByBoth += 1
            } else {
                leftToJSONDecoder += 1
            }
        }
        // Damage of every kind happened: some answers stay readable, most are refused, some only JSONDecoder reads.
        #expect(accepted > 20 && rejectedByBoth > 200 && leftToJSONDecoder > 20, "\(accepted) \(rejectedByBoth) \(leftToJSONDecoder)")
    }

    @Test(arguments: [
        #"{"borrowEnabled":true,"tradeEnabled":true,"marginLevel":1.5,"totalAssetOfBtc":"1","totalLiabilityOfBtc":"0","totalNetAssetOfBtc":"1","userAssets":[]}"#,
        #"{"borrowEnabled":true,"tradeEnabled":true,"marginLevel":"1.5","marginLevel":"2","totalAssetOfBtc":"1","totalLiabilityOfBtc":"0","totalNetAssetOfBtc":"1","userAssets":[]}"#,
        #"{"borrowEnabled":true,"tradeEnabled":true,"marginLevel":"1.5","totalAssetOfBtc":"1","totalLiabilityOfBtc":"0","totalNetAssetOfBtc":"1","userAssets":[],"extra":1}"#,
        #"{"borrowEnabled":"true","tradeEnabled":true,"marginLevel":"1.5","totalAssetOfBtc":"1","totalLiabilityOfBtc":"0","totalNetAssetOfBtc":"1","userAssets":[]}"#,
        #"{"borrowEnabled":true,"tradeEnabled":true,"marginLevel":"1.5","totalAssetOfBtc":"1","totalLiabilityOfBtc":"0","totalNetAssetOfBtc":"1","userAssets":[{"asset":"B\u0054C","free":"1","locked":"0","borrowed":"0","interest":"0","netAsset":"1"}]}"#,
        #"{"borrowEnabled":true,"tradeEnabled":true,"marginLevel":"1.5","totalAssetOfBtc":"1","totalLiabilityOfBtc":"0","totalNetAssetOfBtc":"1","userAssets":[]} {}"#,
        #"{"borrowEnabled":true,"tradeEnabled":true,"marginLevel":"1e5","totalAssetOfBtc":"1","totalLiabilityOfBtc":"0","totalNetAssetOfBtc":"1","userAssets":[]}"#,
        #"{"borrowEnabled":true,"tradeEnabled":true,"marginLevel":"1.5","totalAssetOfBtc":"1","totalLiabilityOfBtc":"0","totalNetAssetOfBtc":"1"}"#,
        "",
        "[]",
    ])
    func unusualAnswersAreLeftToJSONDecoder(_ text: String) {
        #expect(CrossMarginAccount(plainJSON: Data(text.utf8)) == nil)
    }

    /// Through the client: an answer the fast path leaves alone gets `JSONDecoder`'s error, word for word.
    @Test(arguments: [
        #"{"borrowEnabled":true,"tradeEnabled":true,"marginLevel":"1.5abc","totalAssetOfBtc":"1","totalLiabilityOfBtc":"0","totalNetAssetOfBtc":"1","userAssets":[]}"#,
        #"{"borrowEnabled":true,"tradeEnabled":true,"marginLevel":"1.5","totalAssetOfBtc":"1","totalLiabilityOfBtc":"0","totalNetAssetOfBtc":"1","userAssets":[{"asset":"BTC"}]}"#,
        #"{"borrowEnabled":null,"tradeEnabled":true}"#,
        #"{"borrowEnabled":true"#,
    ])
    func hostileAnswersGetJSONDecodersErrors(_ text: String) async throws {
        let client = try makeClient(FakeTransport(json: text), retryPolicy: .none)
        let error = await #expect(throws: BinanceError.self) { try await client.crossAccount() }
        let old = await #expect(throws: BinanceError.self) {
            try await client.call(Endpoints.crossAccount, as: CrossMarginAccount.self)
        }
        #expect(error?.category == .decoding && error?.message == old?.message && error?.field == old?.field)
    }

    /// The answers of sim controls only have to be JSON: whatever the plain check passes, JSONDecoder reads.
    @Test func ignoredAnswersPassOnlyWhatJSONDecoderReads() throws {
        var random = SplitMix64(seed: 0x16_0BED)
        var passed = 0, leftToJSONDecoder = 0
        for _ in 0..<PlainJSONDecodingTests.iterations * 3 {
            var text = Array(Generated.account(&random).utf8)
            if random.next(upTo: 2) == 0 { text = Generated.damage(text, &random) }
            let body = Data(text)
            let decodes = (try? JSONDecoder().decode(IgnoredResponse.self, from: body)) != nil
            if IgnoredResponse(plainJSON: body) != nil {
                #expect(decodes, "\(String(decoding: body, as: UTF8.self))")
                passed += 1
            } else if decodes {
                leftToJSONDecoder += 1
            }
        }
        #expect(passed > 200 && leftToJSONDecoder > 20, "\(passed) \(leftToJSONDecoder)")
        #expect(IgnoredResponse(plainJSON: Data(#"{"symbol":"BTCUSDT","price":"60000"}"#.utf8)) != nil)
        #expect(IgnoredResponse(plainJSON: Data(#"{"serverTime":1}"#.utf8)) == nil)   // a number: JSONDecoder decides
    }

    /// The remembered `userAssets` (``UserAssetsMemo``) against a fresh read, over a sequence of answers read by
    /// one memo: the same answer again, a byte changed outside the array (the totals) or inside it, the array moved
    /// by whitespace, damage anywhere, a new answer. Every read equals the memo-less read, digits included.
    @Test func rememberedAssetsAreWhatAFreshReadGives() throws {
        var random = SplitMix64(seed: 0x14_A55E75)
        var memo = UserAssetsMemo()
        var previous = Array(Generated.account(&random).utf8)
        var kinds = [Int](repeating: 0, count: 6), reused = 0, unread = 0
        for i in 0..<PlainJSONDecodingTests.iterations * 4 {
            var next = previous
            let kind = Int(random.next(upTo: 6))
            let array = Self.userAssetsRange(next)
            switch kind {
            case 0: break
            case 1, 2:   // one digit changed outside the array (a total) or inside it
                let digits = next.indices.filter { next[$0] &- UInt8(ascii: "0") < 10 && array.contains($0) == (kind == 2) }
                if let at = digits.isEmpty ? nil : random.pick(digits) { next[at] = UInt8(ascii: "0") + UInt8((next[at] - 48 + 1 + UInt8(random.next(upTo: 9))) % 10) }
            case 3: next.insert(contentsOf: Array(random.pick([" ", "\n", "  \t"]).utf8), at: array.lowerBound)
            case 4: next = Generated.damage(next, &random)
            default: next = Array(Generated.account(&random).utf8)
            }
            kinds[kind] += 1
            let body = Data(next)
            let before = memo.bytes
            let fresh = CrossMarginAccount(plainJSON: body)
            let remembered = CrossMarginAccount(plainJSON: body, memo: &memo)
            switch (fresh, remembered) {
            case (nil, nil):
                unread += 1
                #expect(memo.bytes == before, "answer \(i): an unread answer changed the memo")
            case (let a?, let b?):
                #expect(Self.same(a, b), "answer \(i): \(String(decoding: next, as: UTF8.self))")
                if !before.isEmpty && memo.bytes == before { reused += 1 }
                previous = next
            default:
                Issue.record("answer \(i) read one way only: \(String(decoding: next, as: UTF8.self))")
            }
        }
        #expect(reused > 500 && unread > 50 && kinds.allSatisfy { $0 > 200 }, "\(reused) \(unread) \(kinds)")
    }

    /// The bytes of the answer's `userAssets` array, `[` to `]` (its objects hold no arrays).
    static func userAssetsRange(_ bytes: [UInt8]) -> Range<Int> {
        let key = Array(#""userAssets""#.utf8)
        guard let at = (0...(max(0, bytes.count - key.count))).first(where: { bytes[$0..<min(bytes.count, $0 + key.count)].elementsEqual(key) }),
              let open = bytes[at...].firstIndex(of: UInt8(ascii: "[")),
              let close = bytes[open...].firstIndex(of: UInt8(ascii: "]")) else { return 0..<0 }
        return open..<(close + 1)
    }

    /// Equal values with equal digits as written (`1.50` stays `1.50`).
    static func same(_ a: CrossMarginAccount, _ b: CrossMarginAccount) -> Bool {
        func numbers(_ x: CrossMarginAccount) -> [String] {
            [x.marginLevel, x.totalAssetOfBtc, x.totalLiabilityOfBtc, x.totalNetAssetOfBtc].map(\.plain)
                + [x.collateralMarginLevel, x.totalCollateralValueInUSDT, x.totalOpenOrderLossInUSDT].map { $0?.plain ?? "nil" }
                + x.userAssets.flatMap { [$0.free, $0.locked, $0.borrowed, $0.interest, $0.netAsset].map(\.plain) }
        }
        return a == b && numbers(a) == numbers(b)
    }
}

/// Generated cross account answers: fields in any order, optional fields absent, null or present,
/// JSON whitespace anywhere between tokens, decimals of every length and scale.
private enum Generated {
    static func account(_ random: inout SplitMix64) -> String {
        var members: [String] = []
        func add(_ key: String, _ value: String) { members.append(quote(key) + space(&random) + ":" + space(&random) + value) }
        for key in ["created", "transferEnabled", "transferInEnabled", "transferOutEnabled"] {
            if let value = optional(&random, random.pick(["true", "false"])) { add(key, value) }
        }
        add("borrowEnabled", random.pick(["true", "false"]))
        add("tradeEnabled", random.pick(["true", "false"]))
        for key in ["marginLevel", "totalAssetOfBtc", "totalLiabilityOfBtc", "totalNetAssetOfBtc"] {
            add(key, quote(decimal(&random)))
        }
        for key in ["collateralMarginLevel", "TotalCollateralValueInUSDT", "totalOpenOrderLossInUSDT"] {
            if let value = optional(&random, quote(decimal(&random))) { add(key, value) }
        }
        if let value = optional(&random, quote(random.pick(["MARGIN_1", "MARGIN_2", "", "x y~!#"]))) { add("accountType", value) }
        let assets = (0..<Int(random.next(upTo: 5))).map { _ in asset(&random) }
        add("userAssets", "[" + space(&random) + assets.joined(separator: space(&random) + "," + space(&random)) + space(&random) + "]")
        members.shuffle(using: &random)
        return space(&random) + "{" + members.joined(separator: space(&random) + "," + space(&random)) + "}" + space(&random)
    }

    static func asset(_ random: inout SplitMix64) -> String {
        let name = String((0..<Int(1 + random.next(upTo: 6))).map { _ in Character(UnicodeScalar(UInt8(0x23 + random.next(upTo: 0x38)))) })
            .replacingOccurrences(of: "\\", with: "")
        var members = [quote("asset") + ":" + quote(name)]
        for key in ["free", "locked", "borrowed", "interest", "netAsset"] { members.append(quote(key) + ":" + space(&random) + quote(decimal(&random))) }
        members.shuffle(using: &random)
        return "{" + members.joined(separator: ",") + "}"
    }

    /// A plain decimal `Number` accepts: up to 38 digits in all, often Binance's 8 places, sometimes signed.
    static func decimal(_ random: inout SplitMix64) -> String {
        let integerDigits = Int(1 + random.next(upTo: 20)), fractionDigits = Int(random.next(upTo: 19))
        let digits = { (count: Int, random: inout SplitMix64) in String((0..<count).map { _ in Character(String(random.next(upTo: 10))) }) }
        var text = digits(integerDigits, &random)
        switch random.next(upTo: 4) {
        case 0: text += "." + digits(8, &random)
        case 1 where fractionDigits > 0: text += "." + digits(fractionDigits, &random)
        case 2: text += ".00000000"
        default: break
        }
        return (random.next(upTo: 6) == 0 ? "-" : "") + text
    }

    static func optional(_ random: inout SplitMix64, _ value: String) -> String? {
        switch random.next(upTo: 3) {
        case 0: return nil
        case 1: return "null"
        default: return value
        }
    }

    static func space(_ random: inout SplitMix64) -> String {
        random.next(upTo: 4) == 0 ? random.pick([" ", "\n", "\t", "\r\n  "]) : ""
    }

    static func quote(_ text: String) -> String { "\"" + text + "\"" }

    /// The answer with one kind of damage: a cut, a byte replaced or inserted, a value retyped, a key renamed.
    static func damage(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        var out = bytes
        let at = Int(random.next(upTo: UInt64(bytes.count)))
        let interesting = Array(#""\{}[],:0 9.-+eEn\#u{0}"#.utf8) + [0x7F, 0xC3, 0xFF, 0x0B]
        switch random.next(upTo: 6) {
        case 0: out.removeSubrange(at...)
        case 1: out[at] = random.pick(interesting)
        case 2: out.insert(random.pick(interesting), at: at)
        case 3: out.remove(at: at)
        case 4:   // a decimal string becomes a JSON number, or a boolean a string
            let text = String(decoding: bytes, as: UTF8.self)
            let swapped = random.next(upTo: 2) == 0
                ? text.replacingOccurrences(of: #":"(-?[0-9.]+)""#, with: ":$1", options: .regularExpression)
                : text.replacingOccurrences(of: "true", with: "\"true\"")
            out = Array(swapped.utf8)
        default:  // a key misspelt in case, or repeated
            let text = String(decoding: bytes, as: UTF8.self)
            out = Array((random.next(upTo: 2) == 0
                ? text.replacingOccurrences(of: "\"marginLevel\"", with: "\"MarginLevel\"")
                : text.replacingOccurrences(of: "{", with: "{\"tradeEnabled\":false,")).utf8)
        }
        return out
    }
}
