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
      if !q.otherSpeakers.isEmpty {
        // "Moscow and Pyongyang deny …": the speakers after the first, in order.
        w.raw(",\"other_speakers\":[")
        for (j, e) in q.otherSpeakers.enumerated() {
          if j > 0 { w.raw(",") }
          w.string(a.recognition.entities[e].name)
        }
        w.raw("]")
      }
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

/// Appends JSON text as UTF-8 bytes: strings escaped as JSONEncoder escapes them
/// (``JSONString``), integers in decimal.
struct JSONLineWriter {
  private var bytes: [UInt8] = []

  init() { bytes.reserveCapacity(4096) }

  var out: String { String(decoding: bytes, as: UTF8.self) }

  mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

  mutating func int(_ v: Int) { bytes.append(contentsOf: String(v).utf8) }

  mutating func string(_ s: String) { JSONString.write(s) { bytes.append(contentsOf: $0) } }
}
