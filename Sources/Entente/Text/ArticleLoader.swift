import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads articles from text files, JSON Lines corpora (plain or gzip-compressed), folders of
/// them (recursively, sorted) and stdin.
///
/// `load` reads everything at once; ``ArticleReader`` streams the same inputs an article at a
/// time, for corpora larger than memory.
public enum ArticleLoader {
  public struct Result: Sendable {
    public var articles: [Article]
    /// Inputs (and corpus lines) that could not be read; the other articles were still read.
    public var problems: [EntenteError]
  }

  /// Reads every input. Missing paths, unreadable files, invalid UTF-8, bad corpus lines and
  /// folders without articles become problems; the other inputs are still read.
  public static func load(_ inputs: [String], stdin: @escaping () -> Data? = { FileHandle.standardInput.readDataToEndOfFile() }) -> Result {
    var problems: [EntenteError] = []
    let reader = ArticleReader(inputs, stdin: { stdin().map { DataSource($0) } }) { problems.append($0) }
    let articles = Array(reader)
    return Result(articles: articles, problems: problems)
  }

  /// The file extensions of JSON Lines corpora (each may also end in `.gz`).
  public static let corpusExtensions = ["jsonl", "ndjson"]

  /// Whether a path names a JSON Lines corpus: `.jsonl`, `.ndjson`, or either plus `.gz`.
  public static func isCorpus(_ path: String) -> Bool {
    var p = path.lowercased()
    if p.hasSuffix(".gz") { p.removeLast(3) }
    return corpusExtensions.contains { p.hasSuffix("." + $0) }
  }

  /// Article files below a folder, recursively, sorted by path: `*.txt` and JSON Lines
  /// corpora (`*.jsonl`, `*.ndjson`, and those with `.gz`).
  public static func articleFiles(in dir: String) -> [String] {
    articleFiles(in: dir, problems: { _ in })
  }

  /// ``articleFiles(in:)``, reporting each folder or file below `dir` that cannot be read (a
  /// folder without read permission would otherwise lose its articles without a word).
  public static func articleFiles(in dir: String, problems: (EntenteError) -> Void) -> [String] {
    let base = URL(fileURLWithPath: dir)
    var unreadable: [EntenteError] = []
    guard
      let e = FileManager.default.enumerator(
        at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles],
        errorHandler: { url, error in
          unreadable.append(.unreadable(file: url.path, reason: ArticleLoader.reason(error)))
          return true
        })
    else {
      problems(.unreadable(file: dir, reason: "permission denied"))
      return []
    }
    var out: [String] = []
    for case let url as URL in e where url.pathExtension == "txt" || isCorpus(url.lastPathComponent) {
      out.append(url.path)
    }
    for p in unreadable { problems(p) }
    return out.sorted()
  }

  /// A file system error in a few words: the POSIX reason when there is one ("Permission
  /// denied" → "permission denied").
  static func reason(_ error: any Error) -> String {
    let ns = error as NSError
    let posix = (ns.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? $0.code : nil }
      ?? (ns.domain == NSPOSIXErrorDomain ? ns.code : nil)
    if let code = posix { return String(cString: strerror(Int32(code))).lowercased() }
    return ns.localizedDescription
  }

  /// `*.txt` files below a folder, recursively, sorted by path.
  public static func textFiles(in dir: String) -> [String] {
    articleFiles(in: dir).filter { $0.hasSuffix(".txt") }
  }

  public static func read(_ path: String) throws -> Article {
    guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
      throw EntenteError.unreadable(file: path, reason: "permission denied or not a regular file")
    }
    return try article(data: data, id: fileStem(path), path: path)
  }

  /// A file's name without its extension ("a/b/name.txt" → "name"): cut by bytes for the
  /// usual name, through `URL` for anything else.
  static func fileStem(_ path: String) -> String {
    let bytes = Array(path.utf8)
    let start = (bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
    if let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot > start, dot + 1 < bytes.count,
      bytes[(dot + 1)...].allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 >= 0x30 && $0 <= 0x39 })
    {
      return String(decoding: bytes[start..<dot], as: UTF8.self)
    }
    return URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
  }

  public static func article(data: Data, id: String, path: String) throws -> Article {
    var bytes = data
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    if let what = notAnArticle(bytes, path: path) { throw EntenteError.notAnArticle(file: path, what: what) }
    guard let text = String(validating: bytes, as: UTF8.self) else { throw EntenteError.invalidUTF8(file: path) }
    return Article(id: id, text: text, source: path)
  }
}

