import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The session delegate: collects each task's response and body, refuses redirects, enforces the
/// per-attempt timeout and resumes the waiting caller exactly once.
final class URLSessionTransportDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private final class State {
        let handle: TaskHandle
        let url: URL
        let bodyLimit: Int
        var continuation: CheckedContinuation<HTTPResponse, any Error>?
        var response: URLResponse?
        var body = Data()
        var watchdog: DispatchWorkItem?

        init(handle: TaskHandle, url: URL, bodyLimit: Int) {
            self.handle = handle
            self.url = url
            self.bodyLimit = bodyLimit
        }
    }

    private let lock = NSLock()
    private var states: [Int: State] = [:]

    /// Starts `task` and waits for its outcome; cancelling the calling task cancels it.
    func run(task handle: TaskHandle, url: URL, timeout: Duration, bodyLimit: Int) async throws -> HTTPResponse {
        let id = handle.task.taskIdentifier
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                let state = State(handle: handle, url: url, bodyLimit: bodyLimit)
                state.continuation = continuation
                let watchdog = DispatchWorkItem { [weak self] in self?.expire(id) }
                state.watchdog = watchdog
                lock.lock()
                states[id] = state
                lock.unlock()
                if Task.isCancelled {
                    finish(id, with: .failure(TransportError.cancelled(url: url, delivery: .notSent)))
                    return
                }
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout.seconds, execute: watchdog)
                handle.task.resume()
            }
        } onCancel: {
            cancel(id)
        }
    }

    /// The per-attempt timer fired: answer `.timedOut` now and cancel the URLSession task.
    ///
    /// The caller is resumed here rather than from the task's completion, so a task that never
    /// reports completion after cancellation cannot hang the caller.
    private func expire(_ id: Int) {
        lock.lock()
        let state = states[id]
        lock.unlock()
        guard let state else { return }
        finish(id, with: .failure(TransportError(code: .timedOut, delivery: .possiblySent, url: state.url,
                                                 underlying: "no complete response within the timeout")))
        state.handle.task.cancel()
    }

    /// The calling Swift task was cancelled: answer `.cancelled` now and cancel the URLSession task.
    private func cancel(_ id: Int) {
        lock.lock()
        let state = states[id]
        lock.unlock()
        guard let state else { return }
        finish(id, with: .failure(TransportError.cancelled(url: state.url, delivery: .possiblySent)))
        state.handle.task.cancel()
    }

    /// The body passed its limit: answer `.responseTooLarge` now and stop reading.
    private func refuseOversizedBody(_ id: Int) {
        lock.lock()
        let state = states[id]
        lock.unlock()
        guard let state else { return }
        finish(id, with: .failure(TransportError.responseTooLarge(url: state.url, limit: state.bodyLimit)))
        state.handle.task.cancel()
    }

    /// Removes the task's state and resumes its caller; later calls for the same task do nothing.
    private func finish(_ id: Int, with result: Result<HTTPResponse, any Error>) {
        lock.lock()
        let state = states.removeValue(forKey: id)
        let continuation = state?.continuation
        state?.continuation = nil
        lock.unlock()
        state?.watchdog?.cancel()
        continuation?.resume(with: result)
    }

    func urlSession(
        _ session: URLSession,
        dataTask: URLSessionDataTask,
        didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        lock.lock()
        let state = states[dataTask.taskIdentifier]
        state?.response = response
        state?.body = Data()
        lock.unlock()
        if let state, response.expectedContentLength > Int64(state.bodyLimit) {
            // Answer the caller first, then let URLSession drop the transfer (no second cancel from here).
            finish(dataTask.taskIdentifier,
                   with: .failure(TransportError.responseTooLarge(url: state.url, limit: state.bodyLimit)))
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        var oversized = false
        if let state = states[dataTask.taskIdentifier] {
            if state.body.count + data.count > state.bodyLimit {
                oversized = true
                state.body = Data()
            } else {
                state.body.append(data)
            }
        }
        lock.unlock()
        if oversized { refuseOversizedBody(dataTask.taskIdentifier) }
    }

    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let id = task.taskIdentifier
        lock.lock()
        guard let state = states[id] else {
            lock.unlock()
            return
        }
        let response = state.response ?? task.response
        let body = state.body
        let url = state.url
        lock.unlock()

        if let error {
            finish(id, with: .failure(TransportError(mapping: error, url: url)))
            return
        }
        guard let http = response as? HTTPURLResponse else {
            finish(id, with: .failure(TransportError(code: .invalidResponse, delivery: .possiblySent, url: url,
                                                     underlying: "no HTTP response")))
            return
        }
        finish(id, with: .success(HTTPResponse(status: http.statusCode, headers: HTTPHeaders(http: http), body: body)))
    }
}

extension HTTPHeaders {
    /// The response's header fields, sorted by name (URLSession does not keep their order).
    init(http response: HTTPURLResponse) {
        var fields: [(name: String, value: String)] = []
        for (key, value) in response.allHeaderFields {
            fields.append((name: String(describing: key.base), value: String(describing: value)))
        }
        fields.sort { $0.name.lowercased() < $1.name.lowercased() }
        self.init(fields)
    }
}
