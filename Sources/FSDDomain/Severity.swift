/// How hard a brake or swerve was, by its peak acceleration against two bands (docs/detection.md:
/// mild < hard_g ≤ hard < emergency_g ≤ emergency).
public enum Severity: String, Codable, Sendable, CaseIterable {
  case mild, hard, emergency

  public init(peakG: Double, hardG: Double, emergencyG: Double) {
    self = peakG >= emergencyG ? .emergency : peakG >= hardG ? .hard : .mild
  }

  /// Most severe first, as summaries list them.
  public static let mostSevereFirst: [Severity] = [.emergency, .hard, .mild]
}
