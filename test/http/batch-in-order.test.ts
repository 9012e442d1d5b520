// A batch means its inputs applied in order, one by one, as separate PUTs would apply them,
// inside one transaction (issue 15): the reproductions of the ways batches broke that rule.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  HUBSPOT,
  LABEL,
  input,
  limitCompaniesPerContact,
  one,
  typesOf,
} from '../helpers/pair-requests.js';
import { buildTestApp } from '../helpers/test-app.js';

const labelsOf = (response: { body: any }) =>
  (response.body.results as any[]).map((result) => result.labels);

describe('the same pair twice in one batch: the last input wins', () => {
  test('ticket to companies X, Y, X with Primary (26) leaves Primary on X (v4)', async (t) => {
    const app = await buildTestApp(t);
    const [x, y, ticket] = [
      await one(app, 'companies'),
      await one(app, 'companies'),
      await one(app, 'tickets'),
    ];
    const response = await app.request(
      'POST',
      '/crm/v4/associations/tickets/companies/batch/create',
      {
        inputs: [
          input(ticket, x, [HUBSPOT(26)]),
          input(ticket, y, [HUBSPOT(26)]),
          input(ticket, x, [HUBSPOT(26)]),
        ],
      },
    );
    assert.equal(response.status, 201, response.text);
    assert.deepEqual(labelsOf(response), [['Primary'], ['Primary'], ['Primary']]);
    assert.deepEqual(await typesOf(app, 'tickets', ticket, 'companies'), [
      `${x} HUBSPOT_DEFINED:26`,
      `${x} HUBSPOT_DEFINED:339`,
      `${y} HUBSPOT_DEFINED:339`,
    ]);
  });

  test('companies X, Y, X to a ticket (25) and to a deal (6) leave X primary (dated families)', async (t) => {
    const app = await buildTestApp(t);
    const [x, y] = [await one(app, 'companies'), await one(app, 'companies')];
    const [ticket, deal] = [await one(app, 'tickets'), await one(app, 'deals')];
    const cases = [
      { family: '2026-03', to: 'tickets', id: ticket, typeId: 25, owned: 26 },
      { family: '2025-09', to: 'deals', id: deal, typeId: 6, owned: 5 },
    ];
    const primaries: Record<string, string[]> = {};
    for (const { family, to, id, typeId, owned } of cases) {
      const url = `/crm/associations/${family}/companies/${to}/batch/create`;
      const types = [HUBSPOT(typeId)];
      const response = await app.request('POST', url, {
        inputs: [input(x, id, types), input(y, id, types), input(x, id, types)],
      });
      assert.equal(response.status, 201, response.text);
      const companies = await typesOf(app, to, id, 'companies');
      primaries[url] = companies.filter((line) => line.endsWith(`:${owned}`));
    }
    assert.deepEqual(primaries, {
      '/crm/associations/2026-03/companies/tickets/batch/create': [`${x} HUBSPOT_DEFINED:26`],
      '/crm/associations/2025-09/companies/deals/batch/create': [`${x} HUBSPOT_DEFINED:5`],
    });
  });

  test('naming contact_to_company twice for one pair keeps its Primary (v3)', async (t) => {
    const app = await buildTestApp(t);
    const [contact, company] = [await one(app, 'contacts'), await one(app, 'companies')];
    const named = { from: { id: contact }, to: { id: company }, type: 'contact_to_company' };
    const response = await app.request(
      'POST',
      '/crm/v3/associations/contacts/companies/batch/create',
      {
        inputs: [named, named],
      },
    );
    assert.equal(response.status, 201, response.text);
    assert.deepEqual(await typesOf(app, 'contacts', contact, 'companies'), [
      `${company} HUBSPOT_DEFINED:1`,
      `${company} HUBSPOT_DEFINED:279`,
    ]);
  });

  test('Primary (1) then Billing contact (931) for one pair: Primary moves there, then goes', async (t) => {
    const app = await buildTestApp(t);
    const [contact, previous, company] = [
      await one(app, 'contacts'),
      await one(app, 'companies'),
      await one(app, 'companies'),
    ];
    const url = `/crm/v4/objects/contacts/${contact}/associations/companies/${previous}`;
    assert.equal((await app.request('PUT', url, [HUBSPOT(1)])).status, 201);
    const response = await app.request(
      'POST',
      '/crm/v4/associations/contacts/companies/batch/create',
      {
        inputs: [input(contact, company, [HUBSPOT(1)]), input(contact, company, [HUBSPOT(931)])],
      },
    );
    assert.equal(response.status, 201, response.text);
    assert.deepEqual(labelsOf(response), [['Primary'], ['Billing contact']]);
    assert.deepEqual(await typesOf(app, 'contacts', contact, 'companies'), [
      `${previous} HUBSPOT_DEFINED:279`,
      `${company} HUBSPOT_DEFINED:279`,
      `${company} HUBSPOT_DEFINED:931`,
    ]);
  });

  test('an input with no types reports the labels the pair carries after the inputs before it', async (t) => {
    const app = await buildTestApp(t);
    const [contact, company] = [await one(app, 'contacts'), await one(app, 'companies')];
    const url = '/crm/v4/associations/contacts/companies/batch/create';
    const after = await app.request('POST', url, {
      inputs: [input(contact, company, [HUBSPOT(1)]), input(contact, company, [])],
    });
    assert.equal(after.status, 201, after.text);
    assert.deepEqual(labelsOf(after), [['Primary'], ['Primary']]);
    const other = await one(app, 'contacts');
    const before = await app.request('POST', url, {
      inputs: [input(other, company, []), input(other, company, [HUBSPOT(1)])],
    });
    assert.equal(before.status, 201, before.text);
    assert.deepEqual(labelsOf(before), [[], ['Primary']]);
  });
});

