import CFFmpeg
import FSDMotion
import Foundation

/// One open video file: the only place in fsdlog that talks to FFmpeg's demuxer and decoder.
///
/// A `MediaFile` owns FFmpeg state and is not thread-safe: create it, use it and drop it on one
/// thread. Ingest runs one per clip, in parallel.
public final class MediaFile {
  public let path: String
  public let info: MediaInfo
  var formatContext: UnsafeMutablePointer<AVFormatContext>?
  let videoStreamIndex: Int32

  /// Opens the container and reads its header. Nothing is decoded.
  /// - Throws: `MediaError` naming the file and what is wrong with it.
  public init(path: String) throws {
    self.path = path
    let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? -1
    if fileSize == 0 { throw MediaError.emptyFile(path: path) }

    // Only the MP4 demuxer ever reads the file: anything else named .mp4 is turned away by name.
    let format: UnsafePointer<AVInputFormat>
    switch ContainerFormat.probe(path: path) {
    case .mp4(let detected): format = detected
    case .other(_, let description): throw MediaError.otherFormat(path: path, description: description)
    case .unknown(let code): throw Self.classifyOpenFailure(path: path, code: code)
    }
    var context: UnsafeMutablePointer<AVFormatContext>?
    let openResult = avformat_open_input(&context, path, format, nil)
    guard openResult >= 0, let context else {
      throw Self.classifyOpenFailure(path: path, code: openResult)
    }
    formatContext = context
    do {
      let stream = try Self.videoStream(context, path: path)
      videoStreamIndex = stream.pointee.index
      info = Self.info(context, stream: stream, fileSizeBytes: fileSize)
      // Still images built on MP4's boxes read as a one-frame video with no length.
      if let image = ContainerFormat.imageBrand(context) {
        throw MediaError.otherFormat(path: path, description: image)
      }
      // Exactly one frame and no length, in an index with nothing wrong: a damaged clip whose
      // sample table lost its frames is a failed video, not a picture.
      if info.indexedFrameCount == 1, info.durationSeconds == nil, info.indexProblems.isEmpty {
        throw MediaError.otherFormat(path: path, description: "a single picture (one frame, no duration)")
      }
    } catch {
      avformat_close_input(&formatContext)
      throw error
    }
  }

  deinit { avformat_close_input(&formatContext) }

  /// Walks the video packets in file order without decoding them (cheap: no pixel work).
  /// `body` gets the packet bytes (valid only during the call) and its pts in seconds, and
  /// returns false to stop.
  @discardableResult
  public func forEachVideoPacket(
    _ body: (UnsafeBufferPointer<UInt8>, Double?) throws -> Bool
  ) rethrows -> DecodeOutcome {
    var outcome = DecodeOutcome(packetsIndexed: info.indexedFrameCount)
    guard let packet = av_packet_alloc() else { return outcome }
    var packetPointer: UnsafeMutablePointer<AVPacket>? = packet
    defer { av_packet_free(&packetPointer) }
    // Nothing is decoded here, so the demuxer need not run its H.264 parser over every packet
    // to fill in frame facts: MP4's index already has each sample's size and timestamps. The
    // parser was 40 % of a telemetry-only scan (callgrind).
    formatContext?.pointee.flags |= AVFMT_FLAG_NOPARSE | AVFMT_FLAG_NOFILLIN
    while true {
      let result = av_read_frame(formatContext, packet)
      if result < 0 {
        if result != fsd_averror_eof() { outcome.readError = ffmpegErrorText(result) }
        break
      }
      defer { av_packet_unref(packet) }
      guard packet.pointee.stream_index == videoStreamIndex else { continue }
      outcome.packetsRead += 1
      let bytes = UnsafeBufferPointer(start: packet.pointee.data, count: Int(packet.pointee.size))
      if try !body(bytes, seconds(packet.pointee.pts)) {
        outcome.stoppedEarly = true
        break
      }
    }
    return outcome
  }

  /// Decodes every video frame in presentation order and hands its luma plane to `body`,
  /// together with the previous frame's plane (nil for the first frame).
  ///
  /// No pixels are copied: the two planes are the decoder's own buffers. FFmpeg frames are
  /// reference-counted, so holding on to the previous frame until the next one arrives costs
  /// nothing. Neither view may be kept after `body` returns. `body` returns false to stop.
  /// `onPacket` sees every video packet before it is decoded (its bytes and pts in seconds), so
  /// SEI telemetry is read in the same pass.
  /// - Throws: `MediaError` when the decoder cannot be set up; damaged packets are counted in
  ///   the outcome instead, so the frames that do decode are kept.
  public func decodeLuma(
    options: DecodeOptions = DecodeOptions(),
    onPacket: ((UnsafeBufferPointer<UInt8>, Double?) -> Void)? = nil,
    _ body: (_ frame: LumaView, _ previous: LumaView?, _ ptsSeconds: Double) -> Bool
  ) throws -> DecodeOutcome {
    let decoder = try makeDecoder(options: options)
    var codecContext: UnsafeMutablePointer<AVCodecContext>? = decoder
    defer { avcodec_free_context(&codecContext) }

    var frames: [UnsafeMutablePointer<AVFrame>?] = [av_frame_alloc(), av_frame_alloc()]
    defer { for index in frames.indices { av_frame_free(&frames[index]) } }
    guard let frameA = frames[0], let frameB = frames[1] else {
      throw MediaError.decoderFailed(path: path, reason: "out of memory")
    }
    var current = frameA, previous = frameB
    var havePrevious = false
    var stop = false
    var framesDecoded = 0
    var damaged = 0

    // Pulls every frame the decoder has ready. Returns false when the caller wants to stop.
    func drainDecoder() -> Bool {
      Self.receiveFrames(from: decoder, threads: options.threads, damaged: &damaged, into: { current }) { frame in
        let view = lumaView(frame)
        let previousView = havePrevious ? lumaView(previous) : nil
        framesDecoded += 1
        let keepGoing = body(view, previousView, seconds(Self.timestamp(frame)) ?? Double(framesDecoded - 1))
        av_frame_unref(previous)
        swap(&current, &previous)
        havePrevious = true
        return keepGoing
      }
    }

    var outcome = DecodeOutcome(packetsIndexed: info.indexedFrameCount)
    guard let packet = av_packet_alloc() else {
      throw MediaError.decoderFailed(path: path, reason: "out of memory")
    }
    var packetPointer: UnsafeMutablePointer<AVPacket>? = packet
    defer { av_packet_free(&packetPointer) }
    while !stop {
      let result = av_read_frame(formatContext, packet)
      if result < 0 {
        if result != fsd_averror_eof() { outcome.readError = ffmpegErrorText(result) }
        break
      }
      if packet.pointee.stream_index == videoStreamIndex {
        outcome.packetsRead += 1
        onPacket?(UnsafeBufferPointer(start: packet.pointee.data, count: Int(packet.pointee.size)), seconds(packet.pointee.pts))
        if avcodec_send_packet(decoder, packet) < 0 { damaged += 1 }
        stop = !drainDecoder()
      }
      av_packet_unref(packet)
    }
    if !stop {
      avcodec_send_packet(decoder, nil)  // flush the frames the decoder still holds
      stop = !drainDecoder()
    }
    outcome.stoppedEarly = stop
    outcome.framesDecoded = framesDecoded
    outcome.damagedPackets = damaged
    return outcome
  }

