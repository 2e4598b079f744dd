/// Reads a fuzz input as a stream of choices: bytes, bounded integers, and the rest.
/// Past the end every read answers zero, so any input, even an empty one, is a valid program.
///
/// ```swift
/// var input = FuzzInput(bytes)
/// let width = input.int(in: 0...200)
/// ```
public struct FuzzInput {
    private let bytes: [UInt8]
    private var index = 0

    public init<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        self.bytes = Array(bytes)
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { index >= bytes.count }

    /// The next byte (0 past the end).
    public mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    /// A number in `range`, from one byte (two when the range is wider than 256).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = range.upperBound - range.lowerBound + 1
        let raw = span > 256 ? Int(byte()) << 8 | Int(byte()) : Int(byte())
        return range.lowerBound + raw % span
    }

    /// A Boolean from one byte.
    public mutating func bool() -> Bool { byte() & 1 == 1 }

    /// The next `count` bytes (fewer at the end).
    public mutating func bytes(_ count: Int) -> [UInt8] {
        let end = min(bytes.count, index + max(0, count))
        defer { index = end }
        return Array(bytes[index..<end])
    }

    /// Every byte not read yet.
    public mutating func rest() -> [UInt8] { bytes(bytes.count - index) }
}
