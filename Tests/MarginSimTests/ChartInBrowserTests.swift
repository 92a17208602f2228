import BinanceMargin
import Foundation
import ProcessTestSupport
@testable import MarginSim
import Testing

/// The rehearsal chart as a real browser draws it: headless Chromium loads the page, a probe script measures
/// the laid-out SVG (lengths, boxes, hit tests) and rasterises it onto a canvas to count the pixels of each colour.
///
/// scripts/test installs `chromium-headless-shell` (Debian); without it this suite fails and says how to get it.
@Suite("Rehearsal chart in a headless browser", .serialized)
struct ChartInBrowserTests {
    @Test("every series, both bars and every event mark are drawn where the data puts them")
    func crashDayAsDrawn() throws {
        let log = RehearsalReportTests.crashDay()
        let drawn = try BrowserProbe.render(RehearsalChart.html(log))
        let plotWidth = Double(RehearsalChart.plotRight - RehearsalChart.plotLeft)

        for kind in ["price", "margin-level", "debt", "equity"] {
            let series = try #require(drawn.series[kind], "series \(kind) not in the page")
            #expect(series.length >= plotWidth, "series \(kind) is \(series.length) px long")
            #expect(series.box.width >= plotWidth - 1, "series \(kind) spans \(series.box.width) of \(plotWidth) px")
        }
        // The price falls 30 % and recovers: the line reaches the panel's top and bottom.
        let price = try #require(drawn.series["price"])
        #expect(price.box.height >= Double(RehearsalChart.panelHeight) - 1)

        // The margin-call bar (1.5) is drawn above the liquidation bar (1.1); both labels have rendered text;
        // the margin level's lowest point (1.26) lies between them.
        let call = try #require(drawn.bars["margin-call"]), liquidation = try #require(drawn.bars["liquidation"])
        #expect(call.y < liquidation.y)
        #expect(call.textWidth > 20 && liquidation.textWidth > 20)
        let level = try #require(drawn.series["margin-level"])
        let lowest = level.box.y + level.box.height
        #expect(call.y < lowest && lowest < liquidation.y, "lowest level drawn at y \(lowest), bars at \(call.y) and \(liquidation.y)")

        // One visible mark per event, in time order, each at its time on the axis; the borrow and the fill a minute
        // apart (less than a pixel) are stacked, not drawn over each other.
        #expect(drawn.events.map(\.kind) == ["event event-borrow", "event event-fill", "event event-liquidation"])
        #expect(drawn.events.allSatisfy { $0.visible })
        let start = try #require(log.samples.first?.time), end = try #require(log.samples.last?.time)
        for (event, mark) in zip(log.events, drawn.events) {
            let expected = Double(RehearsalChart.plotLeft) + plotWidth * Double(event.time - start) / Double(end - start)
            #expect(abs(mark.x - expected) <= 1.5, "\(mark.kind) drawn at x \(mark.x), expected \(expected)")
            #expect(mark.title.hasSuffix(event.text))
        }

        // Rasterised: the price colour covers nearly every pixel column of the plot; red (debt, liquidation)
        // and green (equity) are on the canvas.
        #expect(Double(drawn.pixels.priceColumns) >= 0.95 * plotWidth, "price drawn in \(drawn.pixels.priceColumns) columns")
        #expect(drawn.pixels.red > 500 && drawn.pixels.green > 500)
    }

    @Test("an empty rehearsal draws its message, no series")
    func emptyAsDrawn() throws {
        let log = RehearsalLog(symbol: "BTCUSDT", valuationAsset: "USDT", marginCallLevel: "1.5", liquidationLevel: "1.1")
        let drawn = try BrowserProbe.render(RehearsalChart.html(log))
        #expect(drawn.series.isEmpty && drawn.events.isEmpty)
        #expect(drawn.texts.contains("nothing was replayed"))
    }
}

/// Loads a page in headless Chromium with a measuring script appended and returns what it measured.
enum BrowserProbe {
    struct Drawn: Decodable {
        struct Box: Decodable { let x, y, width, height: Double }
        struct Series: Decodable { let length: Double; let box: Box }
        struct Bar: Decodable { let y: Double; let textWidth: Double }
        struct Mark: Decodable { let kind: String; let x: Double; let visible: Bool; let title: String }
        struct Pixels: Decodable { let priceColumns: Int; let red: Int; let green: Int }
        let series: [String: Series]
        let bars: [String: Bar]
        let events: [Mark]
        let pixels: Pixels
        let texts: [String]
    }

