import Foundation

/// Delivers the simulator's notifications late, duplicated and reordered, across crashes: the
/// notification side of both soaks (in-process and process-kill), drawn from the run's seed.
actor SoakNotificationPump {
    private let simulator: AlipayPlusSimulator
    private let plan: SoakFaultPlan
    private let handler: AlipayPlusSimulator.MerchantHandler
    private let pauseMilliseconds: ClosedRange<Int>
    private var stopped = false
    private var random: SoakRandom

    /// A pump that hands each round's notifications to `handler` and pauses a random
    /// `pauseMilliseconds` between rounds.
    init(simulator: AlipayPlusSimulator, plan: SoakFaultPlan, seed: UInt64,
         handler: @escaping AlipayPlusSimulator.MerchantHandler, pauseMilliseconds: ClosedRange<Int>) {
        self.simulator = simulator
        self.plan = plan
        self.handler = handler
        self.pauseMilliseconds = pauseMilliseconds
        random = SoakRandom(seed: seed, stream: 0x2071F)
    }

    func stop() { stopped = true }

    /// Rounds until stopped or cancelled: some rounds are skipped (the queue grows), some duplicate
    /// or reorder the queue before delivering it.
    func loop() async {
        while !stopped, !Task.isCancelled {
            let pending = await simulator.pendingNotificationNames.count
            if pending > 0 {
                if random.chance(0.2) {
                    plan.count("delayedNotification", by: pending)
                } else {
                    if random.chance(0.4) {
                        let copies = Int.random(in: 1...min(3, pending), using: &random)
                        for _ in 0..<copies { await simulator.duplicateNextNotification() }
                        plan.count("duplicateNotification", by: copies)
                    }
                    if pending > 1, random.chance(0.4) {
                        await simulator.shuffleNotifications(seed: random.next())
                        plan.count("reorderedNotifications")
                    }
                    await simulator.deliverNotifications(to: handler)
                }
            }
            try? await Task.sleep(for: .milliseconds(Int.random(in: pauseMilliseconds, using: &random)))
        }
    }
}
