import BinanceMargin
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import MarginSim
import Testing

/// The rehearsal report: the terminal summary (whole output), sparklines, and the chart's marks.
@Suite("Rehearsal report")
struct RehearsalReportTests {
    /// A day of minutes: the price falls 30 % and recovers; 0.15 BTC held against 5000 USDT of debt; a borrow, a fill and a liquidation.
    static func crashDay(minutes: Int = 1440) -> RehearsalLog {
        var samples: [RehearsalSample] = []
        let start: Int64 = 1_709_251_200_000
        for minute in 0..<minutes {
            let depth = minute < minutes / 2 ? minute : minutes - minute   // down, then back up
            let price = Number(60_000 - 18_000 * depth / (minutes / 2))
            let assets = (try? price * "0.15") ?? 0
            let level = try? assets.divided(by: 5_000, scale: 4, rounding: .down)
            samples.append(RehearsalSample(time: start + Int64(minute) * 60_000, price: price, marginLevel: level,
                                           debt: 5_000, equity: (try? assets - 5_000) ?? 0))
        }
        let events = [RehearsalEvent(time: start, kind: .borrow, text: "borrowed 5000 USDT"),
                      RehearsalEvent(time: start + 60_000, kind: .fill, text: "bought 0.2 BTC at 60000"),
                      RehearsalEvent(time: start + 700 * 60_000, kind: .liquidation, text: "sold 0.2 BTC at 42000 & <repaid>")]
        return RehearsalLog(symbol: "BTCUSDT", valuationAsset: "USDT", marginCallLevel: "1.5",
                            liquidationLevel: "1.1", samples: samples, events: events,
                            interestPaid: "1.25", orders: 1, fills: 1)
    }

    @Test("the terminal summary, whole")
    func summary() {
        let text = RehearsalSummary.render(Self.crashDay(minutes: 8), width: 32)
        #expect(text == """
        rehearsal of BTCUSDT, 2024-03-01 00:00 → 2024-03-01 00:07 UTC (8 samples)
          equity        4000 → 3325 USDT (-16.88 %)
          margin level  lowest 1.26 at 2024-03-01 00:04 — below the margin call (1.5)
          debt          5000 → 5000 USDT, interest charged 1.25 USDT
          activity      1 order, 1 fill, 1 liquidation, 1 borrow, 0 repays
          price         █▆▅▃▁▃▅▆  42000–60000
          level         █▆▅▃▁▃▅▆  1.26–1.8

        """)
    }

    @Test("the lowest margin level: the first sample of the least level, none without debt (generated series)")
    func lowestMarginLevel() {
        var random = SplitMix64(seed: 0x10_E57)
        for round in 0..<300 {
            let count = Int(random.next(upTo: 40))
            let samples = (0..<count).map { minute in
                // Few distinct levels (ties are common), some at other scales, a third without debt.
                let level: Number? = random.next(upTo: 3) == 0 ? nil
                    : try! Number(significand: Int128(random.next(upTo: 6)) * (random.next(upTo: 2) == 0 ? 1 : 10),
                                   scale: Int(random.next(upTo: 2)))
                return RehearsalSample(time: Int64(minute) * 60_000, price: 1, marginLevel: level, debt: 1, equity: 1)
            }
            let log = RehearsalLog(symbol: "BTCUSDT", valuationAsset: "USDT", marginCallLevel: "1.5", liquidationLevel: "1.1",
                                   samples: samples, events: [], interestPaid: 0, orders: 0, fills: 0)
            // The reference: every sample with a level, the least, the first of equals.
            let expected = samples.compactMap { sample in sample.marginLevel.map { (sample, $0) } }.min { $0.1 < $1.1 }?.0
            #expect(log.lowestMarginLevel == expected, "round \(round)")
        }
    }

    @Test("sparklines: at most `width` characters, lowest and highest reached, dips kept by .lowest (generated series)")
    func sparklines() {
        var random = SplitMix64(seed: 11)
        for _ in 0..<200 {
            let values = (0..<(1 + Int(random.next(upTo: 500)))).map { _ in Number(Int(random.next(upTo: 1000))) }
            let width = 1 + Int(random.next(upTo: 80))
            let line = Sparkline.render(values, width: width, bucket: random.next(upTo: 2) == 0 ? .last : .lowest)
            #expect(line.count == min(width, values.count))
            if Set(line).count > 1 { #expect(line.contains("▁") && line.contains("█")) }
        }
        let dip = Array(repeating: Number(10), count: 99) + [Number(1)] + Array(repeating: Number(10), count: 100)
        #expect(Sparkline.render(dip, width: 10, bucket: .lowest).contains("▁"))
        #expect(Sparkline.render([], width: 10) == "")
    }

    @Test("UTC times: known instants, before 1970, and the ends of Int64 format without trapping")
    func utcTimes() {
        #expect(UTCTime.format(1_710_252_180_000) == "2024-03-12 14:03:00")
        #expect(UTCTime.format(1_710_252_180_000, seconds: false) == "2024-03-12 14:03")
        #expect(UTCTime.format(-1) == "1969-12-31 23:59:59")
        #expect(UTCTime.format(951_782_400_000) == "2000-02-29 00:00:00")
        #expect(!UTCTime.format(.max).isEmpty && !UTCTime.format(.min).isEmpty)
    }

    @Test("the chart: well-formed SVG, one mark per event, both bars, every series, few points for a year of minutes")
    func chart() throws {
        let log = Self.crashDay()
        let page = RehearsalChart.html(log)
        #expect(page.hasPrefix("<!DOCTYPE html>") && !page.contains("<script"))
        #expect(page.contains("sold 0.2 BTC at 42000 &amp; &lt;repaid&gt;"))
        let svg = try #require(page.range(of: "<svg").map { String(page[$0.lowerBound...]) }?.components(separatedBy: "</svg>").first) + "</svg>"
        let elements = SVGElements(svg)
        #expect(elements.wellFormed)
        #expect(elements.classes.filter { $0.hasPrefix("event ") } == ["event event-borrow", "event event-fill", "event event-liquidation"])
        for kind in ["price", "margin-level", "debt", "equity"] { #expect(elements.classes.contains("series series-\(kind)")) }
        #expect(elements.classes.contains("bar bar-margin-call") && elements.classes.contains("bar bar-liquidation"))
        // A year of minutes is drawn with at most two points per pixel column in each series.
        var year = log
        year.samples = (0..<525_600).map { i in RehearsalSample(time: Int64(i) * 60_000, price: Number(1000 + i % 977), marginLevel: 2, debt: 1, equity: 2) }
        let points = RehearsalChart.svg(year).components(separatedBy: "points=\"").dropFirst().map { $0.prefix { $0 != "\"" }.split(separator: " ").count }
        #expect(points.count == 4 && points.allSatisfy { $0 <= 2 * (RehearsalChart.plotRight - RehearsalChart.plotLeft + 1) })
    }
}

/// The class attributes of an SVG document, in order, and whether it parsed as XML.
final class SVGElements: NSObject, XMLParserDelegate {
    private(set) var classes: [String] = []
    private(set) var wellFormed = false

    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        wellFormed = parser.parse()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if let value = attributes["class"] { classes.append(value) }
    }
}
