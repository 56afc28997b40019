import Foundation

/// Reads the car's software-update history from a TeslaMate or TeslaFi CSV export, for
/// `fsdlog fsd-version import`. The layouts are the real ones:
///
/// - TeslaMate: the `updates` table, created by priv/repo/migrations/20190408203117_create_updates.exs
///   and mapped by lib/teslamate/log/update.ex in github.com/teslamate-org/teslamate: `id`,
///   `start_date` and `end_date` (UTC, `end_date` empty until the installation finishes),
///   `version` ("2024.14.9 35c7ac6a3f": firmware then build hash; TeslaMate's own dashboards show
///   `split_part(version, ' ', 1)`), `car_id`. `psql -c "\copy (SELECT * FROM updates) TO STDOUT
///   WITH CSV HEADER"` writes that header and times such as `2024-05-01 10:22:33.123` (UTC, no
///   zone) or, for `timestamptz`, `2024-05-01 10:22:33.123+00`.
/// - TeslaFi: the monthly "Settings → Advanced → Download TeslaFi Data" CSV, one row per poll,
///   ~150 columns starting `data_id,Date,calendar_enabled,...`; the firmware is `car_version`
///   (empty while the car sleeps). TeslaMate imports these files (lib/teslamate/import/line_parser.ex,
///   fixtures test/fixtures/import/01_complete/TeslaFi72016.csv and 07_alternative_variant/112023.csv)
///   and reads `Date` as `2016-07-01 00:00:35`, `7/1/2016 12:00:35 AM` or `7/1/2016 0:00`; its
///   docs (website/docs/import/teslafi.md) say these times are already in the local time zone of
///   the TeslaFi account's home address, so the date part is the car-local day as it stands.
///
/// A TeslaMate version counts from the day its installation finished (`end_date`), a TeslaFi
/// version from the first day a poll shows it. A file that cannot be read as a whole is an error
/// naming file and line: an import is all or nothing, so no row is guessed at.
public enum FirmwareHistoryReader {
  /// The format a header belongs to, by its column names (case and surrounding spaces ignored).
  public static func detect(header: [String]) -> FirmwareHistorySource? {
    let names = Set(header.map { normalized(Substring($0)) })
    if names.isSuperset(of: ["version", "end_date"]) { return .teslamate }
    if names.isSuperset(of: ["date", "car_version"]) { return .teslafi }
    return nil
  }

  /// Reads the CSV file at `path`.
  /// - Parameters:
  ///   - source: the format; detected from the header when nil.
  ///   - zone: the car's zone, for TeslaMate's UTC times (TeslaFi's are local already).
  ///   - carID: which car of a TeslaMate database holding several (`car_id`).
  /// - Throws: `CSVProblem` naming the file and line.
  public static func read(
    path: String, source: FirmwareHistorySource? = nil, zone: TimeZone, carID: Int? = nil
  ) throws -> FirmwareHistory {
    let input: CSVFileInput
    do { input = try CSVFileInput(path: path) } catch CSVInputError.unreadable(let reason) {
      throw CSVProblem(path: path, line: 0, message: "the file \(reason)")
    }
    var rows = RFC4180RowSource(input: input)
    return try read(rows: &rows, path: path, source: source, zone: zone, carID: carID)
  }

  /// Reads CSV bytes already in memory (psql's output); `path` is what messages call them.
  public static func read(
    data: Data, path: String, source: FirmwareHistorySource? = nil, zone: TimeZone, carID: Int? = nil
  ) throws -> FirmwareHistory {
    var rows = RFC4180RowSource(input: CSVDataInput(data: data))
    return try read(rows: &rows, path: path, source: source, zone: zone, carID: carID)
  }

  static func read(
    rows: inout some CSVRowSource, path: String, source requested: FirmwareHistorySource?, zone: TimeZone,
    carID: Int?
  ) throws -> FirmwareHistory {
    do {
      var headerRow = try rows.next()
      while let row = headerRow, row.isBlank { headerRow = try rows.next() }
      guard let headerRow else {
        throw CSVProblem(path: path, line: 1, message: "the file is empty: \(expectedHeaders)")
      }
      if let malformation = headerRow.malformation {
        throw CSVProblem(path: path, line: headerRow.line, message: "the header cannot be read: \(malformation)")
      }
      let names = headerRow.fields.map(normalized)
      let header = headerRow.fields.map { String($0) }
      guard let detected = detect(header: header) else {
        throw CSVProblem(
          path: path, line: headerRow.line,
          message: "the header is neither TeslaMate's nor TeslaFi's: \(expectedHeaders). Found: "
            + CSVValue.quoted(Substring(header.joined(separator: ","))))
      }
      let source = requested ?? detected
      if source != detected {
        throw CSVProblem(
          path: path, line: headerRow.line,
          message: "--from \(source.rawValue) was given, but the header is \(detected.toolName)'s "
            + "(\(source == .teslamate ? "TeslaMate's has version and end_date" : "TeslaFi's has Date and car_version"))")
      }
      var collector = Collector(path: path)
      switch source {
      case .teslamate:
        try readTeslaMate(rows: &rows, names: names, into: &collector, zone: zone, carID: carID)
      case .teslafi:
        try readTeslaFi(rows: &rows, names: names, into: &collector)
      }
      return collector.history(source: source, zone: source == .teslamate ? zone.identifier : nil)
    } catch let error as CSVInputError {
      switch error {
      case .unreadable(let reason): throw CSVProblem(path: path, line: 0, message: "the file \(reason)")
      case .unsupportedEncoding(let encoding):
        throw CSVProblem(path: path, line: 1, message: "the file is \(encoding) text: save it as UTF-8")
      }
    }
  }

