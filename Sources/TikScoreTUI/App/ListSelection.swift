/// Moving a list's selection with the usual keys: up and down wrap around, Home and End jump,
/// PgUp and PgDn move a page.
enum ListSelection {
    /// Applies a movement `command` to `selected` in a list of `count` rows; false when the
    /// command is not a movement.
    static func move(_ selected: inout Int, _ command: UICommand, count: Int, page: Int = 10) -> Bool {
        guard count > 0 else { return [.up, .down, .top, .bottom, .pageUp, .pageDown].contains(command) }
        switch command {
        case .up: selected = (selected + count - 1) % count
        case .down: selected = (selected + 1) % count
        case .top: selected = 0
        case .bottom: selected = count - 1
        case .pageUp: selected = max(0, selected - page)
        case .pageDown: selected = min(count - 1, selected + page)
        default: return false
        }
        return true
    }
}
