import Foundation

/// One IMU axis with a sign, written `+x`, `-y`, `z` in scenario files.
public struct SignedAxis: Codable, Sendable, Equatable, CustomStringConvertible {
  public enum Axis: String, Codable, Sendable, CaseIterable { case x, y, z }
  public var axis: Axis
  /// +1 or −1.
  public var sign: Double

  public init(_ axis: Axis, sign: Double = 1) {
    self.axis = axis
    self.sign = sign < 0 ? -1 : 1
  }

  public init?(text: String) {
    var body = Substring(text.lowercased())
    var sign = 1.0
    if body.hasPrefix("+") {
      body = body.dropFirst()
    } else if body.hasPrefix("-") {
      sign = -1
      body = body.dropFirst()
    }
    guard let axis = Axis(rawValue: String(body)) else { return nil }
    self.init(axis, sign: sign)
  }

  public var description: String { (sign < 0 ? "-" : "+") + axis.rawValue }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let value = SignedAxis(text: text) else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath,
          debugDescription: "'\(text)' is not an axis: write +x, -x, +y, -y, +z or -z"))
    }
    self = value
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}

/// Which SEI axis carries which body-frame acceleration. Public tools disagree, so fsdlog must
/// calibrate from data; the generator makes the convention configurable to test that.
/// Vehicle frame: +longitudinal forward, +lateral left, +vertical up. The axis not used by the two
/// carries the vertical acceleration (gravity excluded) with a + sign.
public struct IMUAxes: Codable, Sendable, Equatable {
  public var longitudinal: SignedAxis
  public var lateral: SignedAxis

  public init(longitudinal: SignedAxis = SignedAxis(.x), lateral: SignedAxis = SignedAxis(.y)) {
    self.longitudinal = longitudinal
    self.lateral = lateral
  }

  public var vertical: SignedAxis {
    let used: Set<SignedAxis.Axis> = [longitudinal.axis, lateral.axis]
    return SignedAxis(SignedAxis.Axis.allCases.first { !used.contains($0) } ?? .z)
  }

  /// Maps vehicle-frame accelerations to the (x, y, z) the SEI record carries.
  public func map(longitudinal long: Double, lateral lat: Double, vertical vert: Double) -> (
    x: Double, y: Double, z: Double
  ) {
    var out = [0.0, 0.0, 0.0]
    func index(_ axis: SignedAxis.Axis) -> Int { axis == .x ? 0 : axis == .y ? 1 : 2 }
    out[index(vertical.axis)] = vert
    out[index(longitudinal.axis)] = longitudinal.sign * long
    out[index(lateral.axis)] = lateral.sign * lat
    return (out[0], out[1], out[2])
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case longitudinal, lateral }
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      longitudinal: try c.value(.longitudinal, default: SignedAxis(.x)),
      lateral: try c.value(.lateral, default: SignedAxis(.y)))
  }
}

/// Frame size in pixels.
public struct FrameSize: Codable, Sendable, Equatable {
  public var width: Int
  public var height: Int
  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case width, height }
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(width: try c.decode(Int.self, forKey: .width), height: try c.decode(Int.self, forKey: .height))
  }
}

/// Camera hardware generation: sets the default frame sizes (docs/formats.md section 2).
public enum Hardware: String, Codable, Sendable, CaseIterable {
  /// Every camera 1280x960.
  case hw3
  /// Front 2896x1876, other cameras 1448x938.
  case hw4
}

/// Where the drive starts.
public struct StartPose: Codable, Sendable, Equatable {
  public var latitudeDeg: Double
  public var longitudeDeg: Double
  /// Compass heading of the road, degrees clockwise from north.
  public var headingDeg: Double

  public init(latitudeDeg: Double = 37.3947, longitudeDeg: Double = -122.1503, headingDeg: Double = 90) {
    self.latitudeDeg = latitudeDeg
    self.longitudeDeg = longitudeDeg
    self.headingDeg = headingDeg
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case latitudeDeg = "lat"
    case longitudeDeg = "lon"
    case headingDeg = "heading_deg"
  }
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let fallback = StartPose()
    self.init(
      latitudeDeg: try c.value(.latitudeDeg, default: fallback.latitudeDeg),
      longitudeDeg: try c.value(.longitudeDeg, default: fallback.longitudeDeg),
      headingDeg: try c.value(.headingDeg, default: fallback.headingDeg))
  }
}

