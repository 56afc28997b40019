/// The few statistics calibration needs.
enum Statistics {
  /// Pearson correlation over the positions where both have a value; nil with fewer than 3 such
  /// pairs or when either is constant.
  static func correlation(_ a: [Double?], _ b: [Double?]) -> Double? {
    var n = 0.0
    var sa = 0.0
    var sb = 0.0
    for (x, y) in zip(a, b) {
      guard let x, let y else { continue }
      n += 1
      sa += x
      sb += y
    }
    guard n >= 3 else { return nil }
    let ma = sa / n
    let mb = sb / n
    var saa = 0.0
    var sbb = 0.0
    var sab = 0.0
    for (x, y) in zip(a, b) {
      guard let x, let y else { continue }
      saa += (x - ma) * (x - ma)
      sbb += (y - mb) * (y - mb)
      sab += (x - ma) * (y - mb)
    }
    guard saa > 0, sbb > 0 else { return nil }
    return sab / (saa * sbb).squareRoot()
  }

  static func standardDeviation(_ values: [Double]) -> Double? {
    guard values.count >= 2 else { return nil }
    let mean = values.reduce(0, +) / Double(values.count)
    let ss = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (ss / Double(values.count - 1)).squareRoot()
  }

  static func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }
}
