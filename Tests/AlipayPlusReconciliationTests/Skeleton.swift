// AlipayPlusReconciliationTests: test skeleton.