extension ArticleLoader {
  /// What a file is when it is plainly not an article's text — a store, a graph or other JSON,
  /// XML or SVG, compressed or binary data — so that it is refused with a clear message
  /// instead of being read as prose; nil for text.
  static func notAnArticle(_ bytes: Data, path: String) -> String? {
    let head = bytes.prefix(4096)
    func starts(_ magic: [UInt8]) -> Bool { head.starts(with: magic) }
    if starts(Array("SQLite format 3".utf8) + [0]) { return "an SQLite database (a store is read as the only input)" }
    if starts([0x1F, 0x8B]) { return "gzip-compressed data (a compressed corpus is named .jsonl.gz)" }
    if starts([0x42, 0x5A, 0x68]) { return "bzip2-compressed data" }
    if starts([0x50, 0x4B, 0x03, 0x04]) { return "a zip archive" }
    if starts(Array("%PDF".utf8)) { return "a PDF document" }
    // Text encoded as UTF-16, images, executables: NUL bytes all through.
    let nuls = head.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
    if nuls > 0, nuls * 100 >= head.count { return "binary data or UTF-16 text, not UTF-8 text" }
    guard let first = head.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return nil }
    if first == UInt8(ascii: "<") {
      let start = String(decoding: head.prefix(1024), as: UTF8.self).lowercased()
      for (tag, what) in [("<svg", "an SVG image"), ("<graphml", "a GraphML file"), ("<gexf", "a GEXF file"), ("<html", "an HTML page"), ("<?xml", "an XML document")]
      where start.contains(tag) {
        return what + ", not an article"
      }
    }
    if first == UInt8(ascii: "{") || first == UInt8(ascii: "["), path.lowercased().hasSuffix(".json") {
      return "JSON, not an article (a graph.json is read as the only input; `entente merge` combines several)"
    }
    return nil
  }
}

/// Streams the articles of some inputs, one at a time, in input order: text files (one
/// article each, id = file name), JSON Lines corpora (`.jsonl`, `.ndjson`, gzip-compressed
/// with `.gz`: one article a line), folders of either (recursively, sorted), and `-` for stdin
/// (by default a corpus if its first non-space byte is `{`, nothing if it is all white space,
/// else one text article with id `stdin`; see ``StdinFormat``).
///
/// Nothing is held beyond the line being read. A problem (a missing file, invalid UTF-8, a
/// bad corpus line) goes to `onProblem` as it is met and the reader goes on with the next
/// line or file; in strict mode it stops at the first one instead (see ``stopped``).
///
///     let reader = ArticleReader(["corpus.jsonl.gz"]) { print($0) }
///     let graph = Pipeline().graph(from: reader, jobs: 4)
public final class ArticleReader: Sequence, IteratorProtocol {
  /// Bad corpus lines skipped so far.
  public private(set) var skippedLines = 0
  /// Input files or folders skipped so far (missing, unreadable, not UTF-8, corrupt).
  public private(set) var skippedInputs = 0
  /// Articles handed out so far.
  public private(set) var articlesRead = 0
  /// In strict mode, the problem that stopped the reader.
  public private(set) var stopped: EntenteError?
  /// The total size of the input files in bytes (compressed size for `.gz`), when known
  /// (not when reading stdin).
  public let totalBytes: Int?
  /// Bytes of the input files read so far (compressed bytes for `.gz`).
  public var bytesRead: Int { doneBytes + (current?.consumed ?? 0) }

  private enum Unit {
    case stdin
    case text(String)
    case corpus(String)
    case problem(EntenteError)
  }

  /// How `-` is read.
  public enum StdinFormat: String, Sendable, CaseIterable {
    /// JSON Lines if the first non-space byte is `{`, else one text article.
    case auto
    /// JSON Lines only: a line that is not an article is reported and skipped.
    case jsonl
    /// One text article, id `stdin`.
    case text
  }

  private let strict: Bool
  private let stdinFormat: StdinFormat
  private let onProblem: (EntenteError) -> Void
  private let stdinSource: () -> ByteSource?
  private var units: [Unit]
  private var next_ = 0
  private var doneBytes = 0
  private var current: CorpusLines?

