/// CSV records from UTF-8 bytes as RFC 4180 defines them (comma-separated, `"` quoting with `""`
/// for a quote, line breaks allowed inside quotes), read chunk by chunk so only the current
/// record is held. Lenient where exports are sloppy: LF, CRLF or a lone CR end a line; a quote in
/// the middle of a field is kept as text; text after a closing quote joins the field; a UTF-8 BOM
/// is dropped; invalid UTF-8 becomes U+FFFD (and then fails as a value, not as the file).
///
/// A quoted field that never closes would swallow the rest of the file, so it is reported as a
/// malformed record on the line where it opened and reading resumes on the next line. A record
/// longer than `maxRecordBytes` is treated the same way: no telemetry row is that long, and the
/// limit keeps memory bounded whatever the input.
struct RFC4180RowSource<Input: CSVByteInput>: CSVRowSource {
  private static var comma: UInt8 { 0x2C }
  private static var quote: UInt8 { 0x22 }
  private static var lineFeed: UInt8 { 0x0A }
  private static var carriageReturn: UInt8 { 0x0D }

  let maxRecordBytes: Int
  private var input: Input
  private var buffer: [UInt8] = []
  private var started = false
  private var inputEnded = false
  /// The current record is `buffer[recordStart..<scanIndex]` so far.
  private var recordStart = 0
  private var scanIndex = 0
  private var line = 1
  /// A CR ended the previous record; an LF right after it is part of the same line break.
  private var pendingLineFeed = false
  /// Skipping the rest of a line too long to keep.
  private var discarding = false
  private var scan = ScanState()

  /// Where the scan is inside the current record; kept across chunks.
  private struct ScanState {
    var inQuotes = false
    var atFieldStart = true
    var afterClosingQuote = false
    var sawQuote = false
    var quotedLineBreaks = 0
  }

  init(input: Input, maxRecordBytes: Int = 1 << 20) {
    self.input = input
    self.maxRecordBytes = maxRecordBytes
  }

  mutating func next() throws -> CSVRow? {
    if !started { try start() }
    while true {
      if discarding, !(try discardRestOfLine()) { return nil }
      if pendingLineFeed {
        if recordStart == buffer.count, !inputEnded {
          try refill()
          continue
        }
        if recordStart < buffer.count, buffer[recordStart] == Self.lineFeed {
          recordStart += 1
          scanIndex = recordStart
        }
        pendingLineFeed = false
      }
      let end = findRecordEnd()
      // Checked whether or not the end is buffered yet, so chunk sizes cannot change the outcome.
      if (end ?? scanIndex) - recordStart > maxRecordBytes {
        return runawayRecord(
          scan.inQuotes || scan.quotedLineBreaks > 0
            ? "a quoted field opened on this line runs on for more than \(maxRecordBytes / 1024) KiB"
            : "the line is longer than \(maxRecordBytes / 1024) KiB: this is not telemetry")
      }
      if let end { return finishRecord(end: end, hasTerminator: true) }
      if inputEnded {
        if recordStart >= buffer.count { return nil }
        if scan.inQuotes { return runawayRecord("a quoted field opened on this line is never closed") }
        return finishRecord(end: buffer.count, hasTerminator: false)
      }
      try refill()
    }
  }

