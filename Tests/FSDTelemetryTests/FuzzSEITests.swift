import FSDTestSupport
import Foundation
import SwiftProtobuf
import XCTest
@testable import FSDTelemetry

/// A seeded random and mutation fuzz of the SEI path: NAL unit → SEI messages → Tesla payload →
/// protobuf. 50,000 inputs in the default run, a million in the long tier (`FSDLOG_LONG_TESTS=1`,
/// which `.ci/run` sets; FSDLOG_FUZZ_ITERATIONS sets any count, FSDLOG_FUZZ_SEED the seed); none
/// may crash, and a valid record must always come back intact.
final class FuzzSEITests: XCTestCase {
  func testRandomAndMutatedSEIUnitsNeverCrash() throws {
    let environment = ProcessInfo.processInfo.environment
    let iterations = TestTier.count("FSDLOG_FUZZ_ITERATIONS", normal: 50_000, long: 1_000_000)
    var random = SplitMix64(seed: environment["FSDLOG_FUZZ_SEED"].flatMap(UInt64.init) ?? 0xF5D_106)

    var record = SeiMetadata()
    record.version = 1
    record.frameSeqNo = 123_456
    record.vehicleSpeedMps = 27.8
    record.autopilotState = .selfDriving
    record.latitudeDeg = 37.39
    record.longitudeDeg = -122.15
    record.linearAccelerationMps2X = -3.4
    let valid = TeslaSEI.nalUnit(protobuf: try record.serializedBytes())

    var decoded = 0, rejected = 0, payloads = 0
    let started = Date()
    for iteration in 0..<iterations {
      var bytes: [UInt8]
      switch iteration % 4 {
      case 0:  // random bytes behind an SEI header
        bytes = [6] + (0..<Int(random.next() % 96)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      case 1:  // a valid unit with a few bytes flipped
        bytes = valid
        for _ in 0..<(1 + Int(random.next() % 4)) {
          bytes[1 + Int(random.next() % UInt64(bytes.count - 1))] = UInt8(truncatingIfNeeded: random.next())
        }
      case 2:  // truncated, or with garbage appended
        bytes = Array(valid.prefix(Int(random.next() % UInt64(valid.count + 1))))
        if random.next() % 2 == 0 { bytes += (0..<Int(random.next() % 16)).map { _ in UInt8(truncatingIfNeeded: random.next()) } }
      default:  // a random protobuf body in a well-formed unit
        bytes = TeslaSEI.nalUnit(protobuf: (0..<Int(random.next() % 64)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
      }
      for payload in TeslaSEI.protobufPayloads(inNALUnit: bytes) {
        payloads += 1
        if (try? SeiMetadata(serializedBytes: payload)) != nil { decoded += 1 } else { rejected += 1 }
      }
    }
    // The unmutated unit still reads back exactly (the fuzz loop must not have been vacuous).
    XCTAssertEqual(try TeslaSEI.protobufPayloads(inNALUnit: valid).map { try SeiMetadata(serializedBytes: $0) }, [record])
    XCTAssertGreaterThan(payloads, iterations / 4)
    XCTAssertGreaterThan(rejected, 0)
    print(String(format: "SEI fuzz: %d inputs, %d payloads (%d decoded, %d rejected) in %.1f s",
                 iterations, payloads, decoded, rejected, Date().timeIntervalSince(started)))
  }
}

