import CFFmpeg
import Foundation

/// The container FFmpeg detects in a file's bytes, judged before any demuxer reads the file.
///
/// A clip's name says `.mp4`, but a PNG, an MKV or an MPEG-TS file renamed to `.mp4` opens in
/// FFmpeg all the same (a PNG as a one-frame video). fsdlog reads MP4 only, so the format is
/// probed first and anything but the mov/mp4 family is turned away, named for what it is, without
/// running that format's demuxer over a file that was never meant to be one.
enum ContainerFormat {
  /// FFmpeg's name for its QuickTime/MP4 demuxer ("mov,mp4,m4a,3gp,3g2,mj2").
  static let mp4FamilyName = "mov"

  enum Probe {
    /// The mov/mp4 demuxer claims the file: open it with that demuxer.
    case mp4(UnsafePointer<AVInputFormat>)
    /// Another format claims the file: what it is, in words ("a PNG image").
    case other(name: String, description: String)
    /// No format claims it, or only as a guess, or the file cannot be read (FFmpeg's error
    /// code): the caller explains why.
    case unknown(code: Int32)
  }

  /// Probes the start of the file the way `avformat_open_input` would (same scores, same
  /// amount read), without opening a demuxer.
  static func probe(path: String) -> Probe {
    var io: UnsafeMutablePointer<AVIOContext>?
    let openResult = avio_open(&io, path, AVIO_FLAG_READ)
    guard openResult >= 0, let io else { return .unknown(code: openResult) }
    defer { var closing: UnsafeMutablePointer<AVIOContext>? = io; avio_closep(&closing) }
    var format: UnsafePointer<AVInputFormat>?
    let score = av_probe_input_buffer2(io, &format, path, nil, 0, 0)
    guard score >= 0, let format else { return .unknown(code: score < 0 ? score : fsd_averror_invaliddata()) }
    let names = String(cString: format.pointee.name)
    if names.split(separator: ",").first == Substring(mp4FamilyName) { return .mp4(format) }
    // A weak match on bytes that are no format at all (a damaged MP4 can look a little like an
    // MP3 frame) is a guess, not something to tell the user the file is.
    if score <= AVPROBE_SCORE_RETRY { return .unknown(code: fsd_averror_invaliddata()) }
    let longName = format.pointee.long_name.map { String(cString: $0) }
    return .other(name: names, description: describe(names: names, longName: longName))
  }

  /// What a non-MP4 format is, in the words a driver would use for the file.
  static func describe(names: String, longName: String?) -> String {
    let first = String(names.split(separator: ",").first ?? Substring(names))
    switch first {
    case "png_pipe", "apng": return "a PNG image"
    case "jpeg_pipe", "jpegls_pipe", "mjpeg": return "a JPEG image"
    case "gif", "gif_pipe": return "a GIF image"
    case "webp_pipe": return "a WebP image"
    case "bmp_pipe": return "a BMP image"
    case "tiff_pipe": return "a TIFF image"
    case "image2": return "an image file"
    case "matroska": return "Matroska (MKV)"
    case "mpegts", "mpegtsraw": return "an MPEG transport stream (MPEG-TS)"
    case "mpeg", "mpegvideo": return "an MPEG program stream (MPEG-PS)"
    case "avi": return "an AVI file"
    case "flv": return "a Flash video (FLV)"
    case "h264", "hevc": return "a raw \(first.uppercased()) stream without a container"
    case "mp3": return "an MP3 audio file"
    case "wav": return "a WAV audio file"
    case "ogg": return "an Ogg file"
    default:
      // Every other image demuxer is "<codec>_pipe".
      if first.hasSuffix("_pipe") { return "a \(first.dropLast(5).uppercased()) image" }
      return "\(longName ?? first) ('\(first)')"
    }
  }

  /// The picture an MP4-family file holds when its brand says it is an image format built on the
  /// same boxes (AVIF, HEIF): FFmpeg's mov demuxer reads those as a one-frame video.
  static func imageBrand(_ context: UnsafeMutablePointer<AVFormatContext>) -> String? {
    guard let entry = av_dict_get(context.pointee.metadata, "major_brand", nil, 0),
          let value = entry.pointee.value else { return nil }
    switch String(cString: value).trimmingCharacters(in: .whitespaces) {
    case "avif", "avis": return "an AVIF image"
    case "heic", "heix", "heim", "heis", "mif1", "msf1": return "a HEIF image"
    default: return nil
    }
  }
}
