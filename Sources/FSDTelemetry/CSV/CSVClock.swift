import Foundation

/// A header column matched to a role, with the factor from its unit to fsdlog's.
struct CSVResolvedColumn: Sendable {
  let index: Int
  /// As the header writes it, for messages.
  let header: String
  let scale: Double
}

/// Puts rows on a time line, in whichever way the dialect says when a row was taken. Reading a
/// row does not change the clock; `commit()` does, once the row is kept, so a dropped row cannot
/// disturb the lap arithmetic.
struct CSVClock {
  enum Kind {
    /// Timestamps or Unix numbers (`numberScale` from the header unit: 1 for s, 0.001 for ms).
    /// With `allowsRelative` (openpilot's `time`), small numbers mean seconds from the start.
    case timestamps(CSVResolvedColumn, headerZone: CSVZone?, allowsRelative: Bool)
    /// Numbers from an arbitrary start (openpilot `t`, `logMonoTime`).
    case relative(CSVResolvedColumn)
    /// Tesla SEI export: frame counter ÷ an assumed frame rate.
    case frameSequence(CSVResolvedColumn, framesPerSecond: Double)
    /// No time column: rows at an assumed rate.
    case rowIndex(rateHz: Double)
    /// Track Mode: elapsed time that restarts each lap, accumulated across laps.
    case lapElapsed(lap: CSVResolvedColumn?, elapsed: CSVResolvedColumn)
  }

  enum Reading {
    case time(Double)
    /// The row is out of order for a reason the clock can tell (an earlier lap).
    case backwards(String)
  }

  /// Unix seconds outside this range are not dashcam times (1973–2286): likely a unit mistake.
  static let plausibleUnixSeconds = 1e8...1e10
  /// Track Mode samples ~45 Hz; the step is learned from the file as soon as a lap has two rows.
  static let trackModeStepS = 1.0 / 45

  let kind: Kind
  let path: String
  let zoneForNaiveTimes: TimeZone?
  /// False for dialects whose times count from the series start; openpilot's `time` decides on
  /// its first row.
  private(set) var isAbsolute: Bool
  private var decidedRelative: Bool?
  private(set) var firstFrameSequence: UInt64?
  private var pendingFrameSequence: UInt64?
  private var lap = LapState()
  private var pendingLap: LapState?

  private struct LapState {
    var number: Double?
    var startS = 0.0
    var lastS: Double?
    var lastElapsedS = 0.0
    var stepS = CSVClock.trackModeStepS
  }

  init(kind: Kind, path: String, zoneForNaiveTimes: TimeZone?) {
    self.kind = kind
    self.path = path
    self.zoneForNaiveTimes = zoneForNaiveTimes
    switch kind {
    case .timestamps(_, _, let allowsRelative): isAbsolute = !allowsRelative
    case .relative, .frameSequence, .rowIndex, .lapElapsed: isAbsolute = false
    }
  }

  /// The time column's header, for messages about time.
  var columnName: String? {
    switch kind {
    case .timestamps(let column, _, _), .relative(let column), .frameSequence(let column, _): column.header
    case .rowIndex: nil
    case .lapElapsed(_, let elapsed): elapsed.header
    }
  }

  /// - Throws: `CSVCellError` for a time that does not parse; `CSVProblem` for a zone-less time
  ///   with no zone to apply (every row would fail the same way).
  mutating func read(_ row: CSVRow, dataRowIndex: Int) throws -> Reading {
    pendingLap = nil
    pendingFrameSequence = nil
    switch kind {
    case .timestamps(let column, let headerZone, let allowsRelative):
      return .time(try timestamp(row, column, headerZone: headerZone, allowsRelative: allowsRelative))
    case .relative(let column):
      return .time(try number(row, column) * column.scale)
    case .frameSequence(let column, let framesPerSecond):
      let cell = CSVValue.trimmed(row.fields[column.index])
      guard let frame = CSVValue.counter(cell) else {
        throw CSVCellError(column: column.header, message: "\(CSVValue.quoted(cell)) is not a frame number")
      }
      pendingFrameSequence = frame
      // Counted from the first frame kept, in whole frames, so times are exact multiples of 1/fps.
      guard let first = firstFrameSequence else { return .time(0) }
      guard frame >= first else { return .backwards("frame \(frame) comes after frame \(first), the first") }
      return .time(Double(frame - first) / framesPerSecond)
    case .rowIndex(let rateHz):
      return .time(Double(dataRowIndex) / rateHz)
    case .lapElapsed(let lapColumn, let elapsedColumn):
      return try lapTime(row, lapColumn: lapColumn, elapsedColumn: elapsedColumn)
    }
  }

  /// The last row read is kept.
  mutating func commit() {
    if let pendingLap { lap = pendingLap }
    if firstFrameSequence == nil { firstFrameSequence = pendingFrameSequence }
  }

  private func number(_ row: CSVRow, _ column: CSVResolvedColumn) throws -> Double {
    let cell = CSVValue.trimmed(row.fields[column.index])
    guard !cell.isEmpty else { throw CSVCellError(column: column.header, message: "the time is empty") }
    guard let value = CSVValue.number(cell) else {
      throw CSVCellError(column: column.header, message: "\(CSVValue.quoted(cell)) is not a number")
    }
    return value
  }

