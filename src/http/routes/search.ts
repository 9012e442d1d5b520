// CRM search, mounted on every family whose objects API declares it: the records of a type that
// match filters, associations and a text query, sorted and paged as HubSpot pages search.
import { searchReturnedProperties } from '../../core/catalog/properties.js';
import type { ObjectsApi } from '../families.js';
import { answers, operation, type Operation } from '../operation.js';
import { ObjectTypePathSchema } from '../schemas/objects.js';
import { SearchBodySchema, SearchReplySchema } from '../schemas/search.js';
import { recordToWire } from '../wire/objects.js';

/** The search operation of a family's objects API. */
export function searchOperations(family: { readonly name: string }, api: ObjectsApi): Operation[] {
  if (!api.search) return [];
  return [
    operation({
      family,
      method: 'POST',
      paths: [`${api.prefix}/:objectType/search`],
      summary: 'Search records by property filters, associations and text',
      access: 'read',
      rateLimit: 'search',
      request: { params: ObjectTypePathSchema, body: SearchBodySchema },
      answer: answers.json(200, SearchReplySchema),
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        const type = objectTypes.resolve(params.objectType);
        const { after, properties, ...rest } = body;
        const result = await core.records.search(portalId, type, {
          ...rest,
          ...(after === undefined ? {} : { after: String(after) }),
        });
        const names = properties?.length ? properties : searchReturnedProperties(type.id);
        const results = result.records.map((record) => recordToWire(record, names));
        if (result.nextAfter === undefined) return { total: result.total, results };
        return { total: result.total, results, paging: { next: { after: result.nextAfter } } };
      },
    }),
  ];
}
