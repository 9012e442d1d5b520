// v4 record-level operations: PUT default, PUT labelled, GET list with paging, DELETE.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const PRIMARY = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 };
const UNLABELED = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 };

function typesOf(body: any, toObjectId: string) {
  const target = body.results.find((result: any) => String(result.toObjectId) === toObjectId);
  return target?.associationTypes.map((type: any) => type.typeId);
}

async function contactAndCompanies(t: TestApp, companies: number) {
  const [contact] = await t.createRecords('contacts', 1);
  return { contact: contact!, companies: await t.createRecords('companies', companies) };
}

/** Every page of a contact's companies at `limit` per page, following `after`; each page's results. */
async function companyPages(t: TestApp, contact: string, limit: number): Promise<any[][]> {
  const pages: any[][] = [];
  let after: string | undefined;
  do {
    const query = after === undefined ? `?limit=${limit}` : `?limit=${limit}&after=${after}`;
    const page = await t.request(
      'GET',
      `/crm/v4/objects/contacts/${contact}/associations/companies${query}`,
    );
    assert.equal(page.status, 200);
    pages.push(page.body.results);
    after = page.body.paging?.next.after;
    assert.ok(after === undefined || /^[A-Za-z0-9_-]+$/.test(after), 'cursor is URL-safe');
  } while (after !== undefined);
  return pages;
}

