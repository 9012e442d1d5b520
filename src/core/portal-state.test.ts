// Checks of imported portal state: each item's shape, the types and records it names, and the
// rows an association implies.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HUBSPOT_DEFINED_CATALOG } from './association-types.js';
import { DomainError } from './errors.js';
import {
  PortalStateValidator,
  documentOfItems,
  itemsOfChunk,
  itemsOfDocument,
} from './portal-state.js';

const AT = '2026-01-02T03:04:05.678Z';

function record(id: string, fields: Record<string, unknown> = {}) {
  return {
    type: 'record',
    objectTypeId: '0-1',
    id,
    properties: { email: 'a@b.c' },
    createdAt: AT,
    updatedAt: AT,
    archivedAt: null,
    ...fields,
  };
}

function company(id: string) {
  return record(id, { objectTypeId: '0-2', properties: {} });
}

function association(fields: Record<string, unknown> = {}) {
  return {
    type: 'association',
    fromObjectTypeId: '0-1',
    fromId: '11',
    toObjectTypeId: '0-2',
    toId: '21',
    category: 'HUBSPOT_DEFINED',
    typeId: 279,
    ...fields,
  };
}

const LABEL = {
  type: 'label',
  fromObjectTypeId: '0-1',
  toObjectTypeId: '0-2',
  typeId: 1,
  inverseTypeId: 2,
  name: 'manager',
  label: 'Manager',
  inverseLabel: 'Managed by',
};

/** A validator that has seen contact 11 and company 21. */
function withRecords() {
  const validator = new PortalStateValidator(HUBSPOT_DEFINED_CATALOG);
  validator.chunkOf(record('11'));
  validator.chunkOf(company('21'));
  return validator;
}

function refuses(validator: PortalStateValidator, item: unknown, message: RegExp): void {
  assert.throws(
    () => validator.chunkOf(item),
    (error) =>
      error instanceof DomainError && error.code === 'INVALID_INPUT' && message.test(error.message),
  );
}

test('a record takes ids as digits or numbers, ISO times, and string properties only', () => {
  const validator = new PortalStateValidator(HUBSPOT_DEFINED_CATALOG);
  const chunk = validator.chunkOf(record('12', { objectTypeId: 'contacts', id: 12 }));
  assert.deepEqual(chunk, {
    kind: 'records',
    records: [
      {
        objectTypeId: '0-1',
        id: 12,
        properties: { email: 'a@b.c' },
        createdAt: new Date(AT),
        updatedAt: new Date(AT),
        archived: false,
        archivedAt: null,
      },
    ],
  });
  refuses(validator, record('x'), /record id "x" is not a record id/);
  refuses(validator, record('0'), /is not a record id/);
  refuses(validator, record('9007199254740993'), /is not a record id/);
  refuses(validator, record('1', { objectTypeId: 'widgets' }), /Unable to infer object type/);
  refuses(validator, record('1', { createdAt: '2026-01-02' }), /createdAt must be an ISO 8601/);
  refuses(validator, record('1', { archivedAt: 'yesterday' }), /archivedAt must be an ISO 8601/);
  refuses(validator, record('1', { properties: { n: 1 } }), /property "n" must be a string/);
  refuses(validator, record('1', { colour: 'red' }), /unknown field "colour"/);
  refuses(validator, { ...record('1'), type: 'row' }, /type must be one of/);
});

test('an association names records of the import and a type defined between their types', () => {
  const validator = withRecords();
  refuses(validator, association({ fromId: 'x' }), /association fromId "x" is not a record id/);
  refuses(validator, association({ toId: '99' }), /toId "99" names no 0-2 record of the import/);
  refuses(validator, association({ fromObjectTypeId: '0-2' }), /names no 0-2 record/);
  refuses(validator, association({ typeId: 3 }), /HUBSPOT_DEFINED type 3 is not defined/);
  refuses(validator, association({ category: 'OTHER' }), /category must be one of/);
  refuses(
    validator,
    association({ archived: true }),
    /archived association needs an archived record/,
  );
});

test('an association brings its inverse, and a label the unlabeled rows both ways', () => {
  const validator = withRecords();
  assert.deepEqual(validator.chunkOf(association()), {
    kind: 'associations',
    archived: false,
    rows: [
      {
        fromObjectTypeId: '0-1',
        fromId: 11,
        toObjectTypeId: '0-2',
        toId: 21,
        category: 'HUBSPOT_DEFINED',
        typeId: 279,
      },
      {
        fromObjectTypeId: '0-2',
        fromId: 21,
        toObjectTypeId: '0-1',
        toId: 11,
        category: 'HUBSPOT_DEFINED',
        typeId: 280,
      },
    ],
  });
  refuses(validator, association({ category: 'USER_DEFINED', typeId: 1 }), /USER_DEFINED type 1/);
  validator.chunkOf(LABEL);
  const labelled = validator.chunkOf(
    association({
      fromObjectTypeId: '0-2',
      fromId: '21',
      toObjectTypeId: '0-1',
      toId: '11',
      category: 'USER_DEFINED',
      typeId: 2,
    }),
  );
  assert.ok(labelled.kind === 'associations');
  assert.deepEqual(
    labelled.rows.map((row) => `${row.fromObjectTypeId}>${row.toObjectTypeId} ${row.typeId}`),
    ['0-2>0-1 2', '0-1>0-2 1', '0-2>0-1 280', '0-1>0-2 279'],
  );
});

