@testable import AtariEnvironments

/// OpenCV's INTER_AREA loop written term by term, as `ResizeArea_Invoker` runs it: the
/// specification `AreaResize.apply` is checked against (`AreaResizeTests`).
extension AreaResize {
    /// Resizes `source` (sourceHeight × sourceWidth × channels bytes) walking OpenCV's term tables.
    func applyTermByTerm(_ source: [UInt8]) -> [UInt8] {
        let rowWidth = width * channels
        let sourceRowWidth = sourceWidth * channels
        var output = [UInt8](repeating: 0, count: height * rowWidth)
        var rowBuffer = [Float](repeating: 0, count: rowWidth)
        var sums = [Float](repeating: 0, count: rowWidth)
        var previousRow = yTerms.first?.destination ?? 0
        for yTerm in yTerms {
            let beta = yTerm.weight
            let row = yTerm.source * sourceRowWidth
            for index in 0..<rowWidth { rowBuffer[index] = 0 }
            for xTerm in xTerms {
                for channel in 0..<channels {
                    rowBuffer[xTerm.destination + channel] += Float(source[row + xTerm.source + channel]) * xTerm.weight
                }
            }
            if yTerm.destination != previousRow {
                for index in 0..<rowWidth {
                    output[previousRow * rowWidth + index] = Self.saturatingRound(sums[index])
                    sums[index] = beta * rowBuffer[index]
                }
                previousRow = yTerm.destination
            } else {
                for index in 0..<rowWidth { sums[index] += beta * rowBuffer[index] }
            }
        }
        for index in 0..<rowWidth { output[previousRow * rowWidth + index] = Self.saturatingRound(sums[index]) }
        return output
    }
}
