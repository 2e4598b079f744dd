import Foundation

/// The default catalogs shipped with TikScore (economy, recharge packages, gifts, gift cards,
/// currencies, battle tasks).
///
/// ```swift
/// let folder = DefaultCatalogs.directory   // …/catalogs
/// ```
public enum DefaultCatalogs {
    /// The folder that holds the default catalog JSON files, or `nil` if the bundle is missing.
    public static var directory: URL? {
        Bundle.module.url(forResource: "catalogs", withExtension: nil)
    }
}