test('rows of archived records are marked archived, and only they are', () => {
  const validator = withRecords();
  validator.chunkOf(record('12', { archivedAt: AT }));
  refuses(validator, association({ fromId: '12' }), /must be marked "archived": true/);
  const chunk = validator.chunkOf(association({ fromId: '12', archived: true }));
  assert.equal(chunk.kind === 'associations' && chunk.archived, true);
});

test('labels are checked like the API checks them, with type ids and names used once', () => {
  const validator = new PortalStateValidator(HUBSPOT_DEFINED_CATALOG);
  validator.chunkOf(LABEL);
  refuses(validator, { ...LABEL, name: 'other' }, /type id 1 is used twice/);
  refuses(validator, { ...LABEL, typeId: 3, inverseTypeId: 4 }, /name "manager" is used twice/);
  refuses(
    validator,
    { ...LABEL, typeId: 5, inverseTypeId: 6, name: 'bad-name' },
    /Invalid label name/,
  );
  refuses(validator, { ...LABEL, typeId: 7, inverseTypeId: 7, name: 'same' }, /are the same/);
  refuses(validator, { ...LABEL, typeId: 0, name: 'zero' }, /typeId must be a positive integer/);
  refuses(
    validator,
    { ...LABEL, typeId: 11, inverseTypeId: 2 ** 31, name: 'wide' },
    /inverseTypeId must be at most 2147483647/,
  );
  refuses(
    validator,
    { ...LABEL, toObjectTypeId: '0-7', typeId: 9, inverseTypeId: 10, name: 'products' },
    /take no labels/,
  );
});

test('limits name a known type and a value from 1 to 10,000; the portal comes once', () => {
  const validator = new PortalStateValidator(HUBSPOT_DEFINED_CATALOG);
  const limit = {
    type: 'limit',
    fromObjectTypeId: '0-1',
    toObjectTypeId: '0-2',
    category: 'HUBSPOT_DEFINED',
    typeId: 279,
    maxToObjectIds: 5,
  };
  assert.equal(validator.chunkOf(limit).kind, 'limits');
  refuses(validator, { ...limit, maxToObjectIds: 10_001 }, /between 1 and 10000/);
  refuses(validator, { ...limit, typeId: 1, category: 'USER_DEFINED' }, /is not defined/);
  const portal = { type: 'portal', name: 'Sales', nextRecordId: 10, nextLabelTypeId: 1 };
  assert.deepEqual(validator.chunkOf(portal), {
    kind: 'portal',
    name: 'Sales',
    nextRecordId: 10,
    nextLabelTypeId: 1,
  });
  refuses(validator, portal, /the portal is given twice/);
  refuses(
    new PortalStateValidator(HUBSPOT_DEFINED_CATALOG),
    { ...portal, name: '' },
    /name must be a non-empty string/,
  );
});

test('a document lists its items with their JSON paths; chunks become items and a document again', () => {
  assert.throws(() => itemsOfDocument({ format: 2 }), /\$\.format: the document format must be 1/);
  assert.throws(() => itemsOfDocument({ format: 1, records: {} }), /\$\.records: must be an array/);
  assert.throws(
    () => itemsOfDocument({ format: 1, records: [1] }),
    /\$\.records\[0\]: a record must be an object/,
  );
  assert.throws(() => itemsOfDocument({ format: 1, extra: [] }), /unknown field "extra"/);
  const { type, ...fields } = record('11');
  assert.equal(type, 'record');
  const items = itemsOfDocument({ format: 1, portal: { name: 'p' }, records: [fields] });
  assert.deepEqual(
    items.map(({ path, item }) => [path, (item as { type: string }).type]),
    [
      ['$.portal', 'portal'],
      ['$.records[0]', 'record'],
    ],
  );
  const chunkItems = itemsOfChunk({
    kind: 'associations',
    archived: true,
    rows: [
      {
        fromObjectTypeId: '0-1',
        fromId: 11,
        toObjectTypeId: '0-2',
        toId: 21,
        category: 'HUBSPOT_DEFINED',
        typeId: 279,
      },
    ],
  });
  assert.deepEqual(chunkItems, [
    {
      type: 'association',
      fromObjectTypeId: '0-1',
      fromId: '11',
      toObjectTypeId: '0-2',
      toId: '21',
      category: 'HUBSPOT_DEFINED',
      typeId: 279,
      archived: true,
    },
  ]);
  assert.equal(Object.keys(chunkItems[0]!)[0], 'type');
  const document = documentOfItems(3, chunkItems);
  assert.deepEqual(document.associations, [
    {
      fromObjectTypeId: '0-1',
      fromId: '11',
      toObjectTypeId: '0-2',
      toId: '21',
      category: 'HUBSPOT_DEFINED',
      typeId: 279,
      archived: true,
    },
  ]);
});
