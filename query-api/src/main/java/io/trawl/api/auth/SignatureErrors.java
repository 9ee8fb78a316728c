package io.trawl.api.auth;

import io.trawl.api.protocol.AwsServiceException;

/**
 * The errors AWS's JSON services answer when a request's authentication fails, all 403, with AWS's messages where a
 * client or a person may recognise them.
 */
final class SignatureErrors
{
    static final String INVALID_SIGNATURE_MESSAGE = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private SignatureErrors() {}

    /** Unsigned requests, unknown access keys and wrong session tokens: AWS tells these apart no further. */
    static AwsServiceException unrecognizedClient()
    {
        return new AwsServiceException("UnrecognizedClientException", 403, "The security token included in the request is invalid.");
    }

    static AwsServiceException invalidSignature()
    {
        return invalidSignature(INVALID_SIGNATURE_MESSAGE);
    }

    /** A signature that is well formed but wrong: its time, its scope or its value. */
    static AwsServiceException invalidSignature(String message)
    {
        return new AwsServiceException("InvalidSignatureException", 403, message);
    }

    /** An Authorization header or query authentication whose structure is wrong or incomplete. */
    static AwsServiceException incompleteSignature(String message)
    {
        return new AwsServiceException("IncompleteSignatureException", 403, message);
    }
}
