/// Separates the camera's rotation (pitch, yaw) from its forward motion in one frame's block flows.
///
/// Driving forward moves every point straight away from the focus of expansion (FOE), by an
/// amount that depends on its distance (a near overpass fast, the horizon not at all); pitch and
/// yaw add one shift to the whole picture. So the flow's component *across* the line from the FOE
/// to a block is rotation alone, whatever the block's depth: with the unit tangent
/// t = (−Y, X) / r at offset (X, Y) from the FOE, `flow · t = yaw t_x + pitch t_y (+ roll r)`. One equation per
/// block, solved by weighted least squares with Tukey's biweight (re-weighted 5 times), so that
/// things that move on their own (vehicles, wipers) and bad matches drop out. Looming structures
/// (bridges, gantries, tree canopy) move along their radial line and cannot pass for pitch.
public struct RotationFit: Sendable, Equatable {
  /// Picture shift from rotation, plane pixels, right and down positive.
  public var yawShift = 0.0
  public var pitchShift = 0.0
  /// Share of the usable blocks' weight the fit kept (0 when the fit had too few blocks).
  public var inlierShare = 0.0

  public init() {}

  /// Blocks closer to the FOE than this (plane pixels) say little about direction and are
  /// weighted down in proportion.
  static let nearFOEPixels = 6.0
  /// The robust scale never drops below this (plane pixels): sub-pixel noise is not an outlier.
  static let minimumScale = 0.15

  /// `inlierWeights` receives each block's final weight (0: not used or rejected).
  /// Tukey's weights are recomputed 5 times, starting from no rotation.
  public static func fit(_ flows: UnsafeBufferPointer<BlockFlow>, foeX: Double, foeY: Double,
                         inlierWeights: UnsafeMutableBufferPointer<Double>) -> RotationFit {
    var result = RotationFit()
    var baseTotal = 0.0
    for index in flows.indices {
      let flow = flows[index]
      let x = flow.x - foeX, y = flow.y - foeY, r = (x * x + y * y).squareRoot()
      let weight = flow.confidence * min(1, r / nearFOEPixels)
      inlierWeights[index] = weight
      baseTotal += weight
    }
    guard baseTotal > 0 else { return result }
    // A car's body turns a fraction of a pixel a frame, so the first weights are judged against
    // no rotation at all: a plain least-squares start would let a few wild matches pull it.
    var rotation = (yaw: 0.0, pitch: 0.0, roll: 0.0)
    // Scratch kept across the passes: this runs for every frame.
    var residuals: [Double] = []
    residuals.reserveCapacity(flows.count)
    var normal = [Double](repeating: 0, count: 9), right = [Double](repeating: 0, count: 3)
    for _ in 0..<5 {
      residuals.removeAll(keepingCapacity: true)
      for index in flows.indices where flows[index].confidence > 0 {
        residuals.append(abs(tangentialResidual(flows[index], foeX, foeY, rotation)))
      }
      guard !residuals.isEmpty else { return result }
      residuals.sort()
      let scale = max(minimumScale, 1.4826 * residuals[residuals.count / 2])
      // Normal equations of t = yaw·tx + pitch·ty + roll·(r / rollRadius).
      for index in 0..<9 { normal[index] = 0 }
      for index in 0..<3 { right[index] = 0 }
      var kept = 0.0
      for index in flows.indices {
        let flow = flows[index]
        let x = flow.x - foeX, y = flow.y - foeY, r = (x * x + y * y).squareRoot()
        guard r > 0 else { inlierWeights[index] = 0; continue }
        var weight = flow.confidence * min(1, r / nearFOEPixels)
        let u = tangentialResidual(flow, foeX, foeY, rotation) / (4.685 * scale)
        weight *= abs(u) < 1 ? (1 - u * u) * (1 - u * u) : 0
        inlierWeights[index] = weight
        guard weight > 0 else { continue }
        let a = -y / r, b = x / r, c = r / rollRadius, t = flow.dx * a + flow.dy * b
        normal[0] += weight * a * a; normal[1] += weight * a * b; normal[2] += weight * a * c
        normal[3] += weight * b * a; normal[4] += weight * b * b; normal[5] += weight * b * c
        normal[6] += weight * c * a; normal[7] += weight * c * b; normal[8] += weight * c * c
        right[0] += weight * a * t; right[1] += weight * b * t; right[2] += weight * c * t
        kept += weight
      }
      // Blocks all on one line through the FOE cannot tell pitch from yaw.
      guard let solution = solve3(normal, right, tolerance: 1e-6 * max(1, kept * kept * kept)) else { return result }
      rotation = (solution[0], solution[1], solution[2])
      result.inlierShare = kept / baseTotal
    }
    result.yawShift = rotation.yaw
    result.pitchShift = rotation.pitch
    return result
  }

  /// Roll turns the picture about its centre: across the FOE's lines it moves a block by
  /// roll × r. Fitted (in pixels at this radius) so that a car leaning in a curve or a shaking
  /// mount is not read as pitch or yaw; it is not reported.
  static let rollRadius = 100.0

  /// Cramer's rule for a symmetric 3x3 system; nil when it is (nearly) singular.
  static func solve3(_ m: [Double], _ b: [Double], tolerance: Double) -> [Double]? {
    func det(_ a: [Double]) -> Double {
      a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6])
    }
    let d = det(m)
    guard abs(d) > tolerance else { return nil }
    return (0..<3).map { column in
      var replaced = m
      for row in 0..<3 { replaced[3 * row + column] = b[row] }
      return det(replaced) / d
    }
  }

  @inline(__always)
  static func tangentialResidual(_ flow: BlockFlow, _ foeX: Double, _ foeY: Double,
                                  _ rotation: (yaw: Double, pitch: Double, roll: Double)) -> Double {
    let x = flow.x - foeX, y = flow.y - foeY, r = max(1e-9, (x * x + y * y).squareRoot())
    return (flow.dx - rotation.yaw) * (-y / r) + (flow.dy - rotation.pitch) * (x / r) - rotation.roll * r / rollRadius
  }
}

/// One block's measured flow between two frames, plane pixels: centre, shift, confidence 0–1.
public struct BlockFlow: Sendable, Equatable {
  public var x = 0.0, y = 0.0, dx = 0.0, dy = 0.0, confidence = 0.0
  public init(x: Double = 0, y: Double = 0, dx: Double = 0, dy: Double = 0, confidence: Double = 0) {
    self.x = x; self.y = y; self.dx = dx; self.dy = dy; self.confidence = confidence
  }
}
