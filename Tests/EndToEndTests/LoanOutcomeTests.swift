import BinanceMargin
import Foundation
import MarginSim
import MarginSimServer
import Synchronization
import Testing

/// "Outcomes are never misreported" for borrow and repay: a lost answer is settled from the records
/// newer than the watermark read before sending, and anything ambiguous is reported unknown.
@Suite("Borrow/repay outcomes under injected faults")
struct LoanOutcomeTests {
    /// A simulator on a manual clock, the client under test (through ``FaultArmingTransport``) and a
    /// second client that reads the truth (the simulator's records) without faults.
    struct Rig {
        let clock = MarginSim.ManualClock()
        let simulator: MarginSimulator
        let faults: FaultArmingTransport
        let client: MarginClient
        let truth: MarginClient

        init(over transport: (MarginSimulator) throws -> any Transport = { InProcessTransport(simulator: $0) }) throws {
            simulator = MarginSimulator(scenario: .default, clock: clock)
            faults = FaultArmingTransport(try transport(simulator), simulator: simulator)
            let credentials = try Credentials.hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)
            // The client's waits advance the simulator's clock: waiting out a recvWindow takes no real time.
            let shared = MarginClock(now: { [clock] in clock.nowMilliseconds() }, sleep: { [clock] ms in clock.advance(by: max(0, ms)) })
            client = try MarginClient(configuration: .init(transport: faults, credentials: credentials, clock: shared, synchronizesTime: false))
            truth = try MarginClient(configuration: .init(transport: InProcessTransport(simulator: simulator), credentials: credentials,
                                                          clock: shared, synchronizesTime: false))
        }

