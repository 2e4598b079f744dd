import TikScoreCore

/// The masked PIN field the dashboard opens in front of a protected operation of an account with
/// a PIN (withdraw, gift card, send, profile): the operation waits while the PIN is typed, Enter
/// sends both, Esc sends the operation without a PIN (the wallet then refuses it, and the screen
/// shows why). Digits only, shown as dots.
///
///     var prompt = PINPromptState(account: "leo", pending: effect)
///     prompt.type("4"); prompt.value   // "4"
struct PINPromptState: Equatable, Sendable {
    /// The account whose PIN is asked.
    let account: String
    /// The operation waiting for it.
    let pending: Effect
    private(set) var value = ""

    /// The longest PIN the field takes.
    static let maxDigits = 64

    init(account: String, pending: Effect) {
        self.account = account
        self.pending = pending
    }

    mutating func type(_ character: Character) {
        guard character.isASCII, character.isNumber, value.count < Self.maxDigits else { return }
        value.append(character)
    }

    mutating func erase() {
        if !value.isEmpty { value.removeLast() }
    }

    /// What a key does: nil while typing, or the effect to run once the prompt closes.
    mutating func handle(_ key: Key) -> Effect?? {
        switch key {
        case .char(let c): type(c)
        case .backspace: erase()
        case .enter: return .some(.withPIN(pin: value, pending))
        case .esc, .ctrl("c"): return .some(.withPIN(pin: nil, pending))
        default: break
        }
        return .none
    }

    /// The account an effect acts for, when it is one a PIN protects.
    static func protectedAccount(of effect: Effect) -> String? {
        switch effect {
        case .holdWithdrawal(let account, _, _, _), .redeem(let account, _, _), .updateProfile(let account, _): return account
        case .gift(let from, _, _, _, _), .transfer(let from, _, _, _): return from
        default: return nil
        }
    }
}
