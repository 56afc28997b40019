import FSDDomain

/// The file names the car writes: "2026-11-02_08-14-31-front.mp4", or on very old firmware
/// "2026-11-02_08-14-front.mp4" (no seconds).
public enum TeslaClipName {
  /// "2026-11-02_08-14-31-front.mp4" or old "2026-11-02_08-14-front.mp4" (no seconds → second 0).
  /// Case-insensitive ".mp4". The camera suffix is returned verbatim, unknown ones included.
  /// - Returns: nil when the name is not of that form or the date is impossible.
  public static func parse(fileName: String) -> (time: LocalDateTime, camera: Camera)? {
    guard let shape = shape(of: fileName), let time = shape.time else { return nil }
    return (time, shape.camera)
  }

  /// A name of the car's form whose date or time cannot exist ("2025-02-30_08-14-31-back.mp4",
  /// hour 24): the camera it names, and the stamp as written, so the clip keeps its camera and
  /// ingest can say why the name's time is not used instead of passing over it in silence.
  public static func impossibleStamp(fileName: String) -> (stamp: String, camera: Camera)? {
    guard let shape = shape(of: fileName), shape.time == nil else { return nil }
    return (shape.stamp, shape.camera)
  }

  /// The car's name form, digits read but not yet checked as a date: `time` is nil when they
  /// make no real date and time.
  private static func shape(of fileName: String) -> (time: LocalDateTime?, stamp: String, camera: Camera)? {
    guard let stem = stripMP4Extension(fileName) else { return nil }
    let bytes = Array(stem.utf8)
    let dash = UInt8(ascii: "-")
    // "YYYY-MM-DD_HH-MM-" is 17 bytes and a camera needs at least one more.
    guard bytes.count >= 18, bytes[4] == dash, bytes[7] == dash, bytes[10] == UInt8(ascii: "_"),
      bytes[13] == dash, bytes[16] == dash,
      let year = ASCIIDigits.value(bytes[0..<4]), let month = ASCIIDigits.value(bytes[5..<7]),
      let day = ASCIIDigits.value(bytes[8..<10]), let hour = ASCIIDigits.value(bytes[11..<13]),
      let minute = ASCIIDigits.value(bytes[14..<16])
    else { return nil }

    var second = 0
    var cameraStart = 17
    // Seconds are present when two digits and a dash follow; no camera name starts that way.
    if bytes.count >= 20, bytes[19] == dash, let parsed = ASCIIDigits.value(bytes[17..<19]) {
      second = parsed
      cameraStart = 20
    }
    guard cameraStart < bytes.count else { return nil }
    let time = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    let stamp = String(decoding: bytes[0..<(cameraStart - 1)], as: UTF8.self)
    let camera = Camera(rawValue: String(decoding: bytes[cameraStart...], as: UTF8.self))
    return (time, stamp, camera)
  }

  /// The name without ".mp4" (any case), or nil when the name does not end so.
  static func stripMP4Extension(_ fileName: String) -> Substring? {
    guard isMP4(fileName) else { return nil }
    return fileName.dropLast(4)
  }

  static func isMP4(_ fileName: String) -> Bool {
    fileName.count > 4 && fileName.suffix(4).lowercased() == ".mp4"
  }
}
