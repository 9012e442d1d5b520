// The web page: portals, object types, records, a record's associations and their graph, labels
// and limits, the request log, faults and the portal's state, over this server's own APIs.
import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { FAULT_STATUSES } from '../../src/http/schemas/control-replies';
import {
  controlApi,
  crmApi,
  type AssociationType,
  type ControlApi,
  type CrmApi,
  type CrmRecord,
  type Delivery,
  type FaultRow,
  type FaultStatus,
  type LoggedRequest,
  type Portal,
  type Summary,
  type TwoWayRecord,
} from './api';
import { NEIGHBOURS_PER_PAGE, NeighbourhoodGraph, type GraphNode } from './graph';
import './style.css';

const ADMIN_KEY = 'hubspot-associations-server.admin-token';
const PORTAL_TOKEN_KEY = 'hubspot-associations-server.portal-token';

interface RecordRef {
  readonly type: string;
  readonly id: string;
}

/** `paging` of a forward-paged answer. */
interface Paging {
  readonly next?: { readonly after: string };
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
          {record !== null && summary !== null && portalId !== null && (
            <RecordView
              key={`${record.type}:${record.id}`}
              crm={crm}
              control={control}
              portalId={portalId}
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
          {portalId !== null && <Webhooks control={control} portalId={portalId} fail={fail} />}
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
  /** The search shown, if any: its text and how many records match in all. */
  const [found, setFound] = useState<{ text: string; total: number } | null>(null);

  const show = (from: string | undefined, page: { results: CrmRecord[]; paging?: Paging }) => {
    setRecords((current) => (from === undefined ? page.results : [...current, ...page.results]));
    setAfter(page.paging?.next?.after);
  };
  const loadPage = (from?: string) =>
    props.crm.list(props.type, from).then((page) => {
      setFound(null);
      show(from, page);
    }, props.fail);
  const search = (text: string, from?: string) =>
    props.crm
      .search(props.type, { text, ...(from !== undefined ? { after: from } : {}) })
      .then((page) => {
        setFound({ text, total: page.total });
        show(from, page);
      }, props.fail);
  useEffect(() => void loadPage(), []);

  return (
    <section aria-labelledby="records-heading">
      <h2 id="records-heading">Records: {props.type}</h2>
      <form
        role="search"
        aria-label={`Search ${props.type}`}
        onSubmit={(event) => {
          event.preventDefault();
          void (query.trim() === '' ? loadPage() : search(query));
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
        Searched on the server (CRM search): an id finds that record; other text finds the records
        where each word starts a word of a searchable property (name, email, domain…).
      </p>
      <table>
        <caption>
          {found === null
            ? `${records.length} loaded`
            : `${found.total} found${records.length < found.total ? `, ${records.length} shown` : ''}`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Properties</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
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
      {after !== undefined && (
        <button
          type="button"
          onClick={() => void (found === null ? loadPage(after) : search(found.text, after))}
        >
          {found === null ? `Load more ${props.type}` : 'Load more results'}
        </button>
      )}
    </section>
  );
}

/** Associated records read per object type and page on the record view. */
const ASSOCIATIONS_PER_PAGE = 100;

function RecordView(props: {
  crm: CrmApi;
  control: ControlApi;
  portalId: number;
  record: RecordRef;
  types: readonly string[];
  summary: Summary;
  open: (ref: RecordRef) => void;
  changed: () => void;
  fail: (error: unknown) => void;
}) {
  const { crm, record } = props;
  const [data, setData] = useState<CrmRecord | null>(null);
  const [version, setVersion] = useState(0);
  const [toType, setToType] = useState(props.types[0] ?? 'contacts');
  const [toId, setToId] = useState('');
  const [labelChoice, setLabelChoice] = useState('default');

  useEffect(() => {
    crm.read(record.type, record.id).then(setData, props.fail);
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
      <p class="hint">
        HubSpot stores each association both ways: the rows from this record, and each associated
        record&apos;s rows back to it, with their own labels.
      </p>
      {props.types.map((type) => (
        <TypeAssociations
          key={`${type}:${version}`}
          {...props}
          toType={type}
          dissociated={changed}
        />
      ))}
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
          Association label
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
      <Graph
        key={version}
        crm={crm}
        record={record}
        types={props.types}
        open={props.open}
        fail={props.fail}
      />
    </section>
  );
}

/** A type as a cell shows it: its label (Primary marked), category and id. */
function TypeList(props: { types: readonly AssociationType[] }) {
  if (props.types.length === 0) return <span class="hint">none stored</span>;
  return (
    <ul class="type-list">
      {props.types.map((type) => (
        <li key={`${type.category}:${type.typeId}`}>
          {type.label === 'Primary' ? (
            <strong class="primary">Primary</strong>
          ) : (
            (type.label ?? 'unlabelled')
          )}{' '}
          <span class="hint">
            ({type.category} {type.typeId})
          </span>
        </li>
      ))}
    </ul>
  );
}

/** One object type's associated records, both ways, paged, with the limits in force for the pair. */
function TypeAssociations(props: {
  crm: CrmApi;
  control: ControlApi;
  portalId: number;
  record: RecordRef;
  toType: string;
  summary: Summary;
  open: (ref: RecordRef) => void;
  dissociated: () => void;
  fail: (error: unknown) => void;
}) {
  const { record, toType } = props;
  const [rows, setRows] = useState<TwoWayRecord[]>([]);
  const [after, setAfter] = useState<string | undefined>(undefined);
  const load = (from?: string) =>
    props.control
      .associationsBothWays(
        props.portalId,
        record.type,
        record.id,
        toType,
        ASSOCIATIONS_PER_PAGE,
        from,
      )
      .then((page) => {
        setRows((current) => (from === undefined ? page.results : [...current, ...page.results]));
        setAfter(page.paging?.next.after);
      }, props.fail);
  useEffect(() => void load(), []);

  const fromId = typeIdOf(props.summary, record.type);
  const toId = typeIdOf(props.summary, toType);
  const limits = props.summary.limits.filter(
    (limit) =>
      (limit.fromObjectTypeId === fromId && limit.toObjectTypeId === toId) ||
      (limit.fromObjectTypeId === toId && limit.toObjectTypeId === fromId),
  );
  const labelOf = (limit: Summary['limits'][number]) =>
    props.summary.labels.find(
      (label) =>
        limit.category === 'USER_DEFINED' &&
        (label.typeId === limit.typeId || label.inverseTypeId === limit.typeId),
    )?.label ?? `${limit.category} ${limit.typeId}`;
  const headingId = `associations-${toType}`;
  if (rows.length === 0 && after === undefined) return null;
  return (
    <div class="type-associations">
      <h4 id={headingId}>
        {record.type} ↔ {toType}
      </h4>
      <p class="limits">
        Limits in force:{' '}
        {limits.length === 0
          ? 'none configured; Primary allows one record.'
          : limits
              .map(
                (limit) =>
                  `${nameOfTypeId(props.summary, limit.fromObjectTypeId)} → ${nameOfTypeId(props.summary, limit.toObjectTypeId)} ${labelOf(limit)}: at most ${limit.maxToObjectIds}`,
              )
              .join('; ') + '; Primary allows one record.'}
      </p>
      <table aria-labelledby={headingId}>
        <caption>
          {rows.length} {toType}
          {after !== undefined ? ` shown (more to load)` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Record</th>
            <th scope="col">This record → it</th>
            <th scope="col">It → this record</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.toObjectId}>
              <td>
                <button
                  type="button"
                  onClick={() => props.open({ type: toType, id: String(row.toObjectId) })}
                >
                  Open {toType} {row.toObjectId}
                </button>
              </td>
              <td>
                <TypeList types={row.associationTypes} />
              </td>
              <td>
                <TypeList types={row.inverseAssociationTypes} />
              </td>
              <td>
                <button
                  type="button"
                  onClick={() =>
                    void props.crm
                      .dissociate(record.type, record.id, toType, String(row.toObjectId))
                      .then(props.dissociated, props.fail)
                  }
                >
                  Remove association with {toType} {row.toObjectId}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {after !== undefined && (
        <button type="button" onClick={() => void load(after)}>
          Load more {toType} of {record.type} {record.id}
        </button>
      )}
    </div>
  );
}

/**
 * The neighbourhood graph: the canvas, and beside it the same nodes as a list of buttons that the
 * keyboard reaches (arrow keys move, Enter or Space expands), kept in step with the canvas.
 */
function Graph(props: {
  crm: CrmApi;
  record: RecordRef;
  types: readonly string[];
  open: (ref: RecordRef) => void;
  fail: (error: unknown) => void;
}) {
  const graphBox = useRef<HTMLDivElement>(null);
  const graphRef = useRef<NeighbourhoodGraph | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [nodes, setNodes] = useState<GraphNode[]>([]);
  const [current, setCurrent] = useState(0);

  useEffect(() => {
    if (graphBox.current === null) return;
    const graph = new NeighbourhoodGraph(
      graphBox.current,
      props.crm,
      props.types,
      () => setNodes(graph.nodes),
      props.fail,
    );
    graphRef.current = graph;
    graph.show(props.record).catch(props.fail);
    return () => {
      graphRef.current = null;
      graph.destroy();
    };
  }, []);

  const records = nodes.filter((node) => node.moreOf === undefined);
  const links = graphRef.current?.size.links ?? 0;
  const more = nodes.length - records.length;
  /** Focuses the list's button at `index`, counted in the list as drawn now (it may have grown). */
  const focusAt = (index: number) => {
    const buttons = listRef.current?.querySelectorAll('button');
    if (buttons === undefined || buttons.length === 0) return;
    const bounded = Math.max(0, Math.min(buttons.length - 1, index));
    setCurrent(bounded);
    buttons[bounded]?.focus();
  };
  return (
    <>
      <h3 id="graph-heading">Graph</h3>
      <p aria-live="polite" class="graph-size">
        Graph: {records.length} records, {links} links
        {more > 0 ? `, ${more} "more"` : ''}. Click a record (or press Enter on it in the list) to
        expand it, "more" for its next {NEIGHBOURS_PER_PAGE} neighbours of a type.
      </p>
      <div class="graph-area">
        <div
          ref={graphBox}
          class="graph"
          role="img"
          aria-label={`Association graph around ${props.record.type} ${props.record.id}; the list of its nodes follows`}
        />
        <ul
          ref={listRef}
          class="graph-nodes"
          aria-label="Graph nodes"
          onKeyDown={(event) => {
            const moves: Record<string, number> = {
              ArrowDown: current + 1,
              ArrowUp: current - 1,
              Home: 0,
              End: nodes.length - 1,
            };
            const target = moves[event.key];
            if (target === undefined) return;
            event.preventDefault();
            focusAt(target);
          }}
        >
          {nodes.map((node, index) => (
            <li key={node.id}>
              <button
                type="button"
                tabIndex={index === Math.min(current, nodes.length - 1) ? 0 : -1}
                aria-pressed={node.moreOf === undefined ? node.expanded : undefined}
                onFocus={() => {
                  setCurrent(index);
                  graphRef.current?.highlight(node.id);
                }}
                onBlur={() => graphRef.current?.highlight(null)}
                onClick={(event) => {
                  const caption = event.currentTarget.textContent;
                  void graphRef.current
                    ?.activate(node.id)
                    .then(() => {
                      // A "more" node goes once drawn: focus moves to the next "more" of the same
                      // record and type when there is one, else stays at its place in the list,
                      // rather than falling to the page.
                      setTimeout(() => {
                        if (listRef.current?.contains(document.activeElement) !== false) return;
                        const buttons = [...listRef.current.querySelectorAll('button')];
                        const next = buttons.findIndex((button) => button.textContent === caption);
                        focusAt(next === -1 ? index : next);
                      }, 0);
                    })
                    .catch(props.fail);
                }}
              >
                {node.moreOf !== undefined
                  ? `Draw ${node.caption.replace('…', '')} of ${node.moreOf}`
                  : `Expand ${node.caption} in the graph`}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

/** The plural name of an object type id, for types without records too. */
function nameOfTypeId(summary: Summary, id: string): string {
  return (
    summary.objectTypes.find((type) => type.objectTypeId === id)?.name ??
    Object.entries(TYPE_IDS).find(([, typeId]) => typeId === id)?.[0] ??
    id
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
  const nameOf = (id: string) => nameOfTypeId(props.summary, id);
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
  const [status, setStatus] = useState<FaultStatus>(500);
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
              status,
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
          <select
            value={String(status)}
            onChange={(event) => {
              const chosen = FAULT_STATUSES.find(
                (code) => String(code) === event.currentTarget.value,
              );
              if (chosen !== undefined) setStatus(chosen);
            }}
          >
            {FAULT_STATUSES.map((code) => (
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

/** A logged body indented when it is whole JSON, as it was otherwise (cut, or not JSON). */
function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
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
        <caption>Latest HubSpot-shaped requests, newest first, with their bodies</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Request</th>
            <th scope="col">Status</th>
            <th scope="col">ms</th>
            <th scope="col">Portal</th>
            <th scope="col">Bodies</th>
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
              <td>
                {(request.requestBody !== undefined || request.responseBody !== undefined) && (
                  <details>
                    <summary>
                      Bodies of {request.method} {request.path}
                    </summary>
                    {request.requestBody !== undefined && (
                      <>
                        <h4>Request</h4>
                        <pre>{pretty(request.requestBody)}</pre>
                      </>
                    )}
                    {request.responseBody !== undefined && (
                      <>
                        <h4>Response</h4>
                        <pre>{pretty(request.responseBody)}</pre>
                      </>
                    )}
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The latest webhook events of the portal, with what became of each delivery attempt. */
function Webhooks(props: {
  control: ControlApi;
  portalId: number;
  fail: (error: unknown) => void;
}) {
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);
  const [sent, setSent] = useState<number | null>(null);
  const load = () =>
    props.control
      .deliveries(props.portalId, 50)
      .then((answer) => setDeliveries(answer.results), props.fail);
  useEffect(() => {
    void load();
  }, [props.portalId]);
  const runDue = () =>
    props.control.runDeliveries().then((answer) => {
      setSent(answer.delivered);
      return load();
    }, props.fail);
  return (
    <section aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">Webhook deliveries</h2>
      <div class="row">
        <button type="button" onClick={() => void load()}>
          Refresh deliveries
        </button>
        <button type="button" onClick={() => void runDue()}>
          Send due events now
        </button>
        {sent !== null && <span role="status">{sent} delivered</span>}
      </div>
      <table>
        <caption>The portal's latest webhook events, newest first, with their attempts</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">App</th>
            <th scope="col">Type</th>
            <th scope="col">Record</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => (
            <tr key={delivery.eventId}>
              <td>{delivery.eventId}</td>
              <td>{delivery.appId}</td>
              <td>{delivery.subscriptionType ?? ''}</td>
              <td>{delivery.objectId}</td>
              <td>
                {delivery.status}
                {delivery.nextAttemptAt !== null && ` (next ${delivery.nextAttemptAt})`}
              </td>
              <td>
                <details>
                  <summary>
                    {delivery.attempts.length === 1
                      ? '1 attempt'
                      : `${delivery.attempts.length} attempts`}
                  </summary>
                  <ol start={0}>
                    {delivery.attempts.map((attempt) => (
                      <li key={attempt.attemptNumber}>
                        {attempt.startedAt}: {attempt.statusCode ?? 'no answer'}
                        {attempt.error !== null && ` (${attempt.error})`},{' '}
                        {attempt.durationMs.toFixed(1)} ms
                      </li>
                    ))}
                  </ol>
                  <pre>{JSON.stringify(delivery.event, null, 2)}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const root = document.getElementById('app');
if (root !== null) render(<App />, root);
