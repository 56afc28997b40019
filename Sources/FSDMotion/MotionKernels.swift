/// The set of kernels one stream uses, chosen once (as FFmpeg's scene_sad picks its function
/// once): `simd` for ingest, `scalar` for the tests that check the two give the same series.
public struct MotionKernels: Sendable {
  public var sad: @Sendable (LumaView, LumaView) -> UInt64
  public var downsample: @Sendable (LumaView, PlaneBuffer) -> Void
  public var rowSums: @Sendable (LumaView, UnsafeMutablePointer<UInt32>) -> Void
  public var difference: @Sendable (LumaView, LumaView, Int) -> UInt64
  public var blockCosts: @Sendable (LumaView, LumaView, BlockMatch.Block, UnsafeMutablePointer<UInt32>) -> Void

  /// The downsample is the scalar loop: the compiler vectorises it as well as the hand-written
  /// SIMD16 form, which measured 0.84–1.05× its speed (tools/bench, noise); the others win 1.9–5×.
  public static let simd = MotionKernels(
    sad: SADKernel.simd, downsample: Downsample4x4.scalar, rowSums: Projections.rowSumsSIMD,
    difference: MeanRemovedDifference.simd, blockCosts: BlockMatch.simd)

  public static let scalar = MotionKernels(
    sad: SADKernel.scalar, downsample: Downsample4x4.scalar, rowSums: Projections.rowSumsScalar,
    difference: MeanRemovedDifference.scalar, blockCosts: BlockMatch.scalar)
}
