/// One telemetry CSV read: its samples in SI units and what had to be left out.
public struct CSVTelemetryFile: Sendable {
  public let path: String
  public let dialect: CSVDialect
  /// Absolute (UTC seconds) for the canonical, Tessie and timestamped openpilot files; relative
  /// (seconds from the first sample) for Track Mode, Tesla's SEI export and openpilot's `t` /
  /// `logMonoTime`, which ingest places on a clip's clock with `startHint`.
  public let series: TelemetrySeries
  /// Rows left out, each with its line: rows that cannot be read (a bad value, a wrong number of
  /// fields) and rows whose time goes backwards.
  public let skippedRows: [CSVProblem]
  /// For relative series: what the file name and first row say about the start; nil for absolute
  /// series.
  public let startHint: CSVStartHint?
  /// Rows after the header, blank lines not counted.
  public let dataRowCount: Int
  /// How many of `skippedRows` were dropped because their time went backwards.
  public let backwardRowCount: Int
  /// Good samples left out because the reader was asked to keep only some times (ingest keeps
  /// those inside its clips: `CSVTelemetryReader.read(path:zoneForNaiveTimes:keeping:)`).
  public var samplesNotKept = 0
  /// The first and last good sample's time on the series' clock, kept or not; nil without any.
  public var timeSpanS: ClosedRange<Double>?

  /// One line for logs: `tree.csv: fsdlog canonical CSV, 998 samples from 1000 rows (1 unreadable
  /// row skipped, 1 row whose time goes backwards dropped)`.
  public var summary: String {
    var notes: [String] = []
    let unreadable = skippedRows.count - backwardRowCount
    if unreadable > 0 { notes.append("\(unreadable) unreadable row\(unreadable == 1 ? "" : "s") skipped") }
    if backwardRowCount > 0 {
      notes.append("\(backwardRowCount) row\(backwardRowCount == 1 ? "" : "s") whose time goes backwards dropped")
    }
    if samplesNotKept > 0 { notes.append("\(samplesNotKept) outside every clip not kept") }
    let counts = "\(series.samples.count + samplesNotKept) samples from \(dataRowCount) rows"
    return "\(path): \(dialect.displayName), \(counts)" + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))")
  }
}
