#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered output to standard output or to a new file, written in large blocks, so an export
/// streams in constant memory. A file is created readable by its owner only (0600, like the
/// wallet: an export holds every account and payout address).
///
/// ```swift
/// let sink = try OutputSink(path: "ledger.journal")   // nil: standard output
/// try sink.append("2026-11-24 * …\n")
/// try sink.finish()
/// ```
final class OutputSink: @unchecked Sendable {
    private let fd: Int32
    private let ownsFile: Bool
    private let name: String
    private var buffer: [UInt8] = []
    private static let blockSize = 1 << 16

    /// - Throws: `CLIError` when the file cannot be created.
    init(path: String?) throws {
        guard let path else {
            fd = 1
            ownsFile = false
            name = "standard output"
            buffer.reserveCapacity(Self.blockSize * 2)
            return
        }
        let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard opened >= 0 else { throw CLIError("cannot write \(path): \(String(cString: strerror(errno)))") }
        fd = opened
        ownsFile = true
        name = path
        buffer.reserveCapacity(Self.blockSize * 2)
    }

    deinit { if ownsFile { _ = close(fd) } }

    /// Adds `text`; writes a block once enough has gathered.
    ///
    /// - Throws: `CLIError` when the write fails (a full disk, a closed pipe).
    func append(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.blockSize { try drain() }
    }

    /// Adds `bytes` (UTF-8 text already); writes a block once enough has gathered.
    ///
    /// - Throws: `CLIError` when the write fails.
    func append(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.blockSize { try drain() }
    }

    /// Writes what is left and, for a file, makes it durable and closes it.
    ///
    /// - Throws: `CLIError` when the write or the sync fails.
    func finish() throws {
        try drain()
        if ownsFile, fsync(fd) != 0 { throw CLIError("cannot write \(name): \(String(cString: strerror(errno)))") }
    }

    private func drain() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in write(fd, raw.baseAddress.map { $0 + offset }, buffer.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw CLIError("cannot write \(name): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
