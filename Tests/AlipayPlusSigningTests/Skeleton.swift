// AlipayPlusSigningTests: test skeleton.