describe('v4 record-level associations', () => {
  test('PUT default associates both directions and answers both results', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app, 1);
    const company = companies[0]!;
    const put = await app.request(
      'PUT',
      `/crm/v4/objects/contact/${contact}/associations/default/company/${company}`,
    );
    assert.equal(put.status, 200);
    assert.equal(put.body.status, 'COMPLETE');
    assert.deepEqual(
      put.body.results.map((r: any) => [r.from.id, r.to.id, r.associationSpec.associationTypeId]),
      [
        [contact, company, 279],
        [company, contact, 280],
      ],
    );
    const fromCompany = await app.request(
      'GET',
      `/crm/v4/objects/companies/${company}/associations/contacts`,
    );
    assert.deepEqual(fromCompany.body.results, [
      {
        toObjectId: Number(contact),
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
    ]);
  });

  test('PUT labelled answers 201 with the labels and a Location header', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app, 1);
    const url = `/crm/v4/objects/0-1/${contact}/associations/0-2/${companies[0]}`;
    const put = await app.request('PUT', url, [PRIMARY]);
    assert.equal(put.status, 201);
    assert.equal(put.headers.location, url);
    assert.deepEqual(put.body, {
      fromObjectTypeId: '0-1',
      fromObjectId: Number(contact),
      toObjectTypeId: '0-2',
      toObjectId: Number(companies[0]),
      labels: ['Primary'],
    });
  });

  test('a labelled association implies the unlabeled one, in both directions', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app, 1);
    const company = companies[0]!;
    await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`,
      [PRIMARY],
    );
    const fromContact = await app.request(
      'GET',
      `/crm/v4/objects/contacts/${contact}/associations/companies`,
    );
    assert.deepEqual(fromContact.body.results[0].associationTypes, [
      {
        category: 'HUBSPOT_DEFINED',
        typeId: 279,
        label: null,
        fromObjectTypeId: '0-1',
        toObjectTypeId: '0-2',
      },
      {
        category: 'HUBSPOT_DEFINED',
        typeId: 1,
        label: 'Primary',
        fromObjectTypeId: '0-1',
        toObjectTypeId: '0-2',
      },
    ]);
    const fromCompany = await app.request(
      'GET',
      `/crm/v4/objects/companies/${company}/associations/contacts`,
    );
    assert.deepEqual(typesOf(fromCompany.body, contact), [280, 2]);
  });

  test('PUT labelled replaces the labels of the pair and keeps the association', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app, 1);
    const url = `/crm/v4/objects/contacts/${contact}/associations/companies/${companies[0]}`;
    await app.request('PUT', url, [PRIMARY]);
    const replaced = await app.request('PUT', url, [UNLABELED]);
    assert.deepEqual(replaced.body.labels, []);
    const list = await app.request(
      'GET',
      `/crm/v4/objects/contacts/${contact}/associations/companies`,
    );
    assert.deepEqual(typesOf(list.body, companies[0]!), [279]);
    const back = await app.request(
      'GET',
      `/crm/v4/objects/companies/${companies[0]}/associations/contacts`,
    );
    assert.deepEqual(typesOf(back.body, contact), [280]);
  });

  test('making a second company primary moves Primary away from the first', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app, 2);
    const [first, second] = companies as [string, string];
    await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/companies/${first}`,
      [PRIMARY],
    );
    await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/companies/${second}`,
      [PRIMARY],
    );
    const list = await app.request(
      'GET',
      `/crm/v4/objects/contacts/${contact}/associations/companies`,
    );
    assert.deepEqual(typesOf(list.body, first), [279]);
    assert.deepEqual(typesOf(list.body, second), [279, 1]);
    const firstSide = await app.request(
      'GET',
      `/crm/v4/objects/companies/${first}/associations/contacts`,
    );
    assert.deepEqual(typesOf(firstSide.body, contact), [280]);
  });

  test('writing the same association twice stores it once', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app, 1);
    const url = `/crm/v4/objects/contacts/${contact}/associations/companies/${companies[0]}`;
    await app.request('PUT', url, [PRIMARY]);
    await app.request('PUT', url, [PRIMARY]);
    await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/default/companies/${companies[0]}`,
    );
    const list = await app.request(
      'GET',
      `/crm/v4/objects/contacts/${contact}/associations/companies`,
    );
    assert.equal(list.body.results.length, 1);
    assert.deepEqual(typesOf(list.body, companies[0]!), [279, 1]);
  });

  test('DELETE removes every type between the pair from both sides, and is idempotent', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app, 2);
    const url = `/crm/v4/objects/contacts/${contact}/associations/companies/${companies[0]}`;
    await app.request('PUT', url, [PRIMARY]);
    await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/companies/${companies[1]}`,
      [UNLABELED],
    );
    const deleted = await app.request('DELETE', url);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.text, '');
    assert.equal((await app.request('DELETE', url)).status, 204);
    const list = await app.request(
      'GET',
      `/crm/v4/objects/contacts/${contact}/associations/companies`,
    );
    assert.deepEqual(
      list.body.results.map((r: any) => String(r.toObjectId)),
      [companies[1]],
    );
    const back = await app.request(
      'GET',
      `/crm/v4/objects/companies/${companies[0]}/associations/contacts`,
    );
    assert.deepEqual(back.body.results, []);
  });

  test('GET pages with limit and after, and every target comes exactly once', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app, 7);
    for (const company of companies) {
      await app.request(
        'PUT',
        `/crm/v4/objects/contacts/${contact}/associations/default/companies/${company}`,
      );
    }
    const pages = await companyPages(app, contact, 3);
    assert.deepEqual(
      pages.map((results) => results.length),
      [3, 3, 1],
    );
    const seen = pages.flat().map((r: any) => String(r.toObjectId));
    assert.deepEqual(seen, [...companies].sort());
  });

  test('a page counts targets, not types: a target keeps all its types on one page', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app, 5);
    const created = await app.request('POST', '/crm/v4/associations/contacts/companies/labels', {
      name: 'partner',
      label: 'Partner',
    });
    const partner = created.body.results[0].typeId as number;
    // Each company is reached through two types: unlabeled and the label.
    for (const company of companies) {
      await app.request(
        'PUT',
        `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`,
        [{ associationCategory: 'USER_DEFINED', associationTypeId: partner }],
      );
    }
    const pages = (await companyPages(app, contact, 2)).map((results) =>
      results.map((r: any) => [r.toObjectId, r.associationTypes.map((type: any) => type.typeId)]),
    );
    const ids = [...companies].sort().map(Number);
    assert.deepEqual(pages, [
      [
        [ids[0], [279, partner]],
        [ids[1], [279, partner]],
      ],
      [
        [ids[2], [279, partner]],
        [ids[3], [279, partner]],
      ],
      [[ids[4], [279, partner]]],
    ]);
  });

  test('GET answers 500 targets per page by default, the documented maximum', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app, 501);
    const created = await app.request(
      'POST',
      '/crm/v4/associations/contacts/companies/batch/associate/default',
      {
        inputs: companies.map((company) => ({ from: { id: contact }, to: { id: company } })),
      },
    );
    assert.equal(created.status, 200);
    for (const query of ['', '?limit=1000']) {
      const page = await app.request(
        'GET',
        `/crm/v4/objects/contacts/${contact}/associations/companies${query}`,
      );
      assert.equal(page.body.results.length, 500);
      assert.ok(page.body.paging.next.after);
    }
  });

  test('GET refuses a cursor it did not issue and a limit below one', async (t) => {
    const app = await buildTestApp(t);
    const { contact } = await contactAndCompanies(app, 0);
    for (const query of ['?after=not-a-cursor', '?limit=0']) {
      const response = await app.request(
        'GET',
        `/crm/v4/objects/contacts/${contact}/associations/companies${query}`,
      );
      assert.equal(response.status, 400);
      assert.equal(response.body.category, 'VALIDATION_ERROR');
    }
  });

  test('PUT labelled with a record that does not exist answers INVALID_OBJECT_IDS and writes nothing', async (t) => {
    const app = await buildTestApp(t);
    const { contact } = await contactAndCompanies(app, 0);
    const response = await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/companies/38374264688`,
      [UNLABELED],
    );
    assert.equal(response.status, 400);
    assert.equal(response.body.message, 'One or more associations are invalid');
    assert.equal(response.body.category, 'VALIDATION_ERROR');
    assert.deepEqual(response.body.context, {
      INVALID_OBJECT_IDS: ['COMPANY=38374264688 is not valid'],
      objectId: ['38374264688'],
      objectType: ['COMPANY'],
    });
    const list = await app.request(
      'GET',
      `/crm/v4/objects/contacts/${contact}/associations/companies`,
    );
    assert.deepEqual(list.body.results, []);
  });

  test('a type id of another object pair is refused', async (t) => {
    const app = await buildTestApp(t);
    const [deal] = await app.createRecords('deals', 1);
    const [company] = await app.createRecords('companies', 1);
    const response = await app.request(
      'PUT',
      `/crm/v4/objects/deals/${deal}/associations/companies/${company}`,
      [PRIMARY],
    );
    assert.equal(response.status, 400);
    assert.equal(response.body.category, 'VALIDATION_ERROR');
    assert.match(response.body.message, /not a valid association type between deals and companies/);
    const ok = await app.request(
      'PUT',
      `/crm/v4/objects/deals/${deal}/associations/companies/${company}`,
      [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 5 }],
    );
    assert.deepEqual(ok.body.labels, ['Primary']);
  });

  test('an archived record can no longer be associated and its associations are hidden', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app, 2);
    await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/companies/${companies[0]}`,
      [PRIMARY],
    );
    await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/default/companies/${companies[1]}`,
    );
    assert.equal(
      (await app.request('DELETE', `/crm/v3/objects/companies/${companies[0]}`)).status,
      204,
    );
    const list = await app.request(
      'GET',
      `/crm/v4/objects/contacts/${contact}/associations/companies`,
    );
    assert.deepEqual(
      list.body.results.map((r: any) => String(r.toObjectId)),
      [companies[1]],
    );
    const again = await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/default/companies/${companies[0]}`,
    );
    assert.equal(again.status, 400);
    assert.deepEqual(again.body.context.INVALID_OBJECT_IDS, [
      `COMPANY=${companies[0]} is not valid`,
    ]);
  });

  test('object types are accepted as ids, plurals and singulars in any case', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app, 1);
    await app.request(
      'PUT',
      `/crm/v4/objects/CONTACT/${contact}/associations/default/Companies/${companies[0]}`,
    );
    for (const [from, to] of [
      ['0-1', '0-2'],
      ['contacts', 'company'],
      ['Contact', 'COMPANIES'],
    ]) {
      const list = await app.request(
        'GET',
        `/crm/v4/objects/${from}/${contact}/associations/${to}`,
      );
      assert.equal(list.body.results.length, 1, `${from} → ${to}`);
    }
  });

  test('PUT default between types with no default association type is refused', async (t) => {
    const app = await buildTestApp(t);
    const [product] = await app.createRecords('products', 1);
    const [contact] = await app.createRecords('contacts', 1);
    const response = await app.request(
      'PUT',
      `/crm/v4/objects/products/${product}/associations/default/contacts/${contact}`,
    );
    assert.equal(response.status, 400);
    assert.equal(response.body.category, 'VALIDATION_ERROR');
  });
});
