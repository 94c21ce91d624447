/// The learned tagger's part in recognition: it names what the rules leave open.
///
/// The rules stay where they are precise: gazetteer states and organizations, demonyms,
/// metonyms, titles, organizations by keyword, acronyms, people by their given name, and the
/// second pass's surnames, speakers and links. What both passes leave open — a group of
/// capitalized words no rule could name ("Zorbin Quell", "Norvex") — the tagger decides: a
/// person, an organization, or no name, and where the name begins and ends. It reads the
/// article as the first pass left it (the features it was trained on) and adds a name only
/// where its best tagging beats the best one without that name by `defaultMinMargin`. Last,
/// it reviews the rules' names in the zones it read: a name whose span and type its best
/// tagging beats by `defaultReviseMargin` or more is dropped, and the tagger's own names in
/// those words (a person or an organization) take its place.
public enum TaggedNames {
  /// The first pass's word groups the tagger may name ("unknown": no rule named them;
  /// "headline": left for the second pass because a headline capitalizes every word).
  public static let openPending: Set<String> = ["unknown", "headline"]
  /// The least margin of a name the tagger adds: the one of 0, 10, 20 and 40 at which the
  /// held-out names of the 5-fold cross-validation on the training sets are as precise as the
  /// rules' own (0.693 against 0.696; 0.675 at 0, 0.687 at 10), so that the tagger adds
  /// recall without diluting precision. In the units of the weights `scripts/train` makes.
  public static let defaultMinMargin: Float = 20
  /// The least margin by which the tagger must prefer another reading of a rule's name for
  /// that name to be dropped (nil: the rules' names stand). At 100, the 5-fold
  /// cross-validation's mention F1 rises on every training set (all four: 0.710 to 0.731)
  /// and the development set's news stay as they were; at 20 the training sets gain more (0.754)
  /// but the news lose (dev/gum mention F1 0.887 to 0.856): the sets' conventions are not the
  /// news'. In the units of the weights `scripts/train` makes.
  public static let defaultReviseMargin: Float? = 100
  /// The rules whose names the tagger may revise: those whose names it corrects in
  /// cross-validation (at a margin of 100, of their 4,174 false positives 1,062 were dropped,
  /// and 14 true names with them; of the gazetteer's alone, 715). Not `given-name` (68 false
  /// positives dropped, but reading the zones of most people's names again: with every rule
  /// revised the tagger ran at 0.65 of the rules' speed) nor `affiliation` (its revision
  /// costs the development set's entities) nor `coreference` (reviewing the names it links
  /// lifted cross-validated F1 by 0.002 but took the tagger from 0.71 to 0.69 of the rules'
  /// speed).
  public static let revisable: Set<String> = Set(
    [RecognitionRule.gazetteer, .organizationKeyword, .title, .nameParticle, .acronym, .acronymName, .familyNameFirst, .organizationContext]
      .map(\.name))
  /// The share of the revise margin that drops a name of these rules (the others': all of
  /// it), chosen one rule at a time by the 5-fold cross-validation (at 1, 0.5 and 0.2 of
  /// the margin), where no set fell, the development set stayed as it was and names in news
  /// held. A name particle's name ("D. C", "U.S" as a person) at a fifth. Not a title's nor a
  /// state's at a half, though cross-validation gains 0.002 with them: they drop "Russian
  /// Foreign Minister Sergei Lavrov", "the conflict in Ukraine" and "towns in Northern Iraq"
  /// (the training sets write these as a title or a region, not as a person or a state). Not
  /// the gazetteer's organizations, acronyms nor organizations by keyword: at a fifth, the
  /// training sets gain (all four +0.003, +0.003, +0.001) but the development set's
  /// organizations fall (0.821 to 0.800, 0.810, 0.817: "GB News" dropped).
  public static let reviseShares: [String: Float] = [RecognitionRule.nameParticle.name: 0.2]

  /// The margin by which the tagger must prefer another reading of a name of `rule` for the
  /// name to be dropped, given the revise margin.
  public static func reviseMargin(_ margin: Float, rule: String) -> Float {
    margin * (reviseShares[rule] ?? 1)
  }
}

/// The tagger's reading of an article: the zones it scored, with their emission scores, and
/// for each token the zone it lies in.
struct TaggerReading {
  var zones: [(tokens: Range<Int>, emissions: [Float], mayBegin: [Bool])]
  /// Per token: the index of its zone in `zones`, -1 outside any.
  var zoneOf: [Int32]
}

