/// One CSV record: its fields and the line it starts on.
struct CSVRow {
  /// 1-based physical line where the record starts (the header is line 1).
  var line: Int
  var fields: [Substring]
  /// Why these bytes are not a record (a quoted field that never closes, a line too long to be
  /// telemetry); `fields` is empty then.
  var malformation: String?

  /// An empty line: not a data row at all, so it is neither sampled nor counted as bad.
  var isBlank: Bool { malformation == nil && fields.count == 1 && fields[0].allSatisfy { $0 == " " || $0 == "\t" } }
}

/// Where the readers get records from. Splitting CSV is kept behind this so the splitter (today
/// `RFC4180RowSource`, hand-written: docs/csv.md explains why) could be replaced by a library in
/// one file.
protocol CSVRowSource {
  /// The next record (the first is the header), or nil at the end of the input.
  /// - Throws: `CSVInputError` when the bytes cannot be read or are not UTF-8 text.
  mutating func next() throws -> CSVRow?
}

/// Why a row source could not go on at all (as opposed to one malformed record).
enum CSVInputError: Error {
  case unreadable(String)
  case unsupportedEncoding(String)
}
