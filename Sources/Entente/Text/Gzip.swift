import CompressNIO
import Foundation
import NIOCore

/// A gzip-compressed source, inflated a chunk at a time (several concatenated gzip members
/// read as one stream, like `gzip -d` does).
final class GzipSource: ByteSource {
  private let base: ByteSource
  private let name: String
  private let inflater: ZlibDecompressor
  private var input = ByteBuffer()
  private var inputEnded = false
  /// The current member may have ended: the last call consumed all input without asking for
  /// more and without error (zlib's Z_OK and Z_STREAM_END look alike from here).
  private var maybeEnded = false
  /// Some compressed input was read (an empty file is an empty stream).
  private var sawData = false
  static let chunk = 1 << 20

  init(_ base: ByteSource, name: String) {
    self.base = base
    self.name = name
    // Only fails when zlib cannot allocate its state.
    inflater = try! ZlibDecompressor(algorithm: .gzip)
  }

  var consumed: Int { base.consumed - input.readableBytes }

  func read() throws -> [UInt8]? {
    var out = ByteBufferAllocator().buffer(capacity: GzipSource.chunk)
    while out.writableBytes > 0 {
      if input.readableBytes == 0 {
        if inputEnded { break }
        guard let next = try base.read() else {
          inputEnded = true
          break
        }
        input = ByteBuffer(bytes: next)
        sawData = true
      }
      do {
        try inflater.inflate(from: &input, to: &out)
        if input.readableBytes > 0 {
          // The member ended before its input did: the next member follows.
          try inflater.reset()
          maybeEnded = false
        } else {
          maybeEnded = true
        }
      } catch let e as CompressNIOError where e == .bufferOverflow {
        maybeEnded = false
        if out.writableBytes == 0 { break }
      } catch let e as CompressNIOError where e == .inputBufferOverflow {
        maybeEnded = false
      } catch {
        throw EntenteError.badData(file: name, reason: "not valid gzip data (\(error))")
      }
    }
    if inputEnded, input.readableBytes == 0, out.readableBytes == 0 {
      if sawData, !(try finishedCleanly()) { throw EntenteError.badData(file: name, reason: "gzip data ends too early (truncated file?)") }
      return nil
    }
    return out.readableBytesView.map { $0 }
  }

  /// At the end of the input: whether the last member was complete. A finished zlib stream
  /// ignores further input; an unfinished one takes it (or fails on it).
  private func finishedCleanly() throws -> Bool {
    guard maybeEnded else { return false }
    var probe = ByteBuffer(bytes: [0])
    var sink = ByteBufferAllocator().buffer(capacity: 64)
    do { try inflater.inflate(from: &probe, to: &sink) } catch { return false }
    return probe.readableBytes == 1 && sink.readableBytes == 0
  }
}

/// gzip compression and decompression of whole buffers (for tests and small files).
public enum Gzip {
  public static func compress(_ data: Data) throws -> Data {
    var input = ByteBuffer(bytes: data)
    let out = try input.compress(with: .gzip())
    return Data(out.readableBytesView)
  }

  public static func decompress(_ data: Data) throws -> Data {
    let source = GzipSource(DataSource(data), name: "<data>")
    var out = Data()
    while let chunk = try source.read() { out.append(contentsOf: chunk) }
    return out
  }
}
