import FSDDomain

/// A path the walk met that it cannot take as a clip, and why: ingest records each one, so
/// `fsdlog status` names every path instead of leaving it out without a word.
public struct SkippedPath: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    /// Not something fsdlog reads (a FIFO, socket or device named like a clip): recorded, not a
    /// failure.
    case notAClip
    /// Something that may hold clips but cannot be read: an unreadable folder or file, a name
    /// that is not UTF-8, a symbolic link to nothing. A failure: footage may be missing.
    case unreadable
  }

  /// Absolute; a name that is not valid UTF-8 has its other bytes written `\xNN`.
  public let path: String
  public let kind: Kind
  /// What is wrong and what to do about it, for the user.
  public let reason: String
  /// What the name says, as for a clip: the camera ("front" when the name tells none) and where
  /// in a TeslaCam tree it lies, so the recorded row reads like the clip rows around it.
  public let camera: Camera
  public let source: ClipSource

  public init(path: String, kind: Kind, reason: String) {
    self.path = path
    self.kind = kind
    self.reason = reason
    let name = StandardPath.lastComponent(of: path)
    camera = (TeslaClipName.parse(fileName: name)?.camera ?? DashcamClipName.parse(fileName: name)?.camera) ?? .front
    source = TeslaCamLayout.placement(ofFolder: StandardPath.parent(of: path)).source
  }
}
