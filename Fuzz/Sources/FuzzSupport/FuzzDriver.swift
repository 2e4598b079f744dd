import CFuzzerDriver
import Foundation

/// A fuzz target: `test` takes one input and traps (or `FuzzCheck`s) on a finding. Marking the
/// conforming type `@main` makes it a libFuzzer program.
///
/// ```swift
/// @main enum FeedFuzz: FuzzTarget { static func test(_ bytes: UnsafeBufferPointer<UInt8>) { … } }
/// ```
public protocol FuzzTarget {
    static func test(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension FuzzTarget {
    /// Hands the command line to libFuzzer, which calls `test` with every input.
    public static func main() { FuzzDriver.run(Self.test) }
}

/// Runs a fuzz target under libFuzzer from the target's own `main`: SwiftPM links an executable
/// with a `main` of its own, so libFuzzer's is not used and `LLVMFuzzerRunDriver` takes its place.
public enum FuzzDriver {
    /// The target's test, set once before libFuzzer starts (its callback is a C function and
    /// cannot carry it).
    nonisolated(unsafe) static var test: ((UnsafeBufferPointer<UInt8>) -> Void)?

    /// Runs libFuzzer with the command line and exits with its status.
    static func run(_ test: @escaping (UnsafeBufferPointer<UInt8>) -> Void) -> Never {
        FuzzDriver.test = test
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in testOneInput(data, size) })
    }

    /// The input libFuzzer passed, as a buffer (empty for a null pointer).
    static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    }
}

/// libFuzzer's entry point, as the DESIGN's `swiftc -sanitize=fuzzer` recipe expects it.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzDriver.test?(FuzzDriver.bytes(data, size))
    return 0
}
