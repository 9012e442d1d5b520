// Hostile inputs by class (bad percent-encodings, long path parameters, U+0000 and other control
// characters, type confusion, oversized values and headers) are refused in HubSpot's envelope with
// the status HubSpot uses, never a 5xx, the same on both engines, and change nothing.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { MAX_PROPERTY_VALUE_LENGTH } from '../../src/core/rules/property-values.js';
import { MAX_HEADER_BYTES, MAX_URL_LENGTH } from '../../src/http/framework-refusals.js';
import { ErrorReplySchema } from '../../src/http/schemas/replies.js';
import { schemaProblems } from '../helpers/reply-schemas.js';
import { buildTestApp, type TestApp, type TestResponse } from '../helpers/test-app.js';

/** Runs per property: each run is a request or two, quick on both engines. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 60);

const CONFIGS = '/crm/associations/v4/definitions/configurations/contacts/companies';
const LABELS = '/crm/v4/associations/contacts/companies/labels';
const EXPORT = '/_emulator/portals/1/export';
const NUL_MESSAGE = 'Invalid input: text may not contain the NUL character (U+0000)';

/** The portal's whole state, as the control API exports it. */
async function snapshot(app: TestApp): Promise<string> {
  const response = await app.request('GET', EXPORT);
  assert.equal(response.status, 200, response.text);
  return response.text;
}

/** A refusal: HubSpot's envelope, this status, the correlation id in body and header. */
function assertRefused(response: TestResponse, status: number, where = ''): void {
  assert.equal(response.status, status, `${where} ${response.text}`);
  assert.deepEqual(schemaProblems(ErrorReplySchema, response.body), [], where);
  const correlationId = (response.body as { correlationId: string }).correlationId;
  assert.equal(response.headers['x-hubspot-correlation-id'], correlationId, where);
}

/** Never a 5xx; a failure is the envelope; `refusals` lists the statuses allowed besides 2xx. */
function assertAnswered(response: TestResponse, where: string): void {
  assert.ok(response.status < 500, `${where} → ${response.status} ${response.text}`);
  if (response.status >= 400) assertRefused(response, response.status, where);
}

interface Seeded {
  readonly app: TestApp;
  readonly contact: string;
  readonly company: string;
}

/** A portal with an associated contact and company, a label and a limit. */
async function seeded(t: Parameters<typeof buildTestApp>[0]): Promise<Seeded> {
  const app = await buildTestApp(t);
  const [contact = ''] = await app.createRecords('contacts', 1);
  const [company = ''] = await app.createRecords('companies', 1);
  await app.request('POST', LABELS, { name: 'edge', label: 'Edge' });
  const put = await app.request(
    'PUT',
    `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`,
    [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }],
  );
  assert.equal(put.status, 201, put.text);
  const limit = await app.request('POST', `${CONFIGS}/batch/create`, {
    inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 5 }],
  });
  assert.equal(limit.status, 201, limit.text);
  return { app, contact, company };
}

describe('type confusion', () => {
  test('a boolean or null where a number belongs is refused; a numeric string is taken', async (t) => {
    const { app, contact, company } = await seeded(t);
    const before = await snapshot(app);
    const url = `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`;
    for (const typeId of [true, false, null]) {
      const response = await app.request('PUT', url, [
        { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId },
      ]);
      assertRefused(response, 400, String(typeId));
      assert.match(response.body.message, /associationTypeId must be integer/);
    }
    const limit = await app.request('POST', `${CONFIGS}/batch/update`, {
      inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: true }],
    });
    assertRefused(limit, 400);
    assert.equal(await snapshot(app), before);
    const numeric = await app.request('PUT', url, [
      { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: '1' },
    ]);
    assert.equal(numeric.status, 201, numeric.text);
    assert.deepEqual(numeric.body.labels, ['Primary']);
  });

  test('ids with spaces, line breaks or leading zeros name no record', async (t) => {
    const { app, contact, company } = await seeded(t);
    const before = await snapshot(app);
    for (const id of [` ${contact}`, `${contact}\n`, `0${contact}`, `${contact} `]) {
      const read = await app.request('GET', `/crm/v3/objects/contacts/${encodeURIComponent(id)}`);
      assertRefused(read, 404, JSON.stringify(id));
      const write = await app.request(
        'POST',
        '/crm/v4/associations/contacts/companies/batch/associate/default',
        { inputs: [{ from: { id }, to: { id: company } }] },
      );
      assertRefused(write, 400, JSON.stringify(id));
      assert.deepEqual(write.body.context.INVALID_OBJECT_IDS, [`CONTACT=${id} is not valid`]);
    }
    assert.equal(await snapshot(app), before);
  });
});