  // MARK: - Internals

  /// Pulls every frame `decoder` has ready, each into `frame()` (asked again for every frame), and
  /// hands it to `body`; false as soon as `body` returns false.
  ///
  /// A damaged frame's error does not end the pull: with frame threads the frames decoded after
  /// it are already waiting, and leaving them until the next packet lost two frames of a
  /// truncated clip at 3 or more threads that 1 or 2 threads kept. The decoder reports each
  /// error once, so at most its threads' worth of errors can come in a row.
  static func receiveFrames(
    from decoder: UnsafeMutablePointer<AVCodecContext>, threads: Int, damaged: inout Int,
    into frame: () -> UnsafeMutablePointer<AVFrame>, _ body: (UnsafeMutablePointer<AVFrame>) -> Bool
  ) -> Bool {
    var errorsInARow = 0
    while true {
      let target = frame()
      let result = avcodec_receive_frame(decoder, target)
      if result == fsd_averror(EAGAIN) || result == fsd_averror_eof() { return true }
      if result < 0 {
        damaged += 1
        errorsInARow += 1
        if errorsInARow > max(1, threads) { return true }
        continue
      }
      errorsInARow = 0
      if !body(target) { return false }
    }
  }

  /// A decoded frame's time in its stream's time base: the decoder's best guess, else its pts.
  static func timestamp(_ frame: UnsafeMutablePointer<AVFrame>) -> Int64 {
    frame.pointee.best_effort_timestamp != fsd_nopts_value() ? frame.pointee.best_effort_timestamp : frame.pointee.pts
  }

  func makeDecoder(options: DecodeOptions) throws -> UnsafeMutablePointer<AVCodecContext> {
    guard let stream = formatContext?.pointee.streams[Int(videoStreamIndex)],
          let codec = avcodec_find_decoder(stream.pointee.codecpar.pointee.codec_id),
          let context = avcodec_alloc_context3(codec)
    else {
      throw MediaError.unsupportedVideo(path: path, reason: "no decoder for codec \(info.codecName)")
    }
    var contextPointer: UnsafeMutablePointer<AVCodecContext>? = context
    avcodec_parameters_to_context(context, stream.pointee.codecpar)
    context.pointee.thread_count = Int32(options.threads)
    context.pointee.pkt_timebase = stream.pointee.time_base
    if options.quality == .analysis { context.pointee.skip_loop_filter = AVDISCARD_ALL }
    let openResult = avcodec_open2(context, codec, nil)
    guard openResult >= 0 else {
      avcodec_free_context(&contextPointer)
      throw MediaError.decoderFailed(path: path, reason: ffmpegErrorText(openResult))
    }
    if let descriptor = av_pix_fmt_desc_get(context.pointee.pix_fmt),
       descriptor.pointee.comp.0.depth != 8 {
      avcodec_free_context(&contextPointer)
      throw MediaError.unsupportedVideo(
        path: path, reason: "luma is \(descriptor.pointee.comp.0.depth)-bit; fsdlog reads 8-bit video")
    }
    return context
  }

  private func lumaView(_ frame: UnsafeMutablePointer<AVFrame>) -> LumaView {
    LumaView(base: UnsafePointer(frame.pointee.data.0!), strideBytes: Int(frame.pointee.linesize.0),
             width: Int(frame.pointee.width), height: Int(frame.pointee.height))
  }

  func seconds(_ timestamp: Int64) -> Double? {
    timestamp == fsd_nopts_value() ? nil : Double(timestamp) * info.timeBaseSeconds
  }

  private static func classifyOpenFailure(path: String, code: Int32) -> MediaError {
    let boxes = MP4Boxes.topLevel(path: path)
    if boxes.first?.type != "ftyp" {
      return boxes.isEmpty && !FileManager.default.isReadableFile(atPath: path)
        ? .cannotOpen(path: path, reason: ffmpegErrorText(code)) : .notMP4(path: path)
    }
    if !boxes.contains(where: { $0.type == "moov" }) { return .missingMoov(path: path) }
    return .cannotOpen(path: path, reason: "its 'moov' index box is damaged (\(ffmpegErrorText(code)))")
  }
}
