import FSDDetection

extension DetectionConfig {
  /// `--config FILE` of `ingest` and `watch`: the defaults, or the file laid over them. A file
  /// that cannot be read or holds a bad key is a usage error (exit status 2), before anything runs.
  static func fromOption(_ path: String?) throws -> DetectionConfig {
    guard let path else { return .standard }
    do {
      return try DetectionConfig.load(path: path)
    } catch {
      throw Failure(message: "\(error)", exitCode: 2)
    }
  }
}
