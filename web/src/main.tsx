// The web page: portals, object types, records, a record's associations and their graph, labels
// and limits, the request log, faults and the portal's state, over this server's own APIs.
import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  controlApi,
  crmApi,
  type AssociatedRecord,
  type ControlApi,
  type CrmApi,
  type CrmRecord,
  type FaultRow,
  type LoggedRequest,
  type Portal,
  type Summary,
} from './api';
import { NEIGHBOURS_PER_PAGE, NeighbourhoodGraph } from './graph';
import './style.css';

const ADMIN_KEY = 'hubspot-associations-server.admin-token';
const PORTAL_TOKEN_KEY = 'hubspot-associations-server.portal-token';

interface RecordRef {
  readonly type: string;
  readonly id: string;
}

/** Shows what went wrong in a status line rather than losing it in the console. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function App() {
  const [adminToken, setAdminToken] = useState(sessionStorage.getItem(ADMIN_KEY) ?? '');
  const [portalTokens, setPortalTokens] = useState<Record<string, string>>(
    JSON.parse(sessionStorage.getItem(PORTAL_TOKEN_KEY) ?? '{}') as Record<string, string>,
  );
  const [portals, setPortals] = useState<Portal[] | null>(null);
  const [portalId, setPortalId] = useState<number | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [objectType, setObjectType] = useState<string | null>(null);
  const [record, setRecord] = useState<RecordRef | null>(null);
  const [status, setStatus] = useState('');
  const control = controlApi(adminToken);
  const portalToken = portalId === null ? '' : (portalTokens[String(portalId)] ?? '');
  const crm = crmApi(portalToken);

  const fail = useCallback((error: unknown) => setStatus(describe(error)), []);

  const loadPortals = useCallback(
    (token: string) => {
      controlApi(token)
        .portals()
        .then((answer) => {
          setPortals(answer.results);
          setStatus('');
          setPortalId((current) => current ?? answer.results[0]?.portalId ?? null);
        })
        .catch((error: unknown) => {
          setPortals(null);
          fail(error);
        });
    },
    [fail],
  );
  useEffect(() => loadPortals(adminToken), []);

  const refreshSummary = useCallback(() => {
    if (portalId === null) return;
    control.summary(portalId).then(setSummary, fail);
  }, [portalId, adminToken]);
  useEffect(refreshSummary, [refreshSummary]);

  const types =
    summary?.objectTypes.filter((type) => type.records > 0).map((type) => type.name) ?? [];

  return (
    <>
      <header>
        <h1>HubSpot associations server</h1>
        <form
          aria-label="Admin token"
          onSubmit={(event) => {
            event.preventDefault();
            sessionStorage.setItem(ADMIN_KEY, adminToken);
            loadPortals(adminToken);
          }}
        >
          <label>
            Admin token (strict mode)
            <input
              type="password"
              value={adminToken}
              autoComplete="off"
              onInput={(event) => setAdminToken(event.currentTarget.value)}
            />
          </label>
          <button type="submit">Connect</button>
        </form>
        <p role="status" aria-live="polite" class="status">
          {status}
        </p>
      </header>
      {portals === null ? (
        <p>Give the admin token to see the portals (strict mode).</p>
      ) : (
        <main>
          <section aria-labelledby="portals-heading">
            <h2 id="portals-heading">Portals</h2>
            <label>
              Portal
              <select
                value={portalId ?? ''}
                onChange={(event) => {
                  setPortalId(Number(event.currentTarget.value));
                  setObjectType(null);
                  setRecord(null);
                }}
              >
                {portals.map((portal) => (
                  <option key={portal.portalId} value={portal.portalId}>
                    {portal.portalId} {portal.name}
                  </option>
                ))}
              </select>
            </label>
            {portalId !== null && (
              <PortalToken
                token={portalToken}
                onChange={(token) => {
                  const next = { ...portalTokens, [String(portalId)]: token };
                  setPortalTokens(next);
                  sessionStorage.setItem(PORTAL_TOKEN_KEY, JSON.stringify(next));
                }}
                create={() => control.createToken(portalId).then((created) => created.token)}
                fail={fail}
              />
            )}
          </section>
          {summary !== null && (
            <section aria-labelledby="types-heading">
              <h2 id="types-heading">Object types</h2>
              <p>{summary.associationRows} association rows (one per direction and type).</p>
              <ul class="types">
                {summary.objectTypes.map((type) => (
                  <li key={type.objectTypeId}>
                    <button
                      type="button"
                      aria-pressed={objectType === type.name}
                      onClick={() => {
                        setObjectType(type.name);
                        setRecord(null);
                      }}
                    >
                      {type.name} ({type.records})
                    </button>
                  </li>
                ))}
              </ul>
              {summary.objectTypes.length === 0 && <p>No records in this portal.</p>}
            </section>
          )}
          {objectType !== null && (
            <Records
              key={`${portalId}:${objectType}`}
              crm={crm}
              type={objectType}
              open={setRecord}
              fail={fail}
            />
          )}
          {record !== null && summary !== null && (
            <RecordView
              key={`${record.type}:${record.id}`}
              crm={crm}
              record={record}
              types={types}
              summary={summary}
              open={setRecord}
              changed={refreshSummary}
              fail={fail}
            />
          )}
          {summary !== null && portalId !== null && (
            <Labels crm={crm} summary={summary} changed={refreshSummary} fail={fail} />
          )}
          {portalId !== null && (
            <>
              <Faults control={control} portalId={portalId} fail={fail} />
              <PortalState
                control={control}
                portalId={portalId}
                changed={refreshSummary}
                fail={fail}
              />
            </>
          )}
          <Requests control={control} fail={fail} />
        </main>
      )}
    </>
  );
}

function PortalToken(props: {
  token: string;
  onChange: (token: string) => void;
  create: () => Promise<string>;
  fail: (error: unknown) => void;
}) {
  return (
    <div class="row">
      <label>
        Portal token (open mode: empty is the default portal)
        <input
          type="password"
          autoComplete="off"
          value={props.token}
          onInput={(event) => props.onChange(event.currentTarget.value)}
        />
      </label>
      <button type="button" onClick={() => void props.create().then(props.onChange, props.fail)}>
        Create a token for this page
      </button>
    </div>
  );
}

function Records(props: {
  crm: CrmApi;
  type: string;
  open: (ref: RecordRef) => void;
  fail: (error: unknown) => void;
}) {
  const [records, setRecords] = useState<CrmRecord[]>([]);
  const [after, setAfter] = useState<string | undefined>(undefined);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CrmRecord[] | null>(null);

  const loadPage = (from?: string) =>
    props.crm.list(props.type, from).then((page) => {
      setRecords((current) => (from === undefined ? page.results : [...current, ...page.results]));
      setAfter(page.paging?.next?.after);
    }, props.fail);
  useEffect(() => void loadPage(), []);

  const search = async (text: string) => {
    const needle = text.trim().toLowerCase();
    if (needle === '') {
      setFound(null);
      return;
    }
    const matches = records.filter((record) =>
      Object.values(record.properties).some((value) => value?.toLowerCase().includes(needle)),
    );
    if (/^\d+$/.test(needle)) {
      const byId = await props.crm.read(props.type, needle).catch(() => null);
      if (byId !== null && !matches.some((record) => record.id === byId.id)) matches.unshift(byId);
    }
    setFound(matches);
  };
  const shown = found ?? records;

  return (
    <section aria-labelledby="records-heading">
      <h2 id="records-heading">Records: {props.type}</h2>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void search(query);
        }}
      >
        <label>
          Find by id or property value
          <input
            type="search"
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
        </label>
        <button type="submit">Find</button>
      </form>
      <p class="hint">
        An id is read from the server; other text matches the property values of the records loaded
        below.
      </p>
      <table>
        <caption>{found === null ? `${records.length} loaded` : `${found.length} found`}</caption>
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Properties</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((record) => (
            <tr key={record.id}>
              <td>
                <button
                  type="button"
                  onClick={() => props.open({ type: props.type, id: record.id })}
                >
                  Open {props.type} {record.id}
                </button>
              </td>
              <td>
                {Object.entries(record.properties)
                  .filter(([name, value]) => value !== null && !name.startsWith('hs_'))
                  .map(([name, value]) => `${name}: ${value ?? ''}`)
                  .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {found === null && after !== undefined && (
        <button type="button" onClick={() => void loadPage(after)}>
          Load more {props.type}
        </button>
      )}
    </section>
  );
}

interface AssociationRow extends AssociatedRecord {
  readonly toType: string;
}

function RecordView(props: {
  crm: CrmApi;
  record: RecordRef;
  types: readonly string[];
  summary: Summary;
  open: (ref: RecordRef) => void;
  changed: () => void;
  fail: (error: unknown) => void;
}) {
  const { crm, record } = props;
  const [data, setData] = useState<CrmRecord | null>(null);
  const [rows, setRows] = useState<AssociationRow[]>([]);
  const [more, setMore] = useState<string[]>([]);
  const [version, setVersion] = useState(0);
  const [toType, setToType] = useState(props.types[0] ?? 'contacts');
  const [toId, setToId] = useState('');
  const [labelChoice, setLabelChoice] = useState('default');
  const [graphSize, setGraphSize] = useState({ records: 0, links: 0, more: 0 });
  const graphBox = useRef<HTMLDivElement>(null);
  const graphRef = useRef<NeighbourhoodGraph | null>(null);

  useEffect(() => {
    crm.read(record.type, record.id).then(setData, props.fail);
    const reads = props.types.map((type) =>
      crm.associations(record.type, record.id, type, 100).then((page) => ({ type, page })),
    );
    Promise.all(reads).then((pages) => {
      setRows(
        pages.flatMap(({ type, page }) => page.results.map((row) => ({ ...row, toType: type }))),
      );
      setMore(pages.filter(({ page }) => page.paging?.next).map(({ type }) => type));
    }, props.fail);
  }, [version]);

  useEffect(() => {
    if (graphBox.current === null) return;
    const graph = new NeighbourhoodGraph(
      graphBox.current,
      crm,
      props.types,
      () => setGraphSize(graph.size),
      props.fail,
    );
    graphRef.current = graph;
    const update = () => setGraphSize(graph.size);
    graph.show(record).then(update, props.fail);
    const timer = setInterval(update, 500);
    return () => {
      clearInterval(timer);
      graphRef.current = null;
      graph.destroy();
    };
  }, [version]);

  const labelsOfPair = props.summary.labels.filter(
    (label) =>
      label.fromObjectTypeId === typeIdOf(props.summary, record.type) &&
      label.toObjectTypeId === typeIdOf(props.summary, toType),
  );

  const changed = () => {
    setVersion((value) => value + 1);
    props.changed();
  };

  return (
    <section aria-labelledby="record-heading">
      <h2 id="record-heading">
        Record: {record.type} {record.id}
      </h2>
      {data !== null && (
        <dl class="properties">
          {Object.entries(data.properties).map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value ?? '—'}</dd>
            </div>
          ))}
        </dl>
      )}
      <h3>Associations</h3>
      <table>
        <caption>
          {rows.length} associated records
          {more.length > 0 ? ` (first 100 of ${more.join(', ')})` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Record</th>
            <th scope="col">Types (this record → it)</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.toType}:${row.toObjectId}`}>
              <td>
                <button
                  type="button"
                  onClick={() => props.open({ type: row.toType, id: String(row.toObjectId) })}
                >
                  Open {row.toType} {row.toObjectId}
                </button>
              </td>
              <td>
                {row.associationTypes
                  .map((type) => `${type.label ?? 'unlabelled'} (${type.category} ${type.typeId})`)
                  .join('; ')}
              </td>
              <td>
                <button
                  type="button"
                  onClick={() =>
                    void crm
                      .dissociate(record.type, record.id, row.toType, String(row.toObjectId))
                      .then(changed, props.fail)
                  }
                >
                  Remove association with {row.toType} {row.toObjectId}
                </button>{' '}
                <button
                  type="button"
                  onClick={() => {
                    const graph = graphRef.current;
                    graph
                      ?.expand({ type: row.toType, id: String(row.toObjectId) })
                      .then(() => setGraphSize(graph.size), props.fail);
                  }}
                >
                  Expand {row.toType} {row.toObjectId} in the graph
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        aria-label="Add an association"
        onSubmit={(event) => {
          event.preventDefault();
          const label = labelsOfPair.find((candidate) => String(candidate.typeId) === labelChoice);
          crm
            .associate(
              record.type,
              record.id,
              toType,
              toId.trim(),
              label ? { category: 'USER_DEFINED', typeId: label.typeId } : null,
            )
            .then(() => {
              setToId('');
              changed();
            }, props.fail);
        }}
      >
        <h3>Add an association</h3>
        <label>
          To object type
          <select value={toType} onChange={(event) => setToType(event.currentTarget.value)}>
            {props.summary.objectTypes.map((type) => (
              <option key={type.name} value={type.name}>
                {type.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          To record id
          <input
            required
            inputMode="numeric"
            value={toId}
            onInput={(event) => setToId(event.currentTarget.value)}
          />
        </label>
        <label>
          Label
          <select
            value={labelChoice}
            onChange={(event) => setLabelChoice(event.currentTarget.value)}
          >
            <option value="default">default (unlabelled)</option>
            {labelsOfPair.map((label) => (
              <option key={label.typeId} value={String(label.typeId)}>
                {label.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Associate</button>
      </form>
      <h3>Graph</h3>
      <p aria-live="polite" class="graph-size">
        Graph: {graphSize.records} records, {graphSize.links} links
        {graphSize.more > 0 ? `, ${graphSize.more} "more"` : ''}. Click a record to expand it,
        "more" for its next {NEIGHBOURS_PER_PAGE} neighbours of a type.
      </p>
      <div
        ref={graphBox}
        class="graph"
        role="img"
        aria-label={`Association graph around ${record.type} ${record.id}`}
      />
    </section>
  );
}

function typeIdOf(summary: Summary, name: string): string | undefined {
  return summary.objectTypes.find((type) => type.name === name)?.objectTypeId ?? TYPE_IDS[name];
}

/** The common types' ids, for pairs where a type has no records yet. */
const TYPE_IDS: Readonly<Record<string, string>> = {
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
  tickets: '0-5',
};