  /// - Parameters:
  ///   - inputs: paths of files or folders, or `-` for stdin.
  ///   - strict: stop at the first problem instead of skipping it.
  ///   - stdin: where `-` reads from (standard input unless given).
  ///   - stdinFormat: how `-` is read.
  ///   - onProblem: called with each problem as it is met.
  public init(
    _ inputs: [String], strict: Bool = false, stdin: (() -> ByteSource?)? = nil, stdinFormat: StdinFormat = .auto,
    onProblem: @escaping (EntenteError) -> Void = { _ in }
  ) {
    self.strict = strict
    self.stdinFormat = stdinFormat
    self.onProblem = onProblem
    self.stdinSource = stdin ?? { FileSource(handle: FileHandle.standardInput, name: "<stdin>") }
    let fm = FileManager.default
    var units: [Unit] = []
    var total: Int? = 0
    func size(_ path: String) -> Int {
      var info = stat()
      return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
    for input in inputs {
      if input == "-" {
        units.append(.stdin)
        total = nil
        continue
      }
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: input, isDirectory: &isDir) else {
        units.append(.problem(.notFound(path: input)))
        continue
      }
      var unreadable: [EntenteError] = []
      let files = isDir.boolValue ? ArticleLoader.articleFiles(in: input, problems: { unreadable.append($0) }) : [input]
      units += unreadable.map { .problem($0) }
      if files.isEmpty, unreadable.isEmpty { units.append(.problem(.noArticles(path: input))) }
      for f in files {
        units.append(ArticleLoader.isCorpus(f) ? .corpus(f) : .text(f))
        total = total.map { $0 + size(f) }
      }
    }
    self.units = units
    self.totalBytes = total
  }

  public func next() -> Article? {
    while stopped == nil {
      if let lines = current {
        if let a = nextArticle(from: lines) { articlesRead += 1; return a }
        doneBytes += lines.consumed
        current = nil
        continue
      }
      guard next_ < units.count else { return nil }
      let unit = units[next_]
      next_ += 1
      switch unit {
      case .problem(let e):
        fail(e, input: true)
      case .text(let path):
        do {
          let a = try ArticleLoader.read(path)
          doneBytes += a.text.utf8.count
          articlesRead += 1
          return a
        } catch let e as EntenteError {
          fail(e, input: true)
        } catch {
          fail(.unreadable(file: path, reason: "\(error)"), input: true)
        }
      case .corpus(let path):
        do {
          current = try CorpusLines(path: path)
        } catch let e as EntenteError {
          fail(e, input: true)
        } catch {
          fail(.unreadable(file: path, reason: "\(error)"), input: true)
        }
      case .stdin:
        guard let source = stdinSource() else {
          fail(.unreadable(file: "<stdin>", reason: "no input"), input: true)
          continue
        }
        do {
          let peek = PeekingSource(source)
          let first = try peek.firstNonSpaceByte()
          // Nothing but white space: no article (an empty partition piped through extract).
          if first == nil { continue }
          if stdinFormat == .jsonl || (stdinFormat == .auto && first == UInt8(ascii: "{")) {
            current = CorpusLines(source: peek, name: "<stdin>")
          } else {
            let data = try peek.readAll()
            let a = try ArticleLoader.article(data: data, id: "stdin", path: "<stdin>")
            articlesRead += 1
            return a
          }
        } catch let e as EntenteError {
          fail(e, input: true)
        } catch {
          fail(.unreadable(file: "<stdin>", reason: "\(error)"), input: true)
        }
      }
    }
    return nil
  }

  private func nextArticle(from lines: CorpusLines) -> Article? {
    while stopped == nil {
      do {
        guard let (line, number) = try lines.nextLine() else { return nil }
        do {
          if let a = try CorpusRecord.article(line: line, file: lines.name) { return a }
        } catch let e as CorpusRecord.Problem {
          fail(.badData(file: "\(lines.name):\(number)", reason: e.message), input: false)
        }
      } catch let e as EntenteError {
        fail(e, input: true)
        return nil
      } catch {
        fail(.unreadable(file: lines.name, reason: "\(error)"), input: true)
        return nil
      }
    }
    return nil
  }

  private func fail(_ e: EntenteError, input: Bool) {
    if input { skippedInputs += 1 } else { skippedLines += 1 }
    if strict { stopped = e } else { onProblem(e) }
  }
}

/// Lines as Hadoop Streaming writes key-value records: `key<TAB>value`. A line that does not
/// start with `{` but has a tab before its first `{` is read as its value (the JSON after the
/// first tab); any other line is left as it is.
public enum HadoopStreaming {
  public static func value(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    guard let first = line.first, first != UInt8(ascii: "{"), first != 0xEF else { return line }
    guard let tab = line.firstIndex(of: 0x09), line[..<tab].allSatisfy({ $0 != UInt8(ascii: "{") }) else { return line }
    let value = line[(tab + 1)...]
    guard value.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "{") else { return line }
    return value
  }
}

