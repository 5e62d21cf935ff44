// Only these two imports (and XCTest): the README's example must compile with them alone.
import AlipayPlusHummingbird
import Hummingbird
import XCTest

// The README's example, verbatim.
func makeRouter(coordinator: AutoDebitCoordinator) -> Router<BasicRequestContext> {
    let router = Router()
    router.addAlipayPlusRoutes(coordinator, atPath: "/alipayplus", bindingReturn: .init(path: "return") { result, _, _ in
        switch result {
        case .success: Response(status: .seeOther, headers: [.location: "/account?bound=1"])
        case .failure: Response(status: .seeOther, headers: [.location: "/account?bound=0"])
        }
    })
    return router
}
