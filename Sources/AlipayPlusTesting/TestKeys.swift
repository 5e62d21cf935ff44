public import AlipayPlusSigning

/// Fixed, **public** RSA-2048 key pairs for tests: never use them for anything real.
///
/// Their private halves are printed in this file and in the package's source, so anyone can sign
/// with them. They exist so that recorded cassettes, fixtures and examples verify the same way on
/// every machine:
/// - ``alipayPlusPrivateKey`` / ``alipayPlusPublicKey`` play Alipay+'s key: ``CassetteTransport``
///   re-signs recorded responses with it, so a client replaying a cassette must be configured with
///   ``alipayPlusPublicKey``.
/// - ``merchantPrivateKey`` / ``merchantPublicKey`` play a merchant's key, registered with an
///   ``AlipayPlusSimulator`` (and used by the committed cassettes).
public enum TestKeys {
    /// Client id used with the test keys in examples and committed cassettes.
    public static let merchantClientId = "SANDBOX_TESTKEYS_0001"

    /// PEM (PKCS#8) of the public test key that plays Alipay+'s private key.
    public static let alipayPlusPrivateKeyPEM = """
-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCxVB16fDJcC+Nv
FeY/QVcyUCtiGgbNus9G8V1DpeaooAUsevNh8cUoByqXMMUckMpg8fylEK8/r+6O
+D1Eq7tkPARocck+xjGxJmFUhQeIzqPrKwM6bFC+ppIv+U/MVUTVwz5MsqY00dwm
Z+sLVkN7OLZOGB9Sc9cAEER+F+VTpfX1nygDpD3NFi34UZFWD4r7UuWd5PCb7xXt
Ye5KGevWaQlWhjTs5XtdUfb6YeUJY9vnyuFovs6GtEq/h3FrtMVeurX+CCrhoT36
115nP1ny9/v87VWU9KVbB8BL2VSkFN/ojgauwQoUXBjCBypFFVCeVcrnKgMDJdQ1
2xECho+/AgMBAAECggEAFofwguqa33UnPasTqT/dG2hySrGx4Zv10DbEud6vcwd6
AM/ScsRsX4yhjbpFoT6IaE724eY/ziDFd+b0qfAEDFVP3hFvF4nJMJAG191bOre+
vhel/lta2w6BDpVn3TeMWnjHRqmAUr/DcCHODI+2XUa0azHHcQuE6t4mRbs1iS4b
y1V+a5L9Ll8DvAMUr81DfD6P2z+T/3MVPQLw2hfLmjlzL5V5VzjWSVvfXqpfAaQH
asu/4UQ5CCN+pRJp9tEb39gfYm8jgiOlOKdCpFGV5jPSHiWnjTQ5ul/LbM9ucGNu
pELm1RaBO77hc02oABk0NyJNmH1SjMjAs6No8Y4acQKBgQDlQCs8Md0f4z/wnqtd
EYzCI2YnZvL/r5uZWeyN8UlXF7S5/JJa0uXJelcTw4OwnajNudAHYv143OCGsqrR
IzqU8oEzXzGJwX/T7BPkSUUQCIpEyOw4YuhuYpUCorTRN5q9jpgJagBhcZiQ8pxQ
UzLAvfZ31FLiLkQEeCcd06rkGQKBgQDGBQH+asZi87MQ5PvdTFoaLL6IW6uH/sUI
DkXSEMs9tbnFCTM/Qa7a3Iy+D08qfYeucz1UKlYvULd9E78cgoydKdmNnAZQamba
OyRm2pyrIf2N0tTiNA2J7awFnMHpZ69hehoMZQXSSQ0X5hJskUh3dLFyxsDGz8zU
XwppwuLNlwKBgQC5A7eg5fE6mfFxZOyRuOcritwXspssRPJDqfIif/ebhTNC4pbP
G+N9XfHGroSqViL0nSBJxdcg4smFi84V6OOPb8NbzViyf2qFgsJu+77z+KB2cN1L
iG9jHsZ5kQxyyPhmQR1sg5L5EW96k4IZxXtxWB4AiWe2yHX2UW3oQXpqiQKBgFD5
FUKjCPLHso6TBEcPBL01VMhPrAnVbV6I75Yh1eorGIbw5yrTwhuvGkJR4k5+vG/i
oc577Xg1qoKUA4819ygBR/v3NEHH8L0GeDEy7eOw540KDJFfNbYUIUa+PjEie/4B
PwuYd9PwmVEPfLM2iYqHhlRn38asjJa/MnPjBHmLAoGBAISb1RXOk3QHA6bImyAu
awOMPutt4mGFdIsk8KAeIwO+ba7WiBUHKz8nwyA6iSEBmZnyGh91dkObCnSeolq6
gaxL9EBWu4mJKDMq3fkLdb6GSjm8CH5JKELkQVccpwyTnIlzspaUaZAt1AZJG3cc
5YaT903fOq+gCYIOCEpuEJqQ
-----END PRIVATE KEY-----
"""

