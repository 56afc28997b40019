import CFFmpeg
import Foundation

/// Cuts a stretch of a clip into a new MP4 by stream copy: no re-encoding, so it takes
/// milliseconds and the pictures are exactly the car's.
public enum MP4Snippet {
  /// What was written: where each part landed (`parts`, in the order given), and the stretch of
  /// the first part's source it covers (a copy starts at a keyframe, so it may start a little
  /// before `fromSeconds`).
  public struct Result: Sendable, Equatable {
    public var parts: [PartCovered] = []
    public var startSeconds: Double { parts.first?.sourceStartSeconds ?? .nan }
    public var endSeconds: Double { parts.first?.sourceEndSeconds ?? .nan }
    public var packetCount: Int { parts.reduce(0) { $0 + $1.packetCount } }
  }

  /// One clip's stretch of a cut that spans clips (the minute before an event's peak clip, the
  /// peak clip, the minute after).
  public struct Part: Sendable, Equatable {
    public var path: String
    public var fromSeconds: Double
    public var toSeconds: Double
    public init(path: String, fromSeconds: Double, toSeconds: Double) {
      self.path = path
      self.fromSeconds = fromSeconds
      self.toSeconds = toSeconds
    }
  }

  /// Where a part's footage landed: its first packet's time in its own clip and in the output,
  /// where its last packet ends in its own clip (seconds), and how many packets it gave (0: left
  /// out, and the times NaN).
  public struct PartCovered: Sendable, Equatable {
    public var sourceStartSeconds = Double.nan
    public var sourceEndSeconds = Double.nan
    public var outputStartSeconds = Double.nan
    public var packetCount = 0
  }

  /// Copies the video packets from the keyframe at or before `fromSeconds` up to `toSeconds`
  /// into `outputPath` (MP4), timestamps rebased to start at zero.
  /// - Throws: `MediaError` naming the file when the source cannot be read or nothing falls in
  ///   the stretch.
  public static func write(from sourcePath: String, fromSeconds: Double, toSeconds: Double,
                           to outputPath: String) throws -> Result {
    try write(parts: [Part(path: sourcePath, fromSeconds: fromSeconds, toSeconds: toSeconds)], anchor: 0, to: outputPath)
  }