function Labels(props: {
  crm: CrmApi;
  summary: Summary;
  changed: () => void;
  fail: (error: unknown) => void;
}) {
  const [fromType, setFromType] = useState('contacts');
  const [toType, setToType] = useState('companies');
  const [label, setLabel] = useState('');
  const names = [
    ...new Set([...Object.keys(TYPE_IDS), ...props.summary.objectTypes.map((type) => type.name)]),
  ];
  const nameOf = (id: string) =>
    props.summary.objectTypes.find((type) => type.objectTypeId === id)?.name ??
    Object.entries(TYPE_IDS).find(([, typeId]) => typeId === id)?.[0] ??
    id;
  return (
    <section aria-labelledby="labels-heading">
      <h2 id="labels-heading">Labels and limits</h2>
      <table>
        <caption>{props.summary.labels.length} labels</caption>
        <thead>
          <tr>
            <th scope="col">Pair</th>
            <th scope="col">Label (type id)</th>
            <th scope="col">Inverse (type id)</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {props.summary.labels.map((row) => (
            <tr key={`${row.fromObjectTypeId}:${row.typeId}`}>
              <td>
                {nameOf(row.fromObjectTypeId)} → {nameOf(row.toObjectTypeId)}
              </td>
              <td>
                {row.label} ({row.typeId})
              </td>
              <td>
                {row.inverseLabel} ({row.inverseTypeId})
              </td>
              <td>
                <button
                  type="button"
                  onClick={() =>
                    void props.crm
                      .deleteLabel(
                        nameOf(row.fromObjectTypeId),
                        nameOf(row.toObjectTypeId),
                        row.typeId,
                      )
                      .then(props.changed, props.fail)
                  }
                >
                  Delete label {row.label}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        aria-label="Create a label"
        onSubmit={(event) => {
          event.preventDefault();
          const name = label
            .trim()
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '_');
          props.crm.createLabel(fromType, toType, label.trim(), name).then(() => {
            setLabel('');
            props.changed();
          }, props.fail);
        }}
      >
        <label>
          From
          <select value={fromType} onChange={(event) => setFromType(event.currentTarget.value)}>
            {names.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          To
          <select value={toType} onChange={(event) => setToType(event.currentTarget.value)}>
            {names.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          New label
          <input required value={label} onInput={(event) => setLabel(event.currentTarget.value)} />
        </label>
        <button type="submit">Create label</button>
      </form>
      <table>
        <caption>{props.summary.limits.length} limits</caption>
        <thead>
          <tr>
            <th scope="col">Pair</th>
            <th scope="col">Type</th>
            <th scope="col">Most associated records</th>
          </tr>
        </thead>
        <tbody>
          {props.summary.limits.map((row) => (
            <tr key={`${row.fromObjectTypeId}:${row.category}:${row.typeId}`}>
              <td>
                {nameOf(row.fromObjectTypeId)} → {nameOf(row.toObjectTypeId)}
              </td>
              <td>
                {row.category} {row.typeId}
              </td>
              <td>{row.maxToObjectIds}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Faults(props: { control: ControlApi; portalId: number; fail: (error: unknown) => void }) {
  const [faults, setFaults] = useState<FaultRow[]>([]);
  const [path, setPath] = useState('');
  const [status, setStatus] = useState('500');
  const [times, setTimes] = useState('1');
  const load = () =>
    props.control.faults(props.portalId).then((answer) => setFaults(answer.results), props.fail);
  useEffect(() => void load(), [props.portalId]);
  return (
    <section aria-labelledby="faults-heading">
      <h2 id="faults-heading">Faults</h2>
      <ul>
        {faults.map((fault) => (
          <li key={fault.id}>
            {fault.method} {fault.path ?? fault.pathRegex ?? 'any path'} →{' '}
            {fault.status ?? `${fault.latencyMs ?? 0} ms`}, {fault.remaining} left
          </li>
        ))}
      </ul>
      <form
        aria-label="Add a fault"
        onSubmit={(event) => {
          event.preventDefault();
          props.control
            .addFault(props.portalId, {
              ...(path.trim() !== '' ? { path: path.trim() } : {}),
              status: Number(status),
              times: Number(times),
            })
            .then(load, props.fail);
        }}
      >
        <label>
          Path (empty: any)
          <input value={path} onInput={(event) => setPath(event.currentTarget.value)} />
        </label>
        <label>
          Status
          <select value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
            {['429', '500', '502', '503', '504'].map((code) => (
              <option key={code}>{code}</option>
            ))}
          </select>
        </label>
        <label>
          Times
          <input
            type="number"
            min="1"
            value={times}
            onInput={(event) => setTimes(event.currentTarget.value)}
          />
        </label>
        <button type="submit">Add fault</button>
        <button
          type="button"
          onClick={() => void props.control.clearFaults(props.portalId).then(load, props.fail)}
        >
          Clear faults
        </button>
      </form>
    </section>
  );
}

function PortalState(props: {
  control: ControlApi;
  portalId: number;
  changed: () => void;
  fail: (error: unknown) => void;
}) {
  const download = async () => {
    const document = await props.control.exportPortal(props.portalId);
    const url = URL.createObjectURL(
      new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }),
    );
    const link = Object.assign(window.document.createElement('a'), {
      href: url,
      download: `portal-${props.portalId}.json`,
    });
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section aria-labelledby="state-heading">
      <h2 id="state-heading">Portal state</h2>
      <div class="row">
        <button
          type="button"
          onClick={() => {
            if (
              window.confirm(
                `Empty portal ${props.portalId}'s records, associations, labels and limits?`,
              )
            ) {
              props.control.reset(props.portalId).then(props.changed, props.fail);
            }
          }}
        >
          Reset portal
        </button>
        <button type="button" onClick={() => void download().catch(props.fail)}>
          Export portal
        </button>
        <label>
          Import portal (replaces its state)
          <input
            type="file"
            accept="application/json,.json"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file === undefined) return;
              file
                .text()
                .then((text) => props.control.importPortal(props.portalId, JSON.parse(text)))
                .then(props.changed, props.fail);
            }}
          />
        </label>
      </div>
    </section>
  );
}

/** How often the request log is read while "live" is on. */
const REQUEST_POLL_MS = 2000;

function Requests(props: { control: ControlApi; fail: (error: unknown) => void }) {
  const [live, setLive] = useState(false);
  const [requests, setRequests] = useState<LoggedRequest[]>([]);
  const load = () =>
    props.control.requests(50).then(
      // The page's own reads of the log would fill it; they are left out.
      (answer) =>
        setRequests(answer.results.filter((request) => !request.path.startsWith('/_emulator/'))),
      props.fail,
    );
  useEffect(() => {
    void load();
    if (!live) return;
    const timer = setInterval(() => void load(), REQUEST_POLL_MS);
    return () => clearInterval(timer);
  }, [live]);
  return (
    <section aria-labelledby="requests-heading">
      <h2 id="requests-heading">Requests</h2>
      <div class="row">
        <label>
          <input
            type="checkbox"
            checked={live}
            onChange={(event) => setLive(event.currentTarget.checked)}
          />{' '}
          Live
        </label>
        <button type="button" onClick={() => void load()}>
          Refresh requests
        </button>
      </div>
      <table>
        <caption>Latest HubSpot-shaped requests, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Request</th>
            <th scope="col">Status</th>
            <th scope="col">ms</th>
            <th scope="col">Portal</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((request) => (
            <tr key={request.correlationId}>
              <td>{request.time}</td>
              <td>
                {request.method} {request.path}
              </td>
              <td>{request.status}</td>
              <td>{request.durationMs.toFixed(1)}</td>
              <td>{request.portalId ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const root = document.getElementById('app');
if (root !== null) render(<App />, root);
