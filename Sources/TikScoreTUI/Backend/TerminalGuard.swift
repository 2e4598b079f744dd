#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Restores the terminal on every way out: an atexit hook for normal exits and `exit()` calls,
/// and signal handlers. SIGINT and SIGTERM ask the run loop to quit (it waits for a payment in
/// flight, with a message); a second one, or SIGHUP (the terminal is gone), restores the terminal
/// and exits with status 128 + signal at once. `NCursesBackend.start` installs it.
///
///     TerminalGuard.install(wakeDescriptor: pipe.writeEnd)
enum TerminalGuard {
    nonisolated(unsafe) private static var installed = false
    /// 0: no interrupt; 1: SIGINT/SIGTERM arrived, not yet taken; 2: taken by the run loop.
    nonisolated(unsafe) private static var interruptState: Int32 = 0
    /// Set by the SIGWINCH handler; read and cleared by the backend, which resizes curses itself.
    nonisolated(unsafe) private static var resized: Int32 = 0
    /// Written to by the handlers so the run loop's `poll` wakes.
    nonisolated(unsafe) private static var wakeDescriptor: Int32 = -1

    /// The signals that end the program at once with the terminal restored.
    static let immediate: [Int32] = [SIGHUP]
    /// The signals that ask the run loop to quit.
    static let polite: [Int32] = [SIGINT, SIGTERM]

    /// Installs the hooks once; later calls only change where wake-ups go.
    static func install(wakeDescriptor descriptor: Int32) {
        wakeDescriptor = descriptor
        interruptState = 0
        resized = 0
        guard !installed else { return }
        installed = true
        // Ours, not curses' (which only turns SIGWINCH into KEY_RESIZE inside its own blocking read):
        // installed before initscr, so curses leaves it in place.
        _ = signal(SIGWINCH) { _ in
            TerminalGuard.resized = 1
            var byte: UInt8 = 1
            _ = write(TerminalGuard.wakeDescriptor, &byte, 1)
        }
        atexit {
            NCursesBackend.restoreTerminal()
        }
        for signo in immediate {
            _ = signal(signo) { received in
                NCursesBackend.restoreTerminal()
                _exit(128 + received)
            }
        }
        for signo in polite {
            _ = signal(signo) { received in
                if TerminalGuard.interruptState != 0 {
                    NCursesBackend.restoreTerminal()
                    _exit(128 + received)
                }
                TerminalGuard.interruptState = 1
                var byte: UInt8 = 1
                _ = write(TerminalGuard.wakeDescriptor, &byte, 1)
            }
        }
    }

    /// Whether a resize waits to be taken.
    static var resizePending: Bool { resized != 0 }

    /// Takes a pending resize.
    static func takeResize() -> Bool {
        guard resized != 0 else { return false }
        resized = 0
        return true
    }

    /// Whether an interrupt waits to be taken.
    static var interruptPending: Bool { interruptState == 1 }

    /// Takes a pending interrupt (the next one then ends the program at once).
    static func takeInterrupt() -> Bool {
        guard interruptState == 1 else { return false }
        interruptState = 2
        return true
    }
}
