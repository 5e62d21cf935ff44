/// When the process soak kills its merchant children: a pure value drawn from the seed.
///
/// A quarter of the kills are aimed at the time a freshly started child opens its store (the
/// journal's replay and compaction), a quarter while it recovers right after it started serving (its
/// `run()` resumes what the previous life left), and half while it serves charges, after a number
/// of completed charges of that life. Kills are spread over the instances.
package struct ProcessKillSchedule: Sendable, Equatable {
    /// One moment to kill a child at.
    package enum Moment: Sendable, Equatable {
        /// After the child wrote `opening`, at this fraction (0..<1.2) of the time its last
        /// observed opening took (how long replay and compaction take grows with the journal).
        case whileOpening(atFraction: Double)
        /// This many microseconds after the child wrote `ready`.
        case whileRecovering(afterMicroseconds: Int)
        /// Once this many charges completed on the child since it became ready.
        case whileServing(afterCharges: Int)

        /// `opening`, `recovering` or `serving`.
        package var phase: String {
            switch self {
            case .whileOpening: "opening"
            case .whileRecovering: "recovering"
            case .whileServing: "serving"
            }
        }
    }

    /// The moments of each instance, in the order its lives meet them.
    package let moments: [[Moment]]

    /// The longest delay after `ready`, in microseconds.
    package static let maximumRecoveringDelayMicroseconds = 40_000

    /// Draws `kills` moments for `instances` children of a run of `charges` charges.
    package init(seed: UInt64, kills: Int, charges: Int, instances: Int) {
        var random = SoakRandom(seed: seed, stream: 0x4B11)
        let instances = max(1, instances)
        // Serving kills come every `spacing` charges on average, so every one of them lands while
        // charges are still running (about the first half of the run) on each instance.
        let spacing = max(1, charges / max(1, instances) / (kills / instances + 2))
        var moments = Array(repeating: [Moment](), count: instances)
        for _ in 0..<max(0, kills) {
            let instance = Int.random(in: 0..<instances, using: &random)
            let roll = Double.random(in: 0..<1, using: &random)
            let delay = Double.random(in: 0..<1, using: &random)
            let moment: Moment = switch roll {
            case ..<0.25: .whileOpening(atFraction: delay * 1.2)
            case ..<0.5: .whileRecovering(afterMicroseconds: Int(delay * Double(Self.maximumRecoveringDelayMicroseconds)))
            default: .whileServing(afterCharges: max(1, Int(Double(spacing) * Double.random(in: 0.5..<1.5, using: &random))))
            }
            moments[instance].append(moment)
        }
        self.moments = moments
    }

    /// All kills planned.
    package var count: Int { moments.reduce(0) { $0 + $1.count } }
}
