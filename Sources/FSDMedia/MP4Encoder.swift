import CFFmpeg
import Foundation

/// Encodes frames with libx264 into an MP4 file, optionally carrying extra NAL units (SEI
/// telemetry records) in each frame's access unit, just before the frame's slice.
///
/// Used by the synthetic TeslaCam generator. Not thread-safe: one encoder per thread.
public final class MP4Encoder {
  public let path: String
  public let settings: EncoderSettings
  private var formatContext: UnsafeMutablePointer<AVFormatContext>?
  private var codecContext: UnsafeMutablePointer<AVCodecContext>?
  private var frame: UnsafeMutablePointer<AVFrame>?
  private var packet: UnsafeMutablePointer<AVPacket>?
  private let stream: UnsafeMutablePointer<AVStream>
  private var frameIndex: Int64 = 0
  /// Extra NAL units waiting for the packet of the frame with this pts (the encoder's lookahead
  /// returns packets some frames after they were sent).
  private var pendingNALUnits: [Int64: [[UInt8]]] = [:]
  private var finished = false

  public init(path: String, settings: EncoderSettings) throws {
    self.path = path
    self.settings = settings
    var output: UnsafeMutablePointer<AVFormatContext>?
    guard avformat_alloc_output_context2(&output, nil, "mp4", path) >= 0, let output else {
      throw MediaError.cannotOpen(path: path, reason: "cannot create an MP4 muxer")
    }
    formatContext = output
    guard let codec = avcodec_find_encoder_by_name("libx264") else {
      avformat_free_context(output)
      throw MediaError.unsupportedVideo(path: path, reason: "FFmpeg was built without libx264")
    }
    guard let newStream = avformat_new_stream(output, nil), let context = avcodec_alloc_context3(codec) else {
      avformat_free_context(output)
      throw MediaError.decoderFailed(path: path, reason: "out of memory")
    }
    stream = newStream
    codecContext = context
    context.pointee.width = Int32(settings.width)
    context.pointee.height = Int32(settings.height)
    context.pointee.pix_fmt = AV_PIX_FMT_YUV420P
    context.pointee.time_base = AVRational(num: 1, den: settings.timescale)
    context.pointee.framerate = AVRational(num: Int32(settings.framesPerSecond), den: 1)
    context.pointee.gop_size = Int32(settings.keyframeInterval ?? settings.framesPerSecond)
    context.pointee.max_b_frames = 0  // a camera encoder: every packet is its own frame, in order
    context.pointee.thread_count = Int32(settings.threads)
    if output.pointee.oformat.pointee.flags & AVFMT_GLOBALHEADER != 0 {
      context.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER
    }
    av_opt_set(context.pointee.priv_data, "preset", settings.preset, 0)
    av_opt_set(context.pointee.priv_data, "profile", "high", 0)
    av_opt_set(context.pointee.priv_data, "crf", "\(settings.crf)", 0)
    var result = avcodec_open2(context, codec, nil)
    if result < 0 { throw cleanup(reason: "cannot open libx264: \(ffmpegErrorText(result))") }
    avcodec_parameters_from_context(newStream.pointee.codecpar, context)
    newStream.pointee.time_base = context.pointee.time_base

    if let creationTime = settings.creationTime {
      let formatter = ISO8601DateFormatter()
      formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
      av_dict_set(&output.pointee.metadata, "creation_time", formatter.string(from: creationTime), 0)
    }
    result = avio_open(&output.pointee.pb, path, AVIO_FLAG_WRITE)
    if result < 0 { throw cleanup(reason: "cannot write: \(ffmpegErrorText(result))") }
    var options: OpaquePointer?
    av_dict_set(&options, "video_track_timescale", "\(settings.timescale)", 0)
    if settings.moovFirst { av_dict_set(&options, "movflags", "+faststart", 0) }
    result = avformat_write_header(output, &options)
    av_dict_free(&options)
    if result < 0 { throw cleanup(reason: "cannot write the MP4 header: \(ffmpegErrorText(result))") }

    frame = av_frame_alloc()
    packet = av_packet_alloc()
    guard let frame, packet != nil else { throw cleanup(reason: "out of memory") }
    frame.pointee.format = AV_PIX_FMT_YUV420P.rawValue
    frame.pointee.width = Int32(settings.width)
    frame.pointee.height = Int32(settings.height)
    result = av_frame_get_buffer(frame, 0)
    if result < 0 { throw cleanup(reason: "cannot allocate a frame: \(ffmpegErrorText(result))") }
  }

  deinit { release() }