extension TaggerReading {
  /// The margin by which the best tagging of zone `z` beats the best one that gives
  /// `tokens` the tags `forced` (B then I of a class; O for no name). Nil when no tagging
  /// can.
  func margin(_ model: TaggerModel, zone z: Int, best: Float, tokens: Range<Int>, nameClass: Int) -> Float? {
    let zone = zones[z]
    let l = TagLabel.count
    var f = zone.emissions
    for k in tokens {
      let i = k - zone.tokens.lowerBound
      let keep = nameClass == 0 ? 0 : k == tokens.lowerBound ? nameClass * 2 - 1 : nameClass * 2
      for y in 0..<l where y != keep { f[i * l + y] = -.greatestFiniteMagnitude }
    }
    // The token after the span may not continue it.
    if nameClass > 0, tokens.upperBound < zone.tokens.upperBound {
      let i = tokens.upperBound - zone.tokens.lowerBound
      f[i * l + nameClass * 2] = -.greatestFiniteMagnitude
    }
    let other = TaggerModel.decode(emissions: f, count: zone.tokens.count, transitions: model.transitions, mayBegin: zone.mayBegin)
    let s = TaggerModel.score(other, emissions: f, transitions: model.transitions)
    guard s > -1e30 else { return nil }
    return best - s
  }
}

extension RecognitionPass {
  /// The tagger's reading of the zones that `wanted` accepts.
  func taggerReading(_ model: TaggerModel, where wanted: (Range<Int>) -> Bool) -> TaggerReading {
    let zones = taggerEmissions(model, where: wanted)
    var zoneOf = [Int32](repeating: -1, count: tokens.count)
    for (i, z) in zones.enumerated() { for k in z.tokens { zoneOf[k] = Int32(i) } }
    return TaggerReading(zones: zones, zoneOf: zoneOf)
  }

  /// The tokens of the word groups the first pass left open to the tagger.
  func openTokens() -> [Bool] {
    var open = [Bool](repeating: false, count: tokens.count)
    for p in pending where TaggedNames.openPending.contains(p.rule) { for k in p.tokens { open[k] = true } }
    return open
  }

  /// The tagger's names in the word groups the first pass left open, each with its class and
  /// the rule name it goes by, where its margin is at least `minMargin`. Zones without an
  /// open group are not read.
  func taggedNames(_ model: TaggerModel, minMargin: Float) -> [TaggedSpan] {
    let open = openTokens()
    guard open.contains(true) else { return [] }
    return taggedNames(model, taggerReading(model, where: { r in r.contains { open[$0] } }), open: open, minMargin: minMargin)
  }

  /// The same, from a reading made before.
  func taggedNames(_ model: TaggerModel, _ reading: TaggerReading, open: [Bool], minMargin: Float) -> [TaggedSpan] {
    var named = [Bool](repeating: false, count: tokens.count)
    for f in found { for k in f.tokens { named[k] = true } }
    var out: [TaggedSpan] = []
    for (zi, z) in reading.zones.enumerated() where z.tokens.contains(where: { open[$0] }) {
      let e = z.emissions
      let n = z.tokens.count
      let tags = TaggerModel.decode(emissions: e, count: n, transitions: model.transitions, mayBegin: z.mayBegin)
      var best: Float? = nil
      for sp in TaggerModel.spans(tags, first: z.tokens.lowerBound) where sp.nameClass == 1 || sp.nameClass == 2 {
        guard sp.tokens.contains(where: { open[$0] }), !sp.tokens.contains(where: { named[$0] }) else { continue }
        // The margin: the best tagging against the best one with the span's words in no name.
        if best == nil { best = TaggerModel.score(tags, emissions: e, transitions: model.transitions) }
        if let m = reading.margin(model, zone: zi, best: best!, tokens: sp.tokens, nameClass: 0), m >= minMargin { out.append(sp) }
      }
    }
    return out
  }

