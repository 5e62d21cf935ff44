/// The soak's random source: the one SplitMix64 generator (``SeededGenerator``), seeded per stream
/// by key, so each charge draws its own repeatable choices.
struct SoakRandom: RandomNumberGenerator, Sendable {
    private var generator: SeededGenerator

    init(seed: UInt64, stream: UInt64 = 0) {
        generator = SeededGenerator(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ (stream &+ 0x632B_E59B_D9B4_E019) &* 0xD1B5_4A32_D192_ED03)
        _ = next()
    }

    mutating func next() -> UInt64 { generator.next() }

    /// `true` with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
}
