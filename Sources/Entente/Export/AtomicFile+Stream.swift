import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension AtomicFile {
  /// Writes a file atomically a piece at a time: `body` writes to a temporary file in the
  /// same folder, which is then renamed over `path`. If `body` throws, the temporary file is
  /// removed and `path` is left as it was.
  public static func write(to path: String, _ body: (FileHandle) throws -> Void) throws {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      guard FileManager.default.createFile(atPath: tmp.path, contents: nil), let handle = FileHandle(forWritingAtPath: tmp.path) else {
        throw EntenteError.writeFailed(file: path, reason: String(cString: strerror(errno)))
      }
      do {
        try body(handle)
        try handle.close()
      } catch {
        try? handle.close()
        throw error
      }
      if rename(tmp.path, url.path) != 0 { throw EntenteError.writeFailed(file: path, reason: String(cString: strerror(errno))) }
    } catch let e as EntenteError {
      try? FileManager.default.removeItem(at: tmp)
      throw e
    } catch {
      try? FileManager.default.removeItem(at: tmp)
      throw EntenteError.writeFailed(file: path, reason: (error as NSError).localizedDescription)
    }
  }
}