    /// PEM (SPKI) of the public test key that plays Alipay+'s public key.
    public static let alipayPlusPublicKeyPEM = """
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsVQdenwyXAvjbxXmP0FX
MlArYhoGzbrPRvFdQ6XmqKAFLHrzYfHFKAcqlzDFHJDKYPH8pRCvP6/ujvg9RKu7
ZDwEaHHJPsYxsSZhVIUHiM6j6ysDOmxQvqaSL/lPzFVE1cM+TLKmNNHcJmfrC1ZD
ezi2ThgfUnPXABBEfhflU6X19Z8oA6Q9zRYt+FGRVg+K+1LlneTwm+8V7WHuShnr
1mkJVoY07OV7XVH2+mHlCWPb58rhaL7OhrRKv4dxa7TFXrq1/ggq4aE9+tdeZz9Z
8vf7/O1VlPSlWwfAS9lUpBTf6I4GrsEKFFwYwgcqRRVQnlXK5yoDAyXUNdsRAoaP
vwIDAQAB
-----END PUBLIC KEY-----
"""

    /// PEM (PKCS#8) of the public test key that plays a merchant's private key.
    public static let merchantPrivateKeyPEM = """
-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDSbbMLdSTtuTKo
qvJhg20oveUBAnEv6DtwMZZ3w1MAXKOZuJ+2gu1IY7t009UEVNUOWG4RWiEXwFdm
DzT12Tu6PWIV7rhzMhX4BAsXDK/eK9Q7r4EwOfloczHROxxNiTv8G0MXHT77Zzq6
BBZJajspCapqY2VPRU6FWQdIVqKiPizS+U1XiLmye9LXq0QM6q2IRFZ8Nh5EsLwt
i3EMeK8ETFTnhOnHMTDwO+wm8oVqVZuWXJhlrzee7YJxhaIYr9s+2yAy7YQ3P80l
dlInTXQ89o2hhneYN3DauzBXilzwftKRygSD9dpmJPrncka13E5acCJnQqCUJgtZ
zVEivy43AgMBAAECggEABq8FTzynsTh/EdLPYz/rAuHezDfPo73ny81HaJzQauQf
+vOQq+aTGTsehFXWH9t+vB3pVEb2/IVXdITQu2sfwokAligm8HTyAON5lrNu3DFE
/g0gOImFRBQK/28caKB03BhH+tjEj1rc1EIc+YGUr3dnILBXhdUMHjnEFkAdZxnG
3tUj121+d7RcEOHRCctZVCfn0r7sQ98T8UNyEteze67heNMX5OEWZZadqQvIUqTM
w7aQr/KfZB0rd7gr95LRmjTB25f017h6pVqeQPZ4iADapaBhHAA5Ls3m7BwipjB4
VwpbmhDlbrebyaUysCMuXOUciWFzKfDAzv6P01eLAQKBgQD7KW/EANZBswHQJE7j
1ccLOyQctIVvRfIrxabhLYi2lwSGVdsD4PPDoMGJz8axrk/CoW8LJJpgyh9g15w1
noO00yZ1fq8+hpsp4Yp0rGk3t7HxNmcOeVpLADLdWONPYhezAT7U8AQz2PUU4kZk
jysWxqBBnIKLqRAaZ7/VyVnYRwKBgQDWe2SbqsBOCVxstM1IjWA/x5AXzlZ8q+LL
AHdWOwFLo37b/FfBf/6lwAFdEbrolssV5JR2nJEVXQApqGs7tYzRMOA+b72HpfQK
DMSoTglwdY178PLmH0pPGTftaO1BnJSPyOHVgLKMbayKXf2zDo37jXtJdpU3htc5
+pdd/ivikQKBgHeKCT/ohhFO+ZXvMf0OSmX2CAIBiWCkkdZzhDG4UlFVHzowssTt
1BdP8817rr3ykNO5sfhDu5ZFnRmihR6gC1+M/8j8OrwvpLoSNqvBQ3LZYz/C/NnO
uELqHUtsewPVVCJGfXkro1Rp9nuyFn7WBVQZxTx1GU0PcjKfHpbJ9pERAoGAJf1F
HK1p0mimDjsYATnJSoK2awEJIJvxV7OFb6iT2injVmOjx4o8OG+BzlJNoNTUs9QA
1+FzcS0/0iEanUDS6FqX3Xc9QsGKMB2C16y6z0iC/uj2nPv91XTKCysCmxR4297g
4UgiV+01Gmz7erOhQmUU6TYvx94CUSqplORoMYECgYABzaoJmWoa2cL9ryLonnOo
gFkanDgb4abaJNX7wFcKHzci0+Hi+X/qc9rh/Kb1YYN6o0KdumaNuEkPB2z4XeY7
zzvo86yt7auVPrgcFCVSXhW00IJbQE0fpywfMXVKMu2hXOBn+Fwl91cqindxy8hM
yDaznUoi0DuK3AV1dqSvYg==
-----END PRIVATE KEY-----
"""

