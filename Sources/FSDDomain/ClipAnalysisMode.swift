/// How a front clip was analysed (`clips.analysis_mode`): its SEI read by demux only
/// (`telemetry`), every frame decoded for the motion core with SEI read in the same pass (`full`),
/// or decoded with telemetry ignored (`vision`). A clip is analysed again when a run asks for
/// more than it got.
public enum ClipAnalysisMode: String, Codable, Sendable, CaseIterable {
  case telemetry, full, vision
}
