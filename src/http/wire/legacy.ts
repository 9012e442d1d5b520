// Records in the legacy APIs' shape: each property with its value, timestamp, source and history.
import type { CrmRecord } from '../../core/model.js';

/** Where the legacy APIs say a value came from: it was written through the API. */
const SOURCE = 'API';

/** A company as companies v2 answers it; the history holds the current value only. */
export function legacyCompanyToWire(portalId: number, company: CrmRecord) {
  const timestamp = company.updatedAt.getTime();
  const properties = Object.fromEntries(
    Object.entries(company.properties).map(([name, value]) => [
      name,
      {
        value,
        timestamp,
        source: SOURCE,
        sourceId: null,
        versions: [{ name, value, timestamp, source: SOURCE, sourceVid: [] }],
      },
    ]),
  );
  return {
    portalId,
    companyId: company.id,
    isDeleted: company.archived,
    properties,
    additionalDomains: [],
    stateChanges: [],
    mergeAudits: [],
  };
}
