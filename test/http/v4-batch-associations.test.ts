// v4 batch operations: create, read, archive, labels/archive, associate/default, high-usage report.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const BATCH = '/crm/v4/associations/contacts/companies/batch';
const PRIMARY = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 };
const UNLABELED = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 };

function pairInput(from: string, to: string, types = [UNLABELED]) {
  return { from: { id: from }, to: { id: to }, types };
}

async function targetsOf(app: TestApp, objectType: string, id: string, toObjectType: string) {
  const list = await app.request(
    'GET',
    `/crm/v4/objects/${objectType}/${id}/associations/${toObjectType}`,
  );
  return list.body.results.map((r: any) => [
    String(r.toObjectId),
    r.associationTypes.map((t: any) => t.typeId),
  ]);
}

describe('v4 batch create', () => {
  test('answers 201 with one LabelsBetweenObjectPair per input, ids as JSON numbers', async (t) => {
    const app = await buildTestApp(t);
    const contacts = await app.createRecords('contacts', 2);
    const [company] = await app.createRecords('companies', 1);
    const response = await app.request('POST', `${BATCH}/create`, {
      inputs: [pairInput(contacts[0]!, company!, [PRIMARY]), pairInput(contacts[1]!, company!)],
    });
    assert.equal(response.status, 201);
    assert.equal(response.body.status, 'COMPLETE');
    assert.ok(!('errors' in response.body) && !('numErrors' in response.body));
    assert.ok(!Number.isNaN(Date.parse(response.body.startedAt)));
    assert.ok(!Number.isNaN(Date.parse(response.body.completedAt)));
    assert.deepEqual(response.body.results, [
      {
        fromObjectTypeId: '0-1',
        fromObjectId: Number(contacts[0]),
        toObjectTypeId: '0-2',
        toObjectId: Number(company),
        labels: ['Primary'],
      },
      {
        fromObjectTypeId: '0-1',
        fromObjectId: Number(contacts[1]),
        toObjectTypeId: '0-2',
        toObjectId: Number(company),
        labels: [],
      },
    ]);
    assert.deepEqual(await targetsOf(app, 'companies', company!, 'contacts'), [
      [contacts[0], [280, 2]],
      [contacts[1], [280]],
    ]);
  });

  test('answers 207 when some inputs fail, writing the others', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    const response = await app.request('POST', `${BATCH}/create`, {
      inputs: [
        pairInput(contact!, company!),
        pairInput(contact!, '999'),
        pairInput(contact!, company!, [
          { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 },
        ]),
      ],
    });
    assert.equal(response.status, 207);
    assert.equal(response.body.numErrors, 2);
    assert.equal(response.body.results.length, 1);
    assert.deepEqual(response.body.errors[0], {
      status: 'error',
      category: 'VALIDATION_ERROR',
      message: 'One or more associations are invalid',
      context: {
        INVALID_OBJECT_IDS: ['COMPANY=999 is not valid'],
        objectId: ['999'],
        objectType: ['COMPANY'],
      },
    });
    assert.equal(response.body.errors[1].category, 'VALIDATION_ERROR');
    assert.deepEqual(response.body.errors[1].context.associationTypeId, ['3']);
    assert.deepEqual(await targetsOf(app, 'contacts', contact!, 'companies'), [[company, [279]]]);
  });

  test('answers 400 and writes nothing when every input fails', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const response = await app.request('POST', `${BATCH}/create`, {
      inputs: [pairInput(contact!, '11'), pairInput('12', '13')],
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.message, 'One or more associations are invalid');
    assert.deepEqual(response.body.context.INVALID_OBJECT_IDS, [
      'COMPANY=11 is not valid',
      'CONTACT=12 is not valid',
      'COMPANY=13 is not valid',
    ]);
  });

  test('an input with no types is accepted and creates nothing', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    const response = await app.request('POST', `${BATCH}/create`, {
      inputs: [pairInput(contact!, company!, [])],
    });
    assert.equal(response.status, 201);
    assert.deepEqual(await targetsOf(app, 'contacts', contact!, 'companies'), []);
  });

  test('a USER_DEFINED type id that no label defines is refused', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    const response = await app.request('POST', `${BATCH}/create`, {
      inputs: [
        pairInput(contact!, company!, [
          { associationCategory: 'USER_DEFINED', associationTypeId: 279 },
        ]),
      ],
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.category, 'VALIDATION_ERROR');
  });

  test('more than 2,000 inputs are refused before anything is written', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    const inputs = Array.from({ length: 2001 }, () => pairInput(contact!, company!));
    const response = await app.request('POST', `${BATCH}/create`, { inputs });
    assert.equal(response.status, 400);
    assert.equal(response.body.category, 'VALIDATION_ERROR');
    assert.match(response.body.message, /2001 inputs .* at most 2000/);
    assert.deepEqual(await targetsOf(app, 'contacts', contact!, 'companies'), []);
  });
});

