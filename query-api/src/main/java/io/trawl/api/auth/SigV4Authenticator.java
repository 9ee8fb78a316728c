package io.trawl.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static io.trawl.api.auth.SignatureErrors.invalidSignature;
import static io.trawl.api.auth.SignatureErrors.unrecognizedClient;
import static java.util.Objects.requireNonNull;

/**
 * Authenticates requests signed with AWS Signature Version 4, as the AWS SDKs sign them: in the {@code Authorization}
 * header ({@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} with {@code X-Amz-Date}), or
 * presigned in the query string ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Signature}, ...).
 * The request's time must be within 15 minutes of the server's clock (a presigned request's until it expires).
 * <p>
 * The payload hash signed is always the SHA-256 of the body that arrived; an {@code x-amz-content-sha256} header (the
 * SDKs send it for some services) must equal it, so this service accepts neither unsigned nor streaming payloads.
 * <p>
 * In development mode, when no access keys are configured, the secret is unknown and the signature cannot be checked:
 * any well-formed, current signature is accepted and its access key id names the principal.
 */
public final class SigV4Authenticator
        implements RequestAuthenticator
{
    private static final HexFormat HEX = HexFormat.of();
    private static final String HMAC = "HmacSHA256";

    // empty in development mode
    private final Optional<AccessKeys> keys;
    private final Clock clock;

    private SigV4Authenticator(Optional<AccessKeys> keys, Clock clock)
    {
        this.keys = requireNonNull(keys, "keys is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Verifies signatures against {@code keys}, which must not be empty. */
    public static SigV4Authenticator verifying(AccessKeys keys, Clock clock)
    {
        requireNonNull(keys, "keys is null");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no access keys to verify signatures with; use development mode for that");
        }
        return new SigV4Authenticator(Optional.of(keys), clock);
    }

    public static SigV4Authenticator development(Clock clock)
    {
        return new SigV4Authenticator(Optional.empty(), clock);
    }

    public static SigV4Authenticator development()
    {
        return development(Clock.systemUTC());
    }

    @Override
    public Caller authenticate(SignedRequest request)
    {
        SigV4Signature signature = SigV4Signature.read(request);
        signature.checkTime(clock.instant());
        String payloadHash = payloadHash(request);
        if (keys.isEmpty()) {
            return new Caller(signature.accessKeyId(), signature.accessKeyId());
        }
        AccessKey key = keys.get().find(signature.accessKeyId()).orElseThrow(SignatureErrors::unrecognizedClient);
        checkSessionToken(key, signature);
        String expected = HEX.formatHex(sign(key.secretKey(), signature, CanonicalRequest.of(request, signature, payloadHash)));
        // constant time, so the comparison tells an attacker nothing about how much of a guess was right
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw invalidSignature();
        }
        return new Caller(key.principal(), key.accessKeyId());
    }

    private static String payloadHash(SignedRequest request)
    {
        String bodyHash = HEX.formatHex(sha256(request.body()));
        Optional<String> claimed = request.header("x-amz-content-sha256").map(String::strip);
        if (claimed.isPresent() && !claimed.get().equals(bodyHash)) {
            // a claimed hash other than the body's is a tampered body, an unsigned payload or a streaming one
            throw invalidSignature();
        }
        return bodyHash;
    }

    /** Session credentials need their token; long-term keys take none, as AWS refuses a token it did not issue. */
    private static void checkSessionToken(AccessKey key, SigV4Signature signature)
    {
        if (key.sessionToken().isEmpty() && signature.securityToken().isEmpty()) {
            return;
        }
        if (key.sessionToken().isEmpty() || signature.securityToken().isEmpty()
                || !MessageDigest.isEqual(key.sessionToken().get().getBytes(StandardCharsets.UTF_8), signature.securityToken().get().getBytes(StandardCharsets.UTF_8))) {
            throw unrecognizedClient();
        }
    }

    /** HMAC chain of the spec: secret → date → region → service → {@code aws4_request}, which signs the string to sign. */
    private static byte[] sign(String secretKey, SigV4Signature signature, String canonicalRequest)
    {
        SigV4Signature.CredentialScope scope = signature.scope();
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), scope.date());
        key = hmac(key, scope.region());
        key = hmac(key, scope.service());
        key = hmac(key, SigV4Signature.CredentialScope.TERMINATOR);
        String canonicalRequestHash = HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        return hmac(key, signature.stringToSign(canonicalRequestHash));
    }

    private static byte[] hmac(byte[] key, String data)
    {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + HMAC, e);
        }
    }

    private static byte[] sha256(byte[] data)
    {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
