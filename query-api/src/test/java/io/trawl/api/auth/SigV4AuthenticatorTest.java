package io.trawl.api.auth;

import io.trawl.api.protocol.AwsServiceException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The authenticator against the AWS SDK for Java v2's own signers: what they sign passes, anything changed after
 * signing fails, with the errors AWS answers. Clocks are fixed, so times are exact.
 */
class SigV4AuthenticatorTest
{
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Clock SERVER_CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String KEY_ID = "AKIDANALYST";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String BODY = "{\"WorkGroup\":\"primary\",\"QueryString\":\"SELECT 'é', 1\"}";
    private static final String INVALID_SIGNATURE = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private final SigV4Authenticator authenticator = SigV4Authenticator.verifying(
            AccessKeys.of(List.of(AccessKey.of(KEY_ID, SECRET, "analyst"), AccessKey.of("AKIDOTHER", "other-secret", "other"))),
            SERVER_CLOCK);
    private final SdkSigner signer = SdkSigner.of(KEY_ID, SECRET, SERVER_CLOCK);

    @Test
    void signedPostIsAcceptedAsItsKeysPrincipal()
    {
        SignedRequest request = signer.sign(SdkSigner.athenaPost("AmazonAthena.StartQueryExecution").build(), BODY);

        assertThat(authenticator.authenticate(request)).isEqualTo(new Caller("analyst", KEY_ID));
    }

    @Test
    void eachKeyNamesItsOwnPrincipal()
    {
        SignedRequest request = SdkSigner.of("AKIDOTHER", "other-secret", SERVER_CLOCK).sign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build(), "{}");

