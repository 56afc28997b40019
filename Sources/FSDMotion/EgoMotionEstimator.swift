/// Global ego-motion of one stream, frame by frame: yaw and pitch shifts of the distant scene,
/// forward-motion expansion, brightness and a confidence.
///
/// Per frame it downsamples the luma 4x4 into its own buffer, takes row and column projections of
/// six regions (`MotionGeometry`), and matches each against the previous frame's. The distant
/// scene's rows are matched against a key frame that is kept for up to `keyFrameMaxAge` frames: pitch
/// under braking changes by a tenth of a pixel per frame, and summing many tiny sub-pixel
/// estimates would lose most of it to the bias of sub-pixel refinement. Everything it keeps is
/// allocated once per stream.
public final class EgoMotionEstimator {
  public let geometry: MotionGeometry
  let kernels: MotionKernels
  private var current: PlaneBuffer
  private var previous: PlaneBuffer
  private var hasPrevious = false
  private let sums: UnsafeMutablePointer<UInt32>
  private let costs: UnsafeMutablePointer<Float>
  private var profiles: [Profile]
  private var previousBrightness = 0.0
  /// Distant-scene vertical position (downsampled pixels) accumulated over the stream, and at the
  /// key frame.
  private var farPosition = 0.0
  private var keyPosition = 0.0
  private var keyAge = 0
  /// A slow average of `farPosition`: the pitch excursion from it moves the horizon row used to
  /// resample the ground.
  private var slowFarPosition = 0.0
  /// The ground's row sums resampled onto the inverse-depth grid.
  private let groundResampled: UnsafeMutablePointer<Float>
  /// Inverse row distance below the horizon at the grid's first sample (bottom row), and its step.
  private let groundU0: Double
  private let groundUStep: Double

  static let keyFrameMaxAge = 24
  /// Past this many downsampled pixels from the key frame the view has changed enough to re-key.
  static let keyFrameMaxShift = 3.0

  /// One region's profile along one axis: this frame's, the previous frame's and the key frame's.
  private struct Profile {
    let rect: PlaneRect
    let alongRows: Bool
    let maxShift: Int
    let count: Int
    let now: UnsafeMutablePointer<Float>
    let before: UnsafeMutablePointer<Float>
    let key: UnsafeMutablePointer<Float>
  }

  private enum Slot: Int { case farRows, farLeftColumns, farRightColumns, groundRows, leftColumns, rightColumns }

  public init(width: Int, height: Int, kernels: MotionKernels = .simd) {
    geometry = MotionGeometry(sourceWidth: width, sourceHeight: height)
    self.kernels = kernels
    current = PlaneBuffer(width: geometry.width, height: geometry.height)
    previous = PlaneBuffer(width: geometry.width, height: geometry.height)
    let longest = max(geometry.width, geometry.height, 1)
    sums = .allocate(capacity: longest)
    let g = geometry
    let maxShift = max(g.farMaxShift, g.groundMaxShift, g.sideMaxShift)
    costs = .allocate(capacity: 2 * maxShift + 1)
    groundResampled = .allocate(capacity: max(1, g.ground.height))
    let bottomRow = Double(g.ground.y + g.ground.height - 1), topRow = Double(g.ground.y)
    groundU0 = 1 / max(1, bottomRow - g.horizonRow)
    groundUStep = (1 / max(1, topRow - g.horizonRow) - groundU0) / Double(max(1, g.ground.height - 1))
    func profile(_ rect: PlaneRect, rows: Bool, _ shift: Int) -> Profile {
      let count = max(0, (rows ? rect.height : rect.width) - 1)
      func buffer() -> UnsafeMutablePointer<Float> {
        let pointer = UnsafeMutablePointer<Float>.allocate(capacity: max(1, count))
        pointer.initialize(repeating: 0, count: max(1, count))
        return pointer
      }
      return Profile(rect: rect, alongRows: rows, maxShift: shift, count: count, now: buffer(), before: buffer(), key: buffer())
    }
    profiles = [
      profile(g.far, rows: true, g.farMaxShift), profile(g.farLeft, rows: false, g.farMaxShift),
      profile(g.farRight, rows: false, g.farMaxShift),
      profile(g.ground, rows: true, g.groundMaxShift), profile(g.left, rows: false, g.sideMaxShift),
      profile(g.right, rows: false, g.sideMaxShift),
    ]
  }

  deinit {
    groundResampled.deallocate()
    sums.deallocate()
    costs.deallocate()
    for profile in profiles {
      profile.now.deallocate(); profile.before.deallocate(); profile.key.deallocate()
    }
  }

