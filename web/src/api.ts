// Calls from the page: the control API with the admin token, the HubSpot-shaped API with the
// portal's token, both on this server only. The answers' types are the server's own (its schemas
// and wire functions, imported for their types only), so the page and the server cannot drift.
import type { Static } from '@sinclair/typebox';
import type {
  FaultReply,
  FaultStatus,
  LoggedRequest,
  PortalReply,
} from '../../src/http/schemas/control-replies';
import type { RecordReplySchema } from '../../src/http/schemas/objects';
import type { SearchBodySchema, SearchReplySchema } from '../../src/http/schemas/search';
import type { SummaryReply, TwoWayPageReply } from '../../src/http/schemas/ui';
import type { DeliveryListReplySchema } from '../../src/http/schemas/webhook-deliveries';
import type { targetPageSchema } from '../../src/http/schemas/v4';

export type { FaultStatus, LoggedRequest };
export type Portal = PortalReply;
export type FaultRow = FaultReply;
export type Summary = SummaryReply;
export type CrmRecord = Static<typeof RecordReplySchema>;
export type SearchBody = Static<typeof SearchBodySchema>;
export type SearchPage = Static<typeof SearchReplySchema>;
export type AssociatedRecord = Static<ReturnType<typeof targetPageSchema>>['results'][number];
export type TwoWayRecord = TwoWayPageReply['results'][number];
export type AssociationType = TwoWayRecord['associationTypes'][number];
export type Delivery = Static<typeof DeliveryListReplySchema>['results'][number];

/** An answer other than 2xx: its status and HubSpot-style message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The tokens the page sends; kept for the browser tab only (sessionStorage). */
export interface Credentials {
  readonly adminToken: string;
  readonly portalToken: string;
}

async function call<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token !== '') headers['authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  const parsed: unknown = text === '' ? undefined : JSON.parse(text);
  if (!response.ok) {
    const message =
      typeof parsed === 'object' && parsed !== null && 'message' in parsed
        ? String(parsed.message)
        : response.statusText;
    throw new ApiError(response.status, message);
  }
  return parsed as T;
}

/** A page of a forward-paged answer: the shape every paged HubSpot read shares. */
interface Page<T> {
  readonly results: T[];
  readonly paging?: { readonly next?: { readonly after: string } };
}

/** The text or id a user searches records for, and where the previous page ended. */
export interface RecordQuery {
  readonly text: string;
  readonly after?: string;
}

/** Records per search page: the search's own maximum is 200; 50 keep the table short. */
export const SEARCH_PAGE_SIZE = 50;

const enc = encodeURIComponent;

/** The control API, answering to the admin token (any token, or none, in open mode). */
export function controlApi(adminToken: string) {
  const get = <T>(path: string) => call<T>('GET', `/_emulator${path}`, adminToken);
  const send = <T>(method: string, path: string, body?: unknown) =>
    call<T>(method, `/_emulator${path}`, adminToken, body);
  return {
    health: () => get<{ status: string; version?: string; store?: string }>('/health'),
    portals: () => get<{ results: Portal[] }>('/portals'),
    summary: (portalId: number) => get<Summary>(`/portals/${portalId}/summary`),
    createToken: (portalId: number) =>
      send<{ token: string }>('POST', `/portals/${portalId}/tokens`, {}),
    requests: (limit: number) => get<{ results: LoggedRequest[] }>(`/requests?limit=${limit}`),
    faults: (portalId: number) => get<{ results: FaultRow[] }>(`/portals/${portalId}/faults`),
    deliveries: (portalId: number, limit: number) =>
      get<{ results: Delivery[] }>(`/webhooks/deliveries?portalId=${portalId}&limit=${limit}`),
    runDeliveries: () => send<{ delivered: number }>('POST', '/webhooks/deliveries/run'),
    associationsBothWays: (
      portalId: number,
      type: string,
      id: string,
      toType: string,
      limit: number,
      after?: string,
    ) =>
      get<TwoWayPageReply>(
        `/portals/${portalId}/associations/${enc(type)}/${enc(id)}/${enc(toType)}?limit=${limit}${
          after !== undefined ? `&after=${enc(after)}` : ''
        }`,
      ),
    addFault: (portalId: number, fault: { path?: string; status: FaultStatus; times: number }) =>
      send<FaultRow>('POST', `/portals/${portalId}/faults`, fault),
    clearFaults: (portalId: number) => send<undefined>('DELETE', `/portals/${portalId}/faults`),
    reset: (portalId: number) => send<undefined>('POST', `/portals/${portalId}/reset`),
    exportPortal: (portalId: number) => get<unknown>(`/portals/${portalId}/export`),
    importPortal: (portalId: number, document: unknown) =>
      send<unknown>('POST', `/portals/${portalId}/import`, document),
  };
}

