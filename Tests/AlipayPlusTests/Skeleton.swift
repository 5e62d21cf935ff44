// AlipayPlusTests: test skeleton.
