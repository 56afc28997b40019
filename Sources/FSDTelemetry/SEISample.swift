import FSDDomain
extension TelemetrySample {
  /// A sample from one decoded SEI record; `timeS` is its frame's time (clip start + pts).
  public init(sei record: SeiMetadata, timeS: Double) {
    self.init(timeS: timeS)
    speedMPS = Double(record.vehicleSpeedMps)
    accelXMPS2 = record.linearAccelerationMps2X
    accelYMPS2 = record.linearAccelerationMps2Y
    accelZMPS2 = record.linearAccelerationMps2Z
    brakePedal = record.brakeApplied
    acceleratorPedal = Double(record.acceleratorPedalPosition)
    steeringDeg = Double(record.steeringWheelAngle)
    autopilot = AutopilotMode(sei: record.autopilotState)
    // Records written before a GPS fix carry 0/0: that is "unknown", not the Gulf of Guinea.
    if record.latitudeDeg != 0 || record.longitudeDeg != 0 {
      latitudeDeg = record.latitudeDeg
      longitudeDeg = record.longitudeDeg
    }
    headingDeg = record.headingDeg
  }
}

extension AutopilotMode {
  public init(sei state: SeiMetadata.AutopilotState) {
    switch state {
    case .none: self = .none
    case .selfDriving: self = .selfDriving
    case .autosteer: self = .autosteer
    case .tacc: self = .tacc
    case .UNRECOGNIZED: self = .none
    }
  }
}
