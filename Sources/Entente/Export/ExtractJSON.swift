import Foundation

/// One article's entities and quotes as a JSON object on one line — the contract the
/// evaluation scorer reads (offsets in Unicode scalars, end-exclusive).
public enum ExtractJSON {
  public static func line(_ a: ArticleAnalysis) -> String {
    // Written by hand, keys in sorted order as JSONEncoder's .sortedKeys writes them: this is
    // the hot path of `extract`, where JSONEncoder took a quarter of the time.
    let doc = a.document
    var w = JSONLineWriter()
    func span(_ s: TextSpan) {
      w.raw("{\"end\":"); w.int(s.end); w.raw(",\"start\":"); w.int(s.start); w.raw(",\"text\":"); w.string(doc.string(s)); w.raw("}")
    }
    var mentionsOf = [[Mention]](repeating: [], count: a.recognition.entities.count)
    for m in a.recognition.mentions { mentionsOf[m.entity].append(m) }
    w.raw("{")
    if let date = a.article.date { w.raw("\"date\":"); w.string(date); w.raw(",") }
    w.raw("\"entities\":[")
    for (i, e) in a.recognition.entities.enumerated() {
      if i > 0 { w.raw(",") }
      w.raw("{\"mentions\":[")
      for (j, m) in mentionsOf[i].enumerated() {
        if j > 0 { w.raw(",") }
        w.raw("{\"end\":"); w.int(m.span.end); w.raw(",\"kind\":"); w.string(m.kind.rawValue)
        w.raw(",\"rule\":"); w.string(m.rule); w.raw(",\"start\":"); w.int(m.span.start)
        w.raw(",\"text\":"); w.string(doc.string(m.span)); w.raw("}")
      }
      w.raw("],\"name\":"); w.string(e.name); w.raw(",\"type\":"); w.string(e.type.rawValue); w.raw("}")
    }
    w.raw("],\"id\":"); w.string(a.article.id); w.raw(",\"quotes\":[")
    for (i, q) in a.quotes.enumerated() {
      if i > 0 { w.raw(",") }
      w.raw("{\"content\":"); span(q.content)
      if let c = q.cue { w.raw(",\"cue\":"); span(c) }
      w.raw(",\"direct\":"); w.raw(q.direct ? "true" : "false")
      w.raw(",\"rule\":"); w.string(q.rule)
      w.raw(",\"speaker\":")
      if let s = q.speaker { span(s) } else { w.raw("null") }
      w.raw(",\"speaker_entity\":")
      if let e = q.speakerEntity { w.string(a.recognition.entities[e].name) } else { w.raw("null") }
      w.raw("}")
    }
    w.raw("]")
    if let title = a.article.title { w.raw(",\"title\":"); w.string(title) }
    w.raw("}")
    return w.out
  }
}

/// Appends JSON text: strings escaped as JSONEncoder escapes them (quote, backslash, control
/// characters; "/" left alone), integers in decimal. Works on UTF-8 bytes, copying the runs
/// of a string that need no escape in one go.
struct JSONLineWriter {
  private var bytes: [UInt8] = []

  init() { bytes.reserveCapacity(4096) }

  var out: String { String(decoding: bytes, as: UTF8.self) }

  mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

  mutating func int(_ v: Int) { bytes.append(contentsOf: String(v).utf8) }

  mutating func string(_ s: String) {
    var s = s
    bytes.append(0x22)
    s.withUTF8 { u in
      var runStart = 0
      for (k, b) in u.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<k]))
        runStart = k + 1
        switch b {
        case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
        case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
        case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
        case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
        case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
        default:
          let hex = Array("0123456789abcdef".utf8)
          bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
        }
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<u.count]))
    }
    bytes.append(0x22)
  }
}
