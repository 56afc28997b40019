/// What can go wrong reading a clip. Every message starts with the file, so a line in a log of
/// thousands of clips says which one and what to do about it.
public enum MediaError: Error, CustomStringConvertible, Sendable {
  case emptyFile(path: String)
  case notMP4(path: String)
  /// FFmpeg recognises the file as another format (an image, MKV, MPEG-TS, ...) named `.mp4`.
  case otherFormat(path: String, description: String)
  /// An MP4 holding sound only: a recording, not a dashcam clip.
  case audioOnly(path: String)
  case missingMoov(path: String)
  case cannotOpen(path: String, reason: String)
  case noVideoStream(path: String)
  case unsupportedVideo(path: String, reason: String)
  case decoderFailed(path: String, reason: String)

  public var path: String {
    switch self {
    case .emptyFile(let p), .notMP4(let p), .missingMoov(let p), .noVideoStream(let p), .audioOnly(let p): p
    case .cannotOpen(let p, _), .unsupportedVideo(let p, _), .decoderFailed(let p, _), .otherFormat(let p, _): p
    }
  }

  /// The reason without the path, for a database column next to the path.
  public var reason: String {
    switch self {
    case .emptyFile: "file is empty (0 bytes): the car stopped recording before writing it"
    case .notMP4: "not an MP4 file (no 'ftyp' box at the start)"
    case .otherFormat(_, let description): "\(description), not an MP4 video"
    case .audioOnly: "an audio-only MP4 (no video stream), not a video clip"
    case .missingMoov:
      "MP4 has no 'moov' index box: the clip was cut off while recording (power loss) and cannot be read"
    case .cannotOpen(_, let reason): "cannot open: \(reason)"
    case .noVideoStream: "contains no readable video track (a damaged track header reads as a data track)"
    case .unsupportedVideo(_, let reason): "unsupported video: \(reason)"
    case .decoderFailed(_, let reason): "decoder failed: \(reason)"
    }
  }

  /// Files that are not videos at all (empty, another format, sound only) are skipped rather
  /// than counted as failed clips. An MP4 with neither a video nor an audio track is counted as
  /// failed: that is what a dashcam clip with a damaged track header looks like.
  public var isNotAVideo: Bool {
    switch self {
    case .emptyFile, .notMP4, .otherFormat, .audioOnly: true
    default: false
    }
  }

  public var description: String { "\(path): \(reason)" }
}
