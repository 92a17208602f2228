import BinanceMargin

/// `sim …`: scenario control of a simulator backend, through the client's sim-control endpoints.
extension Evaluator {
    func sim(_ command: LoweredSim, _ range: SourceRange) async throws {
        guard configuration.capabilities.contains(.simulate) else {
            throw RuntimeFailure("'sim' statements are not allowed in this interpreter", range, hint: nil)
        }
        guard configuration.backend.isSimulator, let view else {
            throw RuntimeFailure("'sim' statements need a simulator backend; this run uses \(configuration.backend)", range,
                                 hint: "run without --live, or against `mops sim serve` with --base-url")
        }
        let client = view.client
        do {
            switch command {
            case .price(let symbolCode, let priceCode):
                let symbol = try await code(symbolCode, range)
                let price = try await positive(priceCode, range, what: "sim price")
                try await client.simSetPrice(symbol: symbol, price: price)
                try await completed("sim price \(symbol) \(price)", isolated: nil)
            case .shock(let symbolCode, let percentCode):
                try await simShock(try await code(symbolCode, range), percentCode, client, range)
            case .advance(let durationCode):
                let v = try await value(durationCode)
                guard case .duration(let ms) = v, ms > 0 else {
                    throw RuntimeFailure("'sim advance' needs a positive duration, found \(v.excerpt)", range, hint: "sim advance 1h")
                }
                let advance = try await client.simAdvance(milliseconds: ms)
                try await completed("sim advance \(DurationFormat.format(milliseconds: ms))", isolated: nil)
                if advance.replayEnded { throw ClockStopped.replayEnded(at: advance.serverTime) }
            case .deposit(let amountCode, let assetCode, let placeCode):
                let amount = try await positive(amountCode, range, what: "sim deposit")
                let asset = try await code(assetCode, range)
                switch placeCode {
                case .spot: _ = try await client.simDeposit(asset: asset, amount: amount, account: .spot, symbol: nil)
                case .margin: _ = try await client.simDeposit(asset: asset, amount: amount, account: .margin, symbol: nil)
                case .isolated(let s):
                    _ = try await client.simDeposit(asset: asset, amount: amount, account: .isolated, symbol: try await code(s, range))
                }
                try await completed("sim deposit \(amount) \(asset)", isolated: nil)
            case .reset(let nameCode):
                try await simReset(nameCode, client, range)
            case .replay(let fileCodes):
                try await simReplay(fileCodes, client, range)
            }
        } catch let stopped as ClockStopped {
            throw stopped
        } catch {
            throw RuntimeFailure.rethrown(error, at: range, doing: "sim")
        }
    }

    private func simShock(_ symbol: String, _ percentCode: LoweredExpr, _ client: MarginClient, _ range: SourceRange) async throws {
        let v = try await value(percentCode)
        guard case .number(let fraction) = v else { throw RuntimeFailure("'sim shock' needs a percentage such as -20%", range) }
        let percent = try fraction * 100
        guard fraction > Number(-1) else {
            throw RuntimeFailure("a shock of \(percent)% would take the price to zero or below", range, hint: "use a value above -100%")
        }
        let newPrice = try await client.simShock(symbol: symbol, percent: percent)
        try await completed("sim shock \(symbol) \(percent)% → \(newPrice)", isolated: nil)
    }

    private func simReset(_ nameCode: LoweredExpr?, _ client: MarginClient, _ range: SourceRange) async throws {
        var name: String? = nil
        if let nameCode {
            let v = try await value(nameCode)
            guard case .string(let s) = v else { throw RuntimeFailure("'sim reset' takes a scenario name string", range) }
            name = s
        }
        do {
            try await client.simReset(scenario: name)
        } catch let error as BinanceError where name != nil && error.code == -1130 {
            var failure = RuntimeFailure.from(error, at: range, doing: "sim")
            failure.diagnostic.hint = "the simulator has no scenario \"\(name ?? "")\"; the built-in ones are \"default\", \"empty\" and \"whale\""
            throw failure
        }
        try await completed("sim reset" + (name.map { " \"\($0)\"" } ?? ""), isolated: nil)
    }

    /// `sim replay "A.csv", "B.csv"`: the simulator replays the files (paths on its machine) from their first candle.
    private func simReplay(_ fileCodes: [LoweredExpr], _ client: MarginClient, _ range: SourceRange) async throws {
        var files: [String] = []
        for code in fileCodes {
            let v = try await value(code)
            guard case .string(let path) = v, !path.isEmpty else {
                throw RuntimeFailure("'sim replay' takes file names, found \(v.excerpt)", range, hint: #"sim replay "BTCUSDT-1m-2024-03.csv""#)
            }
            files.append(path)
        }
        let started = try await client.simReplay(files: files)
        let span = "\(UTCTime.format(started.replayStart, seconds: false)) → \(UTCTime.format(started.replayEnd, seconds: false)) UTC"
        try await completed("sim replay \(started.candles) candles of \(started.symbols.joined(separator: ", ")), \(span)", isolated: nil)
    }
}
