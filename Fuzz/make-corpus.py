#!/usr/bin/env python3
"""Writes the small seed corpora under Fuzz/Corpus/<Target>/ (run from the repository root).

Keys come from Tests/AlipayPlusSigningTests/Fixtures (public test keys only)."""
import base64, os, pathlib, re

root = pathlib.Path(__file__).resolve().parent.parent
corpus = root / "Fuzz" / "Corpus"
fixtures = root / "Tests" / "AlipayPlusSigningTests" / "Fixtures"

def write(target, name, data):
    d = corpus / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())

# --- FuzzSignatureHeader: header values in every accepted form, plus Request-Time strings.
sig = base64.b64encode(bytes(range(256))).decode()
pct = sig.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
url = base64.urlsafe_b64encode(bytes(range(256))).decode().rstrip("=")
for name, value in {
    "strict": f"algorithm=RSA256, keyVersion=1, signature={pct}",
    "raw-base64": f"algorithm=RSA256,keyVersion=2,signature={sig}",
    "base64url": f"keyVersion=1, signature={url}",
    "reordered": f" Signature = {pct} , KEYVERSION=7 ,algorithm=RSA256",
    "plus-as-space": "algorithm=RSA256, keyVersion=1, signature=" + sig.replace("+", " "),
    "quoted": f'algorithm=RSA256, keyVersion=1, signature="{pct}"',
    "verifier-fields": f"algorithm=RSA256, keyVersion=1, signature={pct}\n/aps/api/v1/payments/notifyPayment\nSANDBOX_1\n2026-11-29T13:05:09+08:00\n{{}}",
    "time-offset": "2026-11-29T13:05:09+08:00",
    "time-z-fraction": "2026-11-29T05:05:09.123Z",
    "time-negative": "1999-12-31T23:59:59-11:30",
    "time-beyond-9999-utc": "9999-12-31T23:59:59-11:30",
    "algorithm-holding-the-signature": "  Signature = ARRRRRRRRRRRRRRpaanqKmqq , KEYVERSION=7 ,"
        "algorithm=RSi25Signaturithm=RSi25Signature = ARRRRRRRRRRRRRRpaanqKmqq , rithm=RSi256",
}.items():
    write("FuzzSignatureHeader", name, value)

# --- FuzzKeyLoading: keys in several forms (PEM PKCS#1/PKCS#8/SPKI, DER, bare base64, bad keys).
for f in ["private_pkcs8.pem", "private_pkcs1.pem", "private_pkcs8.der", "private_pkcs1.der", "private_pkcs8.txt",
          "public_spki.pem", "public_pkcs1.pem", "public_spki.der", "public_spki.txt",
          "rsa1024_public.pem", "ec_public.pem", "private_encrypted.pem"]:
    write("FuzzKeyLoading", f, (fixtures / f).read_bytes())
spki = (fixtures / "public_spki.txt").read_text()
write("FuzzKeyLoading", "public_base64_wrapped.txt", re.sub(r"(.{64})", r"\1\r\n", spki.strip()))

# --- FuzzModelDecoding: one selector byte (index into the target's type table) + a JSON body.
result_s = '{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}'
amount = '{"currency":"USD","value":"1000"}'
order = ('{"referenceOrderId":"O1","orderDescription":"Plan","orderAmount":' + amount +
         ',"merchant":{"referenceMerchantId":"M0001","merchantMCC":"5732","merchantName":"Demo","merchantAddress":{"region":"US"}},'
         '"env":{"terminalType":"APP","osType":"IOS"}}')
bodies = {
    0: '{"authClientId":"A1","authRedirectUrl":"https://m.example/cb","scopes":["AGREEMENT_PAY"],"authState":"S1","referenceAgreementId":"R1","merchantRegion":"US"}',
    1: '{"result":' + result_s + ',"authUrl":"https://wallet.example/auth?x=1","normalUrl":"https://w.example/n","schemeUrl":"alipay://x","applinkUrl":"https://a.example/"}',
    2: '{"grantType":"AUTHORIZATION_CODE","authCode":"AC1","referenceMerchantId":"M0001"}',
    3: '{"result":' + result_s + ',"accessToken":"AT1","accessTokenExpiryTime":"2026-12-29T13:05:09+08:00","refreshToken":"RT1","refreshTokenExpiryTime":"2027-11-29T13:05:09+08:00","customerId":"C1","userLoginId":"u***@x.com"}',
    4: '{"accessToken":"AT1"}',
    5: '{"result":' + result_s + '}',
    6: '{"paymentRequestId":"PAY1","paymentAmount":' + amount + ',"order":' + order +
       ',"paymentMethod":{"paymentMethodType":"CONNECT_WALLET","paymentMethodId":"AT1"},"paymentFactor":{"isAgreementPayment":"true"},"settlementStrategy":{"settlementCurrency":"USD"},"paymentNotifyUrl":"https://m.example/n"}',
    7: '{"result":{"resultCode":"PAYMENT_IN_PROCESS","resultStatus":"U","resultMessage":"in process"},"paymentId":"P1","paymentTime":"2026-11-29T13:05:09+08:00","paymentAmount":' + amount + '}',
    8: '{"paymentRequestId":"PAY1"}',
    9: '{"result":' + result_s + ',"paymentResult":' + result_s + ',"paymentId":"P1","paymentRequestId":"PAY1","paymentAmount":' + amount + ',"paymentTime":"2026-11-29T13:05:09+08:00","transactions":[{"transactionType":"REFUND","transactionStatus":"SUCCESS","transactionRequestId":"R1","transactionAmount":' + amount + ',"transactionId":"T1","transactionTime":"2026-11-29T13:05:09Z"}]}',
    10: '{"paymentRequestId":"PAY1","paymentId":"P1"}',
    11: '{"result":' + result_s + ',"paymentId":"P1","paymentRequestId":"PAY1","cancelTime":"2026-11-29T13:05:09+08:00"}',
    12: '{"refundRequestId":"RF1","paymentRequestId":"PAY1","refundAmount":{"currency":"JPY","value":"100"},"refundReason":"changed mind"}',
    13: '{"result":' + result_s + ',"refundId":"RI1","refundTime":"2026-11-29T13:05:09+08:00","refundAmount":' + amount + '}',
    14: '{"paymentAmount":' + amount + ',"settlementStrategy":{"settlementCurrency":"USD"},"merchantRegion":"US","userRegion":"US","env":{"terminalType":"WEB"}}',
    15: '{"result":' + result_s + ',"paymentOptions":[{"paymentMethodType":"CONNECT_WALLET","enabled":"true","preferred":"false","logo":{"logoName":"AlipayHK","logoUrl":"https://x.example/l.png"},"paymentOptionDetail":{"connectWallet":{"supportWallets":[{"walletName":"AlipayHK","walletLogo":{"logoName":"A"}}]}}}]}',
    20: '{"paymentRequestId":"PAY1","paymentId":"P1","paymentResult":' + result_s + ',"paymentAmount":' + amount + ',"paymentTime":"2026-11-29T13:05:09+08:00","customerId":"C1","walletBrandName":"AlipayHK"}',
    21: '{"authorizationNotifyType":"AUTHCODE_CREATED","authClientId":"A1","referenceMerchantId":"M0001","authCode":"AC1","authState":"S1","referenceAgreementId":"R1"}',
    22: '{"accessToken":"AT1","referenceMerchantId":"M0001","authClientId":"A1"}',
    24: result_s.join(['{"result":', '}']),
    25: '{"result":' + result_s + ',"allowUnbinding":"true"}',
}
for index, body in bodies.items():
    write("FuzzModelDecoding", f"type{index:02d}", bytes([index]) + body.encode())

