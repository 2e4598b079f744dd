#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Tells a waiting thread that the wallet's files were written, so another process's commit is
/// seen at once and an idle dashboard does not poll. On Linux it watches the wallet's folder with
/// inotify (the wallet, its `-wal` and `-shm`); elsewhere, or when inotify is not available (no
/// watches left), `wait` only times out and the caller's timeout is the poll.
///
/// ```swift
/// let signal = WalletFileSignal(path: "/tmp/w.sqlite")
/// while running { if signal.wait(timeoutMs: 1000) { checkDataVersion() } }
/// signal.close()
/// ```
final class WalletFileSignal: @unchecked Sendable {
    /// The inotify descriptor, or -1 without one.
    private let watch: Int32
    /// Written by `close()` to end a `wait`.
    private var stop: [Int32] = [-1, -1]
    /// The file names (in the watched folder) whose writes count.
    private let names: Set<String>
    private let lock = NSLock()
    private var closed = false

    /// Starts watching the folder of `path`.
    init(path: String) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        names = [base, base + "-wal", base + "-shm"]
        if pipe(&stop) == 0 {
            for end in stop { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        } else {
            stop = [-1, -1]
        }
        #if os(Linux)
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if fd >= 0, inotify_add_watch(fd, folder, UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)) < 0 {
            closeDescriptor(fd)
            watch = -1
        } else {
            watch = fd
        }
        #else
        watch = -1
        #endif
    }

    /// Whether writes are watched (else `wait` is a plain timeout).
    var watches: Bool { watch >= 0 }

    /// Waits up to `timeoutMs` for a write to the wallet's files; true when one came (false on a
    /// timeout or after `close`).
    func wait(timeoutMs: Int32) -> Bool {
        var fds = [pollfd(fd: stop[0], events: Int16(POLLIN), revents: 0)]
        if watch >= 0 { fds.append(pollfd(fd: watch, events: Int16(POLLIN), revents: 0)) }
        let ready = poll(&fds, nfds_t(fds.count), timeoutMs)
        guard ready > 0, fds[0].revents == 0, fds.count > 1, fds[1].revents != 0 else { return false }
        return drainNamesWritten()
    }

    /// Reads every queued inotify event; true when one was about a wallet file.
    private func drainNamesWritten() -> Bool {
        #if os(Linux)
        var touched = false
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(watch, $0.baseAddress, $0.count) }
            guard count > 0 else { return touched }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let nameLength = buffer.withUnsafeBytes { raw in
                    Int(raw.loadUnaligned(fromByteOffset: offset + header - MemoryLayout<UInt32>.size, as: UInt32.self))
                }
                let start = offset + header
                let end = min(count, start + nameLength)
                let name = String(decoding: buffer[start..<end].prefix { $0 != 0 }, as: UTF8.self)
                if names.contains(name) { touched = true }
                offset = start + nameLength
            }
        }
        #else
        return false
        #endif
    }

    /// Whether `close()` was called.
    var isClosed: Bool { lock.withLock { closed } }

    /// Ends any `wait` now and later.
    func close() {
        lock.withLock { closed = true }
        var byte: UInt8 = 1
        if stop[1] >= 0 { _ = write(stop[1], &byte, 1) }
    }

    deinit {
        if watch >= 0 { closeDescriptor(watch) }
        for end in stop where end >= 0 { closeDescriptor(end) }
    }
}

/// `close(2)`, out of reach of the method of the same name.
private func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}