  /// The unit a thousand times smaller than the column's (s → ms → us → ns), for the hint on a
  /// number too large to be a Unix time in the column's own unit.
  static func nextSmallerUnit(scale: Double) -> (name: String, suffix: String)? {
    switch scale {
    case 1: ("milliseconds", "ms")
    case 1e-3: ("microseconds", "us")
    case 1e-6: ("nanoseconds", "ns")
    default: nil
    }
  }

  /// The header with its unit replaced by `unit` ("time_ms" → "time_us", "Time (s)" → "Time (ms)"),
  /// or with `_unit` added when it states none ("time" → "time_ms"), never "time_ms_ms".
  static func renamed(_ header: String, unit: String) -> String {
    guard let stated = CSVColumnHeader(Substring(header)).unitText,
      let range = header.range(of: stated, options: [.backwards, .caseInsensitive])
    else { return header + "_" + unit }
    return header.replacingCharacters(in: range, with: unit)
  }

  private mutating func timestamp(
    _ row: CSVRow, _ column: CSVResolvedColumn, headerZone: CSVZone?,
    allowsRelative: Bool
  ) throws -> Double {
    let cell = CSVValue.trimmed(row.fields[column.index])
    guard !cell.isEmpty else { throw CSVCellError(column: column.header, message: "the time is empty") }
    if let value = CSVValue.number(cell) {
      let seconds = value * column.scale
      if allowsRelative, decidedRelative ?? (seconds < Self.plausibleUnixSeconds.lowerBound) {
        decidedRelative = true
        isAbsolute = false
        return seconds
      }
      guard Self.plausibleUnixSeconds.contains(seconds) else {
        let smaller = Self.nextSmallerUnit(scale: column.scale)
        var hint = "times must be absolute: ISO 8601 with a zone, or Unix seconds"
        if seconds > Self.plausibleUnixSeconds.upperBound, let smaller {
          hint = "if these are \(smaller.name), name the column \(Self.renamed(column.header, unit: smaller.suffix))"
        }
        throw CSVCellError(
          column: column.header,
          message: "\(CSVValue.quoted(cell)) is not a plausible Unix time in seconds (\(hint))")
      }
      decidedRelative = false
      isAbsolute = true
      return seconds
    }
    guard decidedRelative != true, let parsed = CSVTimestamp.parse(cell) else {
      throw CSVCellError(
        column: column.header,
        message: "\(CSVValue.quoted(cell)) is not a time "
          + "(expected ISO 8601 such as 2026-11-02T16:14:31Z, or Unix seconds)")
    }
    decidedRelative = false
    isAbsolute = true
    switch parsed {
    case .utc(let seconds):
      return seconds
    case .local(let localS):
      if let headerZone { return headerZone.utcSeconds(fromLocal: localS) }
      if let zoneForNaiveTimes { return CSVZone.region(zoneForNaiveTimes).utcSeconds(fromLocal: localS) }
      throw CSVProblem(
        path: path, line: row.line, column: column.header,
        message:
          "\(CSVValue.quoted(cell)) has no time zone, so fsdlog cannot tell when it was: write times with their zone "
          + "(2026-11-02T08:14:31-08:00, or a Z for UTC), name the zone in the header (\(column.header) (PDT)), "
          + "or tell fsdlog which zone the logger used")
    }
  }

  private mutating func lapTime(
    _ row: CSVRow, lapColumn: CSVResolvedColumn?,
    elapsedColumn: CSVResolvedColumn
  ) throws -> Reading {
    let elapsedS = try number(row, elapsedColumn) * elapsedColumn.scale
    var lapNumber: Double?
    if let lapColumn {
      let cell = CSVValue.trimmed(row.fields[lapColumn.index])
      if !cell.isEmpty {
        guard let value = CSVValue.number(cell) else {
          throw CSVCellError(column: lapColumn.header, message: "\(CSVValue.quoted(cell)) is not a lap number")
        }
        lapNumber = value
      }
    }
    var next = lap
    defer { pendingLap = next }
    guard let lastS = lap.lastS else {
      next.number = lapNumber
      next.lastS = elapsedS
      next.lastElapsedS = elapsedS
      return .time(elapsedS)
    }
    if let lapNumber, let current = lap.number, lapNumber < current {
      next = lap
      return .backwards("lap \(Self.format(lapNumber)) comes after lap \(Self.format(current))")
    }
    let newLap: Bool
    if let lapNumber, let current = lap.number {
      newLap = lapNumber > current
    } else {
      // Without lap numbers, a restart near zero is the only sign of a new lap.
      newLap = lapColumn == nil && elapsedS < lap.lastElapsedS && elapsedS < 1
    }
    let timeS: Double
    if newLap {
      // The lap line was crossed between the last sample and this one: keep the sampling step,
      // unless this sample is further into its lap than one step (a logging gap).
      timeS = lastS + max(lap.stepS, elapsedS)
      next.startS = timeS - elapsedS
    } else {
      timeS = lap.startS + elapsedS
      let stepS = timeS - lastS
      if stepS > 0, stepS < 1 { next.stepS = stepS }
    }
    next.number = lapNumber ?? lap.number
    next.lastS = timeS
    next.lastElapsedS = elapsedS
    return .time(timeS)
  }

  static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }
}
