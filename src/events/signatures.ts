// HubSpot's request signatures (v1, v2, v3): the headers a webhook delivery carries, and the checks
// a receiver makes, from the app's client secret.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What a signature covers: the request as the receiver sees it. */
export interface SignedRequest {
  readonly method: string;
  /** The full URI, scheme, host and query included, exactly as requested. */
  readonly uri: string;
  /** The raw body, as sent (empty for a GET). */
  readonly body: string;
}

/** How old a v3 timestamp may be before a receiver refuses it (HubSpot's SDKs: five minutes). */
export const V3_MAX_AGE_MS = 5 * 60 * 1000;

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** v1: SHA-256 of the secret followed by the body, lower-case hex. */
export function signatureV1(clientSecret: string, request: Pick<SignedRequest, 'body'>): string {
  return sha256Hex(clientSecret + request.body);
}

/** v2: SHA-256 of the secret, method, URI and body, lower-case hex. */
export function signatureV2(clientSecret: string, request: SignedRequest): string {
  return sha256Hex(clientSecret + request.method + request.uri + request.body);
}

/**
 * HubSpot decodes these escapes in the URI before it signs (v3), leaving the rest as sent; so
 * must a receiver that checks.
 */
const V3_DECODED_ESCAPES: Readonly<Record<string, string>> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

function v3Uri(uri: string): string {
  return uri.replace(/%3A|%2F|%3F|%40|%21|%24|%27|%28|%29|%2A|%2C|%3B/gi, (escape) => {
    return V3_DECODED_ESCAPES[escape.toUpperCase()] ?? escape;
  });
}

/** v3: HMAC-SHA256 keyed with the secret over method, URI, body and timestamp, base64. */
export function signatureV3(
  clientSecret: string,
  request: SignedRequest,
  timestamp: number,
): string {
  return createHmac('sha256', clientSecret)
    .update(`${request.method}${v3Uri(request.uri)}${request.body}${timestamp}`, 'utf8')
    .digest('base64');
}

/**
 * What v3 signs before the body: the method and the URI as HubSpot signs it. A signer that hashes
 * the body separately (the delivery thread) updates its HMAC with this, the body, then the
 * timestamp: the same bytes as `signatureV3`'s.
 */
export function v3SignedPrefix(request: Pick<SignedRequest, 'method' | 'uri'>): string {
  return `${request.method}${v3Uri(request.uri)}`;
}

/** The delivery headers, from the v1 (hex) and v3 (base64) signatures of the request. */
export function signatureHeaders(
  v1: string,
  v3: string,
  timestamp: number,
): Record<string, string> {
  return {
    'X-HubSpot-Signature': v1,
    'X-HubSpot-Signature-Version': 'v1',
    'X-HubSpot-Signature-v3': v3,
    'X-HubSpot-Request-Timestamp': String(timestamp),
  };
}

/**
 * The headers of a webhook delivery: v1 (what HubSpot documents for app webhooks) and v3 (what
 * it adds to every signed request), so receivers checking either accept it.
 */
export function deliveryHeaders(
  clientSecret: string,
  request: SignedRequest,
  timestamp: number,
): Record<string, string> {
  return signatureHeaders(
    signatureV1(clientSecret, request),
    signatureV3(clientSecret, request, timestamp),
    timestamp,
  );
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What a receiver checks, as HubSpot's SDKs do: one signature version and its headers' values. */
export interface SignatureCheck {
  readonly clientSecret: string;
  readonly request: SignedRequest;
  readonly signature: string;
  readonly version: 'v1' | 'v2' | 'v3';
  /** v3 only: the `X-HubSpot-Request-Timestamp` header. */
  readonly timestamp?: number;
  /** v3 only: the receiver's clock, in epoch ms. */
  readonly now?: number;
}

/** Whether a signature is valid (and, for v3, recent), compared in constant time. */
export function isValidSignature(check: SignatureCheck): boolean {
  const { clientSecret, request, signature } = check;
  switch (check.version) {
    case 'v1':
      return sameText(signature, signatureV1(clientSecret, request));
    case 'v2':
      return sameText(signature, signatureV2(clientSecret, request));
    case 'v3': {
      const { timestamp, now = Date.now() } = check;
      if (timestamp === undefined || now - timestamp > V3_MAX_AGE_MS) return false;
      return sameText(signature, signatureV3(clientSecret, request, timestamp));
    }
  }
}