  /// Analyses one frame (which must have the stream's size) against the previous one.
  public func add(_ frame: LumaView) -> FrameMotion {
    precondition(frame.width == geometry.sourceWidth && frame.height == geometry.sourceHeight)
    var motion = FrameMotion()
    guard geometry.isUsable else { return motion }
    kernels.downsample(frame, current)
    let plane = current.view

    kernels.rowSums(plane, sums)
    var total: UInt64 = 0
    for y in 0..<plane.height { total &+= UInt64(sums[y]) }
    motion.brightness = Double(total) / Double(max(1, plane.pixelCount))

    // The ground's profile comes last: it is resampled about the horizon as pitched this frame.
    for (slot, profile) in profiles.enumerated() where slot != Slot.groundRows.rawValue {
      let region = plane.region(profile.rect)
      if profile.alongRows { kernels.rowSums(region, sums) } else { kernels.columnSums(region, sums) }
      ProjectionMatch.normalizedGradient(
        sums, count: profile.count + 1, pixelsPerSum: profile.alongRows ? region.width : region.height, into: profile.now)
    }
    let farY = hasPrevious ? trackFar(profiles[Slot.farRows.rawValue]) : ProjectionMatch.Shift(samples: 0, confidence: 0)
    let groundProfile = profiles[Slot.groundRows.rawValue]
    let groundRegion = plane.region(groundProfile.rect)
    kernels.rowSums(groundRegion, sums)
    resampleGround(rowSums: sums, rows: groundRegion.height, pixelsPerRow: groundRegion.width)
    ProjectionMatch.normalizedGradient(values: groundResampled, count: groundProfile.count + 1, into: groundProfile.now)

    if hasPrevious {
      motion.downsampledMAFD = MAFD.value(sad: kernels.sad(previous.view, plane), pixelCount: plane.pixelCount)
      let scale = Double(geometry.scale)
      let farLeft = match(profiles[Slot.farLeftColumns.rawValue], against: \.before)
      let farRight = match(profiles[Slot.farRightColumns.rawValue], against: \.before)
      keyAge += 1
      if keyAge >= Self.keyFrameMaxAge || abs(farPosition - keyPosition) > Self.keyFrameMaxShift || farY.confidence < 0.2 {
        rekey()
      }
      let farX = ProjectionMatch.Shift(samples: (farLeft.samples + farRight.samples) / 2,
                                       confidence: min(farLeft.confidence, farRight.confidence))
      motion.dxPixels = farX.samples * scale
      motion.dyPixels = farY.samples * scale

      // Expansion from opposite regions; the pitch and yaw shared by both cancel in the difference.
      let ground = match(profiles[Slot.groundRows.rawValue], against: \.before)
      let left = match(profiles[Slot.leftColumns.rawValue], against: \.before)
      let right = match(profiles[Slot.rightColumns.rawValue], against: \.before)
      let g = geometry
      // Forward motion lowers u = 1/r by −shift × step on every ground row; at the band's centre
      // row that is a relative scale change of r × Δu.
      let vertical = -ground.samples * groundUStep * (g.ground.centerY - g.horizonRow)
      let horizontal = (right.samples - left.samples) / max(1, g.right.centerX - g.left.centerX)
      let verticalWeight = min(ground.confidence, farY.confidence)
      let horizontalWeight = min(left.confidence, right.confidence)
      let weights = verticalWeight + horizontalWeight
      motion.expansionPerMille = weights > 0.05
        ? 1000 * (vertical * verticalWeight + horizontal * horizontalWeight) / weights : 0

      // Change the shifts cannot explain (a cut, glare) lowers the confidence; a global
      // brightness step does not, because its offset is taken out first.
      let offset = Int((previousBrightness - motion.brightness).rounded())
      let residual = Double(kernels.difference(previous.view, plane, offset))
        / Double(max(1, plane.pixelCount)) / max(16, motion.brightness)
      let changePenalty = residual > 0.3 ? 0.3 / residual : 1
      motion.confidence = (farX.confidence + farY.confidence) / 2 * changePenalty
    } else {
      for profile in profiles { profile.key.update(from: profile.now, count: profile.count) }
    }
    for profile in profiles { profile.before.update(from: profile.now, count: profile.count) }
    previousBrightness = motion.brightness
    swap(&current, &previous)
    hasPrevious = true
    return motion
  }

  /// Resamples the ground's row sums onto the grid uniform in inverse distance below the horizon,
  /// bottom row first. The horizon follows the current pitch excursion (a nose dip moves it up).
  private func resampleGround(rowSums: UnsafeMutablePointer<UInt32>, rows: Int, pixelsPerRow: Int) {
    slowFarPosition += (farPosition - slowFarPosition) / 144
    let horizon = geometry.horizonRow + (farPosition - slowFarPosition)
    let top = Double(geometry.ground.y), scale = 1 / Float(max(1, pixelsPerRow))
    for k in 0..<rows {
      let row = horizon + 1 / (groundU0 + Double(k) * groundUStep) - top
      let clamped = max(0, min(Double(rows - 1), row))
      let index = min(rows - 2, Int(clamped)), fraction = Float(clamped - Double(index))
      guard rows > 1 else { groundResampled[k] = Float(rowSums[0]) * scale; continue }
      groundResampled[k] = (Float(rowSums[index]) * (1 - fraction) + Float(rowSums[index + 1]) * fraction) * scale
    }
  }

  /// The distant scene's vertical shift since the previous frame, from the key frame.
  private func trackFar(_ profile: Profile) -> ProjectionMatch.Shift {
    var sinceKey = match(profile, against: \.key)
    var newPosition = keyPosition + sinceKey.samples
    if sinceKey.confidence < 0.2 {
      // The key frame no longer matches (the view changed): fall back to the previous frame.
      sinceKey = match(profile, against: \.before)
      newPosition = farPosition + sinceKey.samples
    }
    let step = newPosition - farPosition
    farPosition = newPosition
    return ProjectionMatch.Shift(samples: step, confidence: sinceKey.confidence)
  }

  private func rekey() {
    keyPosition = farPosition
    keyAge = 0
    let profile = profiles[Slot.farRows.rawValue]
    profile.key.update(from: profile.now, count: profile.count)
  }

  private func match(_ profile: Profile, against reference: KeyPath<Profile, UnsafeMutablePointer<Float>>)
    -> ProjectionMatch.Shift {
    guard profile.count > profile.maxShift * 2 + 8 else { return ProjectionMatch.Shift(samples: 0, confidence: 0) }
    kernels.matchCosts(profile[keyPath: reference], profile.now, profile.count, profile.maxShift, costs)
    return ProjectionMatch.best(costs: costs, maxShift: profile.maxShift)
  }
}
