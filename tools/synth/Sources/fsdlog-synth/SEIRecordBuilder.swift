import FSDSynth
import FSDTelemetry

/// The telemetry record the car would write for a simulated frame (docs/formats.md section 4).
enum SEIRecordBuilder {
  static func record(for state: FrameState) -> SeiMetadata {
    var record = SeiMetadata()
    record.version = 1
    record.gearState = SeiMetadata.Gear(rawValue: state.gear.rawValue) ?? .drive
    record.frameSeqNo = UInt64(state.frameIndex)
    record.vehicleSpeedMps = Float(state.speedMPS)
    record.acceleratorPedalPosition = Float(state.acceleratorPedal)
    record.steeringWheelAngle = Float(state.steeringWheelDeg)
    record.blinkerOnLeft = state.blinkerLeft
    record.blinkerOnRight = state.blinkerRight
    record.brakeApplied = state.brakeApplied
    record.autopilotState = SeiMetadata.AutopilotState(rawValue: state.autopilot.rawValue) ?? .none
    record.latitudeDeg = state.latitudeDeg
    record.longitudeDeg = state.longitudeDeg
    record.headingDeg = state.headingDeg
    record.linearAccelerationMps2X = state.imuX
    record.linearAccelerationMps2Y = state.imuY
    record.linearAccelerationMps2Z = state.imuZ
    return record
  }

  /// A record that no protobuf reader accepts: it opens with a field of wire type 7, which does
  /// not exist. Used for `--corrupt-sei`: the reader must count it and go on.
  static func corrupted(_ protobuf: [UInt8], using generator: inout some RandomNumberGenerator) -> [UInt8] {
    var bytes = protobuf
    let cut = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
    bytes.removeLast(bytes.count - cut)
    return [0x0F] + bytes + [UInt8.random(in: 0...255, using: &generator)]
  }
}
