import Foundation

/// A deterministic force-directed layout (ForceAtlas2's forces, Barnes–Hut approximation),
/// for drawing a graph in the browser without laying it out there.
///
/// Nodes repel in proportion to their masses (degree + 1), edges pull their ends together
/// (more the heavier the edge, on a log scale), and a gravity growing with the distance keeps
/// disconnected parts near the middle. Nodes start on a sunflower spiral in the order given (put the strongest
/// first: they end up in the middle), and every step runs in a fixed order, so the same input
/// gives the same positions.
///
///     let xy = ForceLayout().positions(count: 3, edges: [(0, 1, 2), (1, 2, 1)])
public struct ForceLayout: Sendable {
  public var iterations = 300
  /// Repulsion strength (ForceAtlas2's scaling ratio).
  public var repulsion = 2.0
  public var gravity = 0.05
  /// Barnes–Hut accuracy: a cell this many times smaller than its distance counts as one body.
  public var theta = 1.2

  public init(iterations: Int = 300) {
    self.iterations = iterations
  }

  public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
      self.x = x
      self.y = y
    }
  }

  /// Positions of nodes `0..<count`, linked by `edges` (`a`, `b`, weight).
  public func positions(count: Int, edges: [(a: Int, b: Int, weight: Int)]) -> [Point] {
    guard count > 0 else { return [] }
    var pos = ForceLayout.spiral(count)
    var mass = [Double](repeating: 1, count: count)
    for e in edges where e.a != e.b {
      mass[e.a] += 1
      mass[e.b] += 1
    }
    let pull = edges.map { 1 + log(Double(max(1, $0.weight))) }
    var force = [Point](repeating: Point(x: 0, y: 0), count: count)
    var previous = force
    var tree = QuadTree()
    for step in 0..<iterations {
      for i in 0..<count { force[i] = Point(x: 0, y: 0) }
      tree.build(pos, mass)
      for i in 0..<count {
        let f = tree.repulsion(on: i, at: pos[i], mass: mass[i], theta: theta)
        force[i].x += repulsion * f.x
        force[i].y += repulsion * f.y
        // Gravity toward the middle, growing with the distance (ForceAtlas2's "strong
        // gravity"), so small components stay near the rest.
        force[i].x -= gravity * mass[i] * pos[i].x
        force[i].y -= gravity * mass[i] * pos[i].y
      }
      for (k, e) in edges.enumerated() where e.a != e.b {
        // LinLog attraction (ForceAtlas2's linLogMode): log(1 + d) along the edge, which
        // draws clusters apart more clearly than a linear pull.
        var dx = pos[e.b].x - pos[e.a].x, dy = pos[e.b].y - pos[e.a].y
        let d = (dx * dx + dy * dy).squareRoot()
        if d > 0 {
          let f = log(1 + d) / d
          dx *= f
          dy *= f
        }
        force[e.a].x += pull[k] * dx
        force[e.a].y += pull[k] * dy
        force[e.b].x -= pull[k] * dx
        force[e.b].y -= pull[k] * dy
      }
      // Each node moves along its force, less when the force swings (ForceAtlas2's
      // per-node damping), and less as the run cools.
      let cooling = 1 - Double(step) / Double(iterations)
      for i in 0..<count {
        let f = force[i], p = previous[i]
        let swing = ((f.x - p.x) * (f.x - p.x) + (f.y - p.y) * (f.y - p.y)).squareRoot()
        let norm = (f.x * f.x + f.y * f.y).squareRoot()
        let speed = 0.5 / (1 + 0.5 * swing.squareRoot())
        var dx = f.x * speed / mass[i], dy = f.y * speed / mass[i]
        let limit = 10 * cooling + 0.5
        let length = norm * speed / mass[i]
        if length > limit {
          dx *= limit / length
          dy *= limit / length
        }
        pos[i].x += dx
        pos[i].y += dy
      }
      previous = force
    }
    return pos
  }

  /// Each connected component laid out on its own, then packed: the largest in the middle,
  /// the others in rows below it, largest first (so no small component is flung far away).
  public func packedPositions(count: Int, edges: [(a: Int, b: Int, weight: Int)]) -> [Point] {
    // Components by union–find, each listed in node order.
    var parent = Array(0..<count)
    func root(_ i: Int) -> Int {
      var i = i
      while parent[i] != i {
        parent[i] = parent[parent[i]]
        i = parent[i]
      }
      return i
    }
    for e in edges {
      let (ra, rb) = (root(e.a), root(e.b))
      if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
    var members: [Int: [Int]] = [:]
    for i in 0..<count { members[root(i), default: []].append(i) }
    let components = members.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
    var local = [Int](repeating: 0, count: count)
    var byComponent = [[(a: Int, b: Int, weight: Int)]](repeating: [], count: components.count)
    var componentOf = [Int](repeating: 0, count: count)
    for (c, nodes) in components.enumerated() {
      for (k, n) in nodes.enumerated() {
        local[n] = k
        componentOf[n] = c
      }
    }
    for e in edges { byComponent[componentOf[e.a]].append((local[e.a], local[e.b], e.weight)) }
    var result = [Point](repeating: Point(x: 0, y: 0), count: count)
    var rowX = 0.0, rowY = 0.0, rowHeight = 0.0, width = 0.0
    let gap = 10.0
    for (c, nodes) in components.enumerated() {
      var points = positions(count: nodes.count, edges: byComponent[c])
      var cx = 0.0, cy = 0.0, radius = 0.0
      for p in points {
        cx += p.x / Double(points.count)
        cy += p.y / Double(points.count)
      }
      for p in points {
        let dx = p.x - cx, dy = p.y - cy
        radius = max(radius, (dx * dx + dy * dy).squareRoot())
      }
      // Room for the labels of a small component.
      radius = max(radius, gap)
      var offset: Point
      if c == 0 {
        offset = Point(x: -cx, y: -cy)
        width = max(2 * radius, 200)
        rowX = -width / 2
        rowY = radius + 2 * gap
      } else {
        if rowX + 2 * radius > width / 2, rowX > -width / 2 {
          rowX = -width / 2
          rowY += rowHeight + gap
          rowHeight = 0
        }
        offset = Point(x: rowX + radius - cx, y: rowY + radius - cy)
        rowX += 2 * radius + gap
        rowHeight = max(rowHeight, 2 * radius)
      }
      for k in points.indices {
        points[k].x += offset.x
        points[k].y += offset.y
        result[nodes[k]] = points[k]
      }
    }
    return result
  }

  /// A sunflower spiral: the first points in the middle, even density outward.
  public static func spiral(_ count: Int, spacing: Double = 10) -> [Point] {
    (0..<count).map { spiralPoint($0, spacing: spacing) }
  }

  /// The `i`th point of the spiral: at `spacing` √i from the middle, turned by the golden angle.
  public static func spiralPoint(_ i: Int, spacing: Double = 10) -> Point {
    let r = spacing * Double(i).squareRoot(), a = Double(i) * Double.pi * (3 - 5.0.squareRoot())
    return Point(x: r * cos(a), y: r * sin(a))
  }
}

