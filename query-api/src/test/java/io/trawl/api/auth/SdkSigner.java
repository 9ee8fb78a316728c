package io.trawl.api.auth;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Signs requests with the AWS SDK for Java v2's own SigV4 signer, the independent party the authenticator must agree
 * with, and turns them into what the server sees: the path and query as sent on the wire, the headers, the body.
 */
record SdkSigner(AwsCredentialsIdentity credentials, Clock clock, String region, String service)
{
    SdkSigner
    {
        requireNonNull(credentials, "credentials is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(region, "region is null");
        requireNonNull(service, "service is null");
    }

    static SdkSigner of(String accessKeyId, String secretKey, Clock clock)
    {
        return new SdkSigner(AwsCredentialsIdentity.create(accessKeyId, secretKey), clock, "us-east-1", "athena");
    }

    static SdkSigner withSessionToken(String accessKeyId, String secretKey, String sessionToken, Clock clock)
    {
        return new SdkSigner(AwsSessionCredentialsIdentity.create(accessKeyId, secretKey, sessionToken), clock, "us-east-1", "athena");
    }

    /** A request to {@code http://127.0.0.1:8080} with {@code encodedPath} as sent and an empty body. */
    static SdkHttpRequest.Builder request(SdkHttpMethod method, String encodedPath)
    {
        return SdkHttpRequest.builder()
                .method(method)
                .protocol("http")
                .host("127.0.0.1")
                .port(8080)
                .encodedPath(encodedPath);
    }

    static SdkHttpRequest.Builder athenaPost(String target)
    {
        return request(SdkHttpMethod.POST, "/")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", target);
    }

    /** Signed in the Authorization header, as the SDK's clients sign. */
    SignedRequest sign(SdkHttpRequest request, String body)
    {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var signed = AwsV4HttpSigner.create().sign(signRequest -> signRequest
                .identity(credentials)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
        return onTheWire(signed.request(), bytes);
    }

    /**
     * Signed by the SDK's legacy {@code Aws4Signer}, which, unlike the current signer, sends no
     * {@code x-amz-content-sha256} header for services other than S3: the server must hash the body itself.
     */
    @SuppressWarnings("deprecation")
    SignedRequest signWithLegacySigner(SdkHttpRequest request, String body)
    {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest full = SdkHttpFullRequest.builder()
                .method(request.method())
                .protocol(request.protocol())
                .host(request.host())
                .port(request.port())
                .encodedPath(request.encodedPath())
                .rawQueryParameters(request.rawQueryParameters())
                .headers(request.headers())
                .contentStreamProvider(ContentStreamProvider.fromByteArray(bytes))
                .build();
        Aws4SignerParams parameters = Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()))
                .signingName(service)
                .signingRegion(Region.of(region))
                .signingClockOverride(clock)
                .build();
        return onTheWire(Aws4Signer.create().sign(full, parameters), bytes);
    }

    /** Presigned: the signature and its parameters in the query string, valid for {@code expires}. */
    SignedRequest presign(SdkHttpRequest request, String body, Duration expires)
    {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var signed = AwsV4HttpSigner.create().sign(signRequest -> signRequest
                .identity(credentials)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires));
        return onTheWire(signed.request(), bytes);
    }

    static SignedRequest onTheWire(SdkHttpRequest request, byte[] body)
    {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        if (!headers.containsKey("Host")) {
            headers.put("Host", List.of(request.host() + ":" + request.port()));
        }
        return new SignedRequest(request.method().name(), request.encodedPath(), request.encodedQueryParameters().orElse(""), headers, body);
    }
}