    /// PEM (SPKI) of the public test key that plays a merchant's public key.
    public static let merchantPublicKeyPEM = """
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0m2zC3Uk7bkyqKryYYNt
KL3lAQJxL+g7cDGWd8NTAFyjmbiftoLtSGO7dNPVBFTVDlhuEVohF8BXZg809dk7
uj1iFe64czIV+AQLFwyv3ivUO6+BMDn5aHMx0TscTYk7/BtDFx0++2c6ugQWSWo7
KQmqamNlT0VOhVkHSFaioj4s0vlNV4i5snvS16tEDOqtiERWfDYeRLC8LYtxDHiv
BExU54TpxzEw8DvsJvKFalWbllyYZa83nu2CcYWiGK/bPtsgMu2ENz/NJXZSJ010
PPaNoYZ3mDdw2rswV4pc8H7SkcoEg/XaZiT653JGtdxOWnAiZ0KglCYLWc1RIr8u
NwIDAQAB
-----END PUBLIC KEY-----
"""

    /// The test key that plays Alipay+'s private key (public knowledge: tests only).
    public static let alipayPlusPrivateKey = loadPrivate(alipayPlusPrivateKeyPEM, "alipayPlusPrivateKey")
    /// The public half of ``alipayPlusPrivateKey``: configure a replaying client with it.
    public static let alipayPlusPublicKey = alipayPlusPrivateKey.publicKey
    /// The test key that plays a merchant's private key (public knowledge: tests only).
    public static let merchantPrivateKey = loadPrivate(merchantPrivateKeyPEM, "merchantPrivateKey")
    /// The public half of ``merchantPrivateKey``.
    public static let merchantPublicKey = merchantPrivateKey.publicKey

    private static func loadPrivate(_ pem: String, _ name: String) -> RSAPrivateKey {
        do {
            return try RSAPrivateKey(pemRepresentation: pem)
        } catch {
            preconditionFailure("TestKeys.\(name) does not load: \(error)")
        }
    }
}
