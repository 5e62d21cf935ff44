// AlipayPlusModels: module skeleton; replaced by the module's real files.