  private static let expectedHeaders =
    "TeslaMate's updates table starts 'id,start_date,end_date,version,car_id', "
    + "TeslaFi's data download 'data_id,Date,...' with a car_version column"

  // MARK: - TeslaMate

  private static func readTeslaMate(
    rows: inout some CSVRowSource, names: [String], into collector: inout Collector, zone: TimeZone, carID: Int?
  ) throws {
    let versionColumn = names.firstIndex(of: "version")!
    let endColumn = names.firstIndex(of: "end_date")!
    let carColumn = names.firstIndex(of: "car_id")
    // Rows are kept until the end: which car they belong to is known only once every row is read.
    var byCar: [Int: [(line: Int, version: String, day: String)]] = [:]
    var skippedByCar: [Int: [(reason: String, line: Int)]] = [:]
    while let row = try rows.next() {
      if row.isBlank { continue }
      let fields = try checkedFields(row, needing: max(versionColumn, endColumn, carColumn ?? 0), path: collector.path)
      var car = 0
      if let carColumn {
        let cell = CSVValue.trimmed(fields[carColumn])
        guard let value = Int(cell) else {
          throw CSVProblem(
            path: collector.path, line: row.line, column: "car_id", message: "\(CSVValue.quoted(cell)) is not a car id")
        }
        car = value
      }
      guard let version = try firmwareVersion(fields[versionColumn], line: row.line, column: "version", path: collector.path)
      else {
        skippedByCar[car, default: []].append(("no version (TeslaMate had not recorded one)", row.line))
        continue
      }
      let endCell = CSVValue.trimmed(fields[endColumn])
      if endCell.isEmpty {
        skippedByCar[car, default: []].append(("no end_date (the installation was not recorded as finished)", row.line))
        continue
      }
      guard let end = utcTimestamp(endCell) else {
        throw CSVProblem(
          path: collector.path, line: row.line, column: "end_date",
          message: "\(CSVValue.quoted(endCell)) is not a time such as 2024-05-01 10:22:33.123")
      }
      byCar[car, default: []].append((row.line, version, day(of: end, in: zone)))
    }
    let cars = Set(byCar.keys).union(skippedByCar.keys).sorted()
    let chosen: Int
    if let carID {
      guard cars.contains(carID) else {
        throw CSVProblem(
          path: collector.path, line: 0,
          message: "holds no update of car_id \(carID) (it has \(cars.map(String.init).joined(separator: ", ")))")
      }
      chosen = carID
    } else if cars.count > 1 {
      throw CSVProblem(
        path: collector.path, line: 0,
        message: "holds the updates of several cars (car_id \(cars.map(String.init).joined(separator: ", "))): "
          + "choose one with --car-id")
    } else {
      chosen = cars.first ?? 0
    }
    for row in byCar[chosen] ?? [] { collector.saw(row.version, on: row.day, line: row.line) }
    for skip in skippedByCar[chosen] ?? [] { collector.skip(skip.reason, line: skip.line) }
  }

