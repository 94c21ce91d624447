import CGraphviz
import Foundation

/// A place where a graph names a local file that Graphviz would open while laying it out or
/// rendering it (to read an image's size, a shape's PostScript, a font).
public struct FileReference: Sendable, Equatable, CustomStringConvertible {
  /// The attribute: `image`, `imagepath`, `shapefile`, `fontpath`, `fontname` (a path), or
  /// `label` (an HTML-like label with `<IMG>`).
  public var attribute: String
  /// The object that carries it: `graph "g"`, `node "a"`, `edge "a" -> "b"`.
  public var object: String
  /// The attribute's value, on one line and cut to 80 characters.
  public var value: String

  public init(attribute: String, object: String, value: String) {
    self.attribute = attribute
    self.object = object
    self.value = value
  }

  public var description: String { "\(object) names a local file in \(attribute)=\"\(value)\"" }
}

/// Finds the attributes of a graph that make Graphviz open local files, by walking the
/// graph's declared attributes (cgraph's `agnxtattr`) and the values every graph, subgraph,
/// node and edge gives them.
enum FileReferences {
  /// Attributes whose value is a file or a folder Graphviz reads.
  static let fileAttributes: Set<String> = ["image", "imagepath", "shapefile", "fontpath"]
  /// Attributes whose value is a font; a value with a path separator is a font file the gd
  /// renderer opens.
  static let fontAttributes: Set<String> = ["fontname", "labelfontname"]
  /// Attributes Graphviz reads as labels: an HTML-like one may hold `<IMG SRC="…">`.
  static let labelAttributes: Set<String> = ["label", "xlabel", "headlabel", "taillabel"]

  /// The first file reference in the graph, or nil.
  static func first(in root: UnsafeMutablePointer<Agraph_t>) -> FileReference? {
    for (kind, objects) in [(AGRAPH, graphs(root)), (AGNODE, nodes(root)), (AGEDGE, edges(root))] {
      var sym = agnxtattr(root, kind, nil)
      while let s = sym {
        let name = String(cString: s.pointee.name)
        if let test = check(name) {
          for object in objects {
            guard let value = agxget(object, s), value.pointee != 0, test(value) else { continue }
            return FileReference(attribute: name, object: describe(object, kind: kind), value: shortened(String(cString: value)))
          }
        }
        sym = agnxtattr(root, kind, s)
      }
    }
    return nil
  }

  /// A value on one line (runs of white space as one space), cut to 80 characters.
  static func shortened(_ value: String) -> String {
    let line = value.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    return line.count <= 80 ? line : String(line.prefix(79)) + "…"
  }

  /// The test a value of attribute `name` must pass to be a file reference, or nil when the
  /// attribute never names a file.
  private static func check(_ name: String) -> ((UnsafeMutablePointer<CChar>) -> Bool)? {
    if fileAttributes.contains(name) { return { _ in true } }
    if fontAttributes.contains(name) { return { strchr($0, 0x2F) != nil || strchr($0, 0x5C) != nil } }
    if labelAttributes.contains(name) {
      return { v in aghtmlstr(v) != 0 && String(cString: v).lowercased().contains("<img") }
    }
    return nil
  }

  private static func graphs(_ root: UnsafeMutablePointer<Agraph_t>) -> [UnsafeMutableRawPointer] {
    var out: [UnsafeMutableRawPointer] = []
    func visit(_ g: UnsafeMutablePointer<Agraph_t>) {
      out.append(UnsafeMutableRawPointer(g))
      var sub = agfstsubg(g)
      while let s = sub {
        visit(s)
        sub = agnxtsubg(s)
      }
    }
    visit(root)
    return out
  }

  private static func nodes(_ root: UnsafeMutablePointer<Agraph_t>) -> [UnsafeMutableRawPointer] {
    var out: [UnsafeMutableRawPointer] = []
    var n = agfstnode(root)
    while let node = n {
      out.append(UnsafeMutableRawPointer(node))
      n = agnxtnode(root, node)
    }
    return out
  }

  private static func edges(_ root: UnsafeMutablePointer<Agraph_t>) -> [UnsafeMutableRawPointer] {
    var out: [UnsafeMutableRawPointer] = []
    var n = agfstnode(root)
    while let node = n {
      var e = agfstout(root, node)
      while let edge = e {
        out.append(UnsafeMutableRawPointer(edge))
        e = agnxtout(root, edge)
      }
      n = agnxtnode(root, node)
    }
    return out
  }

  private static func describe(_ object: UnsafeMutableRawPointer, kind: Int32) -> String {
    func name(_ p: UnsafeMutableRawPointer?) -> String { p.flatMap { agnameof($0) }.map { String(cString: $0) } ?? "" }
    switch kind {
    case AGRAPH: return "graph \"\(name(object))\""
    case AGNODE: return "node \"\(name(object))\""
    default:
      let e = object.assumingMemoryBound(to: Agedge_t.self)
      return "edge \"\(name(entente_agtail(e).map(UnsafeMutableRawPointer.init)))\" -> \"\(name(entente_aghead(e).map(UnsafeMutableRawPointer.init)))\""
    }
  }
}
