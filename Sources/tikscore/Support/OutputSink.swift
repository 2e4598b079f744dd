#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered output to standard output or to a new file, written in large blocks, so an export
/// streams in constant memory. A file is created readable by its owner only (0600, like the
/// wallet: an export holds every account and payout address). It is written beside its name
/// and takes that name only once it is whole and durable (``finish()``): an export that fails
/// half way leaves the file that was there as it was, and no partial one. A name that is not a
/// regular file (a terminal, a pipe, `/dev/stdout`) is written directly.
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
    /// The file being written, renamed to `name` by `finish` (nil: `name` is written directly).
    private var temporary: String?
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
        var info = stat()
        let special = stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG
        // A link to a file: the file it names is replaced, not the link.
        let file = special ? path : Self.followingLink(path)
        let target = special ? file : Self.temporaryName(beside: file)
        let opened = open(target, O_WRONLY | O_CREAT | (special ? O_TRUNC : O_EXCL) | O_CLOEXEC, 0o600)
        guard opened >= 0 else { throw CLIError("cannot write \(path): \(String(cString: strerror(errno)))") }
        fd = opened
        ownsFile = true
        name = file
        temporary = special ? nil : target
        buffer.reserveCapacity(Self.blockSize * 2)
    }

    deinit {
        guard ownsFile else { return }
        _ = close(fd)
        // Not finished: the partial file goes, and the name keeps what it held.
        if let temporary { _ = unlink(temporary) }
    }

    /// The file a symbolic link names (resolved), or `path` itself.
    private static func followingLink(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A name in the same folder (so the rename is atomic), hidden, and unique to this process.
    private static func temporaryName(beside path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return folder + "." + base + ".tikscore-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

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
        guard ownsFile else { return }
        if fsync(fd) != 0 { throw CLIError("cannot write \(name): \(String(cString: strerror(errno)))") }
        guard let temporary else { return }
        guard rename(temporary, name) == 0 else { throw CLIError("cannot write \(name): \(String(cString: strerror(errno)))") }
        self.temporary = nil
        // The new name is durable once its folder is.
        let folder = name.lastIndex(of: "/").map { String(name[...$0]) } ?? "."
        let dir = open(folder, O_RDONLY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            _ = close(dir)
        }
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
