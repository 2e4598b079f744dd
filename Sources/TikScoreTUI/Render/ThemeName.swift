/// The themes a user can choose (`theme = "light"` in the config).
///
/// ```swift
/// ThemeName(rawValue: "high-contrast")   // .highContrast
/// ```
public enum ThemeName: String, Sendable, CaseIterable {
    /// Colours for the usual dark terminal background (the default).
    case dark
    case light
    case highContrast = "high-contrast"
}