/// One line of a JSON Lines corpus: `id` (a string or an integer), `text`, and optional
/// `title`, `date` (ISO 8601; the yyyy-MM-dd part is kept), `source` and `url` (null accepted).
/// Other fields are ignored.
enum CorpusRecord {
  struct Problem: Error { var message: String }

  /// The fields of a corpus line that Entente reads.
  struct Fields: Decodable {
    var id: String
    var text: String
    var title: String?
    var date: String?
    var source: String?
    var url: String?

    enum Key: String, CodingKey { case id, text, title, date, source, url }

    init(id: String, text: String, title: String?, date: String?, source: String?, url: String?) {
      (self.id, self.text, self.title, self.date, self.source, self.url) = (id, text, title, date, source, url)
    }

    init(from decoder: Decoder) throws {
      guard let c = try? decoder.container(keyedBy: Key.self) else { throw Problem(message: "not a JSON object") }
      if let s = try? c.decode(String.self, forKey: .id) {
        id = s
      } else if let n = try? c.decode(Int.self, forKey: .id) {
        id = String(n)
      } else if !c.contains(.id) || (try? c.decodeNil(forKey: .id)) == true {
        throw Problem(message: "missing \"id\"")
      } else {
        throw Problem(message: "\"id\" must be a string or an integer")
      }
      guard !id.isEmpty else { throw Problem(message: "\"id\" is empty") }
      guard c.contains(.text), (try? c.decodeNil(forKey: .text)) != true else { throw Problem(message: "missing \"text\"") }
      guard let t = try? c.decode(String.self, forKey: .text) else { throw Problem(message: "\"text\" must be a string") }
      text = t
      func optional(_ k: Key) throws -> String? {
        guard c.contains(k), (try? c.decodeNil(forKey: k)) != true else { return nil }
        guard let s = try? c.decode(String.self, forKey: k) else { throw Problem(message: "\"\(k.rawValue)\" must be a string or null") }
        return s
      }
      title = try optional(.title)
      date = try optional(.date)
      source = try optional(.source)
      url = try optional(.url)
    }
  }

  /// The article on a line, nil for a blank line.
  static func article(line: ArraySlice<UInt8>, file: String) throws -> Article? {
    var bytes = HadoopStreaming.value(line)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return nil }
    // The usual line takes the fast path; anything else (and every error) goes through
    // JSONDecoder.
    if let f = CorpusLineScanner.fields(bytes) { return try article(f, file: file) }
    guard String(validating: bytes, as: UTF8.self) != nil else { throw Problem(message: "not valid UTF-8 text") }
    let f: Fields
    do {
      f = try JSONDecoder().decode(Fields.self, from: Data(bytes))
    } catch let p as Problem {
      throw p
    } catch {
      throw Problem(message: "not valid JSON")
    }
    return try article(f, file: file)
  }

  private static func article(_ f: Fields, file: String) throws -> Article {
    var date: String? = nil
    if let d = f.date {
      guard let iso = isoDate(d) else { throw Problem(message: "\"date\" is not an ISO 8601 date (yyyy-MM-dd…): \"\(d.prefix(40))\"") }
      date = iso
    }
    return Article(id: f.id, text: f.text, title: f.title, date: date, source: f.url ?? f.source ?? file)
  }

  /// The yyyy-MM-dd part of an ISO 8601 date or date-time, if it is one.
  static func isoDate(_ s: String) -> String? {
    let u = Array(s.utf8)
    guard u.count >= 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
    let digits = [0, 1, 2, 3, 5, 6, 8, 9]
    guard digits.allSatisfy({ u[$0] >= 0x30 && u[$0] <= 0x39 }) else { return nil }
    if u.count > 10, u[10] != UInt8(ascii: "T"), u[10] != UInt8(ascii: " "), u[10] != UInt8(ascii: "t") { return nil }
    let month = Int(u[5] - 0x30) * 10 + Int(u[6] - 0x30), day = Int(u[8] - 0x30) * 10 + Int(u[9] - 0x30)
    guard (1...12).contains(month), (1...31).contains(day) else { return nil }
    return String(decoding: u[0..<10], as: UTF8.self)
  }
}

/// The lines of a corpus file (gzip-compressed when its name ends in `.gz`), numbered from 1.
final class CorpusLines {
  let name: String
  private let source: ByteSource
  private var buffer: [UInt8] = []
  private var start = 0
  private var eof = false
  private var number = 0