  private mutating func start() throws {
    started = true
    // Enough bytes to recognise a byte-order mark, however small the chunks.
    while buffer.count < 3, !inputEnded { try refill() }
    if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
      recordStart = 3
      scanIndex = 3
    } else if buffer.starts(with: [0xFF, 0xFE]) || buffer.starts(with: [0xFE, 0xFF]) {
      throw CSVInputError.unsupportedEncoding("UTF-16")
    }
  }

  /// Drops what is consumed and appends a chunk; marks the end of input when none is left.
  private mutating func refill() throws {
    if recordStart > 0 {
      buffer.removeSubrange(0..<recordStart)
      scanIndex -= recordStart
      recordStart = 0
    }
    if !(try input.readChunk(into: &buffer)) { inputEnded = true }
  }

  /// Scans on from `scanIndex`; the index of the CR or LF that ends the record, if buffered.
  private mutating func findRecordEnd() -> Int? {
    var state = scan
    var index = scanIndex
    let end: Int? = buffer.withUnsafeBufferPointer { bytes in
      while index < bytes.count {
        let byte = bytes[index]
        if state.inQuotes {
          if byte == Self.quote {
            state.inQuotes = false
            state.afterClosingQuote = true
          } else if byte == Self.lineFeed {
            state.quotedLineBreaks += 1
          }
        } else {
          switch byte {
          case Self.comma:
            state.atFieldStart = true
            state.afterClosingQuote = false
          case Self.lineFeed, Self.carriageReturn:
            return index
          case Self.quote:
            // Opens quoting at a field's start; right after a closing quote it is the `""` escape.
            if state.atFieldStart || state.afterClosingQuote { state.inQuotes = true }
            state.sawQuote = true
            state.atFieldStart = false
            state.afterClosingQuote = false
          default:
            state.atFieldStart = false
            state.afterClosingQuote = false
          }
        }
        index += 1
      }
      return nil
    }
    scan = state
    scanIndex = index
    return end
  }

  private mutating func finishRecord(end: Int, hasTerminator: Bool) -> CSVRow {
    let row = CSVRow(line: line, fields: fields(of: recordStart..<end, quoted: scan.sawQuote))
    line += 1 + scan.quotedLineBreaks
    if hasTerminator, buffer[end] == Self.carriageReturn { pendingLineFeed = true }
    recordStart = hasTerminator ? end + 1 : end
    scanIndex = recordStart
    scan = ScanState()
    return row
  }

  /// Reports the record's first line as malformed and resumes on the line after it.
  private mutating func runawayRecord(_ reason: String) -> CSVRow {
    let row = CSVRow(line: line, fields: [], malformation: reason)
    scan = ScanState()
    if let lineEnd = buffer[recordStart...].firstIndex(where: { $0 == Self.lineFeed || $0 == Self.carriageReturn }) {
      line += 1
      pendingLineFeed = buffer[lineEnd] == Self.carriageReturn
      recordStart = lineEnd + 1
    } else {
      buffer.removeAll(keepingCapacity: true)
      recordStart = 0
      if inputEnded { line += 1 } else { discarding = true }
    }
    scanIndex = recordStart
    return row
  }

  /// Drops bytes up to and including the next line break; false when the input ends first.
  private mutating func discardRestOfLine() throws -> Bool {
    while true {
      if let lineEnd = buffer[recordStart...].firstIndex(where: { $0 == Self.lineFeed || $0 == Self.carriageReturn }) {
        line += 1
        pendingLineFeed = buffer[lineEnd] == Self.carriageReturn
        recordStart = lineEnd + 1
        scanIndex = recordStart
        discarding = false
        return true
      }
      buffer.removeAll(keepingCapacity: true)
      recordStart = 0
      scanIndex = 0
      if inputEnded {
        discarding = false
        return false
      }
      try refill()
    }
  }

  private func fields(of range: Range<Int>, quoted: Bool) -> [Substring] {
    buffer.withUnsafeBufferPointer { bytes in
      let record = UnsafeBufferPointer(rebasing: bytes[range])
      return quoted ? Self.splitQuoted(record) : Self.splitPlain(record)
    }
  }

  /// The common case, no quotes: cut at commas. Decoding repairs invalid UTF-8 with U+FFFD, so
  /// a garbage byte spoils one value, not the file; cutting at an ASCII comma never splits a
  /// multi-byte character.
  private static func splitPlain(_ record: UnsafeBufferPointer<UInt8>) -> [Substring] {
    var fields: [Substring] = []
    fields.reserveCapacity(16)
    var fieldStart = 0
    for index in 0..<record.count where record[index] == comma {
      fields.append(
        Substring(String(decoding: UnsafeBufferPointer(rebasing: record[fieldStart..<index]), as: UTF8.self)))
      fieldStart = index + 1
    }
    fields.append(Substring(String(decoding: UnsafeBufferPointer(rebasing: record[fieldStart...]), as: UTF8.self)))
    return fields
  }

  private static func splitQuoted(_ record: UnsafeBufferPointer<UInt8>) -> [Substring] {
    var fields: [Substring] = []
    var field: [UInt8] = []
    var inQuotes = false
    var atFieldStart = true
    var afterClosingQuote = false
    for byte in record {
      if inQuotes {
        if byte == quote {
          inQuotes = false
          afterClosingQuote = true
        } else {
          field.append(byte)
        }
        continue
      }
      if byte == comma {
        fields.append(Substring(String(decoding: field, as: UTF8.self)))
        field.removeAll(keepingCapacity: true)
        atFieldStart = true
        afterClosingQuote = false
        continue
      }
      if byte == quote, atFieldStart || afterClosingQuote {
        if afterClosingQuote { field.append(quote) }
        inQuotes = true
      } else {
        field.append(byte)
      }
      atFieldStart = false
      afterClosingQuote = false
    }
    fields.append(Substring(String(decoding: field, as: UTF8.self)))
    return fields
  }
}
