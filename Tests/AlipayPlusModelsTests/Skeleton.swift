// AlipayPlusModelsTests: test skeleton.
