import Foundation

/// Property checks inside a fuzz target: a broken property prints its message and aborts, so
/// libFuzzer keeps the input as a crash like any trap.
public enum FuzzCheck {
    /// Aborts with `message` when `condition` is false.
    public static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                               file: StaticString = #fileID, line: UInt = #line) {
        guard !condition() else { return }
        fail(message(), file: file, line: line)
    }

    /// Prints `message` on stderr and aborts.
    public static func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        FileHandle.standardError.write(Data("fuzz property broken at \(file):\(line): \(message)\n".utf8))
        abort()
    }
}
