/// The set of kernels one stream uses, chosen once (as FFmpeg's scene_sad picks its function
/// once): `simd` for ingest, `scalar` for the tests that check the two give the same series.
public struct MotionKernels: Sendable {
  public var sad: @Sendable (LumaView, LumaView) -> UInt64
  public var downsample: @Sendable (LumaView, PlaneBuffer) -> Void
  public var rowSums: @Sendable (LumaView, UnsafeMutablePointer<UInt32>) -> Void
  public var difference: @Sendable (LumaView, LumaView, Int) -> UInt64
  public var blockCosts: @Sendable (LumaView, LumaView, BlockMatch.Block, UnsafeMutablePointer<UInt32>) -> Void

  /// The downsample and block matching are plain loops in both sets: the compiler vectorises them
  /// better than hand-written SIMD16 forms did (0.84–1.05× and 0.51× their speed in tools/bench);
  /// the others win 1.2–2×.
  public static let simd = MotionKernels(
    sad: SADKernel.simd, downsample: Downsample4x4.scalar, rowSums: Projections.rowSumsSIMD,
    difference: MeanRemovedDifference.simd, blockCosts: BlockMatch.costs)

  public static let scalar = MotionKernels(
    sad: SADKernel.scalar, downsample: Downsample4x4.scalar, rowSums: Projections.rowSumsScalar,
    difference: MeanRemovedDifference.scalar, blockCosts: BlockMatch.costs)
}

extension MotionKernels {
  /// A frame's plane as the ego-motion estimator measures it: 4x4 (this set's kernel), or 2x2
  /// for frames under 1000 px wide (`MotionGeometry.scale`).
  public func downsample(_ frame: LumaView, for geometry: MotionGeometry, into plane: PlaneBuffer) {
    if geometry.scale == 2 { Downsample2x2.scalar(frame, into: plane) } else { downsample(frame, plane) }
  }
}
