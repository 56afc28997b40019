/// Where the motion core looks, computed once per stream from the frame size (as FFmpeg's scdet
/// sets up its plane geometry once), on the 4x4-downsampled plane.
///
/// The front camera looks ahead with the horizon a little above the middle:
/// - `far`: the centre of the upper half — sky, horizon, distant trees. Content there is far away,
///   so mostly rotation moves it: its vertical shift is pitch.
/// - `farLeft` / `farRight`: its two halves. Yaw is the mean of their horizontal shifts: roadside
///   trees still in view pass outward on both sides, and that parallax cancels in the mean
///   (measured on the eval set: background yaw noise 0.36 instead of 0.78 px per frame).
/// - `ground`: the road below the horizon; forward motion streams it down the picture. A ground
///   point `r` rows below the horizon is at depth ∝ 1/r, so moving forward shifts u = 1/r by the
///   same amount on every row: resampled on a grid uniform in u (`horizonRow` assumed), the
///   ground's row profile slides as a whole and one match measures forward motion.
/// - `left` / `right`: the verges either side at horizon height; forward motion moves them apart.
/// Expansion is the difference of opposite regions' shifts divided by the distance between their
/// centres (a pure scaling about any point gives exactly the scale change), so rotation, which
/// shifts every region alike, cancels.
public struct MotionGeometry: Sendable, Equatable {
  public let sourceWidth: Int
  public let sourceHeight: Int
  public let width: Int
  public let height: Int
  public let far: PlaneRect
  public let farLeft: PlaneRect
  public let farRight: PlaneRect
  public let ground: PlaneRect
  /// Assumed horizon row on the downsampled plane (a front camera looks slightly down: 0.40 of
  /// the height from the top). The pitch tracked in `far` moves it frame by frame.
  public let horizonRow: Double
  public let left: PlaneRect
  public let right: PlaneRect
  /// Full-resolution pixels per downsampled pixel.
  public let scale = 4
  /// Search ranges in downsampled pixels per frame.
  public let farMaxShift: Int
  public let groundMaxShift: Int
  public let sideMaxShift: Int

  public init(sourceWidth: Int, sourceHeight: Int) {
    self.sourceWidth = sourceWidth
    self.sourceHeight = sourceHeight
    let size = Downsample4x4.outputSize(width: sourceWidth, height: sourceHeight)
    width = size.width
    height = size.height
    func rect(_ x0: Double, _ x1: Double, _ y0: Double, _ y1: Double) -> PlaneRect {
      let left = Int((x0 * Double(size.width)).rounded()), right = Int((x1 * Double(size.width)).rounded())
      let top = Int((y0 * Double(size.height)).rounded()), bottom = Int((y1 * Double(size.height)).rounded())
      return PlaneRect(x: left, y: top, width: max(0, right - left), height: max(0, bottom - top))
    }
    far = rect(0.3, 0.7, 0.06, 0.46)
    farLeft = rect(0.3, 0.5, 0.06, 0.46)
    farRight = rect(0.5, 0.7, 0.06, 0.46)
    ground = rect(0.2, 0.8, 0.47, 0.88)
    horizonRow = 0.40 * Double(size.height)
    left = rect(0.0, 0.3, 0.26, 0.5)
    right = rect(0.7, 1.0, 0.26, 0.5)
    // Yaw and pitch move the far region a few pixels per frame at most; the near road moves much
    // faster at speed.
    farMaxShift = max(2, size.height / 30)
    groundMaxShift = max(3, size.height / 16)
    sideMaxShift = max(2, size.height / 24)
  }

  /// Too small to analyse (profiles need some length): the analyzer then reports only mafd.
  public var isUsable: Bool { width >= 32 && height >= 24 }
}
