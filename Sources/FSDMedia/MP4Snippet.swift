import CFFmpeg
import Foundation

/// Cuts a stretch of a clip into a new MP4 by stream copy: no re-encoding, so it takes
/// milliseconds and the pictures are exactly the car's.
public enum MP4Snippet {
  /// What was written: the stretch of the source it covers (a copy starts at a keyframe, so it
  /// may start a little before `fromSeconds`).
  public struct Result: Sendable, Equatable {
    public var startSeconds: Double
    public var endSeconds: Double
    public var packetCount: Int
  }

  /// Copies the video packets from the keyframe at or before `fromSeconds` up to `toSeconds`
  /// into `outputPath` (MP4), timestamps rebased to start at zero.
  /// - Throws: `MediaError` naming the file when the source cannot be read or nothing falls in
  ///   the stretch.
  public static func write(from sourcePath: String, fromSeconds: Double, toSeconds: Double,
                           to outputPath: String) throws -> Result {
    let source = try MediaFile(path: sourcePath)
    guard let input = source.formatContext, let inStream = input.pointee.streams[Int(source.videoStreamIndex)] else {
      throw MediaError.noVideoStream(path: sourcePath)
    }
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
    avcodec_parameters_copy(outStream.pointee.codecpar, inStream.pointee.codecpar)
    outStream.pointee.codecpar.pointee.codec_tag = 0
    outStream.pointee.time_base = inStream.pointee.time_base
    var result = avio_open(&output.pointee.pb, outputPath, AVIO_FLAG_WRITE)
    guard result >= 0 else { throw failure("cannot create the file: \(ffmpegErrorText(result))") }
    result = avformat_write_header(output, nil)
    guard result >= 0 else { throw failure("cannot write the MP4 header: \(ffmpegErrorText(result))") }

    let timeBase = inStream.pointee.time_base
    let timeBaseSeconds = Double(timeBase.num) / Double(timeBase.den)
    av_seek_frame(input, source.videoStreamIndex, Int64(max(0, fromSeconds) / timeBaseSeconds), AVSEEK_FLAG_BACKWARD)

    var packetPointer: UnsafeMutablePointer<AVPacket>? = av_packet_alloc()
    defer { av_packet_free(&packetPointer) }
    guard let packet = packetPointer else { throw failure("out of memory") }
    var firstDts: Int64?
    var covered = Result(startSeconds: .nan, endSeconds: .nan, packetCount: 0)
    let frameSeconds = 1.0 / 36
    while av_read_frame(input, packet) >= 0 {
      defer { av_packet_unref(packet) }
      guard packet.pointee.stream_index == source.videoStreamIndex else { continue }
      let pts = packet.pointee.pts != fsd_nopts_value() ? packet.pointee.pts : packet.pointee.dts
      let ptsSeconds = Double(pts) * timeBaseSeconds
      // Before the first keyframe nothing can be shown; after the end time, only frames that
      // B-frame reordering still needs would follow (TeslaCam's encoder uses none).
      if firstDts == nil && (packet.pointee.flags & AV_PKT_FLAG_KEY) == 0 { continue }
      if ptsSeconds > toSeconds { break }
      let origin = firstDts ?? packet.pointee.dts
      firstDts = origin
      if covered.packetCount == 0 { covered.startSeconds = ptsSeconds }
      covered.endSeconds = ptsSeconds + (packet.pointee.duration > 0 ? Double(packet.pointee.duration) * timeBaseSeconds : frameSeconds)
      covered.packetCount += 1
      packet.pointee.pts -= origin
      packet.pointee.dts -= origin
      packet.pointee.stream_index = 0
      packet.pointee.pos = -1
      av_packet_rescale_ts(packet, timeBase, outStream.pointee.time_base)
      result = av_interleaved_write_frame(output, packet)
      guard result >= 0 else { throw failure("cannot write a packet: \(ffmpegErrorText(result))") }
    }
    guard covered.packetCount > 0 else {
      throw MediaError.decoderFailed(path: sourcePath, reason: String(format: "no video between %.1f s and %.1f s", fromSeconds, toSeconds))
    }
    result = av_write_trailer(output)
    guard result >= 0 else { throw failure("cannot finish the MP4: \(ffmpegErrorText(result))") }
    return covered
  }
}
