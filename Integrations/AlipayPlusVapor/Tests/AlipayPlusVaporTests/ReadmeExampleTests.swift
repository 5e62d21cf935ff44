// Only these two imports (and XCTest): the README's example must compile with them alone.
import AlipayPlusVapor
import Vapor
import XCTest

// The README's example, verbatim.
func configure(_ app: Application, coordinator: AutoDebitCoordinator) throws {
    try app.register(collection: AlipayPlusRoutes(coordinator, path: "alipayplus",
        bindingReturn: AlipayPlusBindingReturn(path: "return") { result, request in
            switch result {
            case .success: request.redirect(to: "/account?bound=1")
            case .failure: request.redirect(to: "/account?bound=0")
            }
        }))
}