describe('a pair of records of one type, written both ways in one batch', () => {
  test('C1→C2 with a label, then C2→C1 with the unlabeled type only, leaves only 449, as two PUTs do', async (t) => {
    const app = await buildTestApp(t);
    const label = await app.request('POST', '/crm/v4/associations/contacts/contacts/labels', {
      name: 'mentor',
      label: 'Mentor',
      inverseLabel: 'Mentee',
    });
    assert.deepEqual(
      (label.body.results as any[]).map((type) => type.typeId),
      [1, 2],
      label.text,
    );
    const [c1, c2, c3, c4] = await app.createRecords('contacts', 4);
    if (!c1 || !c2 || !c3 || !c4) throw new Error('four contacts were created');
    const batch = await app.request('POST', '/crm/v4/associations/contacts/contacts/batch/create', {
      inputs: [input(c1, c2, [LABEL(2)]), input(c2, c1, [HUBSPOT(449)])],
    });
    assert.equal(batch.status, 201, batch.text);
    assert.deepEqual(labelsOf(batch), [['Mentee'], []]);
    const put = (from: string, to: string, types: unknown[]) =>
      app.request('PUT', `/crm/v4/objects/contacts/${from}/associations/contacts/${to}`, types);
    assert.equal((await put(c3, c4, [LABEL(2)])).status, 201);
    assert.equal((await put(c4, c3, [HUBSPOT(449)])).status, 201);
    assert.deepEqual(await typesOf(app, 'contacts', c3, 'contacts'), [`${c4} HUBSPOT_DEFINED:449`]);
    assert.deepEqual(await typesOf(app, 'contacts', c4, 'contacts'), [`${c3} HUBSPOT_DEFINED:449`]);
    assert.deepEqual(await typesOf(app, 'contacts', c1, 'contacts'), [`${c2} HUBSPOT_DEFINED:449`]);
    assert.deepEqual(await typesOf(app, 'contacts', c2, 'contacts'), [`${c1} HUBSPOT_DEFINED:449`]);
  });
});

describe('types: [] writes nothing and is never refused by a limit', () => {
  async function atLimit(t: Parameters<typeof buildTestApp>[0]) {
    const app = await buildTestApp(t);
    const [contact, k1, k2] = [
      await one(app, 'contacts'),
      await one(app, 'companies'),
      await one(app, 'companies'),
    ];
    await limitCompaniesPerContact(app, 279, 1);
    const first = await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/companies/${k1}`,
      [HUBSPOT(279)],
    );
    assert.equal(first.status, 201, first.text);
    return { app, contact, k1, k2 };
  }

  test('PUT with [] to a new company of a contact at its limit answers 201 and writes nothing', async (t) => {
    const { app, contact, k1, k2 } = await atLimit(t);
    const response = await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/companies/${k2}`,
      [],
    );
    assert.equal(response.status, 201, response.text);
    assert.deepEqual(response.body.labels, []);
    assert.deepEqual(await typesOf(app, 'contacts', contact, 'companies'), [
      `${k1} HUBSPOT_DEFINED:279`,
    ]);
  });

  test('in a batch, the [] input succeeds: 201, not 207 or 400', async (t) => {
    const { app, contact, k1, k2 } = await atLimit(t);
    const url = '/crm/v4/associations/contacts/companies/batch/create';
    const alone = await app.request('POST', url, { inputs: [input(contact, k2, [])] });
    assert.equal(alone.status, 201, alone.text);
    const mixed = await app.request('POST', url, {
      inputs: [input(contact, k1, [HUBSPOT(279)]), input(contact, k2, [])],
    });
    assert.equal(mixed.status, 201, mixed.text);
    assert.deepEqual(labelsOf(mixed), [[], []]);
    assert.deepEqual(await typesOf(app, 'contacts', contact, 'companies'), [
      `${k1} HUBSPOT_DEFINED:279`,
    ]);
  });
});

