import BinanceMargin

/// Replays journal records onto the snapshot they continue: each record's time is caught up to
/// (time-driven events happen exactly as they did), then its change is applied again.
enum JournalReplay {
    /// Applies `records` in order to `state`; a record that cannot apply (it names no write endpoint,
    /// runs time backwards, or its write is now rejected) is an error naming the journal at `path`.
    static func apply(_ records: [JournalRecord], to state: inout PersistedState, path: String) throws {
        for (index, record) in records.enumerated() {
            let place = "record \(index + 1) of the journals of \(path)"
            guard record.time >= state.exchange.now, ServerTimeSync.plausible.contains(record.time),
                  record.time.saturatingSubtracting(state.exchange.now) <= PersistedState.longestCatchUp else {
                throw ImplausibleState(field: "\(place): time", value: record.time,
                                       expected: "at or after the state's time \(state.exchange.now), within 10 years")
            }
            state.exchange.advance(to: record.time)
            switch record.kind {
            case .write:
                try applyWrite(record, to: &state.exchange, place: place)
            case .clock:
                guard let offset = record.clockOffset else { throw failure(place, "a clock record without its offset") }
                state.clockOffset = offset
            case .reset:
                guard let fresh = record.state else { throw failure(place, "a reset record without its state") }
                state.exchange = fresh
            }
        }
    }

    private static func applyWrite(_ record: JournalRecord, to exchange: inout Exchange, place: String) throws {
        guard let method = record.method.flatMap(HTTPMethod.init(rawValue:)), let path = record.path,
              let endpoint = Router.route(method, path), case .write(let write) = endpoint.action else {
            throw failure(place, "a change of \(record.method ?? "?") \(record.path ?? "?"), which is not an endpoint that writes")
        }
        do { _ = try write(&exchange, RequestParameters(record.parameters ?? [:])) } catch {
            throw failure(place, "\(method.rawValue) \(path), which no longer applies (\(error))")
        }
    }

    private static func failure(_ place: String, _ what: String) -> StateFile.Failure {
        StateFile.Failure(description: "\(place) is \(what); move the state and its journals away to start afresh")
    }
}