describe('v4 batch read', () => {
  test('reads each input from the other side, with per-input paging', async (t) => {
    const app = await buildTestApp(t);
    const contacts = await app.createRecords('contacts', 2);
    const companies = await app.createRecords('companies', 3);
    await app.request('POST', `${BATCH}/create`, {
      inputs: [
        ...companies.map((company) => pairInput(contacts[0]!, company)),
        pairInput(contacts[1]!, companies[0]!, [PRIMARY]),
      ],
    });
    const read = await app.request('POST', '/crm/v4/associations/companies/contacts/batch/read', {
      inputs: [{ id: companies[0] }, { id: companies[2] }],
    });
    assert.equal(read.status, 200);
    assert.deepEqual(read.body.results, [
      {
        from: { id: companies[0] },
        to: [
          {
            toObjectId: Number(contacts[0]),
            associationTypes: [
              {
                category: 'HUBSPOT_DEFINED',
                typeId: 280,
                label: null,
                fromObjectTypeId: '0-2',
                toObjectTypeId: '0-1',
              },
            ],
          },
          {
            toObjectId: Number(contacts[1]),
            associationTypes: [
              {
                category: 'HUBSPOT_DEFINED',
                typeId: 280,
                label: null,
                fromObjectTypeId: '0-2',
                toObjectTypeId: '0-1',
              },
              {
                category: 'HUBSPOT_DEFINED',
                typeId: 2,
                label: 'Primary',
                fromObjectTypeId: '0-2',
                toObjectTypeId: '0-1',
              },
            ],
          },
        ],
      },
      {
        from: { id: companies[2] },
        to: [
          {
            toObjectId: Number(contacts[0]),
            associationTypes: [
              {
                category: 'HUBSPOT_DEFINED',
                typeId: 280,
                label: null,
                fromObjectTypeId: '0-2',
                toObjectTypeId: '0-1',
              },
            ],
          },
        ],
      },
    ]);
  });

  test('an input without associations is an error item, the call answers 207', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    await app.request('POST', `${BATCH}/create`, { inputs: [pairInput(contact!, company!)] });
    const read = await app.request('POST', '/crm/v4/associations/deals/companies/batch/read', {
      inputs: [{ id: '515690208449' }],
    });
    assert.equal(read.status, 207);
    assert.deepEqual(read.body.results, []);
    assert.equal(read.body.numErrors, 1);
    assert.deepEqual(read.body.errors, [
      {
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
        message: 'No company is associated with deal 515690208449.',
        context: {
          fromObjectId: ['515690208449'],
          fromObjectType: ['deal'],
          toObjectType: ['company'],
        },
      },
    ]);
  });

  test('an after cursor resumes one input where its page ended', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const companies = await app.createRecords('companies', 4);
    await app.request('POST', `${BATCH}/create`, {
      inputs: companies.map((c) => pairInput(contact!, c)),
    });
    const first = await app.request(
      'GET',
      `/crm/v4/objects/contacts/${contact}/associations/companies?limit=2`,
    );
    const read = await app.request('POST', `${BATCH}/read`, {
      inputs: [{ id: contact, after: first.body.paging.next.after }],
    });
    assert.deepEqual(
      read.body.results[0].to.map((r: any) => String(r.toObjectId)),
      companies.slice(2),
    );
    assert.equal(read.body.results[0].paging, undefined);
  });

  test('more than 1,000 inputs are refused', async (t) => {
    const app = await buildTestApp(t);
    const inputs = Array.from({ length: 1001 }, (_, index) => ({ id: String(index + 1) }));
    const response = await app.request('POST', `${BATCH}/read`, { inputs });
    assert.equal(response.status, 400);
    assert.equal(response.body.category, 'VALIDATION_ERROR');
  });
});

