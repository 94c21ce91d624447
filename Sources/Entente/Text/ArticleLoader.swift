import Foundation

/// Reads articles from text files, folders of them (recursively, `*.txt`, sorted) and stdin.
public enum ArticleLoader {
  public struct Result: Sendable {
    public var articles: [Article]
    /// Inputs that could not be read; the other articles were still read.
    public var problems: [EntenteError]
  }

  /// Reads every input. Missing paths, unreadable files, invalid UTF-8 and folders without
  /// articles become problems; the other inputs are still read.
  public static func load(_ inputs: [String], stdin: () -> Data? = { FileHandle.standardInput.readDataToEndOfFile() }) -> Result {
    var articles: [Article] = []
    var problems: [EntenteError] = []
    let fm = FileManager.default
    for input in inputs {
      if input == "-" {
        guard let data = stdin() else { problems.append(.unreadable(file: "<stdin>", reason: "no input")); continue }
        do { articles.append(try article(data: data, id: "stdin", path: "<stdin>")) } catch let e as EntenteError { problems.append(e) } catch {}
        continue
      }
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: input, isDirectory: &isDir) else {
        problems.append(.notFound(path: input))
        continue
      }
      let files: [String]
      if isDir.boolValue {
        files = textFiles(in: input)
        if files.isEmpty { problems.append(.noArticles(path: input)); continue }
      } else {
        files = [input]
      }
      for f in files {
        do { articles.append(try read(f)) } catch let e as EntenteError { problems.append(e) } catch {
          problems.append(.unreadable(file: f, reason: "\(error)"))
        }
      }
    }
    return Result(articles: articles, problems: problems)
  }

  /// `*.txt` files below a folder, recursively, sorted by path.
  public static func textFiles(in dir: String) -> [String] {
    let base = URL(fileURLWithPath: dir)
    guard let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
    var out: [String] = []
    for case let url as URL in e where url.pathExtension == "txt" {
      out.append(url.path)
    }
    return out.sorted()
  }

  public static func read(_ path: String) throws -> Article {
    guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
      throw EntenteError.unreadable(file: path, reason: "permission denied or not a regular file")
    }
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return try article(data: data, id: name, path: path)
  }

  public static func article(data: Data, id: String, path: String) throws -> Article {
    var bytes = data
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    guard let text = String(validating: bytes, as: UTF8.self) else { throw EntenteError.invalidUTF8(file: path) }
    return Article(id: id, text: text, source: path)
  }
}
