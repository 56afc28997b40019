import Foundation

extension FrameRenderer {
  // MARK: Sky

  /// Panorama column of every image column for this frame's heading.
  func skyColumns() -> [Int32] {
    let sky = s.sky
    let shift = 30 - sky.log2Width
    let mask = (1 << sky.log2Width) - 1
    let yawAngle = Int((-yaw * Double(1 << 30) / (2 * .pi)).rounded())
    return s.columnAzimuth.map { Int32(((yawAngle &+ $0) &>> shift) & mask) }
  }

  /// One sky row from the panorama. The panorama has half the angular resolution, so a row is
  /// often the same panorama row as the one above it: then it is a copy.
  func skyRow(_ r: Int, columns: [Int32], previous: inout (row: Int, panoramaRow: Int)) {
    let sky = s.sky
    let dst = y + r * yStride
    let panoramaRow = sky.row(elevation: rows[r].elevation)
    if previous.row == r - 1 && previous.panoramaRow == panoramaRow && r > 0 {
      dst.update(from: dst - yStride, count: width)
    } else {
      let base = sky.y.pointer + (panoramaRow << sky.log2Width)
      columns.withUnsafeBufferPointer { index in
        brightLUT.withUnsafeBufferPointer { lut in
          for c in 0..<width { dst[c] = lut[Int(base[Int(index[c])])] }
        }
      }
    }
    previous = (r, panoramaRow)
  }

  // MARK: Chroma

  func chroma(skyColumns: [Int32]) {
    let cw = (width + 1) / 2
    let ch = (height + 1) / 2
    let sky = s.sky
    let b = min(brightness, 1.5)
    var chromaLUT = [UInt8](repeating: 128, count: 256)
    for k in 0..<256 { chromaLUT[k] = UInt8(min(max(128 + (Double(k) - 128) * b, 0), 255).rounded()) }
    var previousPanoramaRow = -1
    for rc in 0..<ch {
      let r = min(2 * rc, height - 1)
      let row = rows[r]
      let du = u + rc * uvStride
      let dv = v + rc * uvStride
      if !row.ground {
        let panoramaRow = sky.row(elevation: row.elevation)
        if rc > 0 && panoramaRow == previousPanoramaRow {
          du.update(from: du - uvStride, count: cw)
          dv.update(from: dv - uvStride, count: cw)
          continue
        }
        previousPanoramaRow = panoramaRow
        let base = panoramaRow << sky.log2Width
        let pu = sky.u.pointer + base
        let pv = sky.v.pointer + base
        skyColumns.withUnsafeBufferPointer { index in
          chromaLUT.withUnsafeBufferPointer { lut in
            for c in 0..<cw {
              let i = Int(index[min(2 * c, width - 1)])
              du[c] = lut[Int(pu[i])]
              dv[c] = lut[Int(pv[i])]
            }
          }
        }
        continue
      }
      let h = Double(row.hazeLevel) / Double(GroundLUTCache.hazeLevels - 1)
      for span in bandSpans(row) {
        let from = max(0, Int((max(span.start, -2) / 2).rounded()))
        let to = min(cw, Int((min(span.end, Double(width) + 2) / 2).rounded()))
        guard from < to else { continue }
        let material = s.crossSection.bands[span.band].material
        let (mu, mv) = material.chroma
        let cu = UInt8(min(max(128 + (mu + (SkyPanorama.hazeChroma.u - mu) * h - 128) * b, 0), 255).rounded())
        let cv = UInt8(min(max(128 + (mv + (SkyPanorama.hazeChroma.v - mv) * h - 128) * b, 0), 255).rounded())
        (du + from).update(repeating: cu, count: to - from)
        (dv + from).update(repeating: cv, count: to - from)
      }
    }
  }
}
