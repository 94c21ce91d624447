import Foundation

/// The words of quotation cues, read from the bundled `cues.json` (speech verbs and their
/// forms are in `lexicon.json`). See the file's `_comment` for what each list means.
struct CueLexicon: Decodable, Sendable {
  var speakerAdverbs: Set<String>
  var cueTimeWords: Set<String>
  var adverbialStarts: Set<String>
  var cueObjects: Set<String>
  var pluralHeads: Set<String>
  var concernVerbs: Set<String>
  var weakCues: Set<String>
  var nounLikeCues: Set<String>
  var questionCues: Set<String>
  var questionWords: Set<String>
  var objectCues: Set<String>
  var objectStarts: Set<String>
  var objectNouns: Set<String>
  var clauseAuxiliaries: Set<String>
  var contrastWords: Set<String>
  var infinitiveCues: Set<String>
  var speakerQuantifiers: Set<String>
  var sourceQualifiers: Set<String>
  var predicateVerbs: Set<String>
  var speakerNouns: Set<String>
  var clauseOpeners: Set<String>
  var findingCues: Set<String>
  var findingSources: Set<String>
  var namingCues: Set<String>
  var conjunctions: Set<String>
  var clauseVerbs: Set<String>
  var topicPrepositions: Set<String>
  var dayWords: Set<String>
  var addresseeCues: Set<String>

  /// The bundled lists, loaded once. A broken installation stops the program, as the
  /// gazetteer's data does.
  static let bundled: CueLexicon = {
    let url = Gazetteer.resourceDirectory.appendingPathComponent("cues.json")
    guard let data = FileManager.default.contents(atPath: url.path) else {
      fatalError("Entente's bundled data is unreadable: \(url.lastPathComponent): missing data file (a broken installation?)")
    }
    do { return try JSONDecoder().decode(CueLexicon.self, from: data) } catch {
      fatalError("Entente's bundled data is unreadable: \(url.lastPathComponent): malformed data file: \(error)")
    }
  }()
}
