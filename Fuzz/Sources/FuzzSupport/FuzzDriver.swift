import CFuzzerDriver
import Foundation

/// Runs a fuzz target under libFuzzer from the target's own `main` (SwiftPM links executables
/// with a `main` of their own, so libFuzzer's is not used: `LLVMFuzzerRunDriver` takes its place).
///
/// ```swift
/// @main enum Main { static func main() { FuzzDriver.run { data, size in testOneInput(data, size) } } }
/// ```
public enum FuzzDriver {
    /// The callback libFuzzer calls with every input.
    public typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

    /// Hands the command line to libFuzzer and exits with its status.
    public static func run(_ callback: Callback) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
    }

    /// The input libFuzzer passed, as a buffer (empty for a null pointer).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    }
}
