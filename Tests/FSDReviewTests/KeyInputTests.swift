import FSDTestSupport
import FSDReview
import XCTest

/// Bytes a real terminal sends, decoded to keys; and the note line editor.
final class KeyInputTests: XCTestCase {
  func testArrowsHomeEndDeleteAndControlBytes() {
    let bytes: [UInt8] = [0x1B, 0x5B, 0x43, 0x1B, 0x5B, 0x44, 0x1B, 0x4F, 0x48, 0x1B, 0x5B, 0x34, 0x7E,
                          0x1B, 0x5B, 0x33, 0x7E, 0x03, 0x04, 0x7F, 0x0D]
    XCTAssertEqual(KeyDecoder.keys(in: bytes), [.right, .left, .home, .end, .delete, .interrupt, .endOfInput, .backspace, .enter])
  }

  func testLoneEscapeAndUnknownSequences() {
    XCTAssertEqual(KeyDecoder.keys(in: [0x1B]), [.escape])
    XCTAssertEqual(KeyDecoder.keys(in: [0x1B, 0x5B, 0x32, 0x30, 0x30, 0x7E, 0x61]), [.other, .character("a")], "bracketed paste start")
    XCTAssertEqual(KeyDecoder.keys(in: [0x1B, 0x5B, 0x31]), [.other], "cut-off sequence is not a crash")
  }

  func testUTF8CharactersAreOneKey() {
    XCTAssertEqual(KeyDecoder.keys(in: Array("pé→ü".utf8)), [.character("p"), .character("é"), .character("→"), .character("ü")])
    XCTAssertEqual(KeyDecoder.keys(in: [0xC3]), [.other], "half a character")
  }

  func testRandomBytesNeverCrash() {
    var generator = SplitMix64(seed: 0x5EED)
    for _ in 0..<2000 {
      let bytes = (0..<Int.random(in: 0...12, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
      _ = KeyDecoder.keys(in: bytes)
    }
  }

  func testLineEditorEditsAtTheCursor() {
    var editor = LineEditor("brake")
    for key: Key in [.home, .character("x"), .right, .delete, .end, .backspace, .left, .character("!")] {
      XCTAssertEqual(editor.apply(key), .editing)
    }
    XCTAssertEqual(editor.string, "xba!k")
    XCTAssertEqual(editor.apply(.enter), .accepted("xba!k"))
    XCTAssertEqual(editor.apply(.escape), .cancelled)
    XCTAssertEqual(LineEditor("").rendered(style: TerminalStyle(usesColor: false)), "_")
  }

  func testTruncationKeepsColoursAndCountsOnlyVisibleColumns() {
    let style = TerminalStyle(usesColor: true)
    let text = style.bold("Event 12") + " " + String(repeating: "x", count: 30)
    XCTAssertEqual(TerminalStyle.visibleWidth(text), 39)
    let cut = TerminalStyle.truncate(text, to: 20)
    XCTAssertEqual(TerminalStyle.visibleWidth(cut), 20)
    XCTAssertTrue(cut.hasPrefix("\u{1B}[1mEvent 12") && cut.hasSuffix("…\u{1B}[0m"))
    XCTAssertEqual(TerminalStyle.truncate("short", to: 20), "short")
  }
}
