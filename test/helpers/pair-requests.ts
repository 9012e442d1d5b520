// Small request helpers for association tests: type specs, one record, a pair's types as text.
import assert from 'node:assert/strict';
import type { TestApp } from './test-app.js';

export const HUBSPOT = (typeId: number) => ({
  associationCategory: 'HUBSPOT_DEFINED',
  associationTypeId: typeId,
});

export const LABEL = (typeId: number) => ({
  associationCategory: 'USER_DEFINED',
  associationTypeId: typeId,
});

/** Creates one record of the type; its id. */
export async function one(app: TestApp, objectType: string): Promise<string> {
  const [id] = await app.createRecords(objectType, 1);
  if (!id) throw new Error(`no ${objectType} was created`);
  return id;
}

/** `toId category:typeId` for each type from a record to its targets of one object type. */
export async function typesOf(
  app: TestApp,
  from: string,
  id: string,
  to: string,
): Promise<string[]> {
  const response = await app.request('GET', `/crm/v4/objects/${from}/${id}/associations/${to}`);
  assert.equal(response.status, 200, response.text);
  return (response.body.results as any[])
    .flatMap((target) =>
      (target.associationTypes as any[]).map(
        (type) => `${target.toObjectId} ${type.category}:${type.typeId}`,
      ),
    )
    .sort();
}

/** A v4 batch input. */
export const input = (from: string, to: string, types: unknown[]) => ({
  from: { id: from },
  to: { id: to },
  types,
});

/** Sets a limit on a HubSpot-defined contact→company type through the configurations API. */
export async function limitCompaniesPerContact(app: TestApp, typeId: number, max: number) {
  const response = await app.request(
    'POST',
    '/crm/v4/associations/definitions/configurations/contacts/companies/batch/create',
    { inputs: [{ category: 'HUBSPOT_DEFINED', typeId, maxToObjectIds: max }] },
  );
  assert.equal(response.status, 201, response.text);
}
