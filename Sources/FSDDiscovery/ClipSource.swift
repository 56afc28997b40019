/// Which TeslaCam folder a clip or event folder came from.
public enum ClipSource: String, Sendable, Codable {
  /// RecentClips: the car's rolling buffer, overwritten after about an hour.
  case recent
  /// SavedClips: the driver saved the event (dashcam icon, honk, voice command).
  case saved
  /// SentryClips: recorded while parked.
  case sentry
  /// Anywhere else, e.g. clips the user copied to a folder of their own.
  case other
}
