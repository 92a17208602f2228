/// What one read of the exchange showed about a request whose answer was lost.
enum ReadBackStep<Found: Sendable>: Sendable {
    /// The request's own record: the outcome is settled.
    case found(Found)
    /// Nothing that can be the request's (in words): final only once its recvWindow has passed on the server's clock.
    case absent(String)
    /// Evidence that reading again cannot settle (in words), e.g. two candidates: the outcome is unknown.
    case unsettled(String)
    /// The read itself was not answered (in words): it counts as an attempt, and the next one is made.
    case noAnswer(String)
}

/// How a read-back ended without the request's record.
struct ReadBackGiveUp: Error, Sendable {
    /// What the last read found, in words.
    var found: String
    /// How many reads were made.
    var reads: Int
    /// True when the last read found nothing after the request's recvWindow had passed (nothing can still arrive).
    var absentAfterWindow: Bool
}

extension MarginClient {
    /// Reads the exchange back until `read` settles a lost request, or gives up and says why.
    ///
    /// The one reconciliation loop for orders and loans: up to `reconcileAttempts` reads with the retry
    /// policy's backoff between them; a read that finds nothing is final only once `deadline` (the latest
    /// server time at which the request could still be executed) has passed, so the loop waits that out
    /// once and reads again (that read is not one of the attempts). Cancellation of a pause ends it, said in
    /// `found`; an error `read` throws (anything but the exchange's own answers) ends it too, thrown on.
    func readBack<Found: Sendable>(until deadline: Int64, nothingRead: String,
                                   _ read: () async throws -> ReadBackStep<Found>) async throws -> Result<Found, ReadBackGiveUp> {
        let attempts = max(1, configuration.retryPolicy.reconcileAttempts)
        var attempt = 0, reads = 0
        var freeRead = false, waited = false
        var found = nothingRead
        while freeRead || attempt < attempts {
            if freeRead {
                freeRead = false
            } else {
                attempt += 1
                if attempt > 1, !(await pauseUnlessCancelled(configuration.retryPolicy.backoff(beforeAttempt: attempt))) {
                    return .failure(ReadBackGiveUp(found: "\(found) (cancelled while reading)", reads: reads, absentAfterWindow: false))
                }
            }
            reads += 1
            switch try await read() {
            case .found(let value):
                return .success(value)
            case .noAnswer(let text):
                found = text
            case .unsettled(let text):
                return .failure(ReadBackGiveUp(found: text, reads: reads, absentAfterWindow: false))
            case .absent(let text):
                found = text
                let now = estimatedServerTime
                if waited || now > deadline {
                    return .failure(ReadBackGiveUp(found: text, reads: reads, absentAfterWindow: true))
                }
                waited = true
                guard await pauseUnlessCancelled(deadline - now + 1) else {
                    return .failure(ReadBackGiveUp(found: "\(text) (cancelled while waiting for its recvWindow to pass)",
                                                   reads: reads, absentAfterWindow: false))
                }
                freeRead = true
            }
        }
        return .failure(ReadBackGiveUp(found: found, reads: reads, absentAfterWindow: false))
    }
}
