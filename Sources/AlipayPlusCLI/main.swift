print("alipayplus")
