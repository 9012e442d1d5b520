// Calls from the page: the control API with the admin token, the HubSpot-shaped API with the
// portal's token, both on this server only.

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

export interface Portal {
  readonly portalId: number;
  readonly name: string;
}

export interface ObjectTypeCount {
  readonly objectTypeId: string;
  readonly name: string;
  readonly records: number;
  readonly archived: number;
}

export interface LabelDefinition {
  readonly fromObjectTypeId: string;
  readonly toObjectTypeId: string;
  readonly typeId: number;
  readonly inverseTypeId: number;
  readonly name: string;
  readonly label: string;
  readonly inverseLabel: string;
}

export interface LimitConfig {
  readonly fromObjectTypeId: string;
  readonly toObjectTypeId: string;
  readonly category: string;
  readonly typeId: number;
  readonly maxToObjectIds: number;
}

export interface Summary {
  readonly objectTypes: readonly ObjectTypeCount[];
  readonly associationRows: number;
  readonly labels: readonly LabelDefinition[];
  readonly limits: readonly LimitConfig[];
}

export interface CrmRecord {
  readonly id: string;
  readonly properties: Readonly<Record<string, string | null>>;
}

export interface AssociationType {
  readonly category: string;
  readonly typeId: number;
  readonly label: string | null;
}

export interface AssociatedRecord {
  readonly toObjectId: number;
  readonly associationTypes: readonly AssociationType[];
}

export interface LoggedRequest {
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  readonly portalId: number | null;
  readonly correlationId: string;
}

export interface FaultRow {
  readonly id: string;
  readonly method: string;
  readonly path?: string;
  readonly pathRegex?: string;
  readonly remaining: number;
  readonly status?: number;
  readonly latencyMs?: number;
}

interface Page<T> {
  readonly results: T[];
  readonly paging?: { readonly next?: { readonly after: string } };
}

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
    addFault: (portalId: number, fault: Record<string, unknown>) =>
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