    struct BrowserMissing: Error, CustomStringConvertible {
        var description: String {
            "no headless Chromium: install it with `apt-get install --no-install-recommends chromium-headless-shell` (scripts/test does)"
        }
    }

    /// The browser's executable, if installed.
    static var browser: String? {
        ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Renders `page` and decodes the probe's measurements (bounded: the browser is killed after 60 s).
    static func render(_ page: String) throws -> Drawn {
        guard let browser else { throw BrowserMissing() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mops-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("chart.html")
        try Data(page.replacingOccurrences(of: "</body>", with: "<script>\(script)</script></body>").utf8).write(to: file)
        let dom = try run(browser, ["--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000", "--window-size=1200,1600",
                                    "--user-data-dir=\(directory.path)/profile", "--dump-dom", file.absoluteString])
        guard let start = dom.range(of: "<pre id=\"probe\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            throw ProbeFailed(output: String(dom.suffix(2000)))
        }
        let json = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(Drawn.self, from: Data(json.utf8))
    }

    struct ProbeFailed: Error, CustomStringConvertible {
        let output: String
        var description: String { "the probe left no measurements in the page; the browser printed:\n\(output)" }
    }

    /// Runs the browser and returns its standard output; kills it if it runs past 60 s.
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = DispatchTime.now() + .seconds(60)
        let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: deadline, execute: killer)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitForExit(timeout: 70)
        killer.cancel()
        return String(decoding: data, as: UTF8.self)
    }

    /// The measuring script: boxes are relative to the SVG's own origin; pixels are counted on a canvas raster.
    static let script = """
    window.addEventListener('load', async () => {
      const svg = document.querySelector('svg'), origin = svg.getBoundingClientRect();
      const box = e => { const r = e.getBoundingClientRect(); return {x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height}; };
      const union = boxes => { const x = Math.min(...boxes.map(b => b.x)), y = Math.min(...boxes.map(b => b.y));
        return {x, y, width: Math.max(...boxes.map(b => b.x + b.width)) - x, height: Math.max(...boxes.map(b => b.y + b.height)) - y}; };
      const out = {series: {}, bars: {}, events: [], texts: [...document.querySelectorAll('svg text')].map(t => t.textContent)};
      for (const kind of ['price', 'margin-level', 'debt', 'equity']) {
        const lines = [...document.querySelectorAll('.series-' + kind)];
        if (lines.length) out.series[kind] = {length: lines.reduce((s, l) => s + l.getTotalLength(), 0), box: union(lines.map(box))};
      }
      for (const kind of ['margin-call', 'liquidation']) {
        const g = document.querySelector('.bar-' + kind);
        if (g) out.bars[kind] = {y: box(g.querySelector('line')).y, textWidth: g.querySelector('text').getComputedTextLength()};
      }
      for (const g of document.querySelectorAll('g.event')) {
        const c = g.querySelector('circle').getBoundingClientRect(), cx = c.left + c.width / 2, cy = c.top + c.height / 2;
        const hit = document.elementFromPoint(cx, cy);
        out.events.push({kind: g.getAttribute('class'), x: cx - origin.left, visible: !!hit && hit.closest('g.event') === g,
                         title: g.querySelector('title').textContent});
      }
      const img = new Image();
      img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(svg));
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = svg.width.baseVal.value; canvas.height = svg.height.baseVal.value;
      const ctx = canvas.getContext('2d'); ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const near = (i, r, g, b) => d[i + 3] > 100 && Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 90;
      const columns = new Set(); let red = 0, green = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (near(i, 31, 119, 180)) columns.add((i / 4) % canvas.width);
        if (near(i, 214, 39, 40)) red++;
        if (near(i, 44, 160, 44)) green++;
      }
      out.pixels = {priceColumns: columns.size, red, green};
      const pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out);
      document.body.appendChild(pre);
    });
    """
}
