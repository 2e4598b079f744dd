import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor, waking up at least every `tickMs` so the caller can
/// close timed-out streaks; with `follow`, keeps reading a growing file like `tail -f`.
struct LineSource {
    private let fd: Int32
    private let follow: Bool
    private let path: String?
    private var buffer: [UInt8] = []
    /// Where the unread part of `buffer` starts (lines are sliced off without moving the rest).
    private var start = 0
    /// The next line break at or after `start`, once found.
    private var newline: Int?
    private var offset: off_t = 0
    private var atEnd = false
    /// With `follow`, an inotify descriptor that wakes the reader when the file changes (-1: none,
    /// and the reader looks again every ``followPollMs``).
    private let growth: Int32

    /// Standard input.
    static func standardInput() -> LineSource { LineSource(fd: 0, follow: false, path: nil) }

    /// A file, optionally followed as it grows.
    static func file(_ path: String, follow: Bool) throws -> LineSource {
        guard !path.isEmpty else { throw CLIError("cannot read '': no file name") }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CLIError("cannot read \(path): \(String(cString: strerror(errno)))") }
        // A folder opens, but reading it fails: refuse it the same way, before anything is applied.
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            close(fd)
            throw CLIError("cannot read \(path): \(String(cString: strerror(EISDIR)))")
        }
        return LineSource(fd: fd, follow: follow, path: path)
    }

    private init(fd: Int32, follow: Bool, path: String?) {
        self.fd = fd
        self.follow = follow
        self.path = path
        self.growth = follow && path != nil ? Self.watchGrowth(of: fd) : -1
    }

    /// How often a followed file is looked at again where no inotify watch could be made.
    private static let followPollMs: Int32 = 20

    /// An inotify descriptor told when the open file is written or truncated, or -1.
    private static func watchGrowth(of fd: Int32) -> Int32 {
        #if os(Linux)
        let watch = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard watch >= 0 else { return -1 }
        // The descriptor's own path in /proc names the file even when it was opened relative.
        guard inotify_add_watch(watch, "/proc/self/fd/\(fd)", UInt32(IN_MODIFY | IN_ATTRIB)) >= 0 else {
            close(watch)
            return -1
        }
        return watch
        #else
        return -1
        #endif
    }

    /// What a read produced.
    enum Next {
        case line(String)
        /// Nothing new within the tick.
        case idle
        case end
        /// Reading failed (an I/O error): what came before was read, the rest cannot be.
        case failed(String)
    }

    /// Whether a whole line is already read (the next `next` returns it without waiting).
    mutating func hasBufferedLine() -> Bool {
        findNewline() != nil || (atEnd && start < buffer.count)
    }

    private mutating func findNewline() -> Int? {
        if newline == nil { newline = buffer[start...].firstIndex(of: 10) }
        return newline
    }

    /// The next line, `idle` after `tickMs` without one, or `end`.
    mutating func next(tickMs: Int32) -> Next {
        // Set at the first wait at the end of a followed file: a line already read costs no clock.
        var deadline: ContinuousClock.Instant?
        while true {
            if let end = findNewline() {
                let bytes = buffer[start..<end]
                start = end + 1
                newline = nil
                return .line(String(decoding: bytes, as: UTF8.self))
            }
            if atEnd {
                if start >= buffer.count { return .end }
                defer { discardRead(all: true) }
                return .line(String(decoding: buffer[start...], as: UTF8.self))
            }
            switch readChunk(tickMs: tickMs) {
            case .data: continue
            case .idle: return .idle
            case .failed(let code): return .failed("cannot read \(path ?? "standard input"): \(String(cString: strerror(code)))")
            case .eof:
                if follow {
                    resetIfTruncated()
                    let until = deadline ?? ContinuousClock.now.advanced(by: .milliseconds(Int(tickMs)))
                    deadline = until
                    if waitForGrowth(until: until) { continue }
                    return .idle
                }
                atEnd = true
            }
        }
    }

    private enum Chunk { case data, idle, eof, failed(Int32) }

    private mutating func readChunk(tickMs: Int32) -> Chunk {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&pfd, 1, tickMs)
        if ready == 0 { return .idle }
        if ready < 0 { return errno == EINTR ? .idle : .failed(errno) }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65_536) }
        if count < 0 { return errno == EINTR || errno == EAGAIN ? .idle : .failed(errno) }
        if count == 0 { return .eof }
        offset += off_t(count)
        discardRead(all: false)
        buffer.append(contentsOf: chunk[0..<count])
        return .data
    }

    /// Waits until the followed file changes (true) or the deadline passes (false).
    private func waitForGrowth(until deadline: ContinuousClock.Instant) -> Bool {
        let left = ContinuousClock.now.duration(to: deadline)
        let ms = max(0, Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
        guard growth >= 0 else {
            if ms > 0 { usleep(UInt32(min(ms, Self.followPollMs)) * 1000) }
            return false
        }
        var pfd = pollfd(fd: growth, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, ms) > 0 else { return false }
        // Drop the notices: the file is read again from where it was left.
        var notices = [UInt8](repeating: 0, count: 4_096)
        while notices.withUnsafeMutableBytes({ read(growth, $0.baseAddress, 4_096) }) > 0 {}
        return true
    }

    /// A followed file that shrank was rotated or truncated: read it again from the start
    /// (already-applied events are recognised by their msgId).
    private mutating func resetIfTruncated() {
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size < offset else { return }
        lseek(fd, 0, SEEK_SET)
        offset = 0
        discardRead(all: true)
    }

    /// Drops the lines already returned (or everything), before more is read.
    private mutating func discardRead(all: Bool) {
        if all { buffer.removeAll(keepingCapacity: true) } else { buffer.removeSubrange(..<start) }
        start = 0
        newline = nil
    }
}
