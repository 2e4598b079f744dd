/// Finds one catalog item by id or name, case-insensitively, refusing ambiguous names.
///
/// ```swift
/// try CatalogMatch.one(in: gifts, matching: "rose", id: { String($0.id) }, name: { $0.name }, ...)
/// ```
enum CatalogMatch {
    static func one<Item>(in items: [Item], matching text: String, id: (Item) -> String, name: (Item) -> String,
                          kind: String, missing: WalletError.Code) throws -> Item {
        let wanted = text.trimmingSpaces()
        if let byID = items.first(where: { id($0).caseInsensitiveEquals(wanted) }) { return byID }
        let byName = items.filter { name($0).caseInsensitiveEquals(wanted) }
        if byName.count == 1, let only = byName.first { return only }
        if byName.count > 1 {
            let ids = byName.map(id).joined(separator: ", ")
            throw WalletError(.ambiguousName, "more than one \(kind) is called '\(wanted)'; use an id: \(ids)")
        }
        throw WalletError(missing, "unknown \(kind) '\(wanted)'")
    }
}

extension String {
    /// Case-insensitive, Unicode-aware equality (`"ÉLAN"` equals `"élan"`).
    func caseInsensitiveEquals(_ other: String) -> Bool {
        NameKey.of(self) == NameKey.of(other)
    }
}
