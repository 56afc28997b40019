import CFFmpeg

/// Several pictures side by side in one picture: the cameras of one moment, for a preview PNG.
public enum ContactSheet {
  /// Lays `tiles` out row by row, `columns` to a row, each scaled to `tileWidth` x `tileHeight`
  /// (even numbers, so the 4:2:0 chroma lines up). A nil tile stays black: a camera that did
  /// not record keeps its place, so the layout always reads the same.
  /// `labels` (one per tile, optional) are burnt into each tile's top-left corner.
  public static func compose(_ tiles: [Picture?], labels: [String] = [], columns: Int, tileWidth: Int, tileHeight: Int,
                             gapPixels: Int = 4) throws -> Picture {
    precondition(columns > 0 && tileWidth % 2 == 0 && tileHeight % 2 == 0 && gapPixels % 2 == 0)
    let rows = (tiles.count + columns - 1) / columns
    var sheet = Picture(width: columns * tileWidth + (columns - 1) * gapPixels,
                        height: rows * tileHeight + (rows - 1) * gapPixels)
    for (index, tile) in tiles.enumerated() {
      let x = (index % columns) * (tileWidth + gapPixels), y = (index / columns) * (tileHeight + gapPixels)
      if let tile { try scale(tile, into: &sheet, x: x, y: y, width: tileWidth, height: tileHeight) }
      if index < labels.count { TileLabel.draw(labels[index], on: &sheet, x: x + 6, y: y + 6) }
    }
    return sheet
  }

  /// Scales `source` into the rectangle of `destination` at (x, y), both YUV 4:2:0, with swscale.
  private static func scale(_ source: Picture, into destination: inout Picture, x: Int, y: Int,
                            width: Int, height: Int) throws {
    guard let scaler = sws_getContext(Int32(source.width), Int32(source.height), AV_PIX_FMT_YUV420P,
                                      Int32(width), Int32(height), AV_PIX_FMT_YUV420P, SWS_AREA, nil, nil, nil)
    else { throw MediaError.decoderFailed(path: "contact sheet", reason: "cannot scale \(source.width)x\(source.height)") }
    defer { sws_freeContext(scaler) }
    let destinationWidth = destination.width, destinationChromaWidth = destination.chromaWidth
    source.y.withUnsafeBufferPointer { sy in
      source.u.withUnsafeBufferPointer { su in
        source.v.withUnsafeBufferPointer { sv in
          destination.y.withUnsafeMutableBufferPointer { dy in
            destination.u.withUnsafeMutableBufferPointer { du in
              destination.v.withUnsafeMutableBufferPointer { dv in
                var sourceData: [UnsafePointer<UInt8>?] = [sy.baseAddress, su.baseAddress, sv.baseAddress, nil]
                var sourceStrides: [Int32] = [Int32(source.width), Int32(source.chromaWidth), Int32(source.chromaWidth), 0]
                let chromaOffset = (y / 2) * destinationChromaWidth + x / 2
                var destinationData: [UnsafeMutablePointer<UInt8>?] = [
                  dy.baseAddress! + y * destinationWidth + x, du.baseAddress! + chromaOffset, dv.baseAddress! + chromaOffset, nil,
                ]
                var destinationStrides: [Int32] = [Int32(destinationWidth), Int32(destinationChromaWidth),
                                                   Int32(destinationChromaWidth), 0]
                sws_scale(scaler, &sourceData, &sourceStrides, 0, Int32(source.height), &destinationData, &destinationStrides)
              }
            }
          }
        }
      }
    }
  }
}