  init(path: String) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw EntenteError.unreadable(file: path, reason: "permission denied or not a regular file")
    }
    let file = FileSource(handle: handle, name: path)
    source = path.lowercased().hasSuffix(".gz") ? GzipSource(file, name: path) : file
    name = path
  }

  init(source: ByteSource, name: String) {
    self.source = source
    self.name = name
  }

  /// Bytes of the underlying file consumed so far.
  var consumed: Int { source.consumed }

  /// The next line (without its line break) and its number, nil at the end.
  func nextLine() throws -> (ArraySlice<UInt8>, Int)? {
    while true {
      if let nl = newline(from: start) {
        let line = buffer[start..<nl]
        start = nl + 1
        number += 1
        return (line, number)
      }
      if eof {
        guard start < buffer.count else { return nil }
        let line = buffer[start...]
        start = buffer.count
        number += 1
        return (line, number)
      }
      // Keep the unfinished line, drop what was read, append the next chunk.
      if start > 0 {
        buffer.removeSubrange(0..<start)
        start = 0
      }
      if let chunk = try source.read() { buffer.append(contentsOf: chunk) } else { eof = true }
    }
  }

  private func newline(from: Int) -> Int? {
    guard from < buffer.count else { return nil }
    return buffer.withUnsafeBufferPointer { p -> Int? in
      guard let base = p.baseAddress, let hit = memchr(base + from, 0x0A, p.count - from) else { return nil }
      return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
  }
}

/// A stream of bytes read a chunk at a time.
public protocol ByteSource: AnyObject {
  /// The next chunk, nil at the end.
  func read() throws -> [UInt8]?
  /// Bytes of the underlying file (or stream) consumed so far.
  var consumed: Int { get }
}

/// A file (or stdin) read a chunk at a time.
public final class FileSource: ByteSource {
  let handle: FileHandle
  let name: String
  public private(set) var consumed = 0
  static let chunk = 1 << 20

  public init(handle: FileHandle, name: String) {
    self.handle = handle
    self.name = name
  }

  public func read() throws -> [UInt8]? {
    let data: Data?
    do { data = try handle.read(upToCount: FileSource.chunk) } catch {
      throw EntenteError.unreadable(file: name, reason: (error as NSError).localizedDescription)
    }
    guard let data, !data.isEmpty else { return nil }
    consumed += data.count
    return [UInt8](data)
  }
}

/// Bytes already in memory, handed out in one chunk.
public final class DataSource: ByteSource {
  private var data: Data?
  public private(set) var consumed = 0

  public init(_ data: Data) { self.data = data }

  public func read() throws -> [UInt8]? {
    guard let d = data else { return nil }
    data = nil
    consumed = d.count
    return d.isEmpty ? nil : [UInt8](d)
  }
}

/// A source that can look at its first bytes before handing them on.
final class PeekingSource: ByteSource {
  private let base: ByteSource
  private var pending: [[UInt8]] = []
  var consumed: Int { base.consumed }

  init(_ base: ByteSource) { self.base = base }

  /// The first byte that is not white space (after a UTF-8 byte order mark), nil if none.
  func firstNonSpaceByte() throws -> UInt8? {
    var seen = 0
    while true {
      guard let chunk = try base.read() else { return nil }
      pending.append(chunk)
      for (i, b) in chunk.enumerated() {
        let at = seen + i
        if at < 3, b == [0xEF, 0xBB, 0xBF][at], pending.joined().starts(with: [0xEF, 0xBB, 0xBF].prefix(at + 1)) { continue }
        if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { continue }
        return b
      }
      seen += chunk.count
    }
  }

  func read() throws -> [UInt8]? {
    if !pending.isEmpty { return pending.removeFirst() }
    return try base.read()
  }

  func readAll() throws -> Data {
    var d = Data()
    while let chunk = try read() { d.append(contentsOf: chunk) }
    return d
  }
}

/// The non-blank lines of a JSON Lines file (gzip-compressed when its name ends in `.gz`) or
/// of stdin (`-`), a line at a time, numbered from 1.
public final class JSONLines {
  /// The file name used in messages.
  public let name: String
  private let lines: CorpusLines

  public init(_ path: String) throws {
    if path == "-" {
      let stdin = FileSource(handle: FileHandle.standardInput, name: "<stdin>")
      lines = CorpusLines(source: stdin, name: "<stdin>")
      name = "<stdin>"
    } else {
      guard FileManager.default.fileExists(atPath: path) else { throw EntenteError.notFound(path: path) }
      lines = try CorpusLines(path: path)
      name = path
    }
  }

  /// The next non-blank line and its number, nil at the end.
  public func next() throws -> (Data, Int)? {
    while let (line, number) = try lines.nextLine() {
      if line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) { return (Data(HadoopStreaming.value(line)), number) }
    }
    return nil
  }
}
