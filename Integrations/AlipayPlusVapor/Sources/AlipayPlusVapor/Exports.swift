// `import AlipayPlusVapor` and `import Vapor` are enough in the file that mounts the routes: the
// coordinator, its records and the inbound types come with this module.
//
// One name is in both: `HTTPHeaders` is Vapor's (NIOHTTP1) and the library's
// (`AlipayPlusTransport.HTTPHeaders`); qualify it where a file uses it.
@_exported public import AlipayPlus
