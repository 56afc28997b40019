import FSDDomain
import Foundation

/// Turns rows into samples: values into SI, rows that cannot be read skipped and recorded,
/// rows whose time goes backwards dropped, and at the end the verdict on the file as a whole.
struct CSVSeriesBuilder {
  /// Plausibility limits: a value past these is a broken row (or a unit mix-up), not a reading.
  static let maxSpeedMPS = 150.0
  static let maxAccelerationMPS2 = 100.0
  /// How many problems a "this file is unusable" message lists.
  static let problemsListed = 5

  let path: String
  let layout: CSVLayout
  private var clock: CSVClock
  private(set) var samples: [TelemetrySample] = []
  private(set) var problems: [CSVProblem] = []
  private(set) var dataRowCount = 0
  private(set) var unreadableRowCount = 0
  private(set) var backwardRowCount = 0
  private var lastKept: (timeS: Double, line: Int)?
  /// The file's size, when known: the samples array is sized once from it (`reserveForFile`).
  var fileBytes: Int64?
  /// Which good samples to keep, by time on the series' clock (relative series: from the first
  /// sample) and whether that clock is absolute; nil keeps all. The others are only counted.
  var keep: ((_ timeS: Double, _ isAbsolute: Bool) -> Bool)?
  private(set) var samplesNotKept = 0
  /// The first and last good sample's time as read (before a relative series is rebased).
  private var firstTimeS: Double?
  private var lastTimeS: Double?

  init(path: String, layout: CSVLayout, zoneForNaiveTimes: TimeZone?) {
    self.path = path
    self.layout = layout
    clock = CSVClock(kind: layout.clockKind, path: path, zoneForNaiveTimes: zoneForNaiveTimes)
  }

  /// - Throws: `CSVProblem` only for what dooms the whole file (a zone-less time, say).
  mutating func add(_ row: CSVRow) throws {
    if row.isBlank { return }
    let dataRowIndex = dataRowCount
    dataRowCount += 1
    if dataRowIndex == 0 { reserveForFile(firstRow: row) }
    if let malformation = row.malformation { return reject(row.line, nil, malformation) }
    guard
      row.fields.count == layout.columnCount
        || (row.fields.count > layout.columnCount && row.fields[layout.columnCount...].allSatisfy(\.isEmpty))
    else {
      return reject(
        row.line, nil,
        "the row has \(row.fields.count) fields but the header has \(layout.columnCount) "
          + "(a comma too many or too few, or a cut-off line)")
    }
    do {
      let reading = try clock.read(row, dataRowIndex: dataRowIndex)
      var sample = TelemetrySample(timeS: 0)
      for binding in layout.bindings { try Self.apply(binding, row.fields[binding.column.index], to: &sample) }
      switch reading {
      case .backwards(let reason):
        dropBackward(row.line, reason)
      case .time(let timeS):
        if let lastKept, timeS < lastKept.timeS {
          return dropBackward(
            row.line,
            "the time goes back \(Self.seconds(lastKept.timeS - timeS)) from line "
              + "\(lastKept.line)'s")
        }
        sample.timeS = timeS
        clock.commit()
        lastKept = (timeS, row.line)
        let originS = firstTimeS ?? timeS
        if firstTimeS == nil { firstTimeS = timeS }
        lastTimeS = timeS
        // The same subtraction `finish` makes for a relative series, so the time tested is the
        // time the sample would have.
        if let keep, !keep(clock.isAbsolute ? timeS : timeS - originS, clock.isAbsolute) {
          samplesNotKept += 1
          return
        }
        samples.append(sample)
      }
    } catch let cell as CSVCellError {
      reject(row.line, cell.column, cell.message)
    }
  }

  /// The series, or the reason the file is not usable.
  mutating func finish(headerLine: Int) throws -> (series: TelemetrySeries, firstFrameSequence: UInt64?) {
    guard dataRowCount > 0 else {
      throw CSVProblem(path: path, line: headerLine, message: "the file has a header but no data rows")
    }
    if unreadableRowCount * 2 > dataRowCount || (samples.isEmpty && samplesNotKept == 0 && backwardRowCount == 0) {
      let listed = problems.filter { !$0.message.hasPrefix(Self.backwardMarker) }.prefix(Self.problemsListed)
      throw CSVProblem(
        path: path, line: listed.first?.line ?? headerLine,
        message:
          "\(unreadableRowCount) of \(dataRowCount) data rows cannot be read, so the file is not used "
          + "(more than half are bad: is this really a \(layout.dialect.displayName)?). First problems:\n"
          + listed.map { "  \($0)" }.joined(separator: "\n"))
    }
    let timedRows = dataRowCount - unreadableRowCount
    if backwardRowCount * 2 > timedRows {
      let first = problems.first { $0.message.hasPrefix(Self.backwardMarker) }
      throw CSVProblem(
        path: path, line: first?.line ?? headerLine, column: clock.columnName,
        message:
          "the time goes backwards on \(backwardRowCount) of \(timedRows) rows (first: \(first?.message ?? "")): "
          + "sort the file by time, oldest first")
    }
    if !clock.isAbsolute, let startS = firstTimeS, startS != 0 {
      for index in samples.indices { samples[index].timeS -= startS }
    }
    let series = TelemetrySeries(
      source: layout.dialect.seriesSource, isAbsoluteTime: clock.isAbsolute, samples: samples)
    return (series, clock.firstFrameSequence)
  }

