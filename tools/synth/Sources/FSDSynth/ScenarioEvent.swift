import Foundation

/// What a reviewer should say about an FSD-initiated event.
public enum Verdict: String, Codable, Sendable, CaseIterable {
  case phantom, justified
}

/// Who started an event (docs/detection.md: `fsd` when assistance was engaged and no pedal came first).
public enum Initiator: String, Codable, Sendable, CaseIterable {
  case fsd, driver
}

/// A real hazard placed in front of the car for a justified event; it is rendered.
public struct Obstacle: Codable, Sendable, Equatable {
  public enum Kind: String, Codable, Sendable, CaseIterable {
    /// A car ahead in the ego lane that closes in (brakes) and later pulls away.
    case leadVehicle = "lead_vehicle"
    /// A car from the adjacent lane that overtakes and moves into the ego lane ahead.
    case cutIn = "cut_in"
  }
  public enum Side: String, Codable, Sendable, CaseIterable { case left, right }

  public var kind: Kind
  /// Distance from the ego car's front to the obstacle's rear when the event starts.
  public var gapM: Double
  /// For `cut_in`: the lane it comes from.
  public var side: Side

  public init(kind: Kind, gapM: Double? = nil, side: Side = .left) {
    self.kind = kind
    self.gapM = gapM ?? (kind == .leadVehicle ? 22 : 14)
    self.side = side
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case kind
    case gapM = "gap_m"
    case side
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let kind: Kind = try c.choice(.kind, default: .leadVehicle)
    self.init(
      kind: kind, gapM: try c.decodeIfPresent(Double.self, forKey: .gapM), side: try c.choice(.side, default: .left))
  }
}

/// A timed event in a scenario: something the detector must find. `at_s` is drive time in seconds.
public enum ScenarioEvent: Codable, Sendable, Equatable {
  case fsdBrake(FSDBrake)
  case swerve(Swerve)
  case driverBrakeTakeover(DriverBrakeTakeover)
  case acceleratorOverride(AcceleratorOverride)
  case stop(Stop)
  case disengagement(Disengagement)

  /// FSD brakes on its own: a smooth deceleration pulse that peaks at `peak_g`.
  public struct FSDBrake: Codable, Sendable, Equatable {
    public var atS: Double
    public var peakG: Double
    /// Whole pulse, ramps included.
    public var durationS: Double
    /// Ramp-in and ramp-out time each; default a quarter of the duration, at most 0.6 s.
    public var rampS: Double?
    public var verdict: Verdict
    public var obstacle: Obstacle?
    /// Return to the speed profile afterwards (true), or keep the lower speed.
    public var resume: Bool

    public init(
      atS: Double, peakG: Double, durationS: Double = 1.6, rampS: Double? = nil,
      verdict: Verdict = .phantom, obstacle: Obstacle? = nil, resume: Bool = true
    ) {
      self.atS = atS
      self.peakG = peakG
      self.durationS = durationS
      self.rampS = rampS
      self.verdict = verdict
      self.obstacle = obstacle
      self.resume = resume
    }

