/// Where the motion core looks, computed once per stream from the frame size (as FFmpeg's scdet
/// sets up its plane geometry once), on the downsampled plane (4x4, or 2x2 under 1000 px wide).
///
/// A grid of 16-pixel-wide blocks covers the picture from near the top to near the bottom: the
/// sky line, roadside and overhead structures, and the road. Each block is matched in 2-D against
/// the previous frame within a small window centred on the shift it had last frame (so a block
/// that moves fast is followed, frame by frame, without a wide search); `RotationFit` then splits
/// the block flows into rotation and forward motion about a focus of expansion found from the
/// footage (`FocusOfExpansion`).
public struct MotionGeometry: Sendable, Equatable {
  public let sourceWidth: Int
  public let sourceHeight: Int
  public let width: Int
  public let height: Int
  /// Full-resolution pixels per downsampled pixel: 4, or 2 for frames under 1000 px wide (the
  /// plane keeps at least about 320 px across, so small dashcam frames keep their detail).
  public let scale: Int
  /// Block size (plane pixels): 16 wide (one SIMD16 row), about a twentieth of the height tall.
  public let blockHeight: Int
  /// Search window half-size around a block's predicted shift (plane pixels).
  public let searchRadius = 3
  /// The window for a block that was lost or not yet found: 169 positions instead of 49.
  public let wideSearchRadius = 6
  /// How far a prediction may lead the search (plane pixels per frame): a sixth of the height,
  /// far beyond any rotation a car's body allows in one frame.
  public let maximumPrediction: Int
  /// Top-left corners of the blocks.
  public let blocks: [(x: Int, y: Int)]

  public static func == (a: MotionGeometry, b: MotionGeometry) -> Bool {
    a.sourceWidth == b.sourceWidth && a.sourceHeight == b.sourceHeight
  }

  public init(sourceWidth: Int, sourceHeight: Int) {
    self.sourceWidth = sourceWidth
    self.sourceHeight = sourceHeight
    scale = sourceWidth < 1000 ? 2 : 4
    let size = scale == 2 ? Downsample2x2.outputSize(width: sourceWidth, height: sourceHeight)
      : Downsample4x4.outputSize(width: sourceWidth, height: sourceHeight)
    width = size.width
    height = size.height
    blockHeight = max(8, min(16, size.height / 20))
    maximumPrediction = max(4, size.height / 6)
    let margin = wideSearchRadius + 1
    let columns = max(0, min(12, (size.width - 2 * margin) / BlockMatch.blockWidth))
    let top = Int(0.05 * Double(size.height)), bottom = Int(0.9 * Double(size.height)) - blockHeight
    let rows = max(0, min(9, (bottom - top) / blockHeight + 1))
    var blocks: [(x: Int, y: Int)] = []
    for row in 0..<rows {
      let y = rows > 1 ? top + (bottom - top) * row / (rows - 1) : top
      for column in 0..<columns {
        let span = size.width - 2 * margin - BlockMatch.blockWidth
        let x = margin + (columns > 1 ? span * column / (columns - 1) : span / 2)
        blocks.append((x, y))
      }
    }
    self.blocks = blocks
  }

  /// Too small to analyse (too few blocks): the analyzer then reports only mafd.
  public var isUsable: Bool { width >= 48 && height >= 32 && blocks.count >= 12 }
}