        /// The ids of every `type` record of USDT (cross) the simulator holds in the last 30 days.
        func records(_ type: LoanType) async throws -> Set<Int64> {
            var ids = Set<Int64>()
            for page in 1...50 {
                let rows = try await truth.borrowRepayRecords(BorrowRepayQuery(type: type, asset: "USDT", startTime: clock.nowMilliseconds() - 29 * 86_400_000,
                                                                               current: page, size: 100)).rows
                ids.formUnion(rows.map(\.txId))
                if rows.count < 100 { break }
            }
            return ids
        }
    }

    @Test("seen: a second `borrow 1 USDT` within the same second answered 503 without executing is unknown, not the first loan's success",
          arguments: [false, true])
    func secondBorrowAnswered503IsNotTheFirst(firstFromAnotherClient: Bool) async throws {
        let rig = try Rig()
        // Another client (a separate `mops -e` run) knows nothing of the first loan's id: only the watermark tells them apart.
        let first = try await (firstFromAnotherClient ? rig.truth : rig.client).borrow(asset: "USDT", amount: 1)
        rig.faults.armNext(.error)
        let error = await #expect(throws: BinanceError.self) { try await rig.client.borrow(asset: "USDT", amount: 1) }
        #expect(error?.outcomeUnknown == true && error?.httpStatus == 503)
        #expect(try await rig.records(.borrow) == [first])   // one loan on the exchange, and it is the first
        let readBack = try #require(error?.readBack)
        #expect(readBack.query == "GET /sapi/v1/margin/borrow-repay?type=BORROW&asset=USDT")
        #expect(readBack.window.hasPrefix("newer than txId \(first) (stamped "))
        #expect(readBack.reads == 2)   // once at once, once after the recvWindow had passed
        #expect(readBack.found == "no MANUAL BORROW record of 1 USDT newer than the watermark")
        #expect(error?.message.contains("may or may not have happened") == true && error?.message.contains("checked GET /sapi/v1/margin/borrow-repay") == true)
    }

    @Test("another client's identical loan stamped after this request's recvWindow closed is never taken for it")
    func foreignLoanAfterTheWindowIsNotTaken() async throws {
        let late = Mutex<Int64?>(nil)
        let rig = try Rig(over: { simulator in
            LateLoanTransport(InProcessTransport(simulator: simulator)) { reads in
                // The read after the wait: by now the recvWindow has passed; another process borrows the same amount.
                guard reads == 3 else { return }
                let credentials = try? Credentials.hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)
                guard let credentials, let other = try? MarginClient(configuration: .init(
                    transport: InProcessTransport(simulator: simulator), credentials: credentials)) else { return }   // syncs to the simulator's time
                let txId = try? await other.borrow(asset: "USDT", amount: 1)
                late.withLock { $0 = txId }
            }
        })
        rig.faults.armNext(.error)   // 503 without executing: this client's borrow never happened
        let error = await #expect(throws: BinanceError.self) { try await rig.client.borrow(asset: "USDT", amount: 1) }
        let foreign = try #require(late.withLock { $0 })
        #expect(error?.outcomeUnknown == true, "the foreign loan \(foreign) was taken for this request's")
        #expect(try await rig.records(.borrow) == [foreign])   // one loan on the exchange, and it is not this client's
        #expect(error?.readBack?.found.contains("stamped after its recvWindow closed, so not it: txId \(foreign)") == true,
                "\(String(describing: error?.readBack))")
    }

    @Test("the same over real HTTP with the sandbox's fault injection")
    func secondBorrowAnswered503OverHTTP() async throws {
        let simulator = MarginSimulator(scenario: .default, clock: RunningClock(start: MarginClock.system.now()))   // the clients' time
        let server = SandboxServer(simulator: simulator, host: "127.0.0.1", port: 0, logger: quietLogger)
        try await withRunningSandbox(server) { url in
            let faults = FaultArmingTransport(try HTTPTransport(baseURL: url), simulator: simulator)
            let sleeps = SleepLog()
            let client = try MarginClient(configuration: .init(
                transport: faults, credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret),
                clock: MarginClock(now: MarginClock.system.now, sleep: { ms in sleeps.append(ms) }), synchronizesTime: false))
            let other = try MarginClient(configuration: .init(transport: try HTTPTransport(baseURL: url),
                                                              credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)))
            let first = try await other.borrow(asset: "USDT", amount: 1)   // e.g. an earlier `mops -e 'borrow 1 USDT'`
            faults.armNext(.error)
            let error = await #expect(throws: BinanceError.self) { try await client.borrow(asset: "USDT", amount: 1) }
            #expect(error?.outcomeUnknown == true && error?.readBack?.window.hasPrefix("newer than txId \(first) ") == true)
            faults.armNext(.drop)
            let third = try await client.borrow(asset: "USDT", amount: 1)   // executed, answer dropped: found, and not the first
            #expect(third > first)
            let rows = try await client.borrowRepayRecords(BorrowRepayQuery(type: .borrow, asset: "USDT", size: 100)).rows
            #expect(Set(rows.map(\.txId)) == [first, third])
        }
    }


    enum Fault: CaseIterable { case none, errorWithoutExecuting, dropAfterExecuting }

    @Test("generated: random borrow/repay schedules with random faults never report a false success or a false failure",
          arguments: [UInt64(1), 2, 3, 4])
    func generatedSchedules(seed: UInt64) async throws {
        let rig = try Rig()
        var rng = SplitMix64(seed: seed)
        var outstanding = Number.zero
        var tally = [String: Int]()
        for step in 0..<40 {
            let repay = outstanding > Number(5) && Bool.random(using: &rng)
            let type: LoanType = repay ? .repay : .borrow
            let amount = Number([1, 1, 2, 5][Int.random(in: 0..<4, using: &rng)])
            let fault = Fault.allCases[Int.random(in: 0..<3, using: &rng)]
            // Often an identical request from another client (which this one knows nothing of) lands just before.
            if Int.random(in: 0..<3, using: &rng) == 0 {
                _ = try await (repay ? rig.truth.repay(asset: "USDT", amount: amount) : rig.truth.borrow(asset: "USDT", amount: amount))
                outstanding = try repay ? outstanding - amount : outstanding + amount
            }
            let before = try await rig.records(type)
            switch fault {
            case .none: break
            case .errorWithoutExecuting: rig.faults.armNext(.error)
            case .dropAfterExecuting: rig.faults.armNext(.drop)
            }
            let context = "seed \(seed) step \(step): \(type.rawValue) \(amount) USDT, fault \(fault)"
            do {
                let txId = repay ? try await rig.client.repay(asset: "USDT", amount: amount)
                                 : try await rig.client.borrow(asset: "USDT", amount: amount)
                let executed = try await rig.records(type).subtracting(before)
                #expect(executed == [txId], "reported success with txId \(txId), but the exchange executed \(executed) — \(context)")
                #expect(fault != .errorWithoutExecuting, "a request answered 503 without executing reported success — \(context)")
                outstanding = try repay ? outstanding - amount : outstanding + amount
                tally["success", default: 0] += 1
            } catch let error as BinanceError {
                let executed = try await rig.records(type).subtracting(before)
                if error.outcomeUnknown {
                    #expect(fault != .none, "unknown without a lost answer — \(context): \(error)")
                    #expect(error.readBack != nil, "an unknown outcome must say what was checked — \(context)")
                    // Alone on the exchange, an executed request whose answer was dropped is found, not left unknown.
                    #expect(fault != .dropAfterExecuting || executed.isEmpty, "a dropped answer of an executed request left unknown — \(context): \(error)")
                    if !executed.isEmpty { outstanding = try repay ? outstanding - amount : outstanding + amount }
                    tally["unknown", default: 0] += 1
                } else {
                    #expect(executed.isEmpty, "reported failure, but the exchange executed \(executed) — \(context): \(error)")
                    tally["failure", default: 0] += 1
                }
            }
            rig.clock.advance(by: Int64.random(in: 0..<1500, using: &rng))   // often within the same second
        }
        #expect(tally["success", default: 0] > 10 && tally["unknown", default: 0] > 5, "\(tally)")
    }

    @Test("generated: two concurrent borrows of the same amount, one answer lost — never settled with the other's record",
          arguments: [UInt64(7), 8, 9])
    func concurrentRivals(seed: UInt64) async throws {
        let rig = try Rig()
        var rng = SplitMix64(seed: seed)
        for step in 0..<12 {
            let fault: SimFaultKind = Bool.random(using: &rng) ? .error : .drop
            let before = try await rig.records(.borrow)
            rig.faults.armNext(fault)   // the first of the two POSTs to reach the transport meets it
            async let a = outcome { try await rig.client.borrow(asset: "USDT", amount: 1) }
            async let b = outcome { try await rig.client.borrow(asset: "USDT", amount: 1) }
            let results = await [a, b]
            let executed = try await rig.records(.borrow).subtracting(before)
            let succeeded = results.compactMap { try? $0.get() }
            #expect(Set(succeeded).count == succeeded.count && Set(succeeded).isSubset(of: executed),
                    "seed \(seed) step \(step) (\(fault)): reported \(succeeded), executed \(executed)")
            for case .failure(let error) in results {
                let e = try #require(error as? BinanceError)
                #expect(e.outcomeUnknown, "seed \(seed) step \(step): a lost answer reported as a failure: \(e)")
            }
            rig.clock.advance(by: 700)
        }
    }
}

/// Runs `body`, keeping its value or its error.
func outcome<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}

/// Forwards to `inner`, and before the `n`th GET of the loan records calls `hook(n)` (to make another client act then).
final class LateLoanTransport: Transport, Sendable {
    let inner: any Transport
    let hook: @Sendable (Int) async -> Void
    private let reads = Mutex(0)

    init(_ inner: any Transport, hook: @escaping @Sendable (Int) async -> Void) {
        self.inner = inner
        self.hook = hook
    }

    var baseURL: URL? { inner.baseURL }
    var isSimulator: Bool { inner.isSimulator }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        if request.method == .get && request.path == "/sapi/v1/margin/borrow-repay" {
            let n = reads.withLock { $0 += 1; return $0 }
            await hook(n)
        }
        return try await inner.send(request)
    }
}
