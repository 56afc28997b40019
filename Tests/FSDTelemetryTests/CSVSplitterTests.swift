import Foundation
import XCTest

@testable import FSDTelemetry

/// The hand-written RFC 4180 splitter: quoting, line breaks, line numbers, chunk boundaries.
final class CSVSplitterTests: XCTestCase {
  struct Record: Equatable, CustomStringConvertible {
    let line: Int
    let fields: [String]
    let malformed: Bool
    var description: String { "\(line):\(malformed ? "MALFORMED" : fields.joined(separator: "|"))" }
  }

  func split(_ bytes: [UInt8], chunkBytes: Int = 1 << 20, maxRecordBytes: Int = 1 << 20) throws -> [Record] {
    var source = RFC4180RowSource(
      input: CSVDataInput(data: Data(bytes), chunkBytes: chunkBytes), maxRecordBytes: maxRecordBytes)
    var records: [Record] = []
    while let row = try source.next() {
      records.append(Record(line: row.line, fields: row.fields.map(String.init), malformed: row.malformation != nil))
    }
    return records
  }

  func split(_ text: String, chunkBytes: Int = 1 << 20) throws -> [Record] {
    try split(Array(text.utf8), chunkBytes: chunkBytes)
  }

  func r(_ line: Int, _ fields: String...) -> Record { Record(line: line, fields: fields, malformed: false) }

  func testRFC4180Quoting() throws {
    let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"\"\n1,,3\n"
    XCTAssertEqual(try split(text), [r(1, "a", "b", "c"), r(2, "x, y", "say \"hi\"", ""), r(3, "1", "", "3")])
  }

  func testLineBreaksAndLineNumbers() throws {
    let text = "h1,h2\r\n1,2\r\n\"multi\nline\",3\n\n4,5\r6,7"
    XCTAssertEqual(
      try split(text),
      [
        r(1, "h1", "h2"), r(2, "1", "2"), r(3, "multi\nline", "3"), r(5, ""), r(6, "4", "5"),
        r(7, "6", "7"),
      ])
  }

  func testLenientQuotes() throws {
    // A quote inside an unquoted field is text; text after a closing quote joins the field.
    XCTAssertEqual(try split("ab\"c,\"d\"e,f\n"), [r(1, "ab\"c", "de", "f")])
  }

  func testEveryChunkSizeGivesTheSameRecords() throws {
    let text = "\u{FEFF}time,name\r\n1,\"a,\"\"b\"\"\r\nc\"\r\n2,\u{E9}t\u{E9}\r\r\n3,\"\"\n\"open"
    let whole = try split(text)
    XCTAssertEqual(
      whole,
      [
        r(1, "time", "name"), r(2, "1", "a,\"b\"\r\nc"), r(4, "2", "\u{E9}t\u{E9}"), r(5, ""), r(6, "3", ""),
        Record(line: 7, fields: [], malformed: true),
      ])
    for chunk in 1...12 { XCTAssertEqual(try split(text, chunkBytes: chunk), whole, "chunk \(chunk)") }
  }

  func testAnUnclosedQuoteIsOneMalformedLineThenReadingGoesOn() throws {
    let text = "a,b\n1,\"oops\n2,3\n4,5\n"
    XCTAssertEqual(
      try split(text), [r(1, "a", "b"), Record(line: 2, fields: [], malformed: true), r(3, "2", "3"), r(4, "4", "5")])
  }

  func testOverlongLinesAreDroppedWithoutHoldingThem() throws {
    let long = [UInt8](repeating: UInt8(ascii: "x"), count: 5000)
    let bytes = Array("a\n".utf8) + long + Array("\n1\n\"".utf8) + long + Array("\n2\n".utf8)
    for chunk in [7, 1000, 1 << 20] {
      XCTAssertEqual(
        try split(bytes, chunkBytes: chunk, maxRecordBytes: 1024),
        [
          r(1, "a"), Record(line: 2, fields: [], malformed: true), r(3, "1"),
          Record(line: 4, fields: [], malformed: true), r(5, "2"),
        ], "chunk \(chunk)")
    }
  }

  func testInvalidUTF8BecomesReplacementCharacters() throws {
    XCTAssertEqual(try split([0x61, 0x2C, 0xFF, 0xC3, 0x0A]), [r(1, "a", "\u{FFFD}\u{FFFD}")])
  }

  func testUTF16IsRefused() {
    XCTAssertThrowsError(try split([0xFE, 0xFF, 0x00, 0x61]))
  }
}