describe('v4 batch removals', () => {
  test('batch archive answers 204 and removes the pairs from both sides', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const companies = await app.createRecords('companies', 3);
    await app.request('POST', `${BATCH}/create`, {
      inputs: companies.map((c) => pairInput(contact!, c, [PRIMARY])),
    });
    const response = await app.request('POST', `${BATCH}/archive`, {
      inputs: [
        { from: { id: contact }, to: [{ id: companies[0] }, { id: companies[2] }, { id: '404' }] },
      ],
    });
    assert.equal(response.status, 204);
    assert.equal(response.text, '');
    // Primary went to the last company of the batch, which is archived with the first.
    assert.deepEqual(await targetsOf(app, 'contacts', contact!, 'companies'), [
      [companies[1], [279]],
    ]);
    assert.deepEqual(await targetsOf(app, 'companies', companies[0]!, 'contacts'), []);
  });

  test('labels/archive removes only the listed label and keeps the association', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    await app.request('POST', `${BATCH}/create`, {
      inputs: [pairInput(contact!, company!, [PRIMARY])],
    });
    const response = await app.request('POST', `${BATCH}/labels/archive`, {
      inputs: [pairInput(contact!, company!, [PRIMARY])],
    });
    assert.equal(response.status, 204);
    assert.deepEqual(await targetsOf(app, 'contacts', contact!, 'companies'), [[company, [279]]]);
    assert.deepEqual(await targetsOf(app, 'companies', company!, 'contacts'), [[contact, [280]]]);
  });

  test('labels/archive of the unlabeled type removes every label between the pair', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    await app.request('POST', `${BATCH}/create`, {
      inputs: [pairInput(contact!, company!, [PRIMARY])],
    });
    await app.request('POST', `${BATCH}/labels/archive`, {
      inputs: [pairInput(contact!, company!, [UNLABELED])],
    });
    assert.deepEqual(await targetsOf(app, 'contacts', contact!, 'companies'), []);
    assert.deepEqual(await targetsOf(app, 'companies', company!, 'contacts'), []);
  });

  test('labels/archive with a type of another pair is refused and removes nothing', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    await app.request('POST', `${BATCH}/create`, {
      inputs: [pairInput(contact!, company!, [PRIMARY])],
    });
    const response = await app.request('POST', `${BATCH}/labels/archive`, {
      inputs: [
        pairInput(contact!, company!, [PRIMARY]),
        pairInput(contact!, company!, [
          { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 5 },
        ]),
      ],
    });
    assert.equal(response.status, 400);
    assert.deepEqual(await targetsOf(app, 'contacts', contact!, 'companies'), [
      [company, [279, 1]],
    ]);
  });
});

describe('v4 batch associate default', () => {
  test('answers 200 with both directions of every input', async (t) => {
    const app = await buildTestApp(t);
    const [deal] = await app.createRecords('deals', 1);
    const [lineItem] = await app.createRecords('line_items', 1);
    const response = await app.request(
      'POST',
      '/crm/v4/associations/deals/line_items/batch/associate/default',
      {
        inputs: [{ from: { id: deal }, to: { id: lineItem } }],
      },
    );
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.results, [
      {
        from: { id: deal },
        to: { id: lineItem },
        associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 19 },
      },
      {
        from: { id: lineItem },
        to: { id: deal },
        associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 20 },
      },
    ]);
  });

  test('reports failed inputs inside its 200 answer, as the operation has no 207', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    const response = await app.request('POST', `${BATCH}/associate/default`, {
      inputs: [
        { from: { id: contact }, to: { id: company } },
        { from: { id: contact }, to: { id: '77' } },
      ],
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.numErrors, 1);
    assert.equal(response.body.results.length, 2);
    assert.deepEqual(response.body.errors[0].context.INVALID_OBJECT_IDS, [
      'COMPANY=77 is not valid',
    ]);
  });
});

test('the high-usage report is acknowledged in HubSpot shape', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.request('POST', '/crm/v4/associations/usage/high-usage-report/12345');
  assert.equal(response.status, 200);
  assert.equal(response.body.userId, 12345);
  assert.equal(typeof response.body.userEmail, 'string');
  assert.deepEqual(Object.keys(response.body.enqueueTime).sort(), [
    'dateOnly',
    'timeZoneShift',
    'value',
  ]);
  const bad = await app.request('POST', '/crm/v4/associations/usage/high-usage-report/abc');
  assert.equal(bad.status, 400);
});
