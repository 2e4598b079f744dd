import TikScoreCore

/// Something that draws itself into part of a buffer.
///
///     Paragraph(text: "Hello").render(in: area, buffer: &buffer)
protocol Widget {
    /// Draws into `area` of `buffer`, never outside it, whatever its size (0x0 included).
    func render(in area: Rect, buffer: inout Buffer)
}

extension Widget {
    /// Renders into a fresh `width` x `height` buffer; handy in tests.
    ///
    ///     Gauge(value: 1, total: 2).rendered(width: 10, height: 1).plainText()
    func rendered(width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        render(in: buffer.area, buffer: &buffer)
        return buffer
    }
}
