// `import AlipayPlus` is enough for a merchant: the models, keys and transport types that the client
// and the coordinator take and return come with it.
@_exported public import AlipayPlusModels
@_exported public import AlipayPlusSigning
@_exported public import AlipayPlusTransport