  /// Copies the parts one after the other into one MP4, each from the keyframe at or before its
  /// `fromSeconds`, played back to back (the seconds between two TeslaCam clips are not filled).
  /// A part whose stream cannot follow the `anchor` part's without re-encoding (another size or
  /// codec setup), or which cannot be read, is left out; the anchor part must give footage.
  /// - Throws: `MediaError` naming the file when the anchor cannot be read or nothing falls in
  ///   its stretch.
  public static func write(parts: [Part], anchor: Int, to outputPath: String) throws -> Result {
    precondition(parts.indices.contains(anchor))
    let anchorSource = try MediaFile(path: parts[anchor].path)
    guard let anchorStream = video(of: anchorSource)?.stream else { throw MediaError.noVideoStream(path: parts[anchor].path) }
    func failure(_ reason: String) -> MediaError { .decoderFailed(path: outputPath, reason: reason) }

    var outputContext: UnsafeMutablePointer<AVFormatContext>?
    guard avformat_alloc_output_context2(&outputContext, nil, "mp4", outputPath) >= 0, let output = outputContext else {
      throw failure("cannot set up an MP4 writer")
    }
    defer {
      if output.pointee.pb != nil { avio_closep(&output.pointee.pb) }
      avformat_free_context(output)
    }
    guard let outStream = avformat_new_stream(output, nil) else { throw failure("out of memory") }
    avcodec_parameters_copy(outStream.pointee.codecpar, anchorStream.pointee.codecpar)
    outStream.pointee.codecpar.pointee.codec_tag = 0
    outStream.pointee.time_base = anchorStream.pointee.time_base
    var result = avio_open(&output.pointee.pb, outputPath, AVIO_FLAG_WRITE)
    guard result >= 0 else { throw failure("cannot create the file: \(ffmpegErrorText(result))") }
    result = avformat_write_header(output, nil)
    guard result >= 0 else { throw failure("cannot write the MP4 header: \(ffmpegErrorText(result))") }

    var packetPointer: UnsafeMutablePointer<AVPacket>? = av_packet_alloc()
    defer { av_packet_free(&packetPointer) }
    guard let packet = packetPointer else { throw failure("out of memory") }
    var covered = Result()
    // The output's clock: where the next part starts (output seconds).
    var outputEndSeconds = 0.0
    let frameSeconds = 1.0 / 36
    for (index, part) in parts.enumerated() {
      // The file stays open (`source`) while its packets are read.
      let source = index == anchor ? anchorSource : try? MediaFile(path: part.path)
      guard let source, let (input, inStream) = video(of: source),
            index == anchor || Self.canFollow(inStream.pointee.codecpar, anchorStream.pointee.codecpar) else {
        covered.parts.append(PartCovered())
        continue
      }
      let timeBase = inStream.pointee.time_base
      let timeBaseSeconds = Double(timeBase.num) / Double(timeBase.den)
      av_seek_frame(input, source.videoStreamIndex, Int64(max(0, part.fromSeconds) / timeBaseSeconds), AVSEEK_FLAG_BACKWARD)
      var firstDts: Int64?
      // Where this part begins on the output's clock, in its own time base.
      let shift = Int64((outputEndSeconds / timeBaseSeconds).rounded())
      var partCovered = PartCovered()
      while av_read_frame(input, packet) >= 0 {
        defer { av_packet_unref(packet) }
        guard packet.pointee.stream_index == source.videoStreamIndex else { continue }
        let pts = packet.pointee.pts != fsd_nopts_value() ? packet.pointee.pts : packet.pointee.dts
        let ptsSeconds = Double(pts) * timeBaseSeconds
        // Before the first keyframe nothing can be shown; after the end time, only frames that
        // B-frame reordering still needs would follow (TeslaCam's encoder uses none).
        if firstDts == nil && (packet.pointee.flags & AV_PKT_FLAG_KEY) == 0 { continue }
        if ptsSeconds > part.toSeconds { break }
        let origin = firstDts ?? packet.pointee.dts
        firstDts = origin
        // Shown at its pts less the first decode time (B-frames put the two a frame or so apart),
        // after the parts before.
        let outputSeconds = Double(pts - origin + shift) * timeBaseSeconds
        if partCovered.packetCount == 0 {
          partCovered.sourceStartSeconds = ptsSeconds
          partCovered.outputStartSeconds = outputSeconds
        }
        let durationSeconds = packet.pointee.duration > 0 ? Double(packet.pointee.duration) * timeBaseSeconds : frameSeconds
        partCovered.packetCount += 1
        partCovered.sourceEndSeconds = ptsSeconds + durationSeconds
        // Into the output's clock: this part's time since its first packet, after the parts before.
        packet.pointee.pts = packet.pointee.pts - origin + shift
        packet.pointee.dts = packet.pointee.dts - origin + shift
        packet.pointee.stream_index = 0
        packet.pointee.pos = -1
        av_packet_rescale_ts(packet, timeBase, outStream.pointee.time_base)
        outputEndSeconds = max(outputEndSeconds, outputSeconds + durationSeconds)
        result = av_interleaved_write_frame(output, packet)
        guard result >= 0 else { throw failure("cannot write a packet: \(ffmpegErrorText(result))") }
      }
      if index == anchor && partCovered.packetCount == 0 {
        throw MediaError.decoderFailed(path: part.path, reason: String(format: "no video between %.1f s and %.1f s", part.fromSeconds, part.toSeconds))
      }
      covered.parts.append(partCovered)
    }
    result = av_write_trailer(output)
    guard result >= 0 else { throw failure("cannot finish the MP4: \(ffmpegErrorText(result))") }
    return covered
  }

  /// A file's demuxer and its video stream; nil when it has none.
  static func video(of file: MediaFile) -> (input: UnsafeMutablePointer<AVFormatContext>, stream: UnsafeMutablePointer<AVStream>)? {
    guard let input = file.formatContext, let stream = input.pointee.streams[Int(file.videoStreamIndex)] else { return nil }
    return (input, stream)
  }

  /// Whether packets of a stream with `parameters` can be copied after those of `anchor`'s in one
  /// MP4 track: the same codec, picture size and codec setup (SPS/PPS), which TeslaCam's clips of
  /// one camera share.
  static func canFollow(_ parameters: UnsafeMutablePointer<AVCodecParameters>, _ anchor: UnsafeMutablePointer<AVCodecParameters>) -> Bool {
    let a = parameters.pointee, b = anchor.pointee
    guard a.codec_id == b.codec_id, a.width == b.width, a.height == b.height, a.extradata_size == b.extradata_size else {
      return false
    }
    guard a.extradata_size > 0, let left = a.extradata, let right = b.extradata else { return a.extradata_size == 0 }
    return memcmp(left, right, Int(a.extradata_size)) == 0
  }
}
