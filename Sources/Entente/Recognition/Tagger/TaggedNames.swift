/// The learned tagger's part in recognition, between the two passes of rules.
///
/// The rules stay where they are precise: gazetteer states and organizations, demonyms,
/// metonyms, names after a title, organizations by keyword. The tagger decides the open
/// classes: people found by their given name or by nothing at all, organizations without a
/// keyword, and where those names begin and end. Its spans replace the first pass's guesses
/// for them; what the rules left for the second pass (a surname alone, a name after "said")
/// and the tagger does not name stays for the second pass.
enum TaggedNames {
  /// First-pass rules whose mentions the tagger may replace or drop.
  static let openRules: Set<String> = ["given-name", "family-name-first", "name-particle", "acronym"]
  /// Second-pass work the tagger's spans take over.
  static let openPending: Set<String> = ["unknown", "headline"]
}

extension RecognitionPass {
  /// The tagger's spans of the article, after the first pass.
  func taggedSpans(_ model: TaggerModel) -> [TaggedSpan] {
    var out: [TaggedSpan] = []
    for z in taggerZones() {
      out += TaggerModel.spans(model.tag(z), first: z.tokens.lowerBound)
    }
    return out
  }

  /// Lets the tagger decide the open-class names of the first pass.
  mutating func applyTagger(_ model: TaggerModel) {
    let spans = taggedSpans(model)
    // Per token: the class the tagger gave it (0: none).
    var tagged = [UInt8](repeating: 0, count: tokens.count)
    for sp in spans { for k in sp.tokens { tagged[k] = UInt8(sp.nameClass) } }
    // Open-class mentions of the first pass that the tagger does not confirm go.
    found.removeAll { f in
      guard TaggedNames.openRules.contains(f.rule) else { return false }
      let want: UInt8 = f.type == .person ? 1 : f.type == .organization ? 2 : 3
      return !spans.contains { $0.tokens == f.tokens && $0.nameClass == Int(want) }
    }
    var taken = [Bool](repeating: false, count: tokens.count)
    for f in found { for k in f.tokens { taken[k] = true } }
    for p in pending where !TaggedNames.openPending.contains(p.rule) { for k in p.tokens { taken[k] = true } }
    var added: [Range<Int>] = []
    for sp in spans where sp.nameClass == 1 || sp.nameClass == 2 {
      guard !sp.tokens.contains(where: { taken[$0] }) else { continue }
      let s = doc.sentenceIndex(containing: tokens[sp.tokens.lowerBound].start) ?? 0
      if sp.nameClass == 1 {
        addPerson(sp.tokens, sentence: s, rule: "tagger", titles: [], qualifier: nil)
      } else {
        addOrganization(sp.tokens, name: tokens.cleanName(sp.tokens), sentence: s, rule: "tagger")
      }
      added.append(sp.tokens)
    }
    // Second-pass work under a tagged name is done.
    if !added.isEmpty {
      pending.removeAll { p in
        TaggedNames.openPending.contains(p.rule) && p.tokens.contains(where: { tagged[$0] == 1 || tagged[$0] == 2 })
      }
    }
  }
}