  /// `2024-05-01 10:22:33`, with optional fraction and zone (`Z`, `+00`, `+02:00`, `-0530`);
  /// without a zone it is UTC, as TeslaMate stores it.
  static func utcTimestamp(_ cell: Substring) -> Date? {
    let pattern = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:(Z)|([+-])(\d{2}):?(\d{2})?)?$/
    guard let match = cell.wholeMatch(of: pattern) else { return nil }
    var components = DateComponents()
    components.calendar = Calendar(identifier: .gregorian)
    components.timeZone = TimeZone(identifier: "UTC")
    (components.year, components.month, components.day) = (Int(match.1), Int(match.2), Int(match.3))
    (components.hour, components.minute, components.second) = (Int(match.4), Int(match.5), Int(match.6))
    guard components.isValidDate, let base = components.date else { return nil }
    var seconds = base.timeIntervalSinceReferenceDate + (match.7.flatMap { Double("0" + $0) } ?? 0)
    if let sign = match.9, let hours = Int(match.10 ?? "") {
      let offset = Double(hours * 3600 + (Int(match.11 ?? "") ?? 0) * 60)
      seconds -= sign == "+" ? offset : -offset
    }
    return Date(timeIntervalSinceReferenceDate: seconds)
  }

  static func day(of date: Date, in zone: TimeZone) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
  }

  // MARK: - TeslaFi

  private static func readTeslaFi(
    rows: inout some CSVRowSource, names: [String], into collector: inout Collector
  ) throws {
    let dateColumn = names.firstIndex(of: "date")!
    let versionColumn = names.firstIndex(of: "car_version")!
    // A month is ~44,000 polls repeating a few versions and 30 days: each distinct version cell
    // and each day is parsed once (parsing every row took seconds).
    var lastVersionCell: Substring?
    var lastVersion: String?
    var days: [Substring: String] = [:]
    while let row = try rows.next() {
      if row.isBlank { continue }
      let fields = try checkedFields(row, needing: max(dateColumn, versionColumn), path: collector.path)
      let versionCell = fields[versionColumn]
      if versionCell != lastVersionCell {
        lastVersion = try firmwareVersion(versionCell, line: row.line, column: "car_version", path: collector.path)
        lastVersionCell = versionCell
      }
      guard let version = lastVersion else {
        collector.skip("no car_version (TeslaFi polls the car asleep or offline without one)", line: row.line)
        continue
      }
      let dateCell = CSVValue.trimmed(fields[dateColumn])
      let datePart = dateCell.prefix { $0 != " " && $0 != "T" }
      if let day = days[datePart] {
        collector.saw(version, on: day, line: row.line)
        continue
      }
      guard let day = localDay(dateCell) else {
        throw CSVProblem(
          path: collector.path, line: row.line, column: "Date",
          message: "\(CSVValue.quoted(dateCell)) is not a TeslaFi date such as 2016-07-01 00:00:35 or 7/1/2016 12:00:35 AM")
      }
      days[datePart] = day
      collector.saw(version, on: day, line: row.line)
    }
  }

  /// The day of a TeslaFi `Date` in the three forms TeslaMate's importer accepts.
  static func localDay(_ cell: Substring) -> String? {
    let year, month, day: Int
    if let match = cell.wholeMatch(of: /^(\d{4})-(\d{1,2})-(\d{1,2})[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/) {
      (year, month, day) = (Int(match.1)!, Int(match.2)!, Int(match.3)!)
    } else if let match = cell.wholeMatch(of: /^(\d{1,2})\/(\d{1,2})\/(\d{4}) \d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?$/) {
      (year, month, day) = (Int(match.3)!, Int(match.1)!, Int(match.2)!)
    } else {
      return nil
    }
    var components = DateComponents(year: year, month: month, day: day)
    components.calendar = Calendar(identifier: .gregorian)
    guard components.isValidDate else { return nil }
    return String(format: "%04d-%02d-%02d", year, month, day)
  }

  // MARK: - Shared

  /// The firmware version of a cell without its build hash, nil for an empty cell (or TeslaFi's
  /// "None"). Anything else that is not dotted numbers is an error: a wrong column or a broken row.
  static func firmwareVersion(_ cell: Substring, line: Int, column: String, path: String) throws -> String? {
    let trimmed = CSVValue.trimmed(cell)
    if trimmed.isEmpty || trimmed.lowercased() == "none" { return nil }
    let version = trimmed.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
    guard version.wholeMatch(of: /\d+(\.\d+)+/) != nil else {
      throw CSVProblem(
        path: path, line: line, column: column,
        message: "\(CSVValue.quoted(trimmed)) is not a firmware version such as 2024.14.9")
    }
    return version
  }

  private static func checkedFields(_ row: CSVRow, needing lastColumn: Int, path: String) throws -> [Substring] {
    if let malformation = row.malformation {
      throw CSVProblem(path: path, line: row.line, message: "the row cannot be read: \(malformation)")
    }
    guard row.fields.count > lastColumn else {
      throw CSVProblem(
        path: path, line: row.line,
        message: "the row has \(row.fields.count) field\(row.fields.count == 1 ? "" : "s"), "
          + "too few for the header's columns (a cut or broken row)")
    }
    return row.fields
  }

  private static func normalized(_ cell: Substring) -> String {
    CSVColumnHeader(cell).text.lowercased()
  }

  /// Each version's earliest day, plus the rows that named none.
  private struct Collector {
    let path: String
    var earliest: [String: FirmwareInstall] = [:]
    var repeatedRows = 0
    var skipped: [FirmwareSkippedRows] = []

    init(path: String) { self.path = path }

    mutating func saw(_ version: String, on day: String, line: Int) {
      if let known = earliest[version] {
        repeatedRows += 1
        guard day < known.sinceLocal else { return }
      }
      earliest[version] = FirmwareInstall(version: version, sinceLocal: day, line: line)
    }

    mutating func skip(_ reason: String, line: Int) {
      if let index = skipped.firstIndex(where: { $0.reason == reason }) {
        skipped[index].rows += 1
      } else {
        skipped.append(FirmwareSkippedRows(reason: reason, rows: 1, firstLine: line))
      }
    }

    func history(source: FirmwareHistorySource, zone: String?) -> FirmwareHistory {
      let installs = earliest.values.sorted { ($0.sinceLocal, $0.line) < ($1.sinceLocal, $1.line) }
      return FirmwareHistory(
        path: path, source: source, installs: installs, repeatedRows: repeatedRows, skipped: skipped, zone: zone)
    }
  }
}
