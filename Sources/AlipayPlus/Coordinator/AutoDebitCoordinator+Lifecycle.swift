import Foundation

extension AutoDebitCoordinator {
    /// Runs the coordinator's background work until the calling task is cancelled.
    ///
    /// Shaped like a service of swift-service-lifecycle: start it once per process in a task you own,
    /// and stop it by cancelling that task (graceful shutdown is cancellation). One task group owns
    /// everything that outlives a call:
    ///
    /// - the recovery loop: ``recover()`` at once and then every
    ///   ``AutoDebitCoordinator/Configuration-swift.struct/Coordination-swift.struct/recoveryInterval`` (none when it is `nil`);
    /// - the resolution of a payment charged with `waitForFinalOutcome: false`;
    /// - a binding completion from an `AUTHCODE_CREATED` authNotify, and a merchant's unbinding policy,
    ///   when they outlast ``AutoDebitCoordinator/Configuration-swift.struct/Inbound-swift.struct/answerBudget``.
    ///
    /// Work submitted while `run()` is not running (before it starts, or after it returned) is queued
    /// and started by the next `run()`; an inbound answer never waits for it (an authNotify is
    /// acknowledged at once, a consultUnbinding answers the fallback "allow"), and a `warning` event
    /// says so.
    ///
    /// On cancellation `run()` stops taking jobs, cancels the jobs in flight and returns only when every
    /// one of them has ended: no task is left behind. Cancelled work is handed back, never lost: a
    /// cancelled resolution leaves its payment unfinished in the store (it never fails or cancels it
    /// because of the shutdown), where the next ``recover()`` (the first step of the next `run()`)
    /// resumes it; an unfinished binding completion is finished by the user's redirect
    /// (``completeBinding(redirectURL:)``). Jobs still queued stay queued for the next `run()`.
    ///
    /// ```swift
    /// try await withThrowingDiscardingTaskGroup { group in
    ///     group.addTask { try await coordinator.run() }
    ///     group.addTask { try await server.serve() }   // your HTTP server, calling handleInbound
    /// }
    /// ```
    ///
    /// - Throws: ``AutoDebitError/Code-swift.struct/alreadyRunning`` when another `run()` of this
    ///   coordinator has not returned yet. Nothing else: recovery errors are reported as `warning`
    ///   events and retried at the next interval.
    public func run() async throws {
        guard background.start() else {
            throw AutoDebitError(
                code: .alreadyRunning,
                message: "this coordinator's run() is already running: run it once per coordinator, and cancel "
                    + "its task before starting it again"
            )
        }
        defer { background.stop() }
        let interval = configuration.coordination.recoveryInterval
        await withDiscardingTaskGroup { group in
            if let interval {
                group.addTask { await self.recoverPeriodically(every: interval) }
            }
            while let job = await background.next() {
                group.addTask {
                    await job.body()
                    self.background.finished()
                }
            }
            group.cancelAll()
        }
    }

    /// Runs ``recover()`` every `interval` until the calling task is cancelled, reporting what stays
    /// unresolved and every failure as `warning` events.
    func recoverPeriodically(every interval: Duration) async {
        while !Task.isCancelled {
            do {
                let report = try await recover()
                if !report.unresolved.isEmpty {
                    emit(AlipayPlusEvent(.warning, message: "still unresolved after recovery: "
                        + report.unresolved.joined(separator: ", ")))
                }
            } catch where Task.isCancelled {
                return
            } catch {
                emit(AlipayPlusEvent(.warning, message: "recovery failed, retrying in \(interval): \(error)"))
            }
            do { try await clock.sleep(for: interval) } catch { return }
        }
    }

    /// Hands `body` to the background work ``run()`` owns; returns whether `run()` is taking jobs now.
    ///
    /// When it is not, the job waits for the next `run()` and a `warning` event names it.
    @discardableResult
    func runInBackground(_ summary: String, paymentRequestId: String? = nil,
                         _ body: @escaping @Sendable () async -> Void) -> Bool {
        let running = background.submit(BackgroundWork.Job(summary: summary, body: body))
        if !running {
            emit(AlipayPlusEvent(.warning, paymentRequestId: paymentRequestId,
                                 message: "\(summary) waits for the coordinator's run(), which is not running"))
        }
        return running
    }

    /// Returns once ``run()`` is taking background jobs (for tests).
    package func untilRunning() async {
        await background.untilRunning()
    }

    /// Returns once no background job is queued or in flight (for tests).
    package func untilBackgroundWorkIsDone() async {
        await background.untilIdle()
    }
}

extension AutoDebitCoordinator {
    /// Resolves payment `id` in the background work ``run()`` owns.
    ///
    /// A resolution cancelled by shutdown leaves the payment unfinished in the store (the next
    /// ``recover()`` resumes it); any other error it ends with is reported as a `warning` event.
    func resolveInBackground(_ id: String) {
        runInBackground("the resolution of payment \(id)", paymentRequestId: id) {
            do {
                _ = try await self.resolvePayment(paymentRequestId: id)
            } catch where Task.isCancelled {
                self.emit(AlipayPlusEvent(.warning, paymentRequestId: id,
                                          message: "shutdown interrupted the resolution: the payment stays unfinished "
                                              + "in the store and the next recover() resumes it"))
            } catch {
                self.emit(AlipayPlusEvent(.warning, paymentRequestId: id,
                                          message: "the background resolution left the payment unresolved: \(error); "
                                              + "recover() resumes it"))
            }
        }
    }

    /// The answer of `work` run in the background work ``run()`` owns, if it comes within
    /// ``AutoDebitCoordinator/Configuration-swift.struct/Inbound-swift.struct/answerBudget``; else `fallback`, while the work goes on.
    ///
    /// When `run()` is not running the job waits for it and `fallback` is returned at once.
    func answerWithinBudget<Value: Sendable>(
        _ summary: String, fallback: Value, _ work: @escaping @Sendable () async -> Value
    ) async -> Value {
        let answer = PendingAnswer<Value>()
        let running = runInBackground(summary) { answer.give(await work()) }
        guard running else { return fallback }
        return await AnswerBudget.value(of: answer, within: configuration.inbound.answerBudget, fallback: fallback)
    }
}
