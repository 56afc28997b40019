/// What found an event: telemetry (SEI or CSV), the front camera alone, or both agreeing
/// (a telemetry event the vision path confirmed within a second).
public enum EventSource: String, Codable, Sendable, CaseIterable {
  case telemetry, vision, both

  /// Whether the camera saw it (its figures are in picture units unless telemetry is there too).
  public var includesVision: Bool { self != .telemetry }
}