describe('oversized values', () => {
  test(`a string value of ${MAX_PROPERTY_VALUE_LENGTH} characters is kept; a longer one is refused`, async (t) => {
    const { app, contact } = await seeded(t);
    const longest = 'x'.repeat(MAX_PROPERTY_VALUE_LENGTH);
    const kept = await app.request('PATCH', `/crm/v3/objects/contacts/${contact}`, {
      properties: { notes: longest },
    });
    assert.equal(kept.status, 200, kept.text.slice(0, 200));
    assert.equal(kept.body.properties.notes, longest);
    const before = await snapshot(app);
    const refusals: [string, string, unknown][] = [
      ['PATCH', `/crm/v3/objects/contacts/${contact}`, { properties: { notes: `${longest}y` } }],
      ['POST', '/crm/v3/objects/contacts', { properties: { notes: `${longest}y` } }],
      [
        'POST',
        '/crm/v3/objects/contacts/batch/update',
        { inputs: [{ id: contact, properties: { a: 'short', notes: `${longest}y` } }] },
      ],
    ];
    for (const [method, url, body] of refusals) {
      const response = await app.request(method, url, body);
      assertRefused(response, 400, `${method} ${url}`);
      assert.equal(response.body.category, 'VALIDATION_ERROR');
      assert.match(response.body.message, /^Property values were not valid: \[/);
      const [entry] = JSON.parse(
        (response.body.message as string).slice('Property values were not valid: '.length),
      ) as { name: string; isValid: boolean }[];
      assert.deepEqual([entry?.name, entry?.isValid], ['notes', false]);
    }
    assert.equal(await snapshot(app), before);
  });
});

describe('U+0000', () => {
  test('is refused in label names and texts, portal names, imports, record values and URLs', async (t) => {
    const { app, contact } = await seeded(t);
    const before = await snapshot(app);
    const exported = JSON.parse(before) as { portal: { name: string } };
    const requests: [string, string, unknown][] = [
      ['POST', LABELS, { name: 'a\u0000b', label: 'L' }],
      ['POST', LABELS, { name: 'ok_name', label: 'L\u0000' }],
      ['POST', LABELS, { name: 'ok_name', label: 'L', inverseLabel: '\u0000' }],
      ['PUT', LABELS, { associationTypeId: 1, label: 'x\u0000' }],
      ['POST', '/_emulator/portals', { portalId: 77, name: 'n\u0000' }],
      [
        'POST',
        '/_emulator/portals/1/import',
        { ...exported, portal: { ...exported.portal, name: 'p\u0000' } },
      ],
      ['POST', '/crm/v3/objects/contacts', { properties: { email: 'a\u0000@b.c' } }],
      ['PATCH', `/crm/v3/objects/contacts/${contact}`, { properties: { ['k\u0000']: 'v' } }],
      ['GET', '/crm/v3/objects/contacts?after=%00', undefined],
      ['GET', `/crm/v4/objects/contacts/${contact}%00/associations/companies`, undefined],
    ];
    for (const [method, url, body] of requests) {
      const response = await app.request(method, url, body);
      assertRefused(response, 400, `${method} ${url}`);
      assert.equal(response.body.message, NUL_MESSAGE);
    }
    assert.equal(await snapshot(app), before);
    assert.equal((await app.request('GET', '/_emulator/portals/77')).status, 404);
  });

  test('half a surrogate pair is refused like U+0000; a whole pair, escaped or not, is kept', async (t) => {
    const { app, contact } = await seeded(t);
    const before = await snapshot(app);
    for (const text of ['x\ud83d', '\ude00y', '\ude00\ud83d']) {
      for (const body of [{ name: 'ok_name', label: text }, { properties: { [text]: 'v' } }]) {
        const url = 'name' in body ? LABELS : `/crm/v3/objects/contacts/${contact}`;
        const response = await app.request('name' in body ? 'POST' : 'PATCH', url, body);
        assertRefused(response, 400, JSON.stringify(text));
        assert.match(response.body.message, /unpaired surrogate/);
      }
    }
    assert.equal(await snapshot(app), before);
    const escaped = await app.app.inject({
      method: 'PATCH',
      url: `/crm/v3/objects/contacts/${contact}`,
      headers: { 'content-type': 'application/json' },
      payload: '{"properties":{"mood":"\\ud83d\\ude00"}}',
    });
    assert.equal(escaped.statusCode, 200, escaped.body);
    const read = JSON.parse(escaped.body) as { properties: Record<string, string> };
    assert.equal(read.properties['mood'], '\ud83d\ude00');
  });
});

describe('two inputs for one limit type in one batch', () => {
  test('update keeps the later; create refuses the second, as separate calls would', async (t) => {
    const { app } = await seeded(t);
    const spec = { category: 'HUBSPOT_DEFINED', typeId: 279 };
    const updated = await app.request('POST', `${CONFIGS}/batch/update`, {
      inputs: [
        { ...spec, maxToObjectIds: 7 },
        { ...spec, maxToObjectIds: 3 },
      ],
    });
    assert.equal(updated.status, 200, updated.text);
    const read = await app.request('GET', CONFIGS);
    assert.deepEqual(
      read.body.results.map((limit: any) => limit.userEnforcedMaxToObjectIds),
      [3],
    );
    const label = { category: 'HUBSPOT_DEFINED', typeId: 1 };
    const created = await app.request('POST', `${CONFIGS}/batch/create`, {
      inputs: [
        { ...label, maxToObjectIds: 1 },
        { ...label, maxToObjectIds: 1 },
      ],
    });
    assert.equal(created.status, 207, created.text);
    assert.equal(
      created.body.errors[0].subCategory ?? created.body.errors[0].category,
      'VALIDATION_ERROR',
    );
    assert.match(created.body.errors[0].message, /already set/);
  });
});

/** Hex digits, letters that are not, and a percent sign: ASCII only. */
const HEX_AND_NOT = '0123456789ABCDEFabcdefXYZ%';

/** Percent-encodings a client may send: malformed, overlong, surrogates, controls, NUL. */
const percentEncoding = fc.oneof(
  fc.constantFrom('%', '%Z', '%ZZ', '%G0', '%C0%AF', '%E2%82', '%FF', '%ED%A0%80', '%F4%90%80%80'),
  fc.integer({ min: 0, max: 0x1f }).map((code) => `%${code.toString(16).padStart(2, '0')}`),
  fc
    .tuple(
      fc.constantFrom(...HEX_AND_NOT.split('')),
      fc.constantFrom(...HEX_AND_NOT.slice(0, -1).split('')),
    )
    .map(([a, b]) => `%${a}${b}`),
);

/** Paths whose parameters a hostile segment replaces: reads and writes, ids and types. */
function pathArbitrary(seed: Seeded) {
  const { contact, company } = seed;
  return fc.constantFrom(
    (x: string) => ['GET', `/crm/v3/objects/contacts/${x}`],
    (x: string) => ['GET', `/crm/v4/objects/contacts/${x}/associations/companies`],
    (x: string) => ['GET', `/crm/v4/objects/${x}/${contact}/associations/companies`],
    (x: string) => [
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/default/companies/${x}`,
    ],
    (x: string) => ['DELETE', `/crm/v4/objects/contacts/${x}/associations/companies/${company}`],
    (x: string) => ['DELETE', `/crm/v4/associations/contacts/companies/labels/${x}`],
    (x: string) => ['GET', `/crm/v3/objects/contacts?after=${x}`],
    (x: string) => ['GET', `/crm/v3/objects/companies/${company}?properties=${x}`],
  );
}

/** Characters below U+0020 and DEL, U+0000 among them. */
const controlCharacter = fc
  .integer({ min: 0, max: 0x20 })
  .map((code) => String.fromCharCode(code === 0x20 ? 0x7f : code));

const textWithControls = fc
  .array(fc.oneof(controlCharacter, fc.constantFrom('a', 'B', ' ', '_', 'é', '😀')), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

/** A value of the wrong JSON type for a number: never a number or a numeric string. */
const notANumber = fc.oneof(
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }),
  fc.string({ minLength: 1, maxLength: 6 }).filter((text) => !/^\s*-?\d+(\.0*)?\s*$/.test(text)),
);

describe('property-based: hostile inputs by class', () => {
  test('bad, overlong and control percent-encodings in any parameter answer the envelope and change nothing', async (t) => {
    const seed = await seeded(t);
    const before = await snapshot(seed.app);
    await fc.assert(
      fc.asyncProperty(
        pathArbitrary(seed),
        fc.array(percentEncoding, { minLength: 1, maxLength: 3 }),
        async (path, parts) => {
          const [method, url] = path(parts.join('')) as [string, string];
          const response = await seed.app.request(method, url, method === 'PUT' ? [] : undefined);
          assertAnswered(response, `${method} ${url}`);
          if (method !== 'GET') assert.ok(response.status >= 400 || response.status === 204, url);
          if (parts.includes('%00')) assertRefused(response, 400, url);
          assert.equal(await snapshot(seed.app), before, `${method} ${url} changed the portal`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('path parameters of any length are refused by their operation or, past the URL limit, with 414', async (t) => {
    const seed = await seeded(t);
    const before = await snapshot(seed.app);
    await fc.assert(
      fc.asyncProperty(
        pathArbitrary(seed),
        fc.integer({ min: 90, max: MAX_URL_LENGTH + 2000 }),
        fc.constantFrom('1', 'a', '%41', '-'),
        async (path, length, unit) => {
          const [method, url] = path(unit.repeat(Math.ceil(length / unit.length))) as [
            string,
            string,
          ];
          const response = await seed.app.request(method, url, method === 'PUT' ? [] : undefined);
          assertAnswered(response, `${method} ${url.slice(0, 80)}… (${url.length})`);
          if (url.length > MAX_URL_LENGTH) assertRefused(response, 414);
          assert.equal(await snapshot(seed.app), before);
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  test('control characters in label texts: U+0000 is refused, the others read back as written (trimmed, as every label is)', async (t) => {
    const seed = await seeded(t);
    let count = 0;
    await fc.assert(
      fc.asyncProperty(textWithControls, async (text) => {
        const before = await snapshot(seed.app);
        const name = `edge_${count++}`;
        const response = await seed.app.request('POST', LABELS, { name, label: text });
        if (text.includes('\u0000')) {
          assertRefused(response, 400, JSON.stringify(text));
          assert.equal(response.body.message, NUL_MESSAGE);
          assert.equal(await snapshot(seed.app), before);
          return;
        }
        assertAnswered(response, JSON.stringify(text));
        if (response.status >= 400) {
          assert.equal(await snapshot(seed.app), before);
          return;
        }
        const labels = await seed.app.request('GET', LABELS);
        const created = response.body.results[0] as { typeId: number };
        const read = (labels.body.results as { typeId: number; label: string }[]).find(
          (label) => label.typeId === created.typeId,
        );
        assert.equal(read?.label, text.trim());
        await seed.app.request('DELETE', `${LABELS}/${created.typeId}`);
      }),
      { numRuns: RUNS },
    );
  });

  test('a value of the wrong JSON type where a number belongs is refused and changes nothing', async (t) => {
    const seed = await seeded(t);
    const { contact, company } = seed;
    const before = await snapshot(seed.app);
    const bodies = fc.oneof(
      notANumber.map((value) => [
        'PUT',
        `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`,
        [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: value }],
      ]),
      notANumber.map((value) => [
        'POST',
        `${CONFIGS}/batch/update`,
        { inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: value }] },
      ]),
      notANumber.map((value) => [
        'POST',
        `${CONFIGS}/batch/create`,
        { inputs: [{ category: 'HUBSPOT_DEFINED', typeId: value, maxToObjectIds: 2 }] },
      ]),
      notANumber.map((value) => [
        'POST',
        '/crm/v4/associations/contacts/companies/batch/create',
        {
          inputs: [
            {
              from: { id: contact },
              to: { id: company },
              types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: value }],
            },
          ],
        },
      ]),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async ([method, url, body]) => {
        const response = await seed.app.request(method as string, url as string, body);
        assertRefused(
          response,
          400,
          `${method as string} ${url as string} ${JSON.stringify(body)}`,
        );
        assert.equal(await snapshot(seed.app), before);
      }),
      { numRuns: RUNS },
    );
  });

  test('string values past the limit are refused whole, shorter ones kept', async (t) => {
    const seed = await seeded(t);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: MAX_PROPERTY_VALUE_LENGTH - 3, max: MAX_PROPERTY_VALUE_LENGTH + 3000 }),
        fc.constantFrom('x', 'é', '😀'),
        async (length, unit) => {
          // Whole characters only: half an astral character is refused as an unpaired surrogate.
          const value = unit.repeat(Math.ceil(length / unit.length));
          const before = await snapshot(seed.app);
          const response = await seed.app.request(
            'PATCH',
            `/crm/v3/objects/contacts/${seed.contact}`,
            {
              properties: { notes: value, other: 'ok' },
            },
          );
          if (value.length > MAX_PROPERTY_VALUE_LENGTH) {
            assertRefused(response, 400);
            assert.equal(await snapshot(seed.app), before);
          } else {
            assert.equal(response.status, 200);
            assert.equal(response.body.properties.notes, value);
          }
        },
      ),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  test('headers past the limit, and garbage instead of HTTP, answer the envelope over a socket', async (t) => {
    const seed = await seeded(t);
    await seed.app.app.listen({ port: 0, host: '127.0.0.1' });
    const address = seed.app.app.server.address();
    assert.ok(address && typeof address === 'object');
    const before = await snapshot(seed.app);
    const requests = fc.oneof(
      fc.integer({ min: MAX_HEADER_BYTES + 1, max: 3 * MAX_HEADER_BYTES }).map((size) => ({
        status: 431,
        raw: `POST /crm/v3/objects/contacts HTTP/1.1\r\nHost: x\r\nx-big: ${'h'.repeat(size)}\r\nContent-Length: 2\r\n\r\n{}`,
      })),
      fc
        .string({ minLength: 1, maxLength: 40, unit: 'binary-ascii' })
        // Blank lines before a request line are skipped by HTTP parsers (RFC 9112 2.2), so
        // text of nothing but CR and LF is not garbage: the server rightly waits for a request.
        .filter((text) => !/^[A-Z]+ /.test(text) && /[^\r\n]/.test(text))
        .map((text) => ({ status: 400, raw: `${text}\r\n\r\n` })),
    );
    await fc.assert(
      fc.asyncProperty(requests, async ({ status, raw }) => {
        const text = await new Promise<string>((resolve, reject) => {
          const socket = connect(address.port, '127.0.0.1');
          const chunks: Buffer[] = [];
          socket.on('data', (chunk) => chunks.push(chunk));
          socket.on('error', reject);
          socket.on('close', () => {
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
          socket.end(raw);
        });
        const [head = '', body = ''] = text.split('\r\n\r\n', 2);
        assert.match(head, new RegExp(`^HTTP/1.1 ${status} `), JSON.stringify(raw.slice(0, 60)));
        const envelope = JSON.parse(body) as { correlationId: string };
        assert.deepEqual(schemaProblems(ErrorReplySchema, envelope), []);
        assert.match(head, new RegExp(`X-HubSpot-Correlation-Id: ${envelope.correlationId}`, 'i'));
        assert.equal(await snapshot(seed.app), before);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });
});
