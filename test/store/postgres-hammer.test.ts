// Several server processes on one PostgreSQL database, hammered at once with overlapping writes
// and bursts of requests: the engine's rules and each portal's rate limits hold across processes
// as they hold in one.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestSchema, postgresSkip } from '../helpers/postgres.js';
import { call, serversForTest, type ServerProcess } from '../helpers/server-process.js';

const skip = await postgresSkip();

const PROCESSES = 3;
const CONTACTS = 12;
const COMPANIES = 12;
/** Companies one contact may have, through the unlabeled type. */
const LIMIT = 4;
const ROUNDS = 90;
const LABELS = 24;
/** Requests a portal may make in ten seconds, in the rate-limit test. */
const BURST = 20;

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function createRecords(url: string, type: string, count: number): Promise<number[]> {
  const inputs = Array.from({ length: count }, () => ({ properties: {} }));
  const response = await call(`${url}/crm/v3/objects/${type}/batch/create`, 'POST', { inputs });
  assert.equal(response.status, 201);
  return response.body.results.map((result: { id: string }) => Number(result.id));
}

/** Every target of a record with its type ids, as GET list pages them. */
async function targetsOf(url: string, from: string, id: number, to: string) {
  const targets = new Map<number, number[]>();
  let after: string | undefined;
  do {
    const query = after ? `?limit=3&after=${after}` : '?limit=3';
    const page = await call(
      `${url}/crm/v4/objects/${from}/${id}/associations/${to}${query}`,
      'GET',
    );
    assert.equal(page.status, 200);
    for (const result of page.body.results) {
      assert.ok(!targets.has(result.toObjectId), `${from} ${id} lists ${result.toObjectId} twice`);
      const typeIds = result.associationTypes.map((type: { typeId: number }) => type.typeId);
      assert.equal(new Set(typeIds).size, typeIds.length, `duplicate types from ${id}`);
      targets.set(result.toObjectId, typeIds);
    }
    after = page.body.paging?.next?.after;
  } while (after);
  return targets;
}

