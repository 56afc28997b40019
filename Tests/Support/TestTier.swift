import Foundation

/// The two tiers of the suite. The default run is fast and still real (fuzz at tens of thousands
/// of inputs, a few hundred mutated clips, a few kills); `FSDLOG_LONG_TESTS=1` (set by `.ci/run`)
/// runs the long tier: a million fuzz inputs per parser, 10,000 mutated clips, 50 kills.
public enum TestTier {
  public static var isLong: Bool { ProcessInfo.processInfo.environment["FSDLOG_LONG_TESTS"] == "1" }

  /// `variable` when set (a number), else `long` in the long tier and `normal` otherwise.
  public static func count(_ variable: String, normal: Int, long: Int) -> Int {
    ProcessInfo.processInfo.environment[variable].flatMap(Int.init) ?? (isLong ? long : normal)
  }
}
