import Foundation

/// Many small file ranges read at once by a few threads, each doing plain preads.
///
/// A cold read of one sample head waits for the device (about 0.1 ms on the test machine's
/// virtual disk, more on a USB stick); 2,160 of them one after another took most of the
/// telemetry-first scan. Several in flight let the device serve them together (SampleHeadReader's
/// concurrentReads has the figures). Threads, not posix_fadvise(WILLNEED): that goes through the
/// page cache, whole 4 KiB pages plus read-ahead, four times the bytes of 512-byte direct reads.
enum ConcurrentPreads {
  /// `count` file bytes at `offset`, to be placed at `bufferOffset` in the buffer.
  struct Extent: Equatable {
    let offset: UInt64
    let count: Int
    let bufferOffset: Int
  }

  /// Reads every extent into `buffer` with up to `threads` threads (the caller's among them).
  /// Returns, per extent, the bytes read (fewer only at the end of the file) or -errno.
  static func read(_ extents: [Extent], descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer,
                   threads: Int) -> [Int] {
    let job = Job(extents: extents, descriptor: descriptor, buffer: buffer)
    defer { job.results.deallocate() }
    let workers = max(1, min(threads, extents.count))
    let done = DispatchGroup()
    for worker in 1..<workers {
      done.enter()
      Thread {
        job.run(first: worker, stride: workers)
        done.leave()
      }.start()
    }
    job.run(first: 0, stride: workers)
    done.wait()
    return Array(job.results)
  }

  /// The work the threads share. Each thread reads the extents `first, first + stride, …` and
  /// writes only their results and their part of the buffer, so nothing is written twice.
  private final class Job: @unchecked Sendable {
    let extents: [Extent]
    let descriptor: Int32
    let buffer: UnsafeMutableRawBufferPointer
    let results: UnsafeMutableBufferPointer<Int>

    init(extents: [Extent], descriptor: Int32, buffer: UnsafeMutableRawBufferPointer) {
      self.extents = extents
      self.descriptor = descriptor
      self.buffer = buffer
      results = .allocate(capacity: extents.count)
      results.initialize(repeating: 0)
    }

    func run(first: Int, stride: Int) {
      var index = first
      while index < extents.count {
        let extent = extents[index]
        let target = UnsafeMutableRawBufferPointer(rebasing: buffer[extent.bufferOffset..<(extent.bufferOffset + extent.count)])
        let got = MP4SampleTable.preadFully(descriptor, target, offset: extent.offset)
        results[index] = got < 0 ? -Int(errno) : got
        index += stride
      }
    }
  }
}
