import FSDDetection
import FSDSynth
import Foundation
import XCTest

final class GeneratorThresholdsTests: XCTestCase {
  /// The generator derives its ground truth from its own copy of the thresholds (it cannot import
  /// detection): each copied value must be detection's default, under the same key.
  func testGeneratorThresholdsAreDetectionsDefaults() throws {
    let generator = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(DetectionThresholds())) as? [String: Any])
    let detection = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(DetectionConfig.standard)) as? [String: Any])
    XCTAssertFalse(generator.isEmpty)
    for (key, value) in generator {
      let expected = try XCTUnwrap(detection[key] as? Double, "the generator's '\(key)' is no detection threshold")
      XCTAssertEqual(value as? Double, expected, "'\(key)': the generator uses \(value), detection \(expected)")
    }
  }
}
