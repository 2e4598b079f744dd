import Foundation
import TikScoreResources

/// The default catalogs, for tests that copy and damage them.
enum TestCatalogs {
    static var directory: URL? { DefaultCatalogs.directory }
}
