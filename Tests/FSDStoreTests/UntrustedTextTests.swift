import FSDTestSupport
import FSDStore
import XCTest

/// Text from files and people, escaped for each place it is shown.
final class UntrustedTextTests: XCTestCase {
  func testTerminalTextShowsEveryControlCharacterAsAnEscape() {
    XCTAssertEqual(UntrustedText.forTerminal("Palo\u{1B}[2JAlto"), "Palo\\e[2JAlto")
    XCTAssertEqual(UntrustedText.forTerminal("a\nb\tc\r\0d\u{07}"), "a\\nb\\tc\\r\\0d\\x07")
    XCTAssertEqual(UntrustedText.forTerminal("x\u{9B}31m\u{7F}"), "x\\x9B31m\\x7F", "C1 CSI and DEL")
    XCTAssertEqual(UntrustedText.forTerminal("Zürich → 東京 ·"), "Zürich → 東京 ·", "printable text is untouched")
    // Whatever goes in, nothing below 0x20 or in 0x7F–0x9F comes out.
    var generator = SplitMix64(seed: 0x5EED)
    for _ in 0..<200 {
      let scalars = (0..<20).map { _ in Unicode.Scalar(UInt8.random(in: 0...0xFF, using: &generator)) }
      let escaped = UntrustedText.forTerminal(String(String.UnicodeScalarView(scalars)))
      XCTAssertFalse(escaped.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, escaped)
    }
  }

  func testSpreadsheetCellsNeverStartAFormula() {
    for formula in ["=HYPERLINK(\"http://x\")", "+1+1", "-2+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx"] {
      XCTAssertEqual(UntrustedText.forSpreadsheet(formula), "'" + formula)
    }
    XCTAssertEqual(UntrustedText.forSpreadsheet("-0.35"), "-0.35", "a number stays a number")
    XCTAssertEqual(UntrustedText.forSpreadsheet("+12"), "+12")
    XCTAssertEqual(UntrustedText.forSpreadsheet("overpass shadow"), "overpass shadow")
    XCTAssertEqual(UntrustedText.forSpreadsheet(""), "")
  }

  func testMarkdownTextIsOneLineOfWordsNotMarkup() {
    let note = "<script>alert(1)</script>\n# heading | [link](http://x) *bold* `code` a_b"
    let markdown = UntrustedText.forMarkdown(note)
    XCTAssertFalse(markdown.contains("\n"))
    XCTAssertFalse(markdown.contains("<"))
    XCTAssertEqual(markdown,
                   "&lt;script&gt;alert(1)&lt;/script&gt; # heading \\| \\[link\\](http://x) \\*bold\\* \\`code\\` a_b")
  }

  func testStorableTextKeepsWhatFollowsANul() {
    XCTAssertEqual(UntrustedText.storable("before\0after"), "before\u{FFFD}after")
    XCTAssertEqual(UntrustedText.storable("plain"), "plain")
  }
}
