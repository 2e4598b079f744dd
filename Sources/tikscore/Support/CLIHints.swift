import TikScoreCore

/// The command-line's own hint after a wallet refusal: Core's messages name no command, so the
/// CLI adds where to look, by the refusal's code.
///
/// ```swift
/// CLIHints.line(for: WalletError(.unknownGift, "unknown gift 'Rsoe'"))   // "unknown gift 'Rsoe'; `tikscore gifts` lists them"
/// ```
enum CLIHints {
    static func line(for error: WalletError) -> String {
        guard let hint = hint(for: error.code) else { return error.message }
        return error.message + "; " + hint
    }

    private static func hint(for code: WalletError.Code) -> String? {
        switch code {
        case .unknownAccount: return "`tikscore account list` shows them"
        case .unknownPackage: return "`tikscore packages` lists them"
        case .unknownGift: return "`tikscore gifts` lists them"
        case .unknownCard: return "`tikscore cards` lists them"
        case .notLive: return "`tikscore live start NAME` opens a session"
        case .noWallet: return "create one with `tikscore account create NAME` or `tikscore demo`, or pass --db PATH"
        default: return nil
        }
    }
}
