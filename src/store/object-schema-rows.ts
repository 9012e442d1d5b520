// Custom object schema rows as every store adapter keeps them: identity columns, and the rest of
// the schema as one JSON document (its fields change with HubSpot's API, its columns need not).
import type { CustomObjectSchema } from '../core/model.js';
import type { NewObjectSchema } from '../core/ports.js';

export const OBJECT_SCHEMA_COLUMNS = 'id, name, archived_at, definition';

export interface ObjectSchemaRow {
  /** A number, or PostgreSQL's text of a BIGINT. */
  id: number | string;
  name: string;
  /** ms since the epoch, or null while live. */
  archived_at: number | string | null;
  /** The JSON document (text; PostgreSQL's json comes back parsed). */
  definition: string | StoredDefinition;
}

/** The document column: everything but the identity columns, times in ms. */
interface StoredDefinition extends Omit<
  CustomObjectSchema,
  'id' | 'name' | 'archivedAt' | 'createdAt' | 'updatedAt'
> {
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The document a schema is stored as. */
export function schemaDocument(schema: NewObjectSchema): string {
  const stored: StoredDefinition = {
    labels: schema.labels,
    description: schema.description,
    primaryDisplayProperty: schema.primaryDisplayProperty,
    secondaryDisplayProperties: schema.secondaryDisplayProperties,
    searchableProperties: schema.searchableProperties,
    requiredProperties: schema.requiredProperties,
    properties: schema.properties,
    allowsSensitiveProperties: schema.allowsSensitiveProperties,
    createdAt: schema.createdAt.getTime(),
    updatedAt: schema.updatedAt.getTime(),
  };
  return JSON.stringify(stored);
}

/** The archived time as stored. */
export function archivedColumn(schema: NewObjectSchema): number | null {
  return schema.archivedAt?.getTime() ?? null;
}

export function toObjectSchema(row: ObjectSchemaRow): CustomObjectSchema {
  const stored: StoredDefinition =
    typeof row.definition === 'string'
      ? (JSON.parse(row.definition) as StoredDefinition)
      : row.definition;
  return {
    ...stored,
    id: Number(row.id),
    name: row.name,
    createdAt: new Date(stored.createdAt),
    updatedAt: new Date(stored.updatedAt),
    archivedAt: row.archived_at === null ? null : new Date(Number(row.archived_at)),
  };
}
