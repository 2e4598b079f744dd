import Foundation
import TikScoreCore
import TikScoreResources

/// The default catalogs, for tests that copy and damage them.
enum TestCatalogs {
    static var directory: URL? { DefaultCatalogs.directory }

    /// The default economy, loaded.
    static var economy: Economy? { directory.flatMap { try? CatalogLoader.load(directory: $0) } }
}
