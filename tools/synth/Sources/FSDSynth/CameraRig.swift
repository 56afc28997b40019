import Foundation

/// Where a camera sits on the car and where it looks. Positions are relative to the front camera
/// (behind the windshield): +forward, +left, height above the road.
struct CameraRig: Sendable {
  enum Body: Sendable {
    /// The hood at the bottom of the front view.
    case hood
    /// The rear bumper at the bottom of the back view.
    case bumper
    /// The car's own flank on the right (left repeater) or left (right repeater) of the picture.
    case flankOnRight, flankOnLeft
    case none
  }

  var horizontalFOVDeg: Double
  var heightM: Double
  /// Nose-down tilt of the optical axis.
  var tiltDeg: Double
  /// Direction relative to the car's heading, + left (counter-clockwise); 180 = backwards.
  var yawDeg: Double
  var forwardM: Double
  var leftM: Double
  var body: Body

  static func rig(for camera: CameraName) -> CameraRig {
    switch camera {
    case .front:
      CameraRig(horizontalFOVDeg: 55, heightM: 1.4, tiltDeg: 3.2, yawDeg: 0, forwardM: 0, leftM: 0, body: .hood)
    case .back:
      CameraRig(horizontalFOVDeg: 110, heightM: 1.0, tiltDeg: 16, yawDeg: 180, forwardM: -3.1, leftM: 0, body: .bumper)
    case .left_repeater:
      CameraRig(
        horizontalFOVDeg: 80, heightM: 0.95, tiltDeg: 7, yawDeg: 155, forwardM: 0.5, leftM: 0.95, body: .flankOnRight)
    case .right_repeater:
      CameraRig(
        horizontalFOVDeg: 80, heightM: 0.95, tiltDeg: 7, yawDeg: -155, forwardM: 0.5, leftM: -0.95, body: .flankOnLeft)
    case .left_pillar:
      CameraRig(horizontalFOVDeg: 80, heightM: 1.3, tiltDeg: 5, yawDeg: 65, forwardM: -1.0, leftM: 0.85, body: .none)
    case .right_pillar:
      CameraRig(horizontalFOVDeg: 80, heightM: 1.3, tiltDeg: 5, yawDeg: -65, forwardM: -1.0, leftM: -0.85, body: .none)
    }
  }
}