  /// The first and last good sample's time on the series' clock (as `finish` leaves it).
  var timeSpanS: ClosedRange<Double>? {
    guard let firstTimeS, let lastTimeS, lastTimeS >= firstTimeS else { return nil }
    return clock.isAbsolute ? firstTimeS...lastTimeS : 0...(lastTimeS - firstTimeS)
  }

  private static let backwardMarker = "the time goes back"

  /// Sizes `samples` once for the whole file, from its size over the first row's length (plus a
  /// quarter for shorter rows). Grown by doubling instead, the last copy holds the old and the
  /// new buffer at once: twice the samples' memory at the peak, 800 MB for a 189 MB file. Pages
  /// reserved but never written cost no memory.
  private mutating func reserveForFile(firstRow row: CSVRow) {
    guard let fileBytes, row.malformation == nil else { return }
    let rowBytes = row.fields.reduce(row.fields.count) { $0 + $1.utf8.count }  // commas and the line end
    let expectedRows = Double(fileBytes) / Double(max(rowBytes, 8)) * 1.25
    samples.reserveCapacity(Int(min(expectedRows, 100_000_000)))
  }

  private mutating func reject(_ line: Int, _ column: String?, _ message: String) {
    unreadableRowCount += 1
    problems.append(CSVProblem(path: path, line: line, column: column, message: message + "; row skipped"))
  }

  private mutating func dropBackward(_ line: Int, _ reason: String) {
    backwardRowCount += 1
    let message = reason.hasPrefix(Self.backwardMarker) ? reason : "\(Self.backwardMarker)wards (\(reason))"
    problems.append(CSVProblem(path: path, line: line, column: clock.columnName, message: message + "; row dropped"))
  }

  static func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }

  /// One cell into the sample; an empty cell leaves the field missing.
  static func apply(_ binding: CSVLayout.Binding, _ raw: Substring, to sample: inout TelemetrySample) throws {
    let cell = CSVValue.trimmed(raw)
    if cell.isEmpty { return }
    let column = binding.column
    func number(limit: Double? = nil, unit: String = "") throws -> Double {
      guard let value = CSVValue.number(cell) else {
        throw CSVCellError(column: column.header, message: "\(CSVValue.quoted(cell)) is not a number")
      }
      let converted = value * column.scale
      if let limit, abs(converted) > limit {
        throw CSVCellError(
          column: column.header,
          message: "\(CSVValue.quoted(cell)) is out of range "
            + "(\(String(format: "%g", converted)) \(unit), limit ±\(String(format: "%g", limit)) \(unit))")
      }
      return converted
    }
    func flag() throws -> Bool {
      guard let value = CSVValue.flag(cell) else {
        throw CSVCellError(
          column: column.header, message: "\(CSVValue.quoted(cell)) is not a yes/no value (1/0, true/false)")
      }
      return value
    }
    switch binding.role {
    case .speed: sample.speedMPS = try number(limit: maxSpeedMPS, unit: "m/s")
    case .accelLong: sample.accelLongMPS2 = try number(limit: maxAccelerationMPS2, unit: "m/s²")
    case .accelLat: sample.accelLatMPS2 = try number(limit: maxAccelerationMPS2, unit: "m/s²")
    case .accelX: sample.accelXMPS2 = try number(limit: maxAccelerationMPS2, unit: "m/s²")
    case .accelY: sample.accelYMPS2 = try number(limit: maxAccelerationMPS2, unit: "m/s²")
    case .accelZ: sample.accelZMPS2 = try number(limit: maxAccelerationMPS2, unit: "m/s²")
    case .accelerator:
      let position = try number()
      // Rounding in exports puts a pedal at 100.04 % or -0.001: tolerate that, not more.
      guard (-0.01...1.01).contains(position) else {
        throw CSVCellError(
          column: column.header,
          message: "\(CSVValue.quoted(cell)) is not a pedal position "
            + "(0…1 after units; is the header's unit right?)")
      }
      sample.acceleratorPedal = min(max(position, 0), 1)
    case .acceleratorPressed: sample.acceleratorPedal = try flag() ? 1 : 0
    case .brakePedal: sample.brakePedal = try flag()
    case .brakePressure: sample.brakePedal = try number(limit: 1000, unit: "bar") > CSVColumnSpec.brakeOnPressureBar
    case .steering: sample.steeringDeg = try number(limit: 10_000, unit: "°")
    case .heading: sample.headingDeg = try number(limit: 10_000, unit: "°")
    case .latitude: sample.latitudeDeg = try number(limit: 90, unit: "°")
    case .longitude: sample.longitudeDeg = try number(limit: 180, unit: "°")
    case .cruiseEnabled: sample.autopilot = try flag() ? .tacc : AutopilotMode.none
    case .autopilot:
      guard let mode = CSVValue.autopilot(cell) else {
        throw CSVCellError(
          column: column.header,
          message: "\(CSVValue.quoted(cell)) is not an autopilot state "
            + "(NONE, SELF_DRIVING, AUTOSTEER, TACC)")
      }
      sample.autopilot = mode
    case .time, .relativeTime, .lapElapsed, .lap, .frameSequence:
      break
    }
  }
}
