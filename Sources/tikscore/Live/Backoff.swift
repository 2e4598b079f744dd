/// Exponential backoff between connection attempts: 0.25 s doubling to 8 s.
struct Backoff {
    private var current = 0.25

    /// The next wait in seconds; each call doubles the one after it, up to 8 s.
    mutating func next() -> Double {
        defer { current = min(current * 2, 8) }
        return current
    }

    /// Starts again from 0.25 s.
    mutating func reset() { current = 0.25 }
}