describe('what earlier inputs of a batch did is the state later inputs meet', () => {
  test('a limit counts the targets as the earlier inputs left them', async (t) => {
    const app = await buildTestApp(t);
    const [contact, k1, k2] = [
      await one(app, 'contacts'),
      await one(app, 'companies'),
      await one(app, 'companies'),
    ];
    await limitCompaniesPerContact(app, 1, 1);
    const url = `/crm/v4/objects/contacts/${contact}/associations/companies/${k1}`;
    assert.equal((await app.request('PUT', url, [HUBSPOT(1)])).status, 201);
    // The first input takes Primary off K1; the second gives it to K2: one primary company, as
    // the same two PUTs would leave it.
    const response = await app.request(
      'POST',
      '/crm/v4/associations/contacts/companies/batch/create',
      {
        inputs: [input(contact, k1, [HUBSPOT(279)]), input(contact, k2, [HUBSPOT(1)])],
      },
    );
    assert.equal(response.status, 201, response.text);
    assert.deepEqual(await typesOf(app, 'contacts', contact, 'companies'), [
      `${k1} HUBSPOT_DEFINED:279`,
      `${k2} HUBSPOT_DEFINED:1`,
      `${k2} HUBSPOT_DEFINED:279`,
    ]);
  });

  test('legacy create-batch applies its inputs in order, across definitions', async (t) => {
    const app = await buildTestApp(t);
    const contact = await one(app, 'contacts');
    const [k1, k2, k3] = await app.createRecords('companies', 3);
    const association = (
      from: string | undefined,
      to: string | undefined,
      definitionId: number,
    ) => ({
      fromObjectId: from,
      toObjectId: to,
      category: 'HUBSPOT_DEFINED',
      definitionId,
    });
    const response = await app.request('PUT', '/crm-associations/v1/associations/create-batch', [
      association(contact, k1, 1),
      association(k2, contact, 2),
      association(contact, k3, 1),
    ]);
    assert.equal(response.status, 204, response.text);
    const primary = (await typesOf(app, 'contacts', contact, 'companies')).filter((line) =>
      line.endsWith(':1'),
    );
    assert.deepEqual(primary, [`${k3} HUBSPOT_DEFINED:1`]);
  });

  test('failed inputs are reported in input order, and an all-failed batch answers the first', async (t) => {
    const app = await buildTestApp(t);
    const [contact, k1, k2] = [
      await one(app, 'contacts'),
      await one(app, 'companies'),
      await one(app, 'companies'),
    ];
    await limitCompaniesPerContact(app, 279, 1);
    const url = `/crm/v4/objects/contacts/${contact}/associations/companies/${k1}`;
    assert.equal((await app.request('PUT', url, [HUBSPOT(279)])).status, 201);
    const batch = '/crm/v4/associations/contacts/companies/batch/create';
    const inputs = [
      input(contact, k2, [HUBSPOT(279)]),
      input(contact, '10000009999', [HUBSPOT(279)]),
    ];
    const partly = await app.request('POST', batch, {
      inputs: [input(contact, k1, [HUBSPOT(279)]), ...inputs],
    });
    assert.equal(partly.status, 207, partly.text);
    assert.deepEqual(
      (partly.body.errors as any[]).map((error) => error.message),
      [
        'Association limit exceeded: contact ' +
          contact +
          ' can be associated with at most 1 companies',
        'One or more associations are invalid',
      ],
    );
    const failed = await app.request('POST', batch, { inputs });
    assert.equal(failed.status, 400, failed.text);
    assert.match(failed.body.message, /^Association limit exceeded/);
  });
});
