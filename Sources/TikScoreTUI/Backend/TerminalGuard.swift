#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Restores the terminal on every way out: an atexit hook for normal exits and `exit()` calls,
/// and SIGINT/SIGTERM/SIGHUP handlers that restore it and exit with status 128 + signal.
/// `NCursesBackend.start` installs it; installing twice does nothing.
///
///     TerminalGuard.install()
public enum TerminalGuard {
    nonisolated(unsafe) private static var installed = false

    /// The signals that end the program with the terminal restored.
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the hooks once.
    ///
    ///     TerminalGuard.install()
    public static func install() {
        guard !installed else { return }
        installed = true
        atexit {
            NCursesBackend.restoreTerminal()
        }
        for signo in signals {
            _ = signal(signo) { received in
                NCursesBackend.restoreTerminal()
                _exit(128 + received)
            }
        }
    }
}