# --- FuzzInboundHandler: flag byte + method \n path \n Client-Id \n Request-Time \n Signature \n body.
notify = bodies[20]
auth = bodies[21]
unbind = bodies[22]
def inbound(flags, method, path, client, time, signature, body):
    return bytes([flags]) + "\n".join([method, path, client, time, signature, body]).encode()
t = "2026-11-29T13:05:09+08:00"
write("FuzzInboundHandler", "signed-notifyPayment", inbound(1, "POST", "/alipayplus/notifyPayment", "", t, "", notify))
write("FuzzInboundHandler", "signed-authNotify", inbound(1, "POST", "/alipayplus/authNotify?x=1", "", t, "", auth))
write("FuzzInboundHandler", "signed-consultUnbinding", inbound(1, "POST", "/consultUnbinding", "", t, "", unbind))
write("FuzzInboundHandler", "signed-registration", inbound(1, "POST", "/notifyRegistrationStatus", "", t, "", '{"referenceMerchantId":"M0001","registrationRequestId":"RG1","registrationResult":' + result_s + '}'))
write("FuzzInboundHandler", "unsigned-notifyPayment", inbound(0, "POST", "/alipayplus/notifyPayment", "FUZZ_CLIENT_0001", t, f"algorithm=RSA256, keyVersion=1, signature={pct}", notify))
write("FuzzInboundHandler", "wrong-method", inbound(0, "GET", "/notifyPayment", "FUZZ_CLIENT_0001", t, "", ""))
write("FuzzInboundHandler", "duplicate-client-id", inbound(3, "POST", "/authNotify", "", t, "", auth))

# --- FuzzReportParser: flag byte (bits 0-1 format: detail, summary, fee, settlement; bits 2-7 chunk-1) + CSV.
detail = """totalCount,transactionType,transactionCurrency,totalTransactionAmountValue
2,PAYMENT,USD,3000
1,REFUND,USD,500

transactionId,transactionRequestId,transactionType,transactionAmountValue,transactionCurrency,transactionTime,settlementAmountValue,settlementCurrency,pspId
2026112900001,pay-1,PAYMENT,1000,USD,2026-11-29T10:00:00+08:00,1000,USD,ALIPAY_CN
2026112900002,pay-2,PAYMENT,2000,USD,2026-11-29 11:00:00,2000,USD,"GCASH, PH"
2026112900003,ref-1,REFUND,500,USD,2026-11-29T03:30:00Z,500,USD,ALIPAY_CN
<END>
"""
fee = """totalCount,totalFeeAmountValue,feeCurrency
2,13,USD

transactionId,feeType,feeAmountValue,feeCurrency,note
T1,INTERCHANGE_FEE,10,USD,x
T1,SERVICE_FEE,3,USD,
"""
settlement = """settlementBatchId,settlementCurrency,netSettlementAmountValue,valueDate,settlementDate,totalCount
S1,USD,900,20261201,20261130,2
clearingBatchId,settlementCurrency,settlementAmountValue,direction
B1,USD,1000,C
B2,USD,100,D
"""
write("FuzzReportParser", "detail", bytes([0 | (6 << 2)]) + detail.encode())
write("FuzzReportParser", "detail-crlf-bom", bytes([0 | (0 << 2)]) + b"\xef\xbb\xbf" + detail.replace("\n", "\r\n").encode())
write("FuzzReportParser", "summary-from-detail", bytes([1 | (3 << 2)]) + detail.encode())
write("FuzzReportParser", "fee", bytes([2 | (1 << 2)]) + fee.encode())
write("FuzzReportParser", "settlement", bytes([3 | (15 << 2)]) + settlement.encode())
