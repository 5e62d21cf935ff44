// `import AlipayPlusHummingbird` and `import Hummingbird` are enough in the file that mounts the
// routes: the coordinator, its records and the inbound types come with this module. Hummingbird
// re-exports only `HTTPFields`, `HTTPRequest` and `HTTPResponse` from HTTPTypes; the rest
// (`HTTPField`, `HTTPField.Name`) comes from here, so a return route can build any answer.
@_exported public import AlipayPlus
@_exported public import HTTPTypes
