import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Signature } from '@hubspot/api-client';
import {
  deliveryHeaders,
  isValidSignature,
  signatureV1,
  signatureV2,
  signatureV3,
  V3_MAX_AGE_MS,
} from './signatures.js';

// HubSpot's published examples (secret, request, expected signature).
const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const V1_BODY =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
const URI = 'https://www.example.com/webhook_uri';

test('v1 and v2 match the values HubSpot publishes for its examples', () => {
  assert.equal(
    signatureV1(SECRET, { body: V1_BODY }),
    '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
  );
  assert.equal(
    signatureV2(SECRET, { method: 'GET', uri: URI, body: '' }),
    'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e',
  );
  assert.equal(
    signatureV2(SECRET, { method: 'POST', uri: URI, body: '{"example_field":"example_value"}' }),
    '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
  );
});

test("a delivery's headers pass the official SDK's checks, v1 and v3", () => {
  const request = { method: 'POST', uri: 'https://receiver.test/hooks?app=1', body: V1_BODY };
  const timestamp = Date.now();
  const headers = deliveryHeaders(SECRET, request, timestamp);
  assert.equal(headers['X-HubSpot-Signature-Version'], 'v1');
  assert.equal(headers['X-HubSpot-Request-Timestamp'], String(timestamp));
  const common = { clientSecret: SECRET, requestBody: request.body, url: request.uri };
  assert.ok(Signature.isValid({ ...common, signature: headers['X-HubSpot-Signature']! }));
  assert.ok(
    Signature.isValid({
      ...common,
      signature: headers['X-HubSpot-Signature-v3']!,
      signatureVersion: 'v3',
      timestamp,
    }),
  );
  assert.ok(
    !Signature.isValid({
      ...common,
      requestBody: `${V1_BODY} `,
      signature: headers['X-HubSpot-Signature']!,
    }),
    'a changed body fails',
  );
});

test('v3 signs the URI with the escapes HubSpot decodes decoded, and others left alone', () => {
  const body = '[]';
  const timestamp = 1_700_000_000_000;
  const escaped = { method: 'POST', uri: 'https://r.test/a%3Ab%2Fc?x=%40y&z=%20', body };
  const decoded = { ...escaped, uri: 'https://r.test/a:b/c?x=@y&z=%20' };
  assert.equal(signatureV3(SECRET, escaped, timestamp), signatureV3(SECRET, decoded, timestamp));
  const spaceDecoded = { ...escaped, uri: 'https://r.test/a:b/c?x=@y&z= ' };
  assert.notEqual(
    signatureV3(SECRET, escaped, timestamp),
    signatureV3(SECRET, spaceDecoded, timestamp),
  );
});

test('a receiver refuses a wrong secret, another version, and a v3 timestamp over five minutes old', () => {
  const request = { method: 'POST', uri: URI, body: V1_BODY };
  const now = 1_700_000_000_000;
  const v3 = signatureV3(SECRET, request, now - V3_MAX_AGE_MS);
  const check = { clientSecret: SECRET, request, signature: v3, version: 'v3' as const, now };
  assert.ok(isValidSignature({ ...check, timestamp: now - V3_MAX_AGE_MS }));
  assert.ok(!isValidSignature({ ...check, timestamp: now - V3_MAX_AGE_MS - 1 }));
  assert.ok(!isValidSignature({ ...check, timestamp: now - V3_MAX_AGE_MS, clientSecret: 'other' }));
  const v1 = signatureV1(SECRET, request);
  assert.ok(isValidSignature({ clientSecret: SECRET, request, signature: v1, version: 'v1' }));
  assert.ok(!isValidSignature({ clientSecret: SECRET, request, signature: v1, version: 'v2' }));
});
