// The web page at /_emulator/ui/: its built files, and the portal summary it reads.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import { DomainError } from '../../core/errors.js';
import { isCustomTypeId, objectTypeById, STANDARD_DIRECTORY } from '../../core/object-types.js';
import { answers, operation, type Operation } from '../operation.js';
import { PortalPathSchema } from '../schemas/control.js';
import {
  SummaryReplySchema,
  TwoWayPageReplySchema,
  TwoWayPathSchema,
  TwoWayQuerySchema,
} from '../schemas/ui.js';
import { pagingToWire } from '../wire/v4.js';
import { CONTROL_PREFIX } from './control.js';

/** Where the page is served; its files use relative addresses, so the trailing slash is needed. */
export const UI_PREFIX = `${CONTROL_PREFIX}/ui/`;

const family = { name: 'control' } as const;

/** The types the built page is made of; anything else is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

/**
 * The page loads nothing from another host: its script, styles and data all come from this
 * server. Styles may be inline because the graph library sets element styles.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The built page: dist/ui beside dist/http when running the package, or the repository's dist/ui
 * when running from source (tsx). Null when it was not built.
 */
export function defaultUiDirectory(): string | null {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [resolve(here, '../../ui'), resolve(here, '../../../dist/ui')];
  return candidates.find((path) => existsSync(join(path, 'index.html'))) ?? null;
}

function notBuilt(): DomainError {
  return new DomainError(
    'ROUTE_NOT_FOUND',
    'The web page is not built: run `npm run build` (or `npm run build:ui`)',
  );
}

/** The file a request names inside the page's directory, or null when it would leave it. */
function fileOf(directory: string, requested: string): string | null {
  const path = resolve(directory, requested === '' ? 'index.html' : requested);
  return path.startsWith(directory + sep) ? path : null;
}

/** The built page is index.html beside assets/: those are the only places a file is looked for. */
const UiPathSchema = Type.Object({
  file: Type.Optional(Type.String()),
  asset: Type.Optional(Type.String()),
});

/** The page's files (public: they hold no data) and the summary it reads (admin token). */
export function uiOperations(directory: string | null): Operation[] {
  const root = directory === null ? null : resolve(directory);
  return [
    operation({
      family,
      method: 'GET',
      paths: [UI_PREFIX, `${UI_PREFIX}:file`, `${UI_PREFIX}assets/:asset`],
      summary: 'The web page that shows portals, records and their association graph',
      access: 'public',
      request: { params: UiPathSchema },
      answer: answers.json(200),
      handle: async ({ params, reply }) => {
        if (root === null) throw notBuilt();
        const requested =
          params.asset !== undefined ? `assets/${params.asset}` : (params.file ?? '');
        const path = fileOf(root, requested);
        const type = path === null ? undefined : CONTENT_TYPES[extname(path)];
        const found = path !== null && (await stat(path).catch(() => null))?.isFile() === true;
        if (path === null || type === undefined || !found) {
          throw new DomainError('ROUTE_NOT_FOUND', `No file of the web page at ${requested}`);
        }
        // Built assets carry a content hash in their names; the page itself must be re-read.
        const immutable = params.asset !== undefined;
        void reply
          .type(type)
          .header('content-security-policy', CONTENT_SECURITY_POLICY)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        return readFile(path);
      },
    }),
    operation({
      family,
      method: 'GET',
      paths: [`${CONTROL_PREFIX}/portals/:portalId/summary`],
      summary:
        "A portal's record counts per object type, its labels and limits (counted from indexes)",
      access: 'control',
      request: { params: PortalPathSchema },
      answer: answers.json(200, SummaryReplySchema),
      handle: async ({ core, params }) => {
        const summary = await core.portals.summary(params.portalId);
        // Custom types by their fully qualified names (`p<portalId>_<name>`), as paths take them.
        const types = summary.objectTypes.some((count) => isCustomTypeId(count.objectTypeId))
          ? await core.schemas.objectTypes(params.portalId)
          : STANDARD_DIRECTORY;
        return {
          portalId: params.portalId,
          objectTypes: summary.objectTypes.map((count) => ({
            objectTypeId: count.objectTypeId,
            name: (types.has(count.objectTypeId)
              ? types.byId(count.objectTypeId)
              : objectTypeById(count.objectTypeId)
            ).plural,
            records: count.live,
            archived: count.archived,
          })),
          associationRows: summary.associationRows,
          labels: summary.labels,
          limits: summary.limits,
        };
      },
    }),
    operation({
      family,
      method: 'GET',
      paths: [
        `${CONTROL_PREFIX}/portals/:portalId/associations/:objectType/:objectId/:toObjectType`,
      ],
      summary:
        "A page of a record's associations to one object type, with the rows stored both ways",
      access: 'control',
      request: { params: TwoWayPathSchema, querystring: TwoWayQuerySchema },
      answer: answers.json(200, TwoWayPageReplySchema),
      handle: async ({ core, params, query }) => {
        await core.portals.get(params.portalId);
        // The path names a portal of its own: its custom types, not the request's portal's.
        const types = await core.schemas.objectTypes(params.portalId);
        const path = {
          from: types.resolve(params.objectType),
          to: types.resolve(params.toObjectType),
        };
        const page = await core.associations.getTwoWayPage(
          params.portalId,
          path,
          params.objectId,
          query,
        );
        const specs = (
          types: readonly { category: string; typeId: number; label: string | null }[],
        ) => types.map(({ category, typeId, label }) => ({ category, typeId, label }));
        return {
          results: page.targets.map((target) => ({
            toObjectId: target.toId,
            associationTypes: specs(target.types),
            inverseAssociationTypes: specs(target.inverseTypes),
          })),
          ...pagingToWire(page),
        };
      },
    }),
  ];
}
