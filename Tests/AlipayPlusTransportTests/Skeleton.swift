// AlipayPlusTransportTests: test skeleton.