        assertThat(authenticator.authenticate(request)).isEqualTo(new Caller("other", "AKIDOTHER"));
    }

    @Test
    void signedGetWithQueryNeedingEncodingIsAccepted()
    {
        SdkHttpRequest request = SdkSigner.request(SdkHttpMethod.GET, "/")
                .appendRawQueryParameter("q", "a b+c/d*e~f")
                .appendRawQueryParameter("unicode", "é ü 名")
                .appendRawQueryParameter("empty", "")
                .appendRawQueryParameter("repeated", "zeta")
                .appendRawQueryParameter("repeated", "alpha")
                .appendRawQueryParameter("Upper", "case sorts first")
                .appendRawQueryParameter("name&with=", "=&?#%")
                .build();
        SignedRequest signed = signer.sign(request, "");
        assertThat(signed.rawQuery()).as("the SDK percent-encodes what needs it on the wire").contains("%20", "%2B", "%26", "%3D", "%25", "%C3%A9");

        assertThat(authenticator.authenticate(signed)).isEqualTo(new Caller("analyst", KEY_ID));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/",
            "/plain/path",
            "/a%20space/and%2Fencoded%2Fslashes",
            "/%C3%A9t%C3%A9/%E5%90%8D",
            "/with%25percent/and:colon@at",
            "/trailing/slash/",
            "/a/./dot/../segments",
            "/ends/with/dot/.",
            "//doubled//slashes//",
            "/star*and~tilde"})
    void pathsAsSentAreNormalisedAndEncodedAsTheSdkSignsThem(String encodedPath)
    {
        SignedRequest signed = signer.sign(SdkSigner.request(SdkHttpMethod.GET, encodedPath).build(), "");
        assertThat(signed.path()).isEqualTo(encodedPath);

        assertThat(authenticator.authenticate(signed)).isEqualTo(new Caller("analyst", KEY_ID));
    }

    @Test
    void headerValuesWithExtraSpacesAreAccepted()
    {
        SdkHttpRequest request = SdkSigner.athenaPost("AmazonAthena.ListWorkGroups")
                .putHeader("X-Amz-Meta-Note", "  several   spaces\tand \t a tab  ")
                .putHeader("X-Amz-Meta-List", List.of("one", "  two   words "))
                .build();
        SignedRequest signed = signer.sign(request, "{}");
        assertThat(signed.header("Authorization").orElseThrow()).contains("x-amz-meta-list;x-amz-meta-note");
        // as Netty hands it over: leading and trailing white space already gone, inner runs kept
        SignedRequest trimmedByTheServer = withHeader(signed, "X-Amz-Meta-Note", "several   spaces\tand \t a tab");

        assertThat(authenticator.authenticate(signed)).isEqualTo(new Caller("analyst", KEY_ID));
        assertThat(authenticator.authenticate(trimmedByTheServer)).isEqualTo(new Caller("analyst", KEY_ID));
    }

    @Test
    void contentHashHeaderIsCheckedWhenPresentAndTheBodyHashedWhenAbsent()
    {
        SdkHttpRequest request = SdkSigner.athenaPost("AmazonAthena.StartQueryExecution").build();
        SignedRequest withHeader = signer.sign(request, BODY);
        SignedRequest withoutHeader = signer.signWithLegacySigner(request, BODY);
        assertThat(withHeader.header("x-amz-content-sha256")).as("the current signer sends the payload hash").isPresent();
        assertThat(withoutHeader.header("x-amz-content-sha256")).as("the legacy signer does not, for Athena").isEmpty();

        assertThat(authenticator.authenticate(withHeader)).isEqualTo(new Caller("analyst", KEY_ID));
        assertThat(authenticator.authenticate(withoutHeader)).isEqualTo(new Caller("analyst", KEY_ID));
    }

    @Test
    void wrongSecretIsInvalidSignature()
    {
        SignedRequest request = SdkSigner.of(KEY_ID, "not-the-secret", SERVER_CLOCK).sign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build(), "{}");

        assertRejected(() -> authenticator.authenticate(request), "InvalidSignatureException", INVALID_SIGNATURE);
    }

    @Test
    void changesAfterSigningAreInvalidSignatures()
    {
        SdkHttpRequest request = SdkSigner.athenaPost("AmazonAthena.StartQueryExecution").appendRawQueryParameter("page", "1").build();
        SignedRequest signed = signer.sign(request, BODY);
        SignedRequest legacySigned = signer.signWithLegacySigner(request, BODY);
        String tamperedBody = BODY.replace("SELECT", "DROP");

        Map<String, SignedRequest> tampered = new TreeMap<>();
        tampered.put("body, payload hash header kept", withBody(signed, tamperedBody));
        tampered.put("body, payload hash header updated", withHeader(withBody(signed, tamperedBody), "x-amz-content-sha256", sha256Hex(tamperedBody)));
        tampered.put("body, payload hash header dropped", withoutHeader(withBody(signed, tamperedBody), "x-amz-content-sha256"));
        tampered.put("body, signed without payload hash header", withBody(legacySigned, tamperedBody));
        tampered.put("signed header", withHeader(signed, "X-Amz-Target", "AmazonAthena.DeleteWorkGroup"));
        tampered.put("signed header dropped", withoutHeader(signed, "X-Amz-Target"));
        tampered.put("host", withHeader(signed, "Host", "127.0.0.1:8081"));
        tampered.put("query value", new SignedRequest(signed.method(), signed.path(), "page=2", signed.headers(), signed.body()));
        tampered.put("query parameter added", new SignedRequest(signed.method(), signed.path(), "page=1&extra=1", signed.headers(), signed.body()));
        tampered.put("path", new SignedRequest(signed.method(), "/other", signed.rawQuery(), signed.headers(), signed.body()));
        tampered.put("method", new SignedRequest("PUT", signed.path(), signed.rawQuery(), signed.headers(), signed.body()));
        String authorization = signed.header("Authorization").orElseThrow();
        char lastDigit = authorization.charAt(authorization.length() - 1);
        tampered.put("signature", withHeader(signed, "Authorization", authorization.substring(0, authorization.length() - 1) + (lastDigit == '0' ? '1' : '0')));

        tampered.forEach((change, changed) -> assertThatThrownBy(() -> authenticator.authenticate(changed))
                .as(change)
                .isInstanceOfSatisfying(AwsServiceException.class, error -> {
                    assertThat(error.errorType()).as(change).isEqualTo("InvalidSignatureException");
                    assertThat(error.httpStatus()).as(change).isEqualTo(403);
                    assertThat(error.getMessage()).as(change).isEqualTo(INVALID_SIGNATURE);
                }));
    }

    @Test
    void headersAddedAfterSigningAndNotSignedAreAllowed()
    {
        SignedRequest signed = signer.sign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build(), "{}");

        assertThat(authenticator.authenticate(withHeader(signed, "X-Forwarded-For", "10.1.2.3"))).isEqualTo(new Caller("analyst", KEY_ID));
    }

    @Test
    void unknownAccessKeyIsUnrecognizedClient()
    {
        SignedRequest request = SdkSigner.of("AKIDUNKNOWN", SECRET, SERVER_CLOCK).sign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build(), "{}");

        assertRejected(() -> authenticator.authenticate(request), "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    @Test
    void unsignedRequestIsUnrecognizedClient()
    {
        SignedRequest signed = signer.sign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build(), "{}");

        assertRejected(() -> authenticator.authenticate(withoutHeader(signed, "Authorization")), "UnrecognizedClientException",
                "The security token included in the request is invalid.");
    }

    @Test
    void requestMoreThanFifteenMinutesOldHasExpired()
    {
        SignedRequest request = signedAt(NOW.minus(Duration.ofMinutes(16)));

        assertRejected(() -> authenticator.authenticate(request), "InvalidSignatureException",
                "Signature expired: 20261124T094400Z is now earlier than 20261124T094500Z (20261124T100000Z - 15 min.)");
    }

    @Test
    void requestMoreThanFifteenMinutesAheadIsNotYetCurrent()
    {
        SignedRequest request = signedAt(NOW.plus(Duration.ofMinutes(16)));

        assertRejected(() -> authenticator.authenticate(request), "InvalidSignatureException",
                "Signature not yet current: 20261124T101600Z is still later than 20261124T101500Z (20261124T100000Z + 15 min.)");
    }

    @Test
    void requestWithinFifteenMinutesEitherWayIsAccepted()
    {
        assertThat(authenticator.authenticate(signedAt(NOW.minus(Duration.ofMinutes(14))))).isEqualTo(new Caller("analyst", KEY_ID));
        assertThat(authenticator.authenticate(signedAt(NOW.plus(Duration.ofMinutes(14))))).isEqualTo(new Caller("analyst", KEY_ID));
    }

    @Test
    void malformedAuthorizationIsIncompleteSignature()
    {
        SignedRequest signed = signer.sign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build(), "{}");
        String credential = KEY_ID + "/20261124/us-east-1/athena/aws4_request";
        String signedHeaders = "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target";
        String signature = signed.header("Authorization").orElseThrow().replaceAll(".*Signature=", "");

        Map<String, String> malformed = new TreeMap<>();
        malformed.put("no Signature", "AWS4-HMAC-SHA256 Credential=%s, SignedHeaders=%s".formatted(credential, signedHeaders));
        malformed.put("no Credential", "AWS4-HMAC-SHA256 SignedHeaders=%s, Signature=%s".formatted(signedHeaders, signature));
        malformed.put("no SignedHeaders", "AWS4-HMAC-SHA256 Credential=%s, Signature=%s".formatted(credential, signature));
        malformed.put("no parameters", "AWS4-HMAC-SHA256");
        malformed.put("pair without equal sign", "AWS4-HMAC-SHA256 %s, SignedHeaders=%s, Signature=%s".formatted(credential, signedHeaders, signature));
        malformed.put("parameter twice", "AWS4-HMAC-SHA256 Credential=%s, Credential=%s, SignedHeaders=%s, Signature=%s".formatted(credential, credential, signedHeaders, signature));
        malformed.put("credential without scope", "AWS4-HMAC-SHA256 Credential=%s, SignedHeaders=%s, Signature=%s".formatted(KEY_ID, signedHeaders, signature));
        malformed.put("credential scope too short", "AWS4-HMAC-SHA256 Credential=%s/20261124/us-east-1/athena, SignedHeaders=%s, Signature=%s".formatted(KEY_ID, signedHeaders, signature));
        malformed.put("credential terminator", "AWS4-HMAC-SHA256 Credential=%s/20261124/us-east-1/athena/aws5_request, SignedHeaders=%s, Signature=%s".formatted(KEY_ID, signedHeaders, signature));
        malformed.put("credential date", "AWS4-HMAC-SHA256 Credential=%s/2026-11-24/us-east-1/athena/aws4_request, SignedHeaders=%s, Signature=%s".formatted(KEY_ID, signedHeaders, signature));
        malformed.put("signature not hex", "AWS4-HMAC-SHA256 Credential=%s, SignedHeaders=%s, Signature=%s".formatted(credential, signedHeaders, "not-hex"));
        malformed.put("signature too short", "AWS4-HMAC-SHA256 Credential=%s, SignedHeaders=%s, Signature=%s".formatted(credential, signedHeaders, signature.substring(1)));
        malformed.put("host not signed", "AWS4-HMAC-SHA256 Credential=%s, SignedHeaders=%s, Signature=%s".formatted(credential, "content-type;x-amz-date", signature));
        malformed.put("date not signed", "AWS4-HMAC-SHA256 Credential=%s, SignedHeaders=%s, Signature=%s".formatted(credential, "content-type;host", signature));
        malformed.put("empty signed header name", "AWS4-HMAC-SHA256 Credential=%s, SignedHeaders=%s, Signature=%s".formatted(credential, "host;;x-amz-date", signature));
        malformed.put("other algorithm", "AWS4-HMAC-SHA512 Credential=%s, SignedHeaders=%s, Signature=%s".formatted(credential, signedHeaders, signature));
        malformed.put("signature version 2", "AWS %s:c2lnbmF0dXJl".formatted(KEY_ID));
        malformed.put("bearer token", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.secret");

        malformed.forEach((change, authorization) -> assertIncomplete(change, withHeader(signed, "Authorization", authorization)));
        assertIncomplete("no date", withoutHeader(signed, "X-Amz-Date"));
        assertIncomplete("date not ISO-8601 basic", withHeader(signed, "X-Amz-Date", "2026-11-24T10:00:00Z"));
        assertIncomplete("header and query authentication", new SignedRequest(signed.method(), signed.path(),
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=" + signature, signed.headers(), signed.body()));
    }

    @Test
    void missingParametersAreAllNamed()
    {
        SignedRequest signed = signer.sign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build(), "{}");
        SignedRequest request = withoutHeader(withHeader(signed, "Authorization", "AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/20261124/us-east-1/athena/aws4_request"), "X-Amz-Date");

        assertRejected(() -> authenticator.authenticate(request), "IncompleteSignatureException",
                "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
                        + "Authorization header requires existence of a 'X-Amz-Date' header.");
    }

    @Test
    void credentialScopeOfAnotherDayIsInvalidSignature()
    {
        SignedRequest signed = signer.sign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build(), "{}");
        SignedRequest request = withHeader(signed, "Authorization", signed.header("Authorization").orElseThrow().replace("/20261124/", "/20261123/"));

        assertRejected(() -> authenticator.authenticate(request), "InvalidSignatureException",
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261123' != '20261124', from '20261124T100000Z'.");
    }

    @Test
    void presignedRequestsAreAcceptedUntilTheyExpire()
    {
        SdkHttpRequest get = SdkSigner.request(SdkHttpMethod.GET, "/some%20path").appendRawQueryParameter("q", "a b+c").build();
        SdkSigner signedFiftyMinutesAgo = SdkSigner.of(KEY_ID, SECRET, Clock.fixed(NOW.minus(Duration.ofMinutes(50)), ZoneOffset.UTC));
        SignedRequest presignedGet = signer.presign(get, "", Duration.ofMinutes(5));
        SignedRequest presignedPost = signer.presign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build(), "{}", Duration.ofMinutes(5));
        SignedRequest presignedForAnHour = signedFiftyMinutesAgo.presign(get, "", Duration.ofHours(1));
        SignedRequest presignedForTenMinutes = signedFiftyMinutesAgo.presign(get, "", Duration.ofMinutes(10));
        assertThat(presignedGet.rawQuery()).contains("X-Amz-Signature=", "X-Amz-Expires=300");
        assertThat(presignedGet.header("Authorization")).isEmpty();

        assertThat(authenticator.authenticate(presignedGet)).isEqualTo(new Caller("analyst", KEY_ID));
        assertThat(authenticator.authenticate(presignedPost)).isEqualTo(new Caller("analyst", KEY_ID));
        assertThat(authenticator.authenticate(presignedForAnHour)).as("valid past the clock skew until X-Amz-Expires").isEqualTo(new Caller("analyst", KEY_ID));
        assertRejected(() -> authenticator.authenticate(presignedForTenMinutes), "InvalidSignatureException",
                "Signature expired: 20261124T091000Z + 600 s (X-Amz-Expires) = 20261124T092000Z is now earlier than 20261124T100000Z");
    }

    @Test
    void presignedRequestsChangedAfterSigningAreInvalidSignatures()
    {
        SignedRequest presigned = signer.presign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").appendRawQueryParameter("q", "1").build(), "{}", Duration.ofMinutes(5));

        assertRejected(() -> authenticator.authenticate(withBody(presigned, "{\"x\":1}")), "InvalidSignatureException", INVALID_SIGNATURE);
        assertRejected(() -> authenticator.authenticate(new SignedRequest(presigned.method(), presigned.path(), presigned.rawQuery().replace("q=1", "q=2"),
                presigned.headers(), presigned.body())), "InvalidSignatureException", INVALID_SIGNATURE);
        assertRejected(() -> authenticator.authenticate(new SignedRequest(presigned.method(), presigned.path(), presigned.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=3000"),
                presigned.headers(), presigned.body())), "InvalidSignatureException", INVALID_SIGNATURE);
        SignedRequest wrongSecret = SdkSigner.of(KEY_ID, "not-the-secret", SERVER_CLOCK).presign(SdkSigner.request(SdkHttpMethod.GET, "/").build(), "", Duration.ofMinutes(5));
        assertRejected(() -> authenticator.authenticate(wrongSecret), "InvalidSignatureException", INVALID_SIGNATURE);
    }

    @Test
    void presignedQueryWithoutRequiredParametersIsIncompleteSignature()
    {
        SignedRequest presigned = signer.presign(SdkSigner.request(SdkHttpMethod.GET, "/").build(), "", Duration.ofMinutes(5));
        String withoutCredential = presigned.rawQuery().replaceAll("X-Amz-Credential=[^&]*&?", "");

        assertIncomplete("no credential", new SignedRequest("GET", "/", withoutCredential, presigned.headers(), presigned.body()));
        assertIncomplete("expiry over a week", new SignedRequest("GET", "/", presigned.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=604801"), presigned.headers(), presigned.body()));
    }

    @Test
    void sessionCredentialsNeedTheirToken()
    {
        SigV4Authenticator withSessionKey = SigV4Authenticator.verifying(
                AccessKeys.of(List.of(new AccessKey("ASIASESSION", SECRET, "session-user", Optional.of("token-1")), AccessKey.of(KEY_ID, SECRET, "analyst"))),
                SERVER_CLOCK);
        SdkHttpRequest request = SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build();

        assertThat(withSessionKey.authenticate(SdkSigner.withSessionToken("ASIASESSION", SECRET, "token-1", SERVER_CLOCK).sign(request, "{}")))
                .isEqualTo(new Caller("session-user", "ASIASESSION"));
        assertRejected(() -> withSessionKey.authenticate(SdkSigner.withSessionToken("ASIASESSION", SECRET, "token-2", SERVER_CLOCK).sign(request, "{}")),
                "UnrecognizedClientException", "The security token included in the request is invalid.");
        assertRejected(() -> withSessionKey.authenticate(SdkSigner.of("ASIASESSION", SECRET, SERVER_CLOCK).sign(request, "{}")),
                "UnrecognizedClientException", "The security token included in the request is invalid.");
        assertRejected(() -> withSessionKey.authenticate(SdkSigner.withSessionToken(KEY_ID, SECRET, "token-1", SERVER_CLOCK).sign(request, "{}")),
                "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    /** AWS's published Signature Version 4 test suite: get-vanilla, post-vanilla, get-vanilla-query-order-key-case. */
    @Test
    void publishedTestSuiteSignaturesVerify()
    {
        SigV4Authenticator suite = SigV4Authenticator.verifying(
                AccessKeys.of(List.of(AccessKey.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "example"))),
                Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC));

        assertThat(suite.authenticate(suiteRequest("GET", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"))).isEqualTo(new Caller("example", "AKIDEXAMPLE"));
        assertThat(suite.authenticate(suiteRequest("POST", "", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"))).isEqualTo(new Caller("example", "AKIDEXAMPLE"));
        assertThat(suite.authenticate(suiteRequest("GET", "Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")))
                .isEqualTo(new Caller("example", "AKIDEXAMPLE"));
        assertRejected(() -> suite.authenticate(suiteRequest("GET", "Param2=value2&Param1=value0", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")),
                "InvalidSignatureException", INVALID_SIGNATURE);
    }

    @Test
    void developmentModeAcceptsAnyWellFormedSignatureAsItsAccessKey()
    {
        SigV4Authenticator development = SigV4Authenticator.development(SERVER_CLOCK);
        SignedRequest anyKey = SdkSigner.of("AKIDANYONE", "any-secret", SERVER_CLOCK).sign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build(), "{}");

        assertThat(development.authenticate(anyKey)).isEqualTo(new Caller("AKIDANYONE", "AKIDANYONE"));
        assertThat(development.authenticate(signer.presign(SdkSigner.request(SdkHttpMethod.GET, "/").build(), "", Duration.ofMinutes(5))))
                .isEqualTo(new Caller(KEY_ID, KEY_ID));
    }

    @Test
    void developmentModeStillRefusesUnsignedMalformedAndExpiredRequests()
    {
        SigV4Authenticator development = SigV4Authenticator.development(SERVER_CLOCK);
        SignedRequest signed = SdkSigner.of("AKIDANYONE", "any-secret", SERVER_CLOCK).sign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build(), "{}");

        assertRejected(() -> development.authenticate(withoutHeader(signed, "Authorization")), "UnrecognizedClientException",
                "The security token included in the request is invalid.");
        assertRejected(() -> development.authenticate(withHeader(signed, "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDANYONE")), "IncompleteSignatureException", null);
        assertRejected(() -> development.authenticate(withHeader(signed, "Authorization", "Bearer token")), "IncompleteSignatureException", null);
        SignedRequest expired = SdkSigner.of("AKIDANYONE", "any-secret", Clock.fixed(NOW.minus(Duration.ofHours(1)), ZoneOffset.UTC))
                .sign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build(), "{}");
        assertRejected(() -> development.authenticate(expired), "InvalidSignatureException", null);
    }

    private SignedRequest signedAt(Instant signingTime)
    {
        return SdkSigner.of(KEY_ID, SECRET, Clock.fixed(signingTime, ZoneOffset.UTC)).sign(SdkSigner.athenaPost("AmazonAthena.ListWorkGroups").build(), "{}");
    }

    private static SignedRequest suiteRequest(String method, String rawQuery, String signature)
    {
        Map<String, List<String>> headers = Map.of(
                "Host", List.of("example.amazonaws.com"),
                "X-Amz-Date", List.of("20150830T123600Z"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + signature));
        return new SignedRequest(method, "/", rawQuery, headers, new byte[0]);
    }

    private void assertIncomplete(String change, SignedRequest request)
    {
        assertThatThrownBy(() -> authenticator.authenticate(request))
                .as(change)
                .isInstanceOfSatisfying(AwsServiceException.class, error -> {
                    assertThat(error.errorType()).as(change + ": " + error.getMessage()).isEqualTo("IncompleteSignatureException");
                    assertThat(error.httpStatus()).as(change).isEqualTo(403);
                });
    }

    /** {@code message} null: any message. */
    private static void assertRejected(ThrowingCallable call, String errorType, String message)
    {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, error -> {
            assertThat(error.errorType()).as(error.getMessage()).isEqualTo(errorType);
            assertThat(error.httpStatus()).isEqualTo(403);
            if (message != null) {
                assertThat(error.getMessage()).isEqualTo(message);
            }
        });
    }

    private static SignedRequest withHeader(SignedRequest request, String name, String value)
    {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        headers.put(name, List.of(value));
        return new SignedRequest(request.method(), request.path(), request.rawQuery(), headers, request.body());
    }

    private static SignedRequest withoutHeader(SignedRequest request, String name)
    {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        headers.remove(name);
        return new SignedRequest(request.method(), request.path(), request.rawQuery(), headers, request.body());
    }

    private static SignedRequest withBody(SignedRequest request, String body)
    {
        return new SignedRequest(request.method(), request.path(), request.rawQuery(), request.headers(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(String text)
    {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
