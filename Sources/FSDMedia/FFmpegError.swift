import CFFmpeg

/// FFmpeg's text for an error code (`av_strerror`).
func ffmpegErrorText(_ code: Int32) -> String {
  var buffer = [CChar](repeating: 0, count: 256)
  av_strerror(code, &buffer, buffer.count)
  let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
  return String(decoding: bytes, as: UTF8.self)
}

/// FFmpeg prints warnings about damaged streams to stderr by default; fsdlog reports problems
/// itself, per clip, so it silences the library unless asked to be verbose.
public enum FFmpegLog {
  public static func setVerbose(_ verbose: Bool) {
    av_log_set_level(verbose ? AV_LOG_WARNING : AV_LOG_QUIET)
  }
}
