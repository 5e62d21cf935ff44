// `AlipayPlusTimestamp`, the format of the signed `Request-Time` header, comes with the signing product.
@_exported public import AlipayPlusTime
