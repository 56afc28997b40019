/// Global ego-motion of one stream, frame by frame: the camera's yaw and pitch as picture shifts,
/// its forward motion as the expansion rate of the scene, brightness and a confidence.
///
/// Per frame it downsamples the luma (4x4, or 2x2 under 1000 px wide) into its own buffer,
/// matches a grid of blocks against the previous frame (`BlockMatch`, each block searched around
/// the shift it had last frame), and
/// splits the block flows into rotation and forward motion about the focus of expansion
/// (`RotationFit`, `FocusOfExpansion`). Rotation moves every block alike; forward motion moves each
/// block away from the FOE by an amount that depends on its distance, so an overpass or tree
/// canopy looming overhead moves up the picture without counting as a nose dip. Blocks that stay
/// put while the picture rotates are fixed to the camera (hood, dashboard, overlaid text) and are
/// left out. Everything it keeps is allocated once per stream (the warm-up planes once, then freed).
public final class EgoMotionEstimator {
  public let geometry: MotionGeometry
  let kernels: MotionKernels
  private var current: PlaneBuffer
  private var previous: PlaneBuffer
  /// The previous plane scaled to this frame's brightness, when the exposure changed.
  private let adjusted: PlaneBuffer
  private var hasPrevious = false
  private let sums: UnsafeMutablePointer<UInt32>
  private let costs: UnsafeMutablePointer<UInt32>
  private let flows: UnsafeMutableBufferPointer<BlockFlow>
  private let weights: UnsafeMutableBufferPointer<Double>
  private let ratios: UnsafeMutableBufferPointer<Double>
  /// Each block's search centre for the next frame (plane pixels), and whether last frame's
  /// search found it (else the next search is wide).
  private var predictedX: [Int]
  private var predictedY: [Int]
  private var locked: [Bool]
  /// 0–1: how often a block stayed still while the picture rotated (fixed to the camera).
  private var fixedScore: [Double]
  public private(set) var focus: FocusOfExpansion
  private var previousBrightness = 0.0

  /// Blocks above this fixed score are left out of the fit.
  static let fixedThreshold = 0.5
  /// Rotation (plane pixels per frame) large enough to tell a fixed block from the scene.
  static let rotationForFixedTest = 0.4

  public init(width: Int, height: Int, kernels: MotionKernels = .simd) {
    geometry = MotionGeometry(sourceWidth: width, sourceHeight: height)
    self.kernels = kernels
    current = PlaneBuffer(width: geometry.width, height: geometry.height)
    previous = PlaneBuffer(width: geometry.width, height: geometry.height)
    adjusted = PlaneBuffer(width: geometry.width, height: geometry.height)
    sums = .allocate(capacity: max(1, geometry.height))
    let window = (2 * geometry.wideSearchRadius + 1) * (2 * geometry.wideSearchRadius + 1)
    costs = .allocate(capacity: window)
    let count = geometry.blocks.count
    flows = .allocate(capacity: max(1, count))
    flows.initialize(repeating: BlockFlow())
    weights = .allocate(capacity: max(1, count))
    weights.initialize(repeating: 0)
    ratios = .allocate(capacity: max(1, count))
    ratios.initialize(repeating: 0)
    predictedX = [Int](repeating: 0, count: count)
    predictedY = [Int](repeating: 0, count: count)
    locked = [Bool](repeating: false, count: count)
    fixedScore = [Double](repeating: 0, count: count)
    focus = FocusOfExpansion(width: geometry.width, height: geometry.height)
  }

  deinit {
    sums.deallocate()
    costs.deallocate()
    flows.deallocate()
    weights.deallocate()
    ratios.deallocate()
  }

  /// Analyses one frame (which must have the stream's size) against the previous one.
  public func add(_ frame: LumaView) -> FrameMotion {
    precondition(frame.width == geometry.sourceWidth && frame.height == geometry.sourceHeight)
    guard geometry.isUsable else { return FrameMotion() }
    kernels.downsample(frame, for: geometry, into: current)
    return analyseDownsampled()
  }