/// From `at_s` on, the car (driver or FSD) aims for `target_kmh`, at the scenario's comfort
/// acceleration / deceleration.
public struct SpeedTarget: Codable, Sendable, Equatable {
  public var atS: Double
  public var targetKmh: Double
  public init(atS: Double, targetKmh: Double) {
    self.atS = atS
    self.targetKmh = targetKmh
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case atS = "at_s"
    case targetKmh = "target_kmh"
  }
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(atS: try c.decode(Double.self, forKey: .atS), targetKmh: try c.decode(Double.self, forKey: .targetKmh))
  }
}

/// From `from_s` on, the assistance state is `state` (until the next phase). Events (takeovers,
/// disengagements) override it for a while.
public struct AutopilotPhase: Codable, Sendable, Equatable {
  public var fromS: Double
  public var state: AutopilotState
  public init(fromS: Double, state: AutopilotState) {
    self.fromS = fromS
    self.state = state
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case fromS = "from_s"
    case state
  }
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let text = try c.decode(String.self, forKey: .state)
    guard let state = AutopilotState(scenarioName: text) else {
      throw DecodingError.dataCorruptedError(
        forKey: .state, in: c,
        debugDescription:
          "'\(text)' is not an autopilot state: none, self_driving, autosteer, tacc")
    }
    self.init(fromS: try c.value(.fromS, default: 0), state: state)
  }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(fromS, forKey: .fromS)
    try c.encode(state.scenarioName, forKey: .state)
  }
}

/// The road: a straight, flat divided highway with `lanes` lanes in the driving direction.
public struct RoadLayout: Codable, Sendable, Equatable {
  public enum Scenery: String, Codable, Sendable, CaseIterable { case rural, suburban }
  public var lanes: Int
  /// Counted from the right, 1 = rightmost.
  public var egoLane: Int
  public var laneWidthM: Double
  public var shoulderM: Double
  public var scenery: Scenery

  public init(
    lanes: Int = 2, egoLane: Int = 1, laneWidthM: Double = 3.7, shoulderM: Double = 2.5, scenery: Scenery = .suburban
  ) {
    self.lanes = lanes
    self.egoLane = egoLane
    self.laneWidthM = laneWidthM
    self.shoulderM = shoulderM
    self.scenery = scenery
  }

  /// Lateral position (+ left of the ego lane centre) of the road's right and left edge lines.
  var rightEdgeW: Double { -laneWidthM / 2 - Double(egoLane - 1) * laneWidthM }
  var leftEdgeW: Double { rightEdgeW + Double(lanes) * laneWidthM }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case lanes
    case egoLane = "ego_lane"
    case laneWidthM = "lane_width_m"
    case shoulderM = "shoulder_m"
    case scenery
  }
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      lanes: try c.value(.lanes, default: 2), egoLane: try c.value(.egoLane, default: 1),
      laneWidthM: try c.value(.laneWidthM, default: 3.7), shoulderM: try c.value(.shoulderM, default: 2.5),
      scenery: try c.choice(.scenery, default: .suburban))
  }
}

/// Vehicle constants that turn kinematics into pitch and steering-wheel angle.
public struct VehicleModel: Codable, Sendable, Equatable {
  /// Nose-down pitch per g of deceleration (nose-up under acceleration).
  public var pitchDegPerG: Double
  public var steeringRatio: Double
  public var wheelbaseM: Double

  public init(pitchDegPerG: Double = 2.5, steeringRatio: Double = 15, wheelbaseM: Double = 2.875) {
    self.pitchDegPerG = pitchDegPerG
    self.steeringRatio = steeringRatio
    self.wheelbaseM = wheelbaseM
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case pitchDegPerG = "pitch_deg_per_g"
    case steeringRatio = "steering_ratio"
    case wheelbaseM = "wheelbase_m"
  }
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      pitchDegPerG: try c.value(.pitchDegPerG, default: 2.5), steeringRatio: try c.value(.steeringRatio, default: 15),
      wheelbaseM: try c.value(.wheelbaseM, default: 2.875))
  }
}
