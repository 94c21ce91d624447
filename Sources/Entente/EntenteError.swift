/// Everything that can go wrong for a user, with a one-line message naming the file.
public enum EntenteError: Error, Sendable, Equatable, CustomStringConvertible {
  case unreadable(file: String, reason: String)
  case invalidUTF8(file: String)
  case noArticles(path: String)
  case notFound(path: String)
  case badGraph(file: String, reason: String)
  case badData(file: String, reason: String)
  case writeFailed(file: String, reason: String)
  /// A file that is something else than an article's text (`what` says what it is).
  case notAnArticle(file: String, what: String)

  public var description: String {
    switch self {
    case .unreadable(let f, let r): return "\(f): cannot read: \(r)"
    case .invalidUTF8(let f): return "\(f): not valid UTF-8 text"
    case .noArticles(let p): return "\(p): no articles (*.txt) found"
    case .notFound(let p): return "\(p): no such file or directory"
    case .badGraph(let f, let r): return "\(f): not an Entente graph: \(r)"
    case .badData(let f, let r): return "\(f): \(r)"
    case .writeFailed(let f, let r): return "\(f): cannot write: \(r)"
    case .notAnArticle(let f, let w): return "\(f): \(w)"
    }
  }
}