/** The HubSpot-shaped API, as the portal's token (any token is the default portal in open mode). */
export function crmApi(portalToken: string) {
  const get = <T>(path: string) => call<T>('GET', path, portalToken);
  return {
    list: (type: string, after?: string) =>
      get<Page<CrmRecord>>(
        `/crm/v3/objects/${enc(type)}?limit=50${after !== undefined ? `&after=${enc(after)}` : ''}`,
      ),
    read: (type: string, id: string) => get<CrmRecord>(`/crm/v3/objects/${enc(type)}/${enc(id)}`),
    /**
     * The server's CRM search: an id finds that record, other text each word's start in the
     * type's searchable properties (HubSpot's `query`). Paged by the search's own cursor.
     */
    search: (type: string, query: RecordQuery) => {
      const text = query.text.trim();
      const body: SearchBody = {
        ...(/^\d+$/.test(text)
          ? {
              filterGroups: [
                { filters: [{ propertyName: 'hs_object_id', operator: 'EQ', value: text }] },
              ],
            }
          : { query: text }),
        limit: SEARCH_PAGE_SIZE,
        ...(query.after !== undefined ? { after: query.after } : {}),
      };
      return call<SearchPage>('POST', `/crm/v3/objects/${enc(type)}/search`, portalToken, body);
    },
    associations: (type: string, id: string, toType: string, limit: number, after?: string) =>
      get<Page<AssociatedRecord>>(
        `/crm/v4/objects/${enc(type)}/${enc(id)}/associations/${enc(toType)}?limit=${limit}${
          after !== undefined ? `&after=${enc(after)}` : ''
        }`,
      ),
    associate: (
      type: string,
      id: string,
      toType: string,
      toId: string,
      label: { category: string; typeId: number } | null,
    ) =>
      label === null
        ? call<unknown>(
            'PUT',
            `/crm/v4/objects/${enc(type)}/${enc(id)}/associations/default/${enc(toType)}/${enc(toId)}`,
            portalToken,
          )
        : call<unknown>(
            'PUT',
            `/crm/v4/objects/${enc(type)}/${enc(id)}/associations/${enc(toType)}/${enc(toId)}`,
            portalToken,
            [{ associationCategory: label.category, associationTypeId: label.typeId }],
          ),
    dissociate: (type: string, id: string, toType: string, toId: string) =>
      call<undefined>(
        'DELETE',
        `/crm/v4/objects/${enc(type)}/${enc(id)}/associations/${enc(toType)}/${enc(toId)}`,
        portalToken,
      ),
    createLabel: (fromType: string, toType: string, label: string, name: string) =>
      call<unknown>(
        'POST',
        `/crm/v4/associations/${enc(fromType)}/${enc(toType)}/labels`,
        portalToken,
        {
          label,
          name,
        },
      ),
    deleteLabel: (fromType: string, toType: string, typeId: number) =>
      call<undefined>(
        'DELETE',
        `/crm/v4/associations/${enc(fromType)}/${enc(toType)}/labels/${typeId}`,
        portalToken,
      ),
  };
}

export type ControlApi = ReturnType<typeof controlApi>;
export type CrmApi = ReturnType<typeof crmApi>;
