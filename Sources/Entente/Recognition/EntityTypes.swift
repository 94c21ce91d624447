/// The three kinds of actor Entente links.
public enum EntityType: String, Sendable, Codable, CaseIterable, Comparable {
  case person, state, organization

  public static func < (a: EntityType, b: EntityType) -> Bool { a.rank < b.rank }

  /// Its place in ``allCases``: the order types sort in.
  var rank: Int {
    switch self {
    case .person: return 0
    case .state: return 1
    case .organization: return 2
    }
  }
}

/// How a mention names its entity.
public enum MentionKind: String, Sendable, Codable, CaseIterable {
  /// A proper name: "Vladimir Putin", "DPRK", "NATO".
  case name
  /// A demonym or adjective: "Russian", "North Korean".
  case demonym
  /// A capital or seat of government standing for the state: "Pyongyang", "the Kremlin".
  case metonym
  /// A pronoun resolved to its antecedent: "he", "him".
  case pronoun
  /// A title or role standing for its holder: "the NATO Secretary General".
  case role
}
