import CFFmpeg
import Foundation

/// Reading an opened container's header into `MediaInfo`, trusting none of its numbers blindly:
/// every count and duration in an MP4 header is a field a damaged or hostile file can set to
/// anything, and ingest sizes buffers from them.
extension MediaFile {
  /// The longest clip fsdlog believes a header about. Dashcams write clips of a minute to half
  /// an hour; a day is far beyond any of them and still far below a number that breaks arithmetic.
  static let maxClipSeconds = 24.0 * 3600

  /// The video stream ingest reads: a real video track with a codec FFmpeg knows.
  /// - Throws: `MediaError.audioOnly` / `.noVideoStream` when there is no video track (cover art
  ///   in an audio file does not count), `.unsupportedVideo` when its codec is unknown.
  static func videoStream(_ context: UnsafeMutablePointer<AVFormatContext>, path: String) throws
    -> UnsafeMutablePointer<AVStream>
  {
    let streams = (0..<Int(context.pointee.nb_streams)).compactMap { context.pointee.streams[$0] }
    let video = streams.first {
      $0.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_VIDEO
        && $0.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC == 0
    }
    let best = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, nil, 0)
    let chosen = best >= 0 && Int(best) < streams.count
      && streams[Int(best)].pointee.disposition & AV_DISPOSITION_ATTACHED_PIC == 0 ? streams[Int(best)] : video
    guard let stream = chosen else {
      let hasAudio = streams.contains { $0.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_AUDIO }
      throw hasAudio ? MediaError.audioOnly(path: path) : MediaError.noVideoStream(path: path)
    }
    let parameters = stream.pointee.codecpar.pointee
    if parameters.codec_id == AV_CODEC_ID_NONE {
      throw MediaError.unsupportedVideo(path: path, reason: "the video track's codec ('\(fourCC(parameters.codec_tag))') is not one FFmpeg knows")
    }
    let timeBase = stream.pointee.time_base
    if timeBase.num <= 0 || timeBase.den <= 0 {
      throw MediaError.unsupportedVideo(path: path, reason: "the video track has no valid time base (\(timeBase.num)/\(timeBase.den))")
    }
    // MP4 headers carry size and codec; avformat_find_stream_info would decode frames to guess
    // what we already know, so it is only a fallback for containers that leave them out.
    if parameters.width == 0 { avformat_find_stream_info(context, nil) }
    return stream
  }

  /// The container facts, with the frame count and duration checked against what the file can hold.
  static func info(_ context: UnsafeMutablePointer<AVFormatContext>, stream: UnsafeMutablePointer<AVStream>,
                   fileSizeBytes: Int) -> MediaInfo {
    let timeBase = stream.pointee.time_base
    let timeBaseSeconds = Double(timeBase.num) / Double(timeBase.den)
    var problems: [String] = []

    // FFmpeg's index holds one entry per sample of the sample tables (stsz/stco), memory it has
    // already allocated and the packets it will return. nb_frames is only the sum of the 'stts'
    // counts, a field: one damaged count made it four billion and ingest reserved 34 GB for it.
    let entries = Int(avformat_index_get_entries_count(stream))
    let listed = stream.pointee.nb_frames
    var frames = entries
    if entries > 0, listed > Int64(entries) {
      problems.append("damaged index: its timing table ('stts') lists \(listed) frames, its sample table \(entries); "
                      + "the \(entries) frames of the sample table are read")
    } else if entries == 0, listed > 0 {
      // No sample table to count (a fragmented MP4): every frame needs at least a byte of the file.
      if fileSizeBytes > 0, listed > Int64(fileSizeBytes) {
        problems.append("damaged index: it lists \(listed) frames, more than a \(fileSizeBytes)-byte file can hold")
      } else {
        frames = Int(listed)
      }
    }

    var durationSeconds: Double?
    let streamDuration = stream.pointee.duration
    if streamDuration > 0, streamDuration != fsd_nopts_value() {
      durationSeconds = Double(streamDuration) * timeBaseSeconds
    } else if context.pointee.duration > 0, context.pointee.duration != fsd_nopts_value() {
      durationSeconds = Double(context.pointee.duration) / Double(AV_TIME_BASE)
    }
    // FFmpeg sums the frames' 'stts' durations into the stream's: one damaged delta makes a
    // one-second clip last years, and drives are built from clip lengths.
    if let claimed = durationSeconds, !claimed.isFinite || claimed > maxClipSeconds {
      problems.append("damaged index: it says the clip lasts \(secondsText(claimed)), longer than any dashcam clip; "
                      + "its length is left unknown")
      durationSeconds = nil
    }

    return MediaInfo(
      codecName: String(cString: avcodec_get_name(stream.pointee.codecpar.pointee.codec_id)),
      width: Int(stream.pointee.codecpar.pointee.width),
      height: Int(stream.pointee.codecpar.pointee.height),
      timeBaseNumerator: timeBase.num,
      timeBaseDenominator: timeBase.den,
      durationSeconds: durationSeconds,
      indexedFrameCount: frames,
      creationTime: creationTime(context),
      indexProblems: problems
    )
  }

  private static func secondsText(_ seconds: Double) -> String {
    seconds.isFinite ? String(format: "%.1f s", seconds) : "\(seconds) s"
  }

  private static func fourCC(_ tag: UInt32) -> String {
    let bytes = (0..<4).map { UInt8(truncatingIfNeeded: tag >> (8 * $0)) }
    return bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? String(decoding: bytes, as: UTF8.self) : String(format: "0x%08x", tag)
  }

  static func creationTime(_ context: UnsafeMutablePointer<AVFormatContext>) -> Date? {
    guard let entry = av_dict_get(context.pointee.metadata, "creation_time", nil, 0),
          let value = entry.pointee.value else { return nil }
    return ISO8601Timestamp.parse(String(cString: value))
  }
}
