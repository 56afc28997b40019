import FSDTestSupport
import SwiftProtobuf
import XCTest
@testable import FSDTelemetry

final class TeslaSEITests: XCTestCase {
  func testRecordRoundTripsThroughANALUnit() throws {
    var record = SeiMetadata()
    record.version = 1
    record.frameSeqNo = 12_345
    record.vehicleSpeedMps = 27.5
    record.autopilotState = .selfDriving
    record.latitudeDeg = 37.4419
    record.linearAccelerationMps2X = -3.9
    let protobuf: [UInt8] = try record.serializedBytes()
    let nal = TeslaSEI.nalUnit(protobuf: protobuf)
    XCTAssertEqual(nal[0] & 0x1F, 6, "an SEI NAL unit")
    XCTAssertEqual(nal.last, 0x80, "ends with the RBSP trailing byte")
    let payloads = TeslaSEI.protobufPayloads(inNALUnit: nal)
    XCTAssertEqual(payloads.count, 1)
    XCTAssertEqual(try SeiMetadata(serializedBytes: payloads[0]), record)
  }

  func testNoStartCodeCanAppearInsideTheNALUnit() {
    // A payload full of zeros would contain 00 00 01 without emulation prevention.
    let nal = TeslaSEI.nalUnit(protobuf: [0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 3])
    for index in 0..<(nal.count - 2) {
      XCTAssertFalse(nal[index] == 0 && nal[index + 1] == 0 && nal[index + 2] <= 3 && nal[index + 2] != 3,
                     "start-code-like bytes at \(index)")
    }
    XCTAssertEqual(TeslaSEI.protobufPayloads(inNALUnit: nal), [[0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 3]])
  }

  func testLargeRecordsUseTheGeneralSizeCoding() {
    // 16 + 600 bytes: the size is coded as 0xFF 0xFF + 106.
    let protobuf = (0..<600).map { UInt8(truncatingIfNeeded: $0 * 7 + 1) }
    let nal = TeslaSEI.nalUnit(protobuf: protobuf)
    XCTAssertEqual(Array(nal[1...4]), [5, 0xFF, 0xFF, 106])
    XCTAssertEqual(TeslaSEI.protobufPayloads(inNALUnit: nal), [protobuf])
  }

  func testOtherNALUnitsAndForeignSEIAreIgnored() {
    XCTAssertEqual(TeslaSEI.protobufPayloads(inNALUnit: [0x65, 1, 2, 3]), [], "a slice")
    // x264's own user_data_unregistered SEI (its version string) has another identifier.
    let foreign: [UInt8] = [6, 5, 20] + Array(repeating: 0xDC, count: 16) + [65, 66, 67, 68] + [0x80]
    XCTAssertEqual(TeslaSEI.protobufPayloads(inNALUnit: foreign), [])
  }

  func testTruncatedAndRandomBytesNeverCrash() {
    var generator = SplitMix64(seed: 0x5EED)
    let valid = TeslaSEI.nalUnit(protobuf: Array(repeating: 0x11, count: 40))
    for cut in 0..<valid.count {
      _ = TeslaSEI.protobufPayloads(inNALUnit: valid.prefix(cut))
    }
    for _ in 0..<2000 {
      let bytes = [UInt8(6)] + (0..<Int.random(in: 0..<80, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
      _ = TeslaSEI.protobufPayloads(inNALUnit: bytes)
    }
  }
}

final class EmulationPreventionTests: XCTestCase {
  func testInsertsAndRemovesThe03Byte() {
    XCTAssertEqual(EmulationPrevention.add([0, 0, 1]), [0, 0, 3, 1])
    XCTAssertEqual(EmulationPrevention.add([0, 0, 0, 0]), [0, 0, 3, 0, 0])
    XCTAssertEqual(EmulationPrevention.add([0, 0, 4]), [0, 0, 4], "only bytes ≤ 3 need it")
    XCTAssertEqual(EmulationPrevention.remove([0, 0, 3, 1]), [0, 0, 1])
    XCTAssertEqual(EmulationPrevention.remove([0, 0, 3, 0, 0, 3, 0]), [0, 0, 0, 0, 0])
  }

  func testRoundTripOnRandomInput() {
    var generator = SplitMix64(seed: 0x5EED)
    for _ in 0..<500 {
      // Zero-heavy input exercises every case.
      let bytes = (0..<Int.random(in: 0..<200, using: &generator)).map { _ in
        Bool.random(using: &generator) ? 0 : UInt8.random(in: 0...4, using: &generator)
      }
      XCTAssertEqual(EmulationPrevention.remove(EmulationPrevention.add(bytes)), bytes)
    }
  }
}
