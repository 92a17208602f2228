import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A task executor with one thread whose stack is only `stackSize` bytes — the size of a Swift
/// concurrency thread's stack — painted beforehand so the deepest use can be read back.
///
/// A task that prefers this executor runs its code, and the default actors it calls (an
/// ``Interpreter``, a simulator), on that thread: the test measures what a script really needs.
final class SmallStackExecutor: TaskExecutor, @unchecked Sendable {
    private static let paint: UInt8 = 0xA5
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false
    private let stack: UnsafeMutableRawPointer
    /// The stack's size in bytes.
    let stackSize: Int
    private var thread = pthread_t()

    init(stackSize: Int) {
        self.stackSize = stackSize
        stack = UnsafeMutableRawPointer.allocate(byteCount: stackSize, alignment: 65_536)
        stack.initializeMemory(as: UInt8.self, repeating: Self.paint, count: stackSize)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstack(&attributes, stack, stackSize)
        let me = Unmanaged.passRetained(self).toOpaque()
        pthread_create(&thread, &attributes, { raw in
            let executor = Unmanaged<SmallStackExecutor>.fromOpaque(raw!).takeRetainedValue()
            executor.serve()
            return nil
        }, me)
        pthread_attr_destroy(&attributes)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func serve() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty { condition.unlock(); return }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    /// The most stack the thread has used so far (the stack grows down from the top; bytes never
    /// written still hold the paint).
    var peakUsage: Int {
        let bytes = stack.assumingMemoryBound(to: UInt8.self)
        var untouched = 0
        while untouched < stackSize && bytes[untouched] == Self.paint { untouched += 1 }
        return stackSize - untouched
    }

    /// Stops the thread once its jobs are done and frees the stack.
    func shutdown() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
        pthread_join(thread, nil)
        stack.deallocate()
    }
}
