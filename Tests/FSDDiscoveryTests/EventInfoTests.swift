import Foundation
import XCTest

@testable import FSDDiscovery

final class EventInfoTests: XCTestCase {
  func testStringValuesAsTeslaWritesThem() throws {
    let text = #"""
      {"timestamp":"2026-03-25T14:19:52","city":"Venezia","street":"Via Roma","est_lat":"45.4853","est_lon":"12.2004","reason":"user_interaction_honk","camera":"0"}
      """#
    let info = try EventInfo.parse(data: Data(text.utf8))
    XCTAssertEqual(info.timestamp?.description, "2026-03-25T14:19:52")
    XCTAssertEqual(info.city, "Venezia")
    XCTAssertEqual(info.street, "Via Roma")
    XCTAssertEqual(try XCTUnwrap(info.estLatDeg), 45.4853, accuracy: 1e-9)
    XCTAssertEqual(try XCTUnwrap(info.estLonDeg), 12.2004, accuracy: 1e-9)
    XCTAssertEqual(info.reason, "user_interaction_honk")
    XCTAssertEqual(info.camera, "0")
    XCTAssertEqual(info.rawJSON, text)
  }

  func testNumericValuesTolerated() throws {
    let text = #"{"timestamp":"2026-03-25T14:19:52","est_lat":45.4853,"est_lon":-12.5,"camera":0}"#
    let info = try EventInfo.parse(data: Data(text.utf8))
    XCTAssertEqual(try XCTUnwrap(info.estLatDeg), 45.4853, accuracy: 1e-9)
    XCTAssertEqual(try XCTUnwrap(info.estLonDeg), -12.5, accuracy: 1e-9)
    XCTAssertEqual(info.camera, "0")
    XCTAssertNil(info.street, "older firmware writes no street")
  }

  func testUnknownReasonKeptVerbatim() throws {
    let text = #"{"reason":"sentry_aware_accel_0.43"}"#
    XCTAssertEqual(try EventInfo.parse(data: Data(text.utf8)).reason, "sentry_aware_accel_0.43")
    let future = #"{"reason":"some_future_reason_XYZ"}"#
    XCTAssertEqual(try EventInfo.parse(data: Data(future.utf8)).reason, "some_future_reason_XYZ")
  }

  func testBadFieldValuesBecomeNil() throws {
    let text = #"{"timestamp":"yesterday","est_lat":"north","est_lon":"999","city":"","reason":null}"#
    let info = try EventInfo.parse(data: Data(text.utf8))
    XCTAssertNil(info.timestamp)
    XCTAssertNil(info.estLatDeg)
    XCTAssertNil(info.estLonDeg)
    XCTAssertNil(info.city)
    XCTAssertNil(info.reason)
  }

  func testMalformedJSONThrowsClearMessage() {
    XCTAssertThrowsError(try EventInfo.parse(data: Data(#"{"timestamp":"2026-03-25T14:1"#.utf8))) { error in
      let message = String(describing: error)
      XCTAssertTrue(message.hasPrefix("event.json is not valid JSON: "), message)
    }
    XCTAssertThrowsError(try EventInfo.parse(data: Data()))
  }

  func testNonObjectJSONThrows() {
    XCTAssertThrowsError(try EventInfo.parse(data: Data("[1,2]".utf8))) { error in
      XCTAssertEqual(error as? EventInfoError, .notAnObject(found: "an array"))
      XCTAssertEqual(String(describing: error), "event.json is not a JSON object (found an array)")
    }
    XCTAssertThrowsError(try EventInfo.parse(data: Data("\"text\"".utf8))) { error in
      XCTAssertEqual(error as? EventInfoError, .notAnObject(found: "a string"))
    }
  }
}
