import Foundation

/// Delivers the sandbox's notifications to the children late, duplicated and reordered.
actor ProcessSoakNotificationPump {
    private let run: ProcessSoakRun
    private var stopped = false
    private var random: SoakRandom

    init(run: ProcessSoakRun) {
        self.run = run
        random = SoakRandom(seed: run.configuration.seed, stream: 0x2071F)
    }

    func stop() { stopped = true }

    func loop() async {
        let simulator = run.simulator
        while !stopped, !Task.isCancelled {
            let pending = await simulator.pendingNotificationNames.count
            if pending > 0 {
                if random.chance(0.2) {
                    run.plan.count("delayedNotification", by: pending)
                } else {
                    if random.chance(0.4) {
                        let copies = Int.random(in: 1...min(3, pending), using: &random)
                        for _ in 0..<copies { await simulator.duplicateNextNotification() }
                        run.plan.count("duplicateNotification", by: copies)
                    }
                    if pending > 1, random.chance(0.4) {
                        await simulator.shuffleNotifications(seed: random.next())
                        run.plan.count("reorderedNotifications")
                    }
                    await simulator.deliverNotifications(to: run.client.deliver)
                }
            }
            try? await Task.sleep(for: .milliseconds(Int.random(in: 2...10, using: &random)))
        }
    }
}