describe('postgres: processes hammering one database', { skip }, () => {
  test('overlapping writes from every process keep both directions, limits and label ids', async (t) => {
    const schema = await createTestSchema();
    const start = serversForTest(t, schema.drop);
    const servers: ServerProcess[] = await Promise.all(
      Array.from({ length: PROCESSES }, () => start(['--db', schema.url])),
    );
    const urlOf = (index: number) => servers[index % PROCESSES]!.url;
    const contacts = await createRecords(urlOf(0), 'contacts', CONTACTS);
    const companies = await createRecords(urlOf(1), 'companies', COMPANIES);
    const limit = await call(
      `${urlOf(2)}/crm/associations/v4/definitions/configurations/contacts/companies/batch/create`,
      'POST',
      { inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: LIMIT }] },
    );
    assert.equal(limit.status, 201);

    // Every round writes or removes a few random pairs through a random family and process; the
    // pairs overlap heavily, so processes race on the same rows and the same limit slots.
    const next = random(20261123);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    const rounds = Array.from({ length: ROUNDS }, (_, round) => {
      const pairs = Array.from({ length: 3 }, () => [pick(contacts), pick(companies)] as const);
      const url = urlOf(round);
      switch (round % 6) {
        case 0:
        case 1:
          return call(`${url}/crm/v4/associations/contacts/companies/batch/create`, 'POST', {
            inputs: pairs.map(([contact, company]) => ({
              from: { id: String(contact) },
              to: { id: String(company) },
              types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }],
            })),
          });
        case 2:
          return call(`${url}/crm/v3/associations/companies/contacts/batch/create`, 'POST', {
            inputs: pairs.map(([contact, company]) => ({
              from: { id: String(company) },
              to: { id: String(contact) },
              type: 'company_to_contact',
            })),
          });
        case 3:
          return call(
            `${url}/crm/v4/associations/contacts/companies/batch/associate/default`,
            'POST',
            {
              inputs: pairs.map(([contact, company]) => ({
                from: { id: String(contact) },
                to: { id: String(company) },
              })),
            },
          );
        case 4: {
          // One pair made Primary: moves the contact's Primary off another pair another write
          // may be replacing or removing at that moment.
          const [contact, company] = pairs[0]!;
          return call(
            `${url}/crm/v4/objects/contacts/${contact}/associations/companies/${company}`,
            'PUT',
            [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }],
          );
        }
        default:
          return call(`${url}/crm/v4/associations/companies/contacts/batch/archive`, 'POST', {
            inputs: pairs.map(([contact, company]) => ({
              from: { id: String(company) },
              to: [{ id: String(contact) }],
            })),
          });
      }
    });
    // Batches naming every pair at once hold each contact whole rather than pair by pair (too
    // many pairs to hold one by one), beside the rounds' writes of single pairs.
    const everyPair = contacts.flatMap((contact) => companies.map((company) => [contact, company]));
    const wideBatches = [
      call(`${urlOf(0)}/crm/v4/associations/contacts/companies/batch/create`, 'POST', {
        inputs: everyPair.map(([contact, company]) => ({
          from: { id: String(contact) },
          to: { id: String(company) },
          types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }],
        })),
      }),
      call(`${urlOf(1)}/crm/v3/associations/companies/contacts/batch/create`, 'POST', {
        inputs: everyPair.map(([contact, company]) => ({
          from: { id: String(company) },
          to: { id: String(contact) },
          type: 'company_to_contact',
        })),
      }),
      call(`${urlOf(2)}/crm/v4/associations/companies/contacts/batch/archive`, 'POST', {
        inputs: companies.map((company) => ({
          from: { id: String(company) },
          to: contacts.slice(0, CONTACTS / 2).map((contact) => ({ id: String(contact) })),
        })),
      }),
    ];
    const labelNames = Array.from({ length: LABELS }, (_, index) => `hammer_${index}`);
    const labelCreates = labelNames.map((name, index) =>
      call(`${urlOf(index)}/crm/associations/v4/contacts/companies/labels`, 'POST', {
        name,
        label: `Hammer ${index}`,
        inverseLabel: `Hammered ${index}`,
      }),
    );
    const answers = await Promise.all([...rounds, ...wideBatches, ...labelCreates]);
    for (const answer of answers) {
      assert.ok(answer.status < 500, `a server failed: ${JSON.stringify(answer.body)}`);
    }

    // Both directions agree, seen from a process that did not write them, and no contact has
    // more companies than its limit or more than one Primary company.
    const fromContacts = new Map<string, number[]>();
    for (const contact of contacts) {
      const targets = await targetsOf(urlOf(contact), 'contacts', contact, 'companies');
      assert.ok(targets.size <= LIMIT, `contact ${contact} has ${targets.size} companies`);
      const primaries = [...targets.values()].filter((typeIds) => typeIds.includes(1));
      assert.ok(
        primaries.length <= 1,
        `contact ${contact} has ${primaries.length} Primary companies`,
      );
      for (const [company, typeIds] of targets) fromContacts.set(`${contact}/${company}`, typeIds);
    }
    const fromCompanies = new Set<string>();
    for (const company of companies) {
      const targets = await targetsOf(urlOf(company + 1), 'companies', company, 'contacts');
      for (const contact of targets.keys()) fromCompanies.add(`${contact}/${company}`);
    }
    assert.deepEqual([...fromCompanies].sort(), [...fromContacts.keys()].sort());
    assert.ok(fromContacts.size > 0, 'some associations survived the archives');

    // Labels created at once on different processes got distinct type ids, both ways.
    for (const answer of answers.slice(ROUNDS + wideBatches.length))
      assert.equal(answer.status, 200);
    const listed = await call(`${urlOf(0)}/crm/associations/v4/contacts/companies/labels`, 'GET');
    const userDefined = listed.body.results.filter(
      (type: { category: string }) => type.category === 'USER_DEFINED',
    );
    const typeIds = userDefined.map((type: { typeId: number }) => type.typeId);
    assert.equal(typeIds.length, LABELS);
    assert.equal(new Set(typeIds).size, LABELS);
    const inverse = await call(`${urlOf(1)}/crm/associations/v4/companies/contacts/labels`, 'GET');
    const inverseIds = inverse.body.results
      .filter((type: { category: string }) => type.category === 'USER_DEFINED')
      .map((type: { typeId: number }) => type.typeId);
    assert.equal(new Set([...typeIds, ...inverseIds]).size, LABELS * 2);
  });

  test('rate limits are counted per portal across every process', async (t) => {
    const schema = await createTestSchema();
    const start = serversForTest(t, schema.drop);
    const servers: ServerProcess[] = await Promise.all(
      Array.from({ length: PROCESSES }, () =>
        start(['--db', schema.url, '--rate-limits', `${BURST},100000`]),
      ),
    );
    // A second portal with a token of its own, made through one process, used through all.
    const made = await call(`${servers[0]!.url}/_emulator/portals`, 'POST', { portalId: 77 });
    assert.equal(made.status, 201);
    const minted = await call(`${servers[0]!.url}/_emulator/portals/77/tokens`, 'POST', {});
    assert.equal(minted.status, 201);
    const otherToken: string = minted.body.token;
    // Token lookups are cached for up to a second per process; let every process see the new one.
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    // Windows are fixed ten-second spans of the clock: fire the burst just after one begins, so
    // it cannot straddle two.
    await new Promise((resolve) => setTimeout(resolve, 10_000 - (Date.now() % 10_000) + 50));
    const burst = (token?: string) =>
      Array.from({ length: BURST * 2 }, (_, index) =>
        call(`${servers[index % PROCESSES]!.url}/crm/v3/objects/contacts`, 'GET', undefined, token),
      );
    const [defaultPortal, otherPortal] = await Promise.all([
      Promise.all(burst()),
      Promise.all(burst(otherToken)),
    ]);
    for (const answers of [defaultPortal, otherPortal]) {
      const served = answers.filter((answer) => answer.status === 200);
      const refused = answers.filter((answer) => answer.status === 429);
      assert.equal(served.length, BURST, 'exactly the limit is served, whichever process counts');
      assert.equal(refused.length, BURST);
      for (const answer of refused) {
        assert.equal(answer.body.policyName, 'TEN_SECONDLY_ROLLING');
        assert.equal(answer.headers.get('x-hubspot-ratelimit-remaining'), '0');
      }
    }
  });
});
