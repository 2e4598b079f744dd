/// A gift's catalog entry: name, price in points, and type (1 streakable; 2, 4 once).
public struct FeedGiftInfo: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var points: Int64
    public var type: Int
    public init(id: Int64, name: String, points: Int64, type: Int) {
        self.id = id
        self.name = name
        self.points = points
        self.type = type
    }
}

/// Where the decoder looks up a gift whose line lacks a price, name or type.
public protocol FeedGiftCatalog: Sendable {
    func gift(id: Int64) -> FeedGiftInfo?
    /// Every gift, in a stable order (by id).
    var allGifts: [FeedGiftInfo] { get }
}

/// A gift catalog held in memory.
public struct FeedGiftTable: FeedGiftCatalog, Sendable, Equatable {
    private let byId: [Int64: FeedGiftInfo]

    public init(_ gifts: [FeedGiftInfo]) {
        var table: [Int64: FeedGiftInfo] = [:]
        for gift in gifts { table[gift.id] = gift }
        byId = table
    }

    public init(_ dictionary: [Int64: (name: String, points: Int64, type: Int)]) {
        self.init(dictionary.map { FeedGiftInfo(id: $0.key, name: $0.value.name, points: $0.value.points, type: $0.value.type) })
    }

    public func gift(id: Int64) -> FeedGiftInfo? { byId[id] }

    public var allGifts: [FeedGiftInfo] { byId.values.sorted { $0.id < $1.id } }

    /// Reads the `gifts.json` catalog shape: `[{"id": 5655, "name": "Rose", "points": 1, "type": 1}, …]`.
    /// Fails with a one-line reason on anything else (negative points, missing keys, duplicates…).
    public static func decodeJSON<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Result<FeedGiftTable, FeedProblem> {
        let root: FeedJSON
        switch FeedJSON.parse(bytes) {
        case .success(let value): root = value
        case .failure(let error): return .failure(FeedProblem(.notJSON, detail: error.reason))
        }
        guard case .array(let items) = root else { return .failure(FeedProblem(.notAnObject, detail: "catalog must be an array")) }
        var gifts: [FeedGiftInfo] = []
        var seen = Set<Int64>()
        for item in items {
            guard case .object(let object) = item else { return .failure(FeedProblem(.notAnObject, detail: "catalog entry")) }
            let fields = FeedFields(object)
            do {
                let id = try fields.requiredInt("id")
                let name = try fields.string("name") ?? ""
                let points = try fields.requiredInt("points")
                let type = try fields.requiredInt("type")
                guard points >= 0 else { return .failure(FeedProblem(.badValue("points"), detail: "gift \(id)")) }
                guard let typeInt = Int(exactly: type), (0...100).contains(typeInt) else {
                    return .failure(FeedProblem(.badValue("type"), detail: "gift \(id)"))
                }
                guard seen.insert(id).inserted else { return .failure(FeedProblem(.badValue("id"), detail: "duplicate gift \(id)")) }
                gifts.append(FeedGiftInfo(id: id, name: name, points: points, type: typeInt))
            } catch {
                return .failure(error)
            }
        }
        return .success(FeedGiftTable(gifts))
    }
}

extension FeedGiftTable {
    /// The economy's whole gift catalog.
    public init(economy: Economy) {
        self.init(economy.gifts.map { FeedGiftInfo(id: $0.id, name: $0.name, points: $0.points, type: $0.type) })
    }
}
