// AlipayPlusTestingTests: test skeleton.
