import Foundation

/// Reads telemetry CSVs in any dialect of docs/formats.md section 5 into a `TelemetrySeries` in SI
/// units. The dialect is detected from the header; rows are streamed, so a file's size costs
/// only its samples in memory.
public enum CSVTelemetryReader {
  /// The dialect a header belongs to: the one that knows most of its columns (case, spaces,
  /// punctuation, units and a BOM do not matter). Nil when it knows none.
  public static func detectDialect(header: [String]) -> CSVDialect? {
    detectDialect(header.map { CSVColumnHeader(Substring($0)) })
  }

  /// Reads the CSV file at `path`.
  /// - Parameters:
  ///   - zoneForNaiveTimes: the zone of times written without one (a logger on local time); when
  ///     nil such a time is an error. A zone in the header (`Timestamp (PDT)`) wins over it.
  /// - Returns: the samples and the rows left out; isolated bad rows do not fail the file.
  /// - Throws: `CSVProblem` naming file, line and column when the file is unusable: it cannot be
  ///   read, is empty or header-only, its header matches no dialect or lacks a required column or
  ///   states an unknown unit, a time has no zone, more than half its rows are bad, or its time
  ///   goes backwards on most rows.
  ///   - keeping: which good samples to keep, by time on the series' clock (relative series: from
  ///     their first sample) and whether that clock is absolute; nil keeps all. The others are
  ///     counted (`samplesNotKept`) and not held: ingest keeps only what falls inside its clips,
  ///     so a long log costs the memory of the minutes it has video for.
  public static func read(
    path: String, zoneForNaiveTimes: TimeZone? = nil,
    keeping keep: ((_ timeS: Double, _ isAbsolute: Bool) -> Bool)? = nil
  ) throws -> CSVTelemetryFile {
    let input: CSVFileInput
    do { input = try CSVFileInput(path: path) } catch let error as CSVInputError {
      throw problem(error, path: path)
    }
    var rows = RFC4180RowSource(input: input)
    let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
    return try read(rows: &rows, path: path, zoneForNaiveTimes: zoneForNaiveTimes, fileBytes: bytes, keep: keep)
  }

  /// Reads CSV bytes already in memory; `path` is what messages call them and where a Track Mode
  /// or TeslaCam file-name stamp is looked for.
  /// - Throws: `CSVProblem`, as `read(path:zoneForNaiveTimes:)`.
  public static func read(data: Data, path: String, zoneForNaiveTimes: TimeZone? = nil) throws -> CSVTelemetryFile {
    var rows = RFC4180RowSource(input: CSVDataInput(data: data))
    return try read(rows: &rows, path: path, zoneForNaiveTimes: zoneForNaiveTimes)
  }

  static func read(
    rows: inout some CSVRowSource, path: String, zoneForNaiveTimes: TimeZone?, fileBytes: Int64? = nil,
    keep: ((_ timeS: Double, _ isAbsolute: Bool) -> Bool)? = nil
  ) throws -> CSVTelemetryFile
  {
    do {
      var headerRow = try rows.next()
      while let row = headerRow, row.isBlank { headerRow = try rows.next() }
      guard let headerRow else {
        throw CSVProblem(
          path: path, line: 1,
          message: "the file is empty: a telemetry CSV starts with a header line "
            + "such as '\(canonicalHeader)' (docs/csv.md)")
      }
      if let malformation = headerRow.malformation {
        throw CSVProblem(path: path, line: headerRow.line, message: "the header cannot be read: \(malformation)")
      }
      let headers = headerRow.fields.map(CSVColumnHeader.init)
      guard let dialect = detectDialect(headers) else {
        let found = headers.map(\.text).joined(separator: ",")
        throw CSVProblem(
          path: path, line: headerRow.line,
          message: "the header matches none of the telemetry CSVs fsdlog "
            + "reads (\(CSVDialect.allCases.map(\.displayName).joined(separator: ", "))); fsdlog's own "
            + "starts '\(canonicalHeader)' (docs/csv.md). Found: \(CSVValue.quoted(Substring(found)))")
      }
      let layout = try CSVLayout(dialect: dialect, headers: headers, path: path, headerLine: headerRow.line)
      var builder = CSVSeriesBuilder(path: path, layout: layout, zoneForNaiveTimes: zoneForNaiveTimes)
      builder.fileBytes = keep == nil ? fileBytes : nil  // kept samples are few: no need to size for all
      builder.keep = keep
      while let row = try rows.next() { try builder.add(row) }
      let (series, firstFrameSequence) = try builder.finish(headerLine: headerRow.line)
      let startHint =
        series.isAbsoluteTime
        ? nil
        : CSVStartHint(
          localStart: CSVStartHint.localStart(fileName: path),
          firstFrameSeqNo: firstFrameSequence)
      var file = CSVTelemetryFile(
        path: path, dialect: dialect, series: series, skippedRows: builder.problems,
        startHint: startHint, dataRowCount: builder.dataRowCount,
        backwardRowCount: builder.backwardRowCount)
      file.samplesNotKept = builder.samplesNotKept
      file.timeSpanS = builder.timeSpanS
      return file
    } catch let error as CSVInputError {
      throw problem(error, path: path)
    }
  }

  static let canonicalHeader =
    "time,speed_mps,accel_long_mps2,accel_lat_mps2,brake,accelerator,steering_deg,autopilot,lat,lon,heading_deg"

  /// Ties go to the earlier dialect here: fsdlog's own first.
  static func detectDialect(_ headers: [CSVColumnHeader]) -> CSVDialect? {
    var scores = [Int](repeating: 0, count: CSVDialect.allCases.count)
    for header in headers {
      let bits =
        (CSVDialectColumns.dialectBitsByKey[header.key] ?? 0)
        | (CSVDialectColumns.dialectBitsByKey[header.fullKey] ?? 0)
      for index in scores.indices where bits & (1 << index) != 0 { scores[index] += 1 }
    }
    guard let best = scores.indices.max(by: { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 > $1) }),
      scores[best] > 0
    else { return nil }
    return CSVDialect.allCases[best]
  }

  private static func problem(_ error: CSVInputError, path: String) -> CSVProblem {
    switch error {
    case .unreadable(let reason):
      return CSVProblem(path: path, line: 0, message: "the file \(reason)")
    case .unsupportedEncoding(let encoding):
      return CSVProblem(path: path, line: 1, message: "the file is \(encoding) text: save it as UTF-8 (\"CSV UTF-8\")")
    }
  }
}