  /// Analyses one frame already downsampled for this stream (`MotionKernels.downsample(_:for:into:)`,
  /// done by a decoding thread): the same measurement as `add(_:)`, from the plane.
  public func add(downsampled plane: PlaneBuffer) -> FrameMotion {
    precondition(plane.width == geometry.width && plane.height == geometry.height)
    guard geometry.isUsable else { return FrameMotion() }
    current.base.update(from: plane.base, count: geometry.width * geometry.height)
    return analyseDownsampled()
  }

  private func analyseDownsampled() -> FrameMotion {
    if framesSeen < Self.warmUpFrames {
      if warmUp.isEmpty {
        warmUp = (0..<Self.warmUpFrames).map { _ in PlaneBuffer(width: geometry.width, height: geometry.height) }
      }
      warmUp[framesSeen].base.update(from: current.base, count: geometry.width * geometry.height)
    }
    framesSeen += 1
    let motion = analyseCurrent()
    if framesSeen == Self.warmUpFrames { replayWarmUp() }
    return motion
  }

  /// The first frames' motion measured again once the FOE and the camera-fixed blocks have settled
  /// on them (nil until then, and after it has been taken).
  public func takeRevisedWarmUp() -> [FrameMotion]? {
    defer { revisedWarmUp = nil }
    return revisedWarmUp
  }

  /// A stream's first frames are measured before the FOE has been found (it starts from a prior)
  /// and before the camera-fixed blocks are known: the pitch drifts for a second or so, which at a
  /// clip boundary every minute would hide a brake. So the first `warmUpFrames` downsampled planes
  /// are kept (about 4 MB at 1280x960) and measured again with what was learnt.
  static let warmUpFrames = 48
  private var warmUp: [PlaneBuffer] = []
  private var framesSeen = 0
  private var revisedWarmUp: [FrameMotion]?

  private func replayWarmUp() {
    hasPrevious = false
    previousBrightness = 0
    for index in predictedX.indices { predictedX[index] = 0; predictedY[index] = 0; locked[index] = false }
    var revised: [FrameMotion] = []
    revised.reserveCapacity(warmUp.count)
    for plane in warmUp {
      current.base.update(from: plane.base, count: geometry.width * geometry.height)
      revised.append(analyseCurrent())
    }
    revisedWarmUp = revised
    warmUp = []
  }

  /// Measures `current` (already downsampled) against `previous`, then makes it the previous.
  private func analyseCurrent() -> FrameMotion {
    var motion = FrameMotion()
    let plane = current.view

    kernels.rowSums(plane, sums)
    var total: UInt64 = 0
    for y in 0..<plane.height { total &+= UInt64(sums[y]) }
    motion.brightness = Double(total) / Double(max(1, plane.pixelCount))

    if hasPrevious {
      motion.downsampledMAFD = MAFD.value(sad: kernels.sad(previous.view, plane), pixelCount: plane.pixelCount)
      measureBlocks(plane, against: exposureMatched(previous.view, gain: motion.brightness / max(1, previousBrightness)))
      let flowView = UnsafeBufferPointer(flows), weightView = UnsafeBufferPointer(weights)
      let rotation = RotationFit.fit(flowView, foeX: focus.x, foeY: focus.y, inlierWeights: weights)
      updateFixedScores(rotation)
      focus.add(flowView, weights: weightView, rotation: rotation)
      let scale = Double(geometry.scale)
      motion.dxPixels = rotation.yawShift * scale
      motion.dyPixels = rotation.pitchShift * scale
      motion.expansionPerMille = 1000 * expansionRate(rotation)

      // Change the shifts cannot explain (a cut, glare) lowers the confidence; a global
      // brightness step does not, because its offset is taken out first.
      let offset = Int((previousBrightness - motion.brightness).rounded())
      let residual = Double(kernels.difference(previous.view, plane, offset))
        / Double(max(1, plane.pixelCount)) / max(16, motion.brightness)
      let changePenalty = residual > 0.3 ? 0.3 / residual : 1
      var usable = 0
      for index in weights.indices where weights[index] > 0 { usable += 1 }
      motion.confidence = rotation.inlierShare * min(1, Double(usable) / 12) * changePenalty
    }
    previousBrightness = motion.brightness
    swap(&current, &previous)
    hasPrevious = true
    return motion
  }

