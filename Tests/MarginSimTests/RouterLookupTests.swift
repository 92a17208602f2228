import BinanceMargin
import Testing
@testable import MarginSim

/// `Router.route` looks endpoints up by path, then method (issue 14: no key string per request): every
/// endpoint is found under its own method and path, each (method, path) is served once, and any other method
/// on a served path, or an unserved path, finds nothing.
@Suite struct RouterLookupTests {
    @Test func everyEndpointIsFoundByItsMethodAndPathAndNothingElseIs() {
        var pairs = Set<String>()
        for endpoint in Router.endpoints {
            #expect(pairs.insert("\(endpoint.method.rawValue) \(endpoint.path)").inserted, "\(endpoint.method) \(endpoint.path) twice")
            let found = Router.route(endpoint.method, endpoint.path)
            #expect(found?.method == endpoint.method && found?.path == endpoint.path)
        }
        for endpoint in Router.endpoints {
            for method in HTTPMethod.allCases where !pairs.contains("\(method.rawValue) \(endpoint.path)") {
                #expect(Router.route(method, endpoint.path) == nil, "\(method) \(endpoint.path)")
            }
            #expect(Router.route(endpoint.method, endpoint.path + "/") == nil)
            #expect(Router.route(endpoint.method, endpoint.path.uppercased()) == nil)
        }
    }
}
