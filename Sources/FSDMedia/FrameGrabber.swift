import CFFmpeg

extension MediaFile {
  /// Decodes the frame shown at `seconds` into the clip (the last frame at or before it; the
  /// first frame for earlier times, the last decodable one for later times), with full-quality
  /// decoding (loop filter on): this is for people to look at, not for analysis.
  ///
  /// Seeks to the keyframe before the time, so the cost is at most one GOP of decoding.
  /// - Throws: `MediaError` when nothing decodes at all.
  public func picture(atSeconds seconds: Double) throws -> Picture {
    let decoder = try makeDecoder(options: DecodeOptions(quality: .exact, threads: 1))
    var codecContext: UnsafeMutablePointer<AVCodecContext>? = decoder
    defer { avcodec_free_context(&codecContext) }
    let timeBaseSeconds = info.timeBaseSeconds
    if timeBaseSeconds > 0 {
      let target = Int64((max(0, seconds) / timeBaseSeconds).rounded(.down))
      // A failed seek (a file without an index) just decodes from where the demuxer is.
      av_seek_frame(formatContext, videoStreamIndex, target, AVSEEK_FLAG_BACKWARD)
    }

    var frame: UnsafeMutablePointer<AVFrame>? = av_frame_alloc()
    var packet: UnsafeMutablePointer<AVPacket>? = av_packet_alloc()
    defer { av_frame_free(&frame); av_packet_free(&packet) }
    guard let frame, let packet else { throw MediaError.decoderFailed(path: path, reason: "out of memory") }

    var best: Picture?
    // Keeps every decoded frame up to the target; returns true once a frame past it shows up.
    func drain() -> Bool {
      while avcodec_receive_frame(decoder, frame) >= 0 {
        defer { av_frame_unref(frame) }
        let timestamp = frame.pointee.best_effort_timestamp
        let frameSeconds = self.seconds(timestamp) ?? 0
        if best != nil, frameSeconds > seconds + 1e-6 { return true }
        best = copy(frame, ptsSeconds: frameSeconds)
        if frameSeconds > seconds + 1e-6 { return true }  // the first frame is after the target
      }
      return false
    }

    var done = false
    while !done, av_read_frame(formatContext, packet) >= 0 {
      if packet.pointee.stream_index == videoStreamIndex {
        avcodec_send_packet(decoder, packet)
        done = drain()
      }
      av_packet_unref(packet)
    }
    if !done {
      avcodec_send_packet(decoder, nil)
      _ = drain()
    }
    guard let best else {
      throw MediaError.decoderFailed(path: path, reason: String(format: "no frame decodes near %.1f s", seconds))
    }
    return best
  }

  private func copy(_ frame: UnsafeMutablePointer<AVFrame>, ptsSeconds: Double) -> Picture? {
    guard frame.pointee.format == AV_PIX_FMT_YUV420P.rawValue || frame.pointee.format == AV_PIX_FMT_YUVJ420P.rawValue,
          let y = frame.pointee.data.0, let u = frame.pointee.data.1, let v = frame.pointee.data.2 else { return nil }
    return Picture(width: Int(frame.pointee.width), height: Int(frame.pointee.height), ptsSeconds: ptsSeconds,
                   planes: (UnsafePointer(y), UnsafePointer(u), UnsafePointer(v)),
                   strides: (Int(frame.pointee.linesize.0), Int(frame.pointee.linesize.1), Int(frame.pointee.linesize.2)))
  }
}