  /// Encodes one frame: `fill` draws it into the planes; `nalUnits` (complete NAL units, header
  /// byte first, emulation prevention applied) go into this frame's access unit.
  public func encodeFrame(nalUnits: [[UInt8]] = [], fill: (YUVPlanes) -> Void) throws {
    guard let frame, let codecContext else { return }
    var result = av_frame_make_writable(frame)
    if result < 0 { throw MediaError.decoderFailed(path: path, reason: "frame not writable: \(ffmpegErrorText(result))") }
    fill(YUVPlanes(
      width: settings.width, height: settings.height,
      y: frame.pointee.data.0!, yStride: Int(frame.pointee.linesize.0),
      u: frame.pointee.data.1!, v: frame.pointee.data.2!, uvStride: Int(frame.pointee.linesize.1)))
    let pts = ptsOf(frameIndex)
    frame.pointee.pts = pts
    if !nalUnits.isEmpty { pendingNALUnits[pts] = nalUnits }
    frameIndex += 1
    result = avcodec_send_frame(codecContext, frame)
    if result < 0 { throw MediaError.decoderFailed(path: path, reason: "encoder refused a frame: \(ffmpegErrorText(result))") }
    try writeReadyPackets()
  }

  /// Flushes the encoder and writes the MP4 index. The file is complete only after this.
  public func finish() throws {
    guard !finished, let codecContext else { return }
    finished = true
    avcodec_send_frame(codecContext, nil)
    try writeReadyPackets()
    let result = av_write_trailer(formatContext)
    if result < 0 { throw MediaError.decoderFailed(path: path, reason: "cannot finish the MP4: \(ffmpegErrorText(result))") }
    release()
  }

  /// Presentation time of frame `index` in the track timescale (rounded, as real cameras jitter).
  public func ptsOf(_ index: Int64) -> Int64 {
    (index * Int64(settings.timescale) + Int64(settings.framesPerSecond) / 2) / Int64(settings.framesPerSecond)
  }

  private func writeReadyPackets() throws {
    guard let codecContext, let packet else { return }
    while true {
      let result = avcodec_receive_packet(codecContext, packet)
      if result == fsd_averror(EAGAIN) || result == fsd_averror_eof() { return }
      if result < 0 { throw MediaError.decoderFailed(path: path, reason: "encoding failed: \(ffmpegErrorText(result))") }
      if let extra = pendingNALUnits.removeValue(forKey: packet.pointee.pts) {
        try insert(extra, into: packet)
      }
      packet.pointee.stream_index = stream.pointee.index
      av_packet_rescale_ts(packet, codecContext.pointee.time_base, stream.pointee.time_base)
      let written = av_interleaved_write_frame(formatContext, packet)
      if written < 0 { throw MediaError.decoderFailed(path: path, reason: "cannot write a frame: \(ffmpegErrorText(written))") }
    }
  }

  /// Rebuilds the packet with `units` placed just before its first slice NAL unit.
  private func insert(_ units: [[UInt8]], into packet: UnsafeMutablePointer<AVPacket>) throws {
    let original = UnsafeBufferPointer(start: packet.pointee.data, count: Int(packet.pointee.size))
    let annexB = original.count >= 4 && original[0] == 0 && original[1] == 0
      && (original[2] == 1 || (original[2] == 0 && original[3] == 1))
    let ranges = annexB ? NALUnits.annexB(original) : NALUnits.lengthPrefixed(original)
    // The slice's start code (or length field) begins where the first VCL NAL unit's bytes
    // begin, minus the prefix; insert there.
    let firstSlice = ranges.first { range in
      let type = original[range.lowerBound] & 0x1F
      return type == 1 || type == 5
    }
    guard let sliceRange = firstSlice else { return }
    var insertAt = sliceRange.lowerBound - 4
    if annexB, insertAt < 0 || original[insertAt] != 0 { insertAt = sliceRange.lowerBound - 3 }
    var bytes = Array(original[..<insertAt])
    for unit in units {
      if annexB { bytes += [0, 0, 0, 1] } else {
        let length = UInt32(unit.count)
        bytes += [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
      }
      bytes += unit
    }
    bytes += original[insertAt...]

    guard let replacement = av_packet_alloc() else { throw MediaError.decoderFailed(path: path, reason: "out of memory") }
    var replacementPointer: UnsafeMutablePointer<AVPacket>? = replacement
    defer { av_packet_free(&replacementPointer) }
    guard av_new_packet(replacement, Int32(bytes.count)) >= 0 else {
      throw MediaError.decoderFailed(path: path, reason: "out of memory")
    }
    bytes.withUnsafeBufferPointer { source in
      replacement.pointee.data.update(from: source.baseAddress!, count: source.count)
    }
    av_packet_copy_props(replacement, packet)
    av_packet_unref(packet)
    av_packet_move_ref(packet, replacement)
  }

  private func cleanup(reason: String) -> MediaError {
    release()
    return MediaError.decoderFailed(path: path, reason: reason)
  }

  private func release() {
    if codecContext != nil { avcodec_free_context(&codecContext) }
    if frame != nil { av_frame_free(&frame) }
    if packet != nil { av_packet_free(&packet) }
    if let context = formatContext {
      if context.pointee.pb != nil { avio_closep(&context.pointee.pb) }
      avformat_free_context(context)
      formatContext = nil
    }
  }
}
