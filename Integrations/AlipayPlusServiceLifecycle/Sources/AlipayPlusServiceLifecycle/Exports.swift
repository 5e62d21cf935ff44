// `import AlipayPlusServiceLifecycle` is enough to name the coordinator and its service.
@_exported public import AlipayPlus