  /// Matches every block against the previous plane around its predicted shift, and predicts the
  /// next frame's from what it found. A block not found (at the window's edge, or flat) is searched
  /// in a wide window next frame, centred where its best lay: coarse to fine over frames, so a
  /// number is never pinned at a search limit (a match on the edge carries confidence 0).
  private func measureBlocks(_ plane: LumaView, against reference: LumaView) {
    let g = geometry, half = Double(BlockMatch.blockWidth) / 2, limit = g.maximumPrediction
    for (index, corner) in g.blocks.enumerated() {
      let block = BlockMatch.Block(x: corner.x, y: corner.y, height: g.blockHeight,
                                   centerX: predictedX[index], centerY: predictedY[index],
                                   radius: locked[index] ? g.searchRadius : g.wideSearchRadius)
      kernels.blockCosts(reference, plane, block, costs)
      let best = BlockMatch.best(costs, block)
      let fixed = fixedScore[index] > Self.fixedThreshold
      flows[index] = BlockFlow(x: Double(corner.x) + half, y: Double(corner.y) + Double(g.blockHeight) / 2,
                               dx: best.dx, dy: best.dy, confidence: fixed ? 0 : best.confidence)
      locked[index] = best.confidence > 0
      predictedX[index] = max(-limit, min(limit, Int(best.dx.rounded())))
      predictedY[index] = max(-limit, min(limit, Int(best.dy.rounded())))
    }
  }

  /// The previous plane as it would look at this frame's exposure: block SAD compares raw
  /// luma, so a camera's auto-exposure step (a tunnel, a bridge's shadow) must not look like
  /// motion. Below 2 % the previous plane is used as it is.
  private func exposureMatched(_ plane: LumaView, gain: Double) -> LumaView {
    guard abs(gain - 1) > 0.02 else { return plane }
    var table = [UInt8](repeating: 0, count: 256)
    for value in 0..<256 { table[value] = UInt8(max(0, min(255, (Double(value) * gain).rounded()))) }
    for y in 0..<plane.height {
      let source = plane.row(y), target = adjusted.base + y * adjusted.width
      for x in 0..<plane.width { target[x] = table[Int(source[x])] }
    }
    return adjusted.view
  }

  /// A block that stays still while the fit finds the picture rotating is fixed to the camera.
  private func updateFixedScores(_ rotation: RotationFit) {
    let turning = (rotation.yawShift * rotation.yawShift + rotation.pitchShift * rotation.pitchShift).squareRoot()
    guard rotation.inlierShare > 0.3, turning >= Self.rotationForFixedTest else { return }
    for index in fixedScore.indices {
      // Fixed blocks were given no weight; judge them on their own match.
      let flow = flows[index]
      let still = abs(flow.dx) < 0.15 && abs(flow.dy) < 0.15
      fixedScore[index] += ((still ? 1 : 0) - fixedScore[index]) * 0.1
    }
  }

  /// Forward motion: the upper half (50th to 90th percentile, averaged) over the fit's inlier
  /// blocks of their flow away from the FOE divided by their distance from it: speed over depth,
  /// per frame, 0 when standing. The upper half, not the median, because half the picture may be
  /// at infinity (open sky, far hills) where the nearer half (road, verges) still shows the speed. Blocks within a sixth of the
  /// height of the FOE are too close to it for the ratio to mean much.
  private func expansionRate(_ rotation: RotationFit) -> Double {
    let minimumRadius = Double(geometry.height) / 6
    var count = 0
    for index in flows.indices where weights[index] > 0 {
      let flow = flows[index]
      let x = flow.x - focus.x, y = flow.y - focus.y, r = (x * x + y * y).squareRoot()
      guard r >= minimumRadius else { continue }
      ratios[count] = ((flow.dx - rotation.yawShift) * x + (flow.dy - rotation.pitchShift) * y) / (r * r)
      count += 1
    }
    guard count >= 3 else { return 0 }
    var used = UnsafeMutableBufferPointer(rebasing: ratios[0..<count])
    used.sort()
    // The mean of the upper half, less its top tenth (stray matches): steadier than one quantile.
    let low = count / 2, high = max(low + 1, count * 9 / 10)
    var total = 0.0
    for index in low..<high { total += used[index] }
    return total / Double(high - low)
  }
}
