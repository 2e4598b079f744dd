import TikScoreCore
import TikScoreResources

/// The default catalogs, loaded once for every input of a run.
public enum DefaultEconomy {
    /// The economy of `Resources/catalogs`; a run cannot go on without it.
    public static let shared: Economy = {
        guard let folder = DefaultCatalogs.directory else { FuzzCheck.fail("the default catalogs are missing") }
        do { return try CatalogLoader.load(directory: folder) } catch { FuzzCheck.fail("the default catalogs do not load: \(error)") }
    }()
}