    var effectiveRampS: Double { rampS ?? min(0.25 * durationS, 0.6) }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case kind, atS = "at_s", peakG = "peak_g", durationS = "duration_s", rampS = "ramp_s", verdict, obstacle, resume
    }
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      self.init(
        atS: try c.decode(Double.self, forKey: .atS), peakG: try c.decode(Double.self, forKey: .peakG),
        durationS: try c.value(.durationS, default: 1.6), rampS: try c.decodeIfPresent(Double.self, forKey: .rampS),
        verdict: try c.choice(.verdict, default: .phantom),
        obstacle: try c.decodeIfPresent(Obstacle.self, forKey: .obstacle),
        resume: try c.value(.resume, default: true))
    }
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode("fsd_brake", forKey: .kind)
      try c.encode(atS, forKey: .atS)
      try c.encode(peakG, forKey: .peakG)
      try c.encode(durationS, forKey: .durationS)
      try c.encodeIfPresent(rampS, forKey: .rampS)
      try c.encode(verdict, forKey: .verdict)
      try c.encodeIfPresent(obstacle, forKey: .obstacle)
      try c.encode(resume, forKey: .resume)
    }
  }

  /// A lateral excursion: out by `lateral_offset_m` (+ left, − right) and, by default, back.
  /// Each leg is a minimum-jerk move, so the peak lateral acceleration is about
  /// 5.77 × |offset| / leg², with leg = (duration − hold) / 2.
  public struct Swerve: Codable, Sendable, Equatable {
    public var atS: Double
    public var lateralOffsetM: Double
    public var durationS: Double
    public var holdS: Double
    /// Come back to the lane centre (true), or stay offset (an evasive lane change).
    public var returns: Bool
    public var verdict: Verdict
    /// `driver`: the driver yanks the wheel; FSD disengages (cause steering) just before.
    public var initiator: Initiator
    public var obstacle: Obstacle?

    public init(
      atS: Double, lateralOffsetM: Double, durationS: Double = 2.4, holdS: Double = 0, returns: Bool = true,
      verdict: Verdict = .phantom, initiator: Initiator = .fsd, obstacle: Obstacle? = nil
    ) {
      self.atS = atS
      self.lateralOffsetM = lateralOffsetM
      self.durationS = durationS
      self.holdS = holdS
      self.returns = returns
      self.verdict = verdict
      self.initiator = initiator
      self.obstacle = obstacle
    }

    var legS: Double { returns ? (durationS - holdS) / 2 : durationS }
    /// Peak lateral acceleration of a minimum-jerk leg at constant speed.
    public var nominalPeakLateralMPS2: Double { 10 / 3.0.squareRoot() * abs(lateralOffsetM) / (legS * legS) }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case kind, atS = "at_s", lateralOffsetM = "lateral_offset_m", durationS = "duration_s", holdS = "hold_s"
      case returns = "return", verdict, initiator, obstacle
    }
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      self.init(
        atS: try c.decode(Double.self, forKey: .atS),
        lateralOffsetM: try c.decode(Double.self, forKey: .lateralOffsetM),
        durationS: try c.value(.durationS, default: 2.4), holdS: try c.value(.holdS, default: 0),
        returns: try c.value(.returns, default: true), verdict: try c.choice(.verdict, default: .phantom),
        initiator: try c.choice(.initiator, default: .fsd),
        obstacle: try c.decodeIfPresent(Obstacle.self, forKey: .obstacle))
    }
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode("swerve", forKey: .kind)
      try c.encode(atS, forKey: .atS)
      try c.encode(lateralOffsetM, forKey: .lateralOffsetM)
      try c.encode(durationS, forKey: .durationS)
      try c.encode(holdS, forKey: .holdS)
      try c.encode(returns, forKey: .returns)
      try c.encode(verdict, forKey: .verdict)
      try c.encode(initiator, forKey: .initiator)
      try c.encodeIfPresent(obstacle, forKey: .obstacle)
    }
  }

  /// The driver presses the brake pedal; FSD disengages `disengage_after_s` later (cause brake_pedal).
  public struct DriverBrakeTakeover: Codable, Sendable, Equatable {
    public var atS: Double
    public var decelG: Double
    /// How long the pedal is held (the deceleration pulse, ramps included).
    public var durationS: Double
    public var disengageAfterS: Double
    /// FSD comes back this long after the disengagement; nil: at the next `autopilot` change.
    public var reengageAfterS: Double?
    public var resume: Bool

    public init(
      atS: Double, decelG: Double = 0.3, durationS: Double = 2.0, disengageAfterS: Double = 0.2,
      reengageAfterS: Double? = nil, resume: Bool = true
    ) {
      self.atS = atS
      self.decelG = decelG
      self.durationS = durationS
      self.disengageAfterS = disengageAfterS
      self.reengageAfterS = reengageAfterS
      self.resume = resume
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case kind, atS = "at_s", decelG = "decel_g", durationS = "duration_s", disengageAfterS = "disengage_after_s"
      case reengageAfterS = "reengage_after_s", resume
    }
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      self.init(
        atS: try c.decode(Double.self, forKey: .atS), decelG: try c.value(.decelG, default: 0.3),
        durationS: try c.value(.durationS, default: 2.0), disengageAfterS: try c.value(.disengageAfterS, default: 0.2),
        reengageAfterS: try c.decodeIfPresent(Double.self, forKey: .reengageAfterS),
        resume: try c.value(.resume, default: true))
    }
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode("driver_brake_takeover", forKey: .kind)
      try c.encode(atS, forKey: .atS)
      try c.encode(decelG, forKey: .decelG)
      try c.encode(durationS, forKey: .durationS)
      try c.encode(disengageAfterS, forKey: .disengageAfterS)
      try c.encodeIfPresent(reengageAfterS, forKey: .reengageAfterS)
      try c.encode(resume, forKey: .resume)
    }
  }

  /// The driver presses the accelerator during or just after an FSD brake; FSD stays engaged.
  /// A brake still in progress is cut short.
  public struct AcceleratorOverride: Codable, Sendable, Equatable {
    public var atS: Double
    /// Peak pedal position, 0...1.
    public var pedal: Double
    public var durationS: Double

    public init(atS: Double, pedal: Double = 0.35, durationS: Double = 1.5) {
      self.atS = atS
      self.pedal = pedal
      self.durationS = durationS
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case kind, atS = "at_s", pedal, durationS = "duration_s" }
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      self.init(
        atS: try c.decode(Double.self, forKey: .atS), pedal: try c.value(.pedal, default: 0.35),
        durationS: try c.value(.durationS, default: 1.5))
    }
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode("accelerator_override", forKey: .kind)
      try c.encode(atS, forKey: .atS)
      try c.encode(pedal, forKey: .pedal)
      try c.encode(durationS, forKey: .durationS)
    }
  }

  /// Decelerate to a standstill at `decel_g`, stand `stand_s`, drive on. A brake event (justified
  /// by default: a red light, a stop sign). For a stop gentle enough not to be an event, use the
  /// `stopped_at_light` distractor.
  public struct Stop: Codable, Sendable, Equatable {
    public var atS: Double
    public var decelG: Double
    public var standS: Double
    public var goAccelMPS2: Double
    public var verdict: Verdict

    public init(
      atS: Double, decelG: Double = 0.25, standS: Double = 5, goAccelMPS2: Double = 1.5, verdict: Verdict = .justified
    ) {
      self.atS = atS
      self.decelG = decelG
      self.standS = standS
      self.goAccelMPS2 = goAccelMPS2
      self.verdict = verdict
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case kind, atS = "at_s", decelG = "decel_g", standS = "stand_s", goAccelMPS2 = "go_accel_mps2", verdict
    }
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      self.init(
        atS: try c.decode(Double.self, forKey: .atS), decelG: try c.value(.decelG, default: 0.25),
        standS: try c.value(.standS, default: 5), goAccelMPS2: try c.value(.goAccelMPS2, default: 1.5),
        verdict: try c.choice(.verdict, default: .justified))
    }
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode("stop", forKey: .kind)
      try c.encode(atS, forKey: .atS)
      try c.encode(decelG, forKey: .decelG)
      try c.encode(standS, forKey: .standS)
      try c.encode(goAccelMPS2, forKey: .goAccelMPS2)
      try c.encode(verdict, forKey: .verdict)
    }
  }

  /// FSD / Autosteer turns off. `steering`: a small wheel movement (torque) first; `brake_pedal`: a
  /// short pedal tap; `accelerator`: a pedal press; `system`: the car gives up with no driver input.
  public struct Disengagement: Codable, Sendable, Equatable {
    public enum By: String, Codable, Sendable, CaseIterable {
      case steering
      case brakePedal = "brake_pedal"
      case accelerator
      case system
    }
    public var atS: Double
    public var by: By
    public var reengageAfterS: Double?

    public init(atS: Double, by: By = .steering, reengageAfterS: Double? = nil) {
      self.atS = atS
      self.by = by
      self.reengageAfterS = reengageAfterS
    }

    /// Delay from the driver's first input to the state change.
    var delayS: Double {
      switch by {
      case .steering: 0.35
      case .brakePedal: 0.15
      case .accelerator: 0.3
      case .system: 0
      }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case kind, atS = "at_s", by, reengageAfterS = "reengage_after_s"
    }
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      self.init(
        atS: try c.decode(Double.self, forKey: .atS), by: try c.choice(.by, default: .steering),
        reengageAfterS: try c.decodeIfPresent(Double.self, forKey: .reengageAfterS))
    }
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode("disengagement", forKey: .kind)
      try c.encode(atS, forKey: .atS)
      try c.encode(by, forKey: .by)
      try c.encodeIfPresent(reengageAfterS, forKey: .reengageAfterS)
    }
  }

  public static let kindNames = [
    "fsd_brake", "swerve", "driver_brake_takeover", "accelerator_override", "stop", "disengagement",
  ]

  /// The `kind` value in the scenario file.
  public var kindName: String {
    switch self {
    case .fsdBrake: "fsd_brake"
    case .swerve: "swerve"
    case .driverBrakeTakeover: "driver_brake_takeover"
    case .acceleratorOverride: "accelerator_override"
    case .stop: "stop"
    case .disengagement: "disengagement"
    }
  }

  public var atS: Double {
    switch self {
    case .fsdBrake(let e): e.atS
    case .swerve(let e): e.atS
    case .driverBrakeTakeover(let e): e.atS
    case .acceleratorOverride(let e): e.atS
    case .stop(let e): e.atS
    case .disengagement(let e): e.atS
    }
  }

  enum KindKey: String, CodingKey { case kind }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: KindKey.self)
    let kind = try c.decode(String.self, forKey: .kind)
    switch kind {
    case "fsd_brake": self = .fsdBrake(try FSDBrake(from: decoder))
    case "swerve": self = .swerve(try Swerve(from: decoder))
    case "driver_brake_takeover": self = .driverBrakeTakeover(try DriverBrakeTakeover(from: decoder))
    case "accelerator_override": self = .acceleratorOverride(try AcceleratorOverride(from: decoder))
    case "stop": self = .stop(try Stop(from: decoder))
    case "disengagement": self = .disengagement(try Disengagement(from: decoder))
    default:
      let hint =
        Distractor.kindNames.contains(kind) ? " ('\(kind)' is a distractor: list it under \"distractors\")" : ""
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: c,
        debugDescription: "unknown event kind '\(kind)'\(hint); events are: \(Self.kindNames.joined(separator: ", "))")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .fsdBrake(let e): try e.encode(to: encoder)
    case .swerve(let e): try e.encode(to: encoder)
    case .driverBrakeTakeover(let e): try e.encode(to: encoder)
    case .acceleratorOverride(let e): try e.encode(to: encoder)
    case .stop(let e): try e.encode(to: encoder)
    case .disengagement(let e): try e.encode(to: encoder)
    }
  }
}
