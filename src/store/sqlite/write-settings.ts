// What every write reads of the settings (labels, limits, who follows changes), kept between transactions while unchanged.
import type { LabelDefinition, LimitConfig } from '../../core/model.js';
import type {
  ActiveJournalSubscription,
  LabelsAndLimits,
  StoredSubscription,
} from '../../core/ports.js';
import * as journal from './sqlite-journal.js';
import * as schema from './sqlite-schema.js';
import type { Prepare } from './sqlite-schema.js';
import * as webhooks from './sqlite-webhooks.js';

/** Set by a trigger on every change to the tables the settings are read from (migration 14). */
const VERSION = 'SELECT version FROM write_settings_version';

/** The most portals whose labels and limits are kept; past it, the oldest read are dropped. */
const MOST_PORTALS = 1000;

/** What was read at one version of the settings. */
interface ReadAt {
  readonly version: number;
  readonly labels: Map<number, readonly LabelDefinition[]>;
  readonly limits: Map<number, readonly LimitConfig[]>;
  subscriptions?: readonly StoredSubscription[];
  journal?: readonly ActiveJournalSubscription[];
}

/**
 * The settings a write transaction reads, each read once and then kept for the next ones while
 * the settings' version stays the one it was read at. why: every write reads them (its types,
 * its limits, the subscriptions its events may follow), they change rarely, and the read of the
 * subscriptions alone was 5% of a single write's CPU in process. Read inside the write
 * transaction, the version is exact, whichever process or connection changed the settings:
 * SQLite runs one write transaction at a time, and the version read in it is the one it commits
 * on. (Outside one, the version is read before the settings, so what is kept is never older than
 * its version.) What it hands out is frozen: it is shared.
 */
export class WriteSettings {
  readonly #prepare: Prepare;
  #read: ReadAt | null = null;

  constructor(prepare: Prepare) {
    this.#prepare = prepare;
  }

  labels(portalId: number): LabelDefinition[] {
    return this.#labelsAt(this.#current(), portalId);
  }

  limits(portalId: number): LimitConfig[] {
    return this.#limitsAt(this.#current(), portalId);
  }

  /** Both, on one read of the version (every pair write asks for both). */
  labelsAndLimits(portalId: number): LabelsAndLimits {
    const read = this.#current();
    return { labels: this.#labelsAt(read, portalId), limits: this.#limitsAt(read, portalId) };
  }

  activeSubscriptions(): StoredSubscription[] {
    const read = this.#current();
    read.subscriptions ??= Object.freeze(webhooks.activeSubscriptions(this.#prepare));
    return read.subscriptions as StoredSubscription[];
  }

  activeJournalSubscriptions(): ActiveJournalSubscription[] {
    const read = this.#current();
    read.journal ??= Object.freeze(journal.activeJournalSubscriptions(this.#prepare));
    return read.journal as ActiveJournalSubscription[];
  }

  #labelsAt(read: ReadAt, portalId: number): LabelDefinition[] {
    return keptFor(read.labels, portalId, () => schema.listLabels(this.#prepare, portalId));
  }

  #limitsAt(read: ReadAt, portalId: number): LimitConfig[] {
    return keptFor(read.limits, portalId, () => schema.listLimits(this.#prepare, portalId));
  }

  /** What was read at the settings' current version; nothing, when it has moved since. */
  #current(): ReadAt {
    const version = this.#prepare(VERSION).pluck().get() as number;
    if (this.#read?.version !== version) {
      this.#read = { version, labels: new Map(), limits: new Map() };
    }
    return this.#read;
  }
}

/** The portal's entry in `kept`, read and frozen on first use. */
function keptFor<T>(kept: Map<number, readonly T[]>, portalId: number, read: () => T[]): T[] {
  let entry = kept.get(portalId);
  if (!entry) {
    if (kept.size >= MOST_PORTALS) {
      const [oldest] = kept.keys();
      if (oldest !== undefined) kept.delete(oldest);
    }
    entry = Object.freeze(read());
    kept.set(portalId, entry);
  }
  // Frozen: a caller that changed the shared list would throw rather than change other writes'.
  return entry as T[];
}
