#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the recursive compile passes (tokenizer, parser, checker) on a thread of their own with a
/// large stack, so how deep a script may nest does not depend on the caller's thread — a Swift
/// concurrency thread has only 512 KiB to 1 MiB, and a debug build's parser needs about 20 KiB
/// per level of nesting.
enum LargeStack {
    /// The stack reserved for the compile thread (pages are committed only as they are touched).
    static let size = 32 * 1024 * 1024

    /// Runs `body` on a thread with a ``size`` stack and returns its result.
    static func run<T>(_ body: () -> T) -> T {
        var result: T?
        withoutActuallyEscaping(body) { body in
            let work = Work { result = body() }
            let context = Unmanaged.passRetained(work).toOpaque()
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, size)
            #if canImport(Glibc)
            var thread = pthread_t()
            #else
            var thread: pthread_t? = nil
            #endif
            let started = pthread_create(&thread, &attributes, { raw in
                Unmanaged<Work>.fromOpaque(raw!).takeUnretainedValue().perform()
                return nil
            }, context)
            if started == 0 {
                #if canImport(Glibc)
                pthread_join(thread, nil)
                #else
                pthread_join(thread!, nil)
                #endif
            } else {
                work.perform()   // no thread to be had: run here (the nesting limit still bounds the depth)
            }
            Unmanaged<Work>.fromOpaque(context).release()
        }
        return result!
    }

    /// The work handed to the thread (joined before its result is read).
    private final class Work {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
        func perform() { body() }
    }
}
