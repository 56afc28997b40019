/// Something wrong in a telemetry CSV, located well enough to fix it: the file, the line (the
/// header is line 1) and the column. Thrown when the whole file is unusable; otherwise collected
/// in `CSVTelemetryFile.skippedRows` for each row that was left out.
public struct CSVProblem: Error, Sendable, Equatable, CustomStringConvertible {
  public let path: String
  /// 1-based line; 0 when the problem is the file itself (it cannot be opened or read).
  public let line: Int
  /// The column as the header writes it, when the problem is one cell or one column.
  public let column: String?
  public let message: String

  public init(path: String, line: Int, column: String? = nil, message: String) {
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  /// `PATH:LINE: column 'speed_mps': 'abc' is not a number`.
  public var description: String {
    let location = line > 0 ? "\(path):\(line)" : path
    guard let column else { return "\(location): \(message)" }
    return "\(location): column '\(column)': \(message)"
  }
}
