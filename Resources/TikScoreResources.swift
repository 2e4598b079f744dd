import Foundation

/// The default catalogs shipped with TikScore (economy, recharge packages, gifts, gift cards,
/// currencies, battle tasks).
///
/// ```swift
/// let folder = DefaultCatalogs.directory   // …/TikScore_TikScoreResources.resources/catalogs
/// ```
public enum DefaultCatalogs {
    /// The folder that holds the default catalog JSON files, or `nil` if the bundle is missing.
    ///
    /// The bundle sits beside the executable (how SwiftPM lays out a build, and how the README
    /// installs the command); that place is looked up first, by the executable's real path, because
    /// `Bundle.module` builds the main bundle first (about a millisecond of every command) and stops
    /// the program when the bundle is missing. `Bundle.module` stays the fallback (macOS, tests).
    public static var directory: URL? {
        if let beside = besideExecutable { return beside }
        return Bundle.module.url(forResource: "catalogs", withExtension: nil)
    }

    /// `<executable's folder>/TikScore_TikScoreResources.resources/catalogs` when it exists.
    private static var besideExecutable: URL? {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return nil
        }
        let folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
            .appendingPathComponent("TikScore_TikScoreResources.resources")
            .appendingPathComponent("catalogs")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return folder
    }
}
