// `AlipayPlusTimestamp`, the format of the date-times in JSON bodies, comes with the models product.
@_exported public import AlipayPlusTime
