/// Where the camera is heading in the picture (the focus of expansion), found from the footage
/// itself rather than assumed: dashcams are mounted high or low, tilted, and cropped.
///
/// After the rotation is taken out, every block's flow points straight away from the FOE, so the
/// FOE is the point closest to all the flow lines: each flow (fx, fy) at (x, y) gives the linear
/// equation fy·cx − fx·cy = fy·x − fx·y (direction only: each is divided by the flow's length).
/// The normal equations are summed with a forgetting factor (about 15 s of frames) and start from a
/// prior at the centre column, 0.45 of the height down, worth a few seconds of evidence, so the
/// estimate moves only on steady evidence and follows a remounted camera.
public struct FocusOfExpansion: Sendable {
  public private(set) var x: Double
  public private(set) var y: Double
  private let width: Double, height: Double
  private var sxx: Double, sxy = 0.0, syy: Double, bx: Double, by: Double

  /// Per-frame decay of old evidence.
  static let forgetting = 0.998
  /// Flows shorter than this (plane pixels) say little about their direction.
  static let minimumFlowPixels = 0.5
  static let priorWeight = 40.0

  public init(width: Int, height: Int) {
    self.width = Double(width)
    self.height = Double(height)
    x = self.width / 2
    y = 0.45 * self.height
    sxx = Self.priorWeight; syy = Self.priorWeight
    bx = Self.priorWeight * x; by = Self.priorWeight * y
  }

  /// Adds one frame's flows with the rotation removed; `weights` are the fit's inlier weights.
  public mutating func add(_ flows: UnsafeBufferPointer<BlockFlow>, weights: UnsafeBufferPointer<Double>,
                           rotation: RotationFit) {
    sxx *= Self.forgetting; sxy *= Self.forgetting; syy *= Self.forgetting
    bx *= Self.forgetting; by *= Self.forgetting
    // The prior never fades below a floor, so a long stop cannot leave the estimate unanchored.
    let floor = Self.priorWeight / 4
    if sxx < floor || syy < floor {
      sxx += floor; syy += floor; bx += floor * width / 2; by += floor * 0.45 * height
    }
    for index in flows.indices where weights[index] > 0 {
      let flow = flows[index]
      let fx = flow.dx - rotation.yawShift, fy = flow.dy - rotation.pitchShift
      let length = (fx * fx + fy * fy).squareRoot()
      guard length >= Self.minimumFlowPixels else { continue }
      let a = fy / length, b = -fx / length, c = (fy * flow.x - fx * flow.y) / length
      let w = weights[index]
      sxx += w * a * a; sxy += w * a * b; syy += w * b * b
      bx += w * a * c; by += w * b * c
    }
    let determinant = sxx * syy - sxy * sxy
    guard determinant > 1e-9 else { return }
    // Kept inside the picture's central part: a FOE near the edge means the evidence is bad.
    x = max(0.25 * width, min(0.75 * width, (syy * bx - sxy * by) / determinant))
    y = max(0.2 * height, min(0.75 * height, (sxx * by - sxy * bx) / determinant))
  }
}
