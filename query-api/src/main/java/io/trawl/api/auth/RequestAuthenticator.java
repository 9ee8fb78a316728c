package io.trawl.api.auth;

/**
 * Decides who sent a request. The service verifies AWS Signature Version 4 as the SDKs sign it; in development
 * mode (no keys configured) it accepts any well-formed signature and names the principal after the access key.
 */
public interface RequestAuthenticator
{
    /**
     * @throws io.trawl.api.protocol.AwsServiceException {@code UnrecognizedClientException} (403) when the request is
     *         unsigned or its key is unknown, {@code InvalidSignatureException} (403) when the signature does not match,
     *         as AWS answers
     */
    Caller authenticate(SignedRequest request);
}
