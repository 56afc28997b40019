import FSDTestSupport
import Foundation
import XCTest

@testable import FSDStore

/// `ClipClock.utcSeconds` reads the store's own form by hand (incident grouping reads tens of
/// thousands of times): it must agree with ISO8601DateFormatter, and leave every other form to it.
final class ClipClockUTCTests: XCTestCase {
  func formatterSeconds(_ text: String) -> Double? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)?.timeIntervalSince1970
  }

  func testTheStoredFormIsReadAsTheFormatterReadsIt() throws {
    var random = SplitMix64(seed: 0x5EED_C10C)
    let formatter = ISO8601DateFormatter()
    for index in 0..<2_000 {
      // 1900 to 2100, so leap days, century years and the epoch's both sides come up.
      let seconds = Double(random.next() % 6_311_390_400) - 2_208_988_800
      formatter.formatOptions = index.isMultiple(of: 2) ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
      let text = formatter.string(from: Date(timeIntervalSince1970: seconds + Double(random.next() % 1000) / 1000))
      let byHand = try XCTUnwrap(ClipClock.storedUTCSeconds(text), text)
      XCTAssertEqual(byHand, try XCTUnwrap(formatterSeconds(text)), accuracy: 1e-6, text)
    }
  }

  func testOtherFormsAndImpossibleDatesAreLeftToTheFormatter() {
    for text in ["2026-11-02T16:14:45+01:00", "2026-13-02T16:14:45Z", "2026-02-29T10:00:00Z", "2026-11-31T10:00:00Z",
                 "2026-11-02T24:00:00Z", "2026-11-02T16:14:45.Z", "2026-11-02 16:14:45Z", "2026-11-02T16:14:45", ""] {
      XCTAssertNil(ClipClock.storedUTCSeconds(text), text)
      XCTAssertEqual(ClipClock.utcSeconds(text), formatterSeconds(text), text)
    }
    XCTAssertEqual(ClipClock.storedUTCSeconds("2024-02-29T00:00:00.5Z"), 1_709_164_800.5, "a leap day")
  }
}
