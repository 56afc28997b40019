import FSDTestSupport
import FSDStore
import FSDTelemetry
import Foundation
import XCTest

@testable import FSDIngest

#if canImport(Glibc)
  import Glibc
#endif

/// "Nothing lost, nothing crashes", through the real `fsdlog`: a FIFO named like a clip does not
/// hang ingest, every path the walk meets ends up in `fsdlog status` with its reason, and a failure
/// recorded before on a file unchanged since does not fail the next run.
final class IngestProblemPathTests: XCTestCase {
  private var folder: TemporaryFolder!
  private var database: String { folder.path("fsdlog.sqlite") }
  private var teslaCam: String { folder.path("TeslaCam") }
  private var recent: String { folder.path("TeslaCam/RecentClips") }

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
    try FFmpeg.makeClip(recent + "/2026-11-02_08-14-31-front.mp4", seconds: 1, utc: "2026-11-02T16:14:31Z")
  }

  override func tearDown() { folder = nil }

  private func status() throws -> String {
    let result = try FSDLog.capture(["status", "--db", database])
    XCTAssertEqual(result.status, 0, result.stderr)
    return result.stdout
  }

  private func row(_ path: String) throws -> [String: Any]? {
    try SQLiteCLI.rows(database, "SELECT status, error, camera, source FROM clips WHERE path = '\(path.replacingOccurrences(of: "'", with: "''"))'").first
  }

  func testFIFONamedLikeAFrontClipIsRecordedAndDoesNotHangIngest() throws {
    let fifo = recent + "/2026-11-02_08-15-31-front.mp4"
    XCTAssertEqual(mkfifo(fifo, 0o644), 0)
    // Before: the worker blocked in open() forever, and the first Ctrl-C could not reach it.
    let result = try FSDLog.capture(["ingest", teslaCam, "--db", database], timeoutSeconds: 90)
    XCTAssertFalse(result.timedOut, "ingest hung on a FIFO named like a clip")
    XCTAssertEqual(result.status, 0, "a FIFO is not a clip, and not a failure: \(result.stdout)\(result.stderr)")
    XCTAssertTrue(result.stdout.contains("1 clip ingested"), result.stdout)
    let fifoRow = try XCTUnwrap(try row(fifo), "the FIFO has no row")
    XCTAssertEqual(fifoRow["status"] as? String, "not_video")
    XCTAssertTrue((fifoRow["error"] as? String ?? "").contains("FIFO"), "\(fifoRow)")
    let text = try status()
    XCTAssertTrue(text.contains("2026-11-02_08-15-31-front.mp4"), text)
    XCTAssertTrue(text.contains("a FIFO (named pipe), not a regular file"), text)
  }

  /// The cases root can make: a socket named like a clip, a link to nothing, a name that is not UTF-8.
  func testSocketDanglingLinkAndNonUTF8NameAreNamedInStatus() throws {
    let socketPath = recent + "/2026-11-02_08-16-31-front.mp4"
    let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(listener) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (index, byte) in socketPath.utf8.enumerated() { buffer[index] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    XCTAssertEqual(bound, 0, "cannot make a socket at \(socketPath)")
    let link = recent + "/2026-11-02_08-17-31-front.mp4"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder.path("usb-not-mounted/clip.mp4"))
    // "café-front.mp4" written in Latin-1: the byte 0xE9 alone is not UTF-8.
    let raw = Array(recent.utf8) + Array("/caf".utf8) + [0xE9] + Array("-front.mp4".utf8) + [0]
    let descriptor = raw.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
    XCTAssertGreaterThanOrEqual(descriptor, 0)
    close(descriptor)

    let first = try FSDLog.capture(["ingest", teslaCam, "--db", database], timeoutSeconds: 90)
    XCTAssertEqual(first.status, 1, "a link to nothing and an unreadable name are failures: \(first.stdout)")
    XCTAssertEqual(try row(socketPath)?["status"] as? String, "not_video")
    XCTAssertEqual(try row(link)?["status"] as? String, "failed")
    let escaped = recent + "/caf\\xE9-front.mp4"
    XCTAssertEqual(try row(escaped)?["status"] as? String, "failed")
    let text = try status()
    for expected in ["2026-11-02_08-16-31-front.mp4", "a socket, not a regular file",
                     "2026-11-02_08-17-31-front.mp4", "usb-not-mounted/clip.mp4, which does not exist",
                     "caf\\xE9-front.mp4", "not valid UTF-8"] {
      XCTAssertTrue(text.contains(expected), "status does not say \(expected):\n\(text)")
    }

    // Unchanged, they are known problems the next time: listed, not counted, exit status 0.
    let second = try FSDLog.capture(["ingest", teslaCam, "--db", database, "--json"], timeoutSeconds: 90)
    XCTAssertEqual(second.status, 0, second.stdout)
    let summary = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
    XCTAssertEqual(summary["known_problems"] as? Int, 3)
    XCTAssertEqual(summary["failed"] as? Int, 0)
  }

  /// An unreadable file and folder. Root reads anything, so as root the ingest runs without the
  /// capabilities that let it (setpriv), which is what an ordinary user's ingest meets.
  func testUnreadableFileAndFolderAreRecorded() throws {
    var wrapper: [String] = []
    if getuid() == 0 {
      let setpriv = "/usr/bin/setpriv"
      try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: setpriv),
                        "root reads every file, and setpriv is not here to drop that right")
      wrapper = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-dac_override,-dac_read_search"]
    }
    let lockedFile = recent + "/2026-11-02_08-15-31-front.mp4"
    try FileManager.default.copyItem(atPath: recent + "/2026-11-02_08-14-31-front.mp4", toPath: lockedFile)
    let lockedFolder = folder.path("TeslaCam/SavedClips/2026-11-02_08-20-00")
    try FFmpeg.makeClip(lockedFolder + "/2026-11-02_08-19-31-front.mp4", seconds: 1, utc: "2026-11-02T16:19:31Z")
    for path in [lockedFile, lockedFolder] {
      try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
    }
    defer {
      for path in [lockedFile, lockedFolder] { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
    }

    let result = try FSDLog.capture(["ingest", teslaCam, "--db", database], timeoutSeconds: 90, wrapper: wrapper)
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    let fileRow = try XCTUnwrap(try row(lockedFile), "the unreadable file has no row: \(result.stdout)")
    XCTAssertEqual(fileRow["status"] as? String, "failed")
    XCTAssertTrue((fileRow["error"] as? String ?? "").contains("cannot read the file"), "\(fileRow)")
    let folderRow = try XCTUnwrap(try row(lockedFolder), "the unreadable folder has no row")
    XCTAssertEqual(folderRow["status"] as? String, "failed")
    XCTAssertTrue((folderRow["error"] as? String ?? "").contains("cannot be listed"), "\(folderRow)")
    let text = try status()
    XCTAssertTrue(text.contains("2026-11-02_08-15-31-front.mp4") && text.contains("cannot read the file"), text)
    XCTAssertTrue(text.contains("SavedClips/2026-11-02_08-20-00") && text.contains("cannot be listed"), text)
  }

  /// A clip cut off by power loss fails once; run again on the same stick it is a known problem,
  /// so `fsdlog ingest … && fsdlog report` works. A changed file, or --force, reads it again.
  func testRecordedFailureOnAnUnchangedFileIsNotANewFailure() throws {
    let cutOff = recent + "/2026-11-02_08-17-31-front.mp4"
    try FileManager.default.copyItem(
      atPath: sampleTeslaCam + "/RecentClips/2026-11-02/2026-11-02_08-17-31-front.mp4", toPath: cutOff)

    let first = try FSDLog.capture(["ingest", teslaCam, "--db", database], timeoutSeconds: 90)
    XCTAssertEqual(first.status, 1, first.stdout)
    XCTAssertTrue(first.stdout.contains("1 failed"), first.stdout)

    let second = try FSDLog.capture(["ingest", teslaCam, "--db", database], timeoutSeconds: 90)
    XCTAssertEqual(second.status, 0, "the same damaged clip failed the rerun again:\n\(second.stdout)\(second.stderr)")
    // The summary wraps at 80 columns: look for sentences in it with its lines joined again.
    let secondText = second.stdout.replacingOccurrences(of: #"\n +"#, with: " ", options: .regularExpression)
    XCTAssertFalse(secondText.contains("failed ·") || secondText.contains("1 failed"), second.stdout)
    XCTAssertFalse(second.stderr.contains("FAILED"), second.stderr)
    XCTAssertTrue(secondText.contains("1 known problem (recorded before, unchanged)"), second.stdout)
    XCTAssertTrue(secondText.contains("2026-11-02_08-17-31-front.mp4"), "still reported:\n\(second.stdout)")
    XCTAssertTrue(secondText.contains("no 'moov' index box"), second.stdout)

    let forced = try FSDLog.capture(["ingest", teslaCam, "--db", database, "--force"], timeoutSeconds: 90)
    XCTAssertEqual(forced.status, 1, "--force reads it again, and it fails again")

    // The file changed (a copy finished late): read again, and a failure again.
    let handle = try XCTUnwrap(FileHandle(forWritingAtPath: cutOff))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(repeating: 0, count: 4096))
    try handle.close()
    let changed = try FSDLog.capture(["ingest", teslaCam, "--db", database], timeoutSeconds: 90)
    XCTAssertEqual(changed.status, 1, changed.stdout)
  }

  /// Issue 12: `--offset nan` was taken ("( to  UTC)" in the message); it is refused before
  /// anything is written.
  func testNonFiniteOffsetIsRefused() throws {
    for value in ["nan", "inf", "-inf"] {
      let result = try FSDLog.capture(["ingest", recent, "--offset", value, "--db", database])
      XCTAssertNotEqual(result.status, 0, "--offset \(value) was accepted")
      XCTAssertTrue(result.stderr.contains("--offset must be a number of seconds"), result.stderr)
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: database), "nothing is written for a bad option")
  }

  /// Defect 11: a long CSV is read keeping only the samples inside a clip (a 187 MB log peaked at
  /// 864 MB, holding every sample twice); what is attached is the same.
  func testLongTelemetryCSVKeepsOnlyTheSamplesInsideClips() throws {
    let csv = folder.path("day.csv")
    let clipStartS = 1_793_636_071.0  // 2026-11-02T16:14:31Z, the clip's creation time
    var text = "time,speed_mps,accel_long_mps2,accel_lat_mps2,brake,accelerator,steering_deg,autopilot,lat,lon,heading_deg\n"
    for index in -6000..<6000 {  // ten minutes either side, 10 Hz
      text += String(format: "%.1f,20.000,0.000,0.000,0,0.000,0.0,SELF_DRIVING,37.3947,-122.1503,90.00\n",
                     clipStartS + Double(index) / 10)
    }
    try text.write(toFile: csv, atomically: true, encoding: .utf8)
    let result = try FSDLog.capture(["ingest", recent, csv, "--db", database, "--json"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let summary = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let file = try XCTUnwrap((summary["telemetry_files"] as? [[String: Any]])?.first)
    XCTAssertEqual(file["clips_attached"] as? Int, 1)
    let note = file["summary"] as? String ?? ""
    XCTAssertTrue(note.contains("12000 samples from 12000 rows ("), note)
    XCTAssertTrue(note.contains(" outside every clip not kept)"), note)
    // What is stored is what the whole file gives for the clip's second.
    let store = try Store(path: database)
    let clip = try XCTUnwrap(try store.clip(path: recent + "/2026-11-02_08-14-31-front.mp4"))
    let stored = try XCTUnwrap(try store.telemetry(clipID: try XCTUnwrap(clip.id)))
    XCTAssertEqual(stored.source, "csv_canonical")
    let durationS = try XCTUnwrap(clip.durationS)
    let whole = try CSVTelemetryReader.read(path: csv).series.samples
    let inside = whole.filter { $0.timeS >= clipStartS && $0.timeS < clipStartS + durationS }.map { sample in
      var sample = sample
      sample.timeS -= clipStartS
      return sample
    }
    let expected = TelemetryStorage.stored(inside, source: "csv_canonical", sourcePath: csv, startUTC: clip.startUtc)
    XCTAssertGreaterThan(expected.sampleCount, 0)
    XCTAssertEqual(stored.tS, expected.tS)
    XCTAssertEqual(stored.speedMPS, expected.speedMPS)
  }

  /// Defect 11: `--jobs 100000` started a decoder for every clip. It is capped, and says so.
  func testJobsAreCappedAndTheCapIsSaid() throws {
    let result = try FSDLog.capture(["ingest", recent, "--jobs", "100000", "--db", database])
    XCTAssertEqual(result.status, 0, result.stderr)
    let limit = 4 * ProcessInfo.processInfo.activeProcessorCount
    XCTAssertTrue(result.stderr.contains("--jobs 100000 is more than this machine can use: analysing \(limit) clips at once"),
                  result.stderr)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT jobs FROM ingest_runs"), String(limit))
  }
}
