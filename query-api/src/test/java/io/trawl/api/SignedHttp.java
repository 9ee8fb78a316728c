package io.trawl.api;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Plain HTTP requests signed with SigV4 by the AWS SDK's own signer, as curl --aws-sigv4 or a script would send them. */
public final class SignedHttp
{
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private SignedHttp() {}

    public static HttpResponse<String> send(String method, URI uri, Map<String, String> headers, String body)
    {
        return send(method, uri, headers, body, TrawlApiServer.ACCESS_KEY, TrawlApiServer.SECRET_KEY);
    }

    /** The request signed with another user's keys. */
    public static HttpResponse<String> send(String method, URI uri, Map<String, String> headers, String body, String accessKey, String secretKey)
    {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(unsigned::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create().sign(request -> request
                .identity(AwsBasicCredentials.create(accessKey, secretKey))
                .request(unsigned.build())
                .payload(() -> new java.io.ByteArrayInputStream(content))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "athena")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, content.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(content));
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("Host") && !header.getKey().equalsIgnoreCase("Content-Length")) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
