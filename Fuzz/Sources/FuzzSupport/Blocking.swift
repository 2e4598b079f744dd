import Foundation

/// Runs async code to its end from the synchronous fuzz callback. The work runs on the
/// cooperative pool while the calling thread waits, so it must not need the calling thread.
///
/// ```swift
/// let report = Blocking.run { await applier.report }
/// ```
public enum Blocking {
    /// The value `body` returns, once it has returned.
    public static func run<Value: Sendable>(_ body: @escaping @Sendable () async -> Value) -> Value {
        let box = ResultBox<Value>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            box.value = await body()
            done.signal()
        }
        done.wait()
        guard let value = box.value else { FuzzCheck.fail("the task ended without a value") }
        return value
    }

    /// Runs throwing async code; a thrown error comes back as the `Result`'s failure.
    public static func attempt<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) -> Result<Value, any Error> {
        run {
            do { return .success(try await body()) } catch { return .failure(error) }
        }
    }

    /// A value written by one task and read by the waiting thread after the semaphore.
    private final class ResultBox<Value: Sendable>: @unchecked Sendable {
        var value: Value?
    }
}
