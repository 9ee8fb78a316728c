/**
 * Who sent a request. Requests are signed with AWS Signature Version 4, as the AWS SDKs sign them:
 * <pre>
 * SignedRequest ──▶ SigV4Signature.read ──▶ checkTime ──▶ AccessKeys.find ──▶ CanonicalRequest ──▶ HMAC chain ──▶ Caller
 *  (method, path,     (Authorization header      (±15 min,     (key id →          (path, query,        (compare,
 *   query, headers,    or presigned query)        or expiry)    secret, principal)   headers, body hash)  constant time)
 *   body)
 * </pre>
 * {@link io.trawl.api.auth.RequestAuthenticators#fromEnvironment} picks the verifying authenticator when access keys are
 * configured ({@code TRAWL_ACCESS_KEYS}, {@code TRAWL_ACCESS_KEYS_FILE}) and development mode, which checks a signature's
 * form and time but cannot check its value, when none are.
 */
package io.trawl.api.auth;