/// A Barnes–Hut quadtree over weighted points, rebuilt each step (cells in flat arrays).
struct QuadTree {
  private var minX = 0.0, minY = 0.0, size = 0.0
  // Per cell: total mass, centre of mass, first child (-1: leaf), the body in a leaf (-1: none).
  private var cellMass: [Double] = [], cx: [Double] = [], cy: [Double] = []
  private var child: [Int] = [], body: [Int] = [], cellSize: [Double] = [], ox: [Double] = [], oy: [Double] = []
  private var points: [ForceLayout.Point] = []

  mutating func build(_ pos: [ForceLayout.Point], _ mass: [Double]) {
    points = pos
    var lo = (x: Double.infinity, y: Double.infinity), hi = (x: -Double.infinity, y: -Double.infinity)
    for p in pos {
      lo = (min(lo.x, p.x), min(lo.y, p.y))
      hi = (max(hi.x, p.x), max(hi.y, p.y))
    }
    minX = lo.x
    minY = lo.y
    size = max(hi.x - lo.x, hi.y - lo.y, 1e-6) * 1.0001
    cellMass = []; cx = []; cy = []; child = []; body = []; cellSize = []; ox = []; oy = []
    cellMass.reserveCapacity(pos.count * 2)
    addCell(minX, minY, size)
    for i in pos.indices { insert(i, pos[i], mass[i]) }
  }

  private mutating func addCell(_ x: Double, _ y: Double, _ s: Double) {
    cellMass.append(0); cx.append(0); cy.append(0); child.append(-1); body.append(-1)
    cellSize.append(s); ox.append(x); oy.append(y)
  }

  private mutating func insert(_ i: Int, _ p: ForceLayout.Point, _ m: Double) {
    var c = 0
    var depth = 0
    while true {
      // Add the body to this cell's totals.
      let total = cellMass[c] + m
      cx[c] = (cx[c] * cellMass[c] + p.x * m) / total
      cy[c] = (cy[c] * cellMass[c] + p.y * m) / total
      let wasEmpty = cellMass[c] == 0
      cellMass[c] = total
      if child[c] == -1 {
        if wasEmpty || depth > 40 {
          if wasEmpty { body[c] = i }
          return
        }
        // Split the leaf and push its body down.
        let old = body[c]
        body[c] = -1
        let half = cellSize[c] / 2
        child[c] = cellMass.count
        for k in 0..<4 { addCell(ox[c] + (k & 1 == 1 ? half : 0), oy[c] + (k & 2 == 2 ? half : 0), half) }
        if old >= 0 {
          let q = quadrant(c, points[old])
          let oldMass = total - m
          cellMass[q] = oldMass
          cx[q] = points[old].x
          cy[q] = points[old].y
          body[q] = old
        }
      }
      c = quadrant(c, p)
      depth += 1
    }
  }

  private func quadrant(_ c: Int, _ p: ForceLayout.Point) -> Int {
    let half = cellSize[c] / 2
    return child[c] + (p.x >= ox[c] + half ? 1 : 0) + (p.y >= oy[c] + half ? 2 : 0)
  }

  /// The repulsion on body `i`: sum over cells of m_i m_c / d, away from each.
  func repulsion(on i: Int, at p: ForceLayout.Point, mass m: Double, theta: Double) -> ForceLayout.Point {
    var fx = 0.0, fy = 0.0
    var stack = [0]
    while let c = stack.popLast() {
      guard cellMass[c] > 0, body[c] != i || child[c] != -1 else { continue }
      let dx = p.x - cx[c], dy = p.y - cy[c]
      let d2 = dx * dx + dy * dy
      if child[c] == -1 || cellSize[c] * cellSize[c] < theta * theta * d2 {
        if d2 > 0 {
          let f = m * cellMass[c] / d2
          fx += dx * f
          fy += dy * f
        } else {
          // Two bodies in one place: push apart along a fixed direction.
          fx += Double(i % 7) - 3
          fy += Double(i % 5) - 2
        }
      } else {
        let first = child[c]
        stack.append(contentsOf: [first, first + 1, first + 2, first + 3])
      }
    }
    return ForceLayout.Point(x: fx, y: fy)
  }
}
