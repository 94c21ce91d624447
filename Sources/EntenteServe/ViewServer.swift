import Entente
import Foundation
import Hummingbird
import Logging

/// `entente serve`: the view's page, its script and style, and a JSON API answering from a
/// ``ViewSource``, over HTTP on loopback (unless told otherwise). It only reads: GET and HEAD
/// are the only methods routed.
///
/// - `GET /`: the page (``HTMLViewExporter/servedPage()``), which fetches the rest from here;
///   `/view.js`, `/serve.js`, `/view.css`, `/vis-network.min.js`: its parts.
/// - `GET /api/graph?from=&count=`: the header and the strongest edges (``ViewIndex/overviewJSON(from:count:)``).
/// - `GET /api/search?q=&limit=`: entities by name or alias.
/// - `GET /api/node?id=|name=&limit=`: an entity's strongest edges and their other ends.
/// - `GET /api/edge?id=|source=&target=&kind=&page=`: an edge and a page of its evidence.
///
/// Every answer carries a Content-Security-Policy that lets the page load and fetch from its
/// own origin only.
public struct ViewServer: Sendable {
  public let source: any ViewSource
  public var host: String
  public var port: Int
  /// Evidence records per page.
  public var pageSize = 50

  public static let contentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

  public init(source: any ViewSource, host: String = "127.0.0.1", port: Int = 8080) {
    self.source = source
    self.host = host
    self.port = port
  }

  /// The routes, without a server (for tests and for ``application(onRunning:)``).
  public func router() throws -> Router<BasicRequestContext> {
    let router = Router()
    let index = source.index
    let source = self.source
    let pageSize = self.pageSize
    let files: [(String, String, String)] = [
      ("/", try HTMLViewExporter(title: index.title).servedPage(), "text/html; charset=utf-8"),
      ("/view.js", try HTMLViewExporter.resource("view.js"), "text/javascript; charset=utf-8"),
      ("/serve.js", try HTMLViewExporter.resource("serve.js"), "text/javascript; charset=utf-8"),
      ("/view.css", try HTMLViewExporter.resource("view.css"), "text/css; charset=utf-8"),
      ("/vis-network.min.js", try HTMLViewExporter.resource("vis-network.min.js"), "text/javascript; charset=utf-8"),
    ]
    for (path, body, type) in files {
      let bytes = ByteBuffer(string: body)
      router.get(RouterPath(path)) { _, _ in ViewServer.response(bytes, type: type) }
    }
    router.get("/api/graph") { request, _ in
      let q = Query(request: request)
      let from = try ViewServer.int(q, "from", default: 0, in: 0...Int.max)
      let count = try ViewServer.int(q, "count", default: index.initialEdges, in: 0...100_000)
      return ViewServer.json(index.overviewJSON(from: from, count: count))
    }
    router.get("/api/search") { request, _ in
      let q = Query(request: request)
      let limit = try ViewServer.int(q, "limit", default: 15, in: 0...1000)
      return ViewServer.json(index.searchJSON(q.get("q") ?? "", limit: limit))
    }
    router.get("/api/node") { request, _ in
      let q = Query(request: request)
      let limit = try ViewServer.int(q, "limit", default: 300, in: 0...100_000)
      let id: Int
      if let name = q.get("name") {
        guard let found = index.node(named: name) ?? index.search(name, limit: 1).first else { throw ViewServer.notFound("no entity named \(name)") }
        id = found
      } else {
        id = try ViewServer.id(q, count: index.nodes.count, what: "entity")
      }
      return ViewServer.json(index.neighbourhoodJSON(id, limit: limit))
    }
    router.get("/api/edge") { request, _ in
      let q = Query(request: request)
      let page = try ViewServer.int(q, "page", default: 0, in: 0...Int.max)
      let id: Int
      if let s = q.get("source"), let t = q.get("target") {
        let kind = try q.get("kind").map { k in
          guard let kind = EdgeKind(rawValue: k) else { throw HTTPError(.badRequest, message: "kind must be cooccurrence or quotation") }
          return kind
        }
        guard let found = index.edge(source: s, target: t, kind: kind) else { throw ViewServer.notFound("no edge from \(s) to \(t)") }
        id = found
      } else {
        id = try ViewServer.id(q, count: index.edges.count, what: "edge")
      }
      let evidence: [Evidence]
      do { evidence = try source.evidence(id) } catch let e as EntenteError { throw HTTPError(.internalServerError, message: e.description) }
      return ViewServer.json(index.evidenceJSON(id, evidence: evidence, page: page, pageSize: pageSize))
    }
    return router
  }

  /// The application, bound to `host`:`port` (0: a free port); `onRunning` gets the URL once
  /// it listens. Logs warnings and errors only, on stderr.
  public func application(onRunning: @escaping @Sendable (String) async -> Void = { _ in }) throws -> some ApplicationProtocol {
    var logger = Logger(label: "entente-serve") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = .warning
    let host = self.host
    return Application(
      router: try router(),
      configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? 0
        let shown = host.contains(":") ? "[\(host)]" : host
        await onRunning("http://\(shown):\(port)/")
      },
      logger: logger)
  }

  static func response(_ bytes: ByteBuffer, type: String) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = type
    headers[.contentSecurityPolicy] = contentSecurityPolicy
    headers[FieldName("X-Content-Type-Options")!] = "nosniff"
    headers[.cacheControl] = "no-store"
    headers[FieldName("Referrer-Policy")!] = "no-referrer"
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: bytes))
  }

  typealias FieldName = HTTPFields.Element.Name

  /// A JSON answer, ending with a line break (for reading with curl).
  static func json(_ s: String) -> Response { response(ByteBuffer(string: s + "\n"), type: "application/json; charset=utf-8") }

  static func notFound(_ message: String) -> HTTPError { HTTPError(.notFound, message: message) }

  /// A request's query parameters, percent-decoded.
  struct Query {
    let request: Request
    func get(_ name: String) -> String? { request.uri.queryParameters.get(name) }
  }

  /// The `id` parameter: a number below `count`.
  static func id(_ q: Query, count: Int, what: String) throws -> Int {
    guard let text = q.get("id") else { throw HTTPError(.badRequest, message: "id is required") }
    guard let n = Int(text) else { throw HTTPError(.badRequest, message: "id must be a whole number") }
    guard n >= 0, n < count else { throw notFound("no \(what) \(n)") }
    return n
  }

  /// An integer query parameter in `range` (required when `default` is nil).
  static func int(_ q: Query, _ name: String, default value: Int?, in range: ClosedRange<Int>) throws -> Int {
    guard let text = q.get(name) else {
      guard let value else { throw HTTPError(.badRequest, message: "\(name) is required") }
      return value
    }
    guard let n = Int(text), range.contains(n) else {
      throw HTTPError(.badRequest, message: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
    return n
  }
}
