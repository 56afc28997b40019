import FSDDomain

/// The start times other dashcams (and phones) write into their file names, for clips that are
/// not TeslaCam's. Such a clip is one camera's recording, not part of a TeslaCam camera set.
///
/// Recognised, anywhere in the name after an optional prefix ("IMG_", "FILE", "NO"), with the
/// digit groups standing alone (a longer run of digits is not cut up to make a date):
/// - `YYYYMMDDHHMMSS` (a 14-digit run): "20231105142233.mp4"
/// - `YYYYMMDD?HHMMSS` with `_`, `-`, `T` or a space between: "20231105_142233.mp4",
///   "20231105_142233_0012.mp4", BlackVue "20231105_142233_NF.mp4", Thinkware-like
///   "NO20231105-142233-000123F.MP4", phones "IMG_20231105_142233.mp4"
/// - Viofo `YYYY_MMDD_HHMMSS`: "2023_1105_142233_001.MP4", "2023_1105_142233_001R.MP4"
/// - `YYMMDD?HHMMSS` (year 20YY): "FILE231105-142233F.MP4", "231105_142233_001.MP4"
///
/// Years outside 1990–2099 and impossible dates (month 13, 30 February, hour 24) are rejected.
public enum DashcamClipName {
  /// - Returns: the file-name time (the camera's own clock, no zone) and the camera: `back` when
  ///   the name ends in a rear-camera letter ("…R", "…_NR"), `interior` for "…I", else `front`.
  ///   Nil when the name is not an .mp4 or carries no recognisable date and time.
  public static func parse(fileName: String) -> (time: LocalDateTime, camera: Camera)? {
    guard let stem = TeslaClipName.stripMP4Extension(fileName) else { return nil }
    let bytes = Array(stem.utf8)
    for start in bytes.indices where isDigit(bytes[start]) && (start == 0 || !isDigit(bytes[start - 1])) {
      if let (time, end) = dateTime(in: bytes, at: start) {
        return (time, camera(tail: bytes[end...]))
      }
    }
    return nil
  }

  /// The date and time whose first digit is at `start`, and the index just past it.
  private static func dateTime(in bytes: [UInt8], at start: Int) -> (LocalDateTime, Int)? {
    let run = digitRun(bytes, from: start)
    func field(_ offset: Int, _ width: Int) -> Int? {
      ASCIIDigits.value(bytes[(start + offset)..<(start + offset + width)])
    }
    /// A separator at `offset` followed by a run of exactly `width` digits.
    func separatedRun(at offset: Int, width: Int, separators: Set<UInt8>) -> Bool {
      start + offset < bytes.count && separators.contains(bytes[start + offset])
        && digitRun(bytes, from: start + offset + 1) == width
    }
    let dateTimeSeparators: Set<UInt8> = [UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "T"), UInt8(ascii: " ")]
    var year, month, day, hour, minute, second: Int?
    var end = start
    switch run {
    case 14:  // YYYYMMDDHHMMSS
      (year, month, day, hour, minute, second) = (field(0, 4), field(4, 2), field(6, 2), field(8, 2), field(10, 2), field(12, 2))
      end = start + 14
    case 8 where separatedRun(at: 8, width: 6, separators: dateTimeSeparators):  // YYYYMMDD_HHMMSS
      (year, month, day, hour, minute, second) = (field(0, 4), field(4, 2), field(6, 2), field(9, 2), field(11, 2), field(13, 2))
      end = start + 15
    case 4 where separatedRun(at: 4, width: 4, separators: [UInt8(ascii: "_")])
      && separatedRun(at: 9, width: 6, separators: [UInt8(ascii: "_")]):  // Viofo YYYY_MMDD_HHMMSS
      (year, month, day, hour, minute, second) = (field(0, 4), field(5, 2), field(7, 2), field(10, 2), field(12, 2), field(14, 2))
      end = start + 16
    case 6 where separatedRun(at: 6, width: 6, separators: dateTimeSeparators):  // YYMMDD-HHMMSS
      (year, month, day, hour, minute, second) = (field(0, 2).map { 2000 + $0 }, field(2, 2), field(4, 2), field(7, 2),
                                                  field(9, 2), field(11, 2))
      end = start + 13
    default:
      return nil
    }
    guard let year, let month, let day, let hour, let minute, let second, (1990...2099).contains(year),
      let time = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    else { return nil }
    return (time, end)
  }

  /// Rear and interior cameras mark their files with a last letter (BlackVue "_NR", Viofo
  /// "_001R", Thinkware "…R"); one or two letters at the very end, so a word such as "_rear" or
  /// "_trip" is not read as a marker.
  private static func camera(tail: ArraySlice<UInt8>) -> Camera {
    let letters = tail.reversed().prefix { isLetter($0) }
    guard (1...2).contains(letters.count), let last = letters.first else { return .front }
    switch last | 0x20 {  // lower case
    case UInt8(ascii: "r"): return .back
    case UInt8(ascii: "i"): return .interior
    default: return .front
    }
  }

  private static func digitRun(_ bytes: [UInt8], from start: Int) -> Int {
    var index = start
    while index < bytes.count && isDigit(bytes[index]) { index += 1 }
    return index - start
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
  }
}
