import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Names the process that reserves a key (`host/pid`), and tells whether the process that reserved
/// one is still running, so a key left in flight by a crash can be taken over.
public enum ProcessOwner {
    /// This process.
    public static let current: String = "\(hostName)/\(getpid())"

    /// Whether `owner` may still be working: another host's process is assumed alive (the key goes
    /// stale by age instead); on this host, the process must exist.
    public static func isAlive(_ owner: String) -> Bool {
        guard owner != current else { return true }
        let parts = owner.split(separator: "/")
        guard parts.count == 2, let pid = Int32(parts[1]) else { return false }
        guard String(parts[0]) == hostName else { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    private static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()
}