  /// Drops the rules' names that the tagger, reading the same zone, is sure of otherwise: its
  /// best tagging beats the best one that keeps the rule's span and type by `margin` or more
  /// (a share of it for states and some rules: `TaggedNames.reviseMargin`).
  /// Where the tagger then names those words itself (a person or an organization, within
  /// the dropped span), its names take their place.
  mutating func reviseWithTagger(_ model: TaggerModel, _ reading: TaggerReading, margin: Float) {
    var bestTags: [Int: ([TagLabel], Float)] = [:]
    var drop = [Bool](repeating: false, count: found.count)
    var freed = [Bool](repeating: false, count: tokens.count)
    for (i, f) in found.enumerated() where f.kind == .name && f.rule != RecognitionRule.tagger.name && TaggedNames.revisable.contains(f.rule) {
      let zi = Int(reading.zoneOf[f.tokens.lowerBound])
      guard zi >= 0, f.tokens.allSatisfy({ reading.zoneOf[$0] == Int32(zi) }) else { continue }
      let z = reading.zones[zi]
      if bestTags[zi] == nil {
        let tags = TaggerModel.decode(emissions: z.emissions, count: z.tokens.count, transitions: model.transitions, mayBegin: z.mayBegin)
        bestTags[zi] = (tags, TaggerModel.score(tags, emissions: z.emissions, transitions: model.transitions))
      }
      let (tags, best) = bestTags[zi]!
      let c = f.type == .person ? 1 : f.type == .organization ? 2 : 3
      // The tagger agrees: nothing to weigh.
      let lo = f.tokens.lowerBound - z.tokens.lowerBound
      if tags[lo] == TagLabel.begin(c), (lo + 1..<(f.tokens.upperBound - z.tokens.lowerBound)).allSatisfy({ tags[$0] == TagLabel.inside(c) }),
        f.tokens.upperBound == z.tokens.upperBound || tags[f.tokens.upperBound - z.tokens.lowerBound] != TagLabel.inside(c)
      {
        continue
      }
      guard let m = reading.margin(model, zone: zi, best: best, tokens: f.tokens, nameClass: c),
        m >= TaggedNames.reviseMargin(margin, rule: f.rule)
      else { continue }
      drop[i] = true
      for k in f.tokens { freed[k] = true }
    }
    guard drop.contains(true) else { return }
    var kept: [Found] = []
    for (i, f) in found.enumerated() where !drop[i] { kept.append(f) }
    found = kept
    var taken = [Bool](repeating: false, count: tokens.count)
    for f in found { for k in f.tokens { taken[k] = true } }
    var spans: [TaggedSpan] = []
    for (zi, (tags, _)) in bestTags.sorted(by: { $0.key < $1.key }) {
      for sp in TaggerModel.spans(tags, first: reading.zones[zi].tokens.lowerBound) where sp.nameClass == 1 || sp.nameClass == 2 {
        if sp.tokens.allSatisfy({ freed[$0] }), !sp.tokens.contains(where: { taken[$0] }) { spans.append(sp) }
      }
    }
    if !spans.isEmpty { addTagged(spans) }
  }

  /// Adds the tagger's names where the second pass named nothing. A one-word person that is
  /// the last word of one full name the article gives, or else the given name it starts with,
  /// is that person; of two, a person of its own (still a mention: never merged into either).
  mutating func addTagged(_ spans: [TaggedSpan]) {
    var taken = [Bool](repeating: false, count: tokens.count)
    for f in found { for k in f.tokens { taken[k] = true } }
    for p in pending where !TaggedNames.openPending.contains(p.rule) { for k in p.tokens { taken[k] = true } }
    var bySurname: [String: Int] = [:]
    // Full names that start with a given name, by it: "Matthew" alone for Matthew Collins.
    var byGiven: [String: Int] = [:]
    for f in found where f.type == .person && f.kind == .name {
      let words = f.tokens.filter { tokens[$0].kind == .word }
      if words.count >= 2 { for w in surnames(words) { RecognitionPass.note(&bySurname, w, f.cluster) } }
      if words.count >= 2, tokens[words[0]].has(.givenName) { RecognitionPass.note(&byGiven, tokens[words[0]].text, f.cluster) }
    }
    for sp in spans {
      guard !sp.tokens.contains(where: { taken[$0] }) else { continue }
      let s = doc.sentenceIndex(containing: tokens[sp.tokens.lowerBound].start) ?? 0
      if sp.nameClass == 1 {
        let words = sp.tokens.filter { tokens[$0].kind == .word }
        if words.count == 1, let c = bySurname[tokens[words[0]].text] ?? (tokens[words[0]].has(.commonWord) ? nil : byGiven[tokens[words[0]].text]),
          c != RecognitionPass.ambiguous
        {
          add(sp.tokens, sentence: s, kind: .name, cluster: c, type: .person, rule: "tagger")
        } else {
          addPerson(sp.tokens, sentence: s, rule: "tagger", titles: [], qualifier: nil)
          if words.count >= 2, let c = found.last?.cluster { for w in surnames(words) { RecognitionPass.note(&bySurname, w, c) } }
        }
      } else {
        addOrganization(sp.tokens, name: tokens.cleanName(sp.tokens), sentence: s, rule: "tagger")
      }
      for k in sp.tokens { taken[k] = true }
    }
  }
}
