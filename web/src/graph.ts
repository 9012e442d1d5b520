// The neighbourhood graph: a record and its associated records, expanded one node at a time. The
// canvas is for the eye and the pointer; `nodes` lists the same nodes for the keyboard and screen
// readers, and `onChange` tells the page whenever they change.
import cytoscape from 'cytoscape';
import type { CrmApi } from './api';

/** Neighbours fetched per object type on each expansion; a "more" node fetches the next ones. */
export const NEIGHBOURS_PER_PAGE = 10;

interface RecordRef {
  readonly type: string;
  readonly id: string;
}

/** A node as the page lists it: a record (expanded or not), or the "more" of a record's type. */
export interface GraphNode {
  readonly id: string;
  readonly caption: string;
  readonly ref?: RecordRef;
  readonly expanded: boolean;
  /** Set on a "more" node: whose neighbours, of which type, it loads next. */
  readonly moreOf?: string;
}

const nodeId = (ref: RecordRef) => `${ref.type}:${ref.id}`;

/** Draws the graph in `container`; clicking a record expands it, clicking "more" pages on. */
export class NeighbourhoodGraph {
  readonly #cy: cytoscape.Core;
  readonly #expanded = new Set<string>();

  constructor(
    container: HTMLElement,
    private readonly crm: CrmApi,
    /** The object types whose associations are read on expansion. */
    private readonly types: readonly string[],
    /** Called after every change of the drawn nodes (expansion, a page of "more"). */
    private readonly onChange: () => void,
    private readonly onError: (error: unknown) => void,
  ) {
    this.#cy = cytoscape({
      container,
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(caption)',
            'font-size': 10,
            'background-color': '#3b6ea5',
            color: '#1a1a1a',
            'text-valign': 'bottom',
          },
        },
        { selector: 'node[?expanded]', style: { 'background-color': '#1d7a46' } },
        {
          selector: 'node:selected',
          style: { 'border-width': 4, 'border-color': '#e07b00' },
        },
        {
          selector: 'node[?more]',
          style: { shape: 'round-rectangle', 'background-color': '#a5713b' },
        },
        {
          selector: 'edge',
          style: {
            label: 'data(caption)',
            'font-size': 8,
            width: 1.5,
            'curve-style': 'bezier',
            'line-color': '#999',
          },
        },
      ],
    });
    // Cytoscape keeps where its container sits on the page; the page above it grows as the record
    // loads, so it is told again whenever the pointer comes in, or clicks would miss their nodes.
    const refreshPlace = () => this.#cy.resize();
    container.addEventListener('mouseenter', refreshPlace);
    container.addEventListener('touchstart', refreshPlace, { passive: true });
    this.#cy.on('tap', 'node', (event) => {
      const node = event.target as cytoscape.NodeSingular;
      void this.activate(node.id()).catch(this.onError);
    });
  }

  /** What clicking the node does: expands a record, or loads the next page of a "more". */
  async activate(id: string): Promise<void> {
    const data = this.#cy.getElementById(id).data() as
      { ref?: RecordRef; more?: MoreData } | undefined;
    if (data?.more) await this.#expandPage(data.more, id);
    else if (data?.ref) await this.expand(data.ref);
  }

  /** Every node, records in the order they were drawn, each "more" after them. */
  get nodes(): GraphNode[] {
    return this.#cy.nodes().map((node) => {
      const data = node.data() as { caption: string; ref?: RecordRef; more?: MoreData };
      return {
        id: node.id(),
        caption: data.caption,
        ...(data.ref ? { ref: data.ref } : {}),
        expanded: this.#expanded.has(node.id()),
        ...(data.more ? { moreOf: `${data.more.from.type} ${data.more.from.id}` } : {}),
      };
    });
  }

  /** Draws attention to a node on the canvas, as keyboard focus moves through the list. */
  highlight(id: string | null): void {
    this.#cy.nodes().unselect();
    if (id !== null) this.#cy.getElementById(id).select();
  }

  /** How many records and associations are drawn: the tests and the page's caption read it. */
  get size(): { records: number; links: number; more: number } {
    const more = this.#cy.nodes('[?more]');
    return {
      records: this.#cy.nodes().length - more.length,
      links: this.#cy.edges().length - more.length,
      more: more.length,
    };
  }

  /** Starts over from one record, and expands it. */
  async show(root: RecordRef): Promise<void> {
    this.#cy.elements().remove();
    this.#expanded.clear();
    this.#addRecord(root);
    await this.expand(root);
  }

  /** Adds the first page of the record's neighbours of every type. */
  async expand(ref: RecordRef): Promise<void> {
    const id = nodeId(ref);
    if (this.#expanded.has(id)) return;
    this.#expanded.add(id);
    this.#cy.getElementById(id).data('expanded', true);
    this.onChange();
    await Promise.all(this.types.map((toType) => this.#expandPage({ from: ref, toType })));
  }

  destroy(): void {
    this.#cy.destroy();
  }

  async #expandPage(more: MoreData, moreNodeId?: string): Promise<void> {
    if (moreNodeId !== undefined) this.#cy.getElementById(moreNodeId).remove();
    const page = await this.crm.associations(
      more.from.type,
      more.from.id,
      more.toType,
      NEIGHBOURS_PER_PAGE,
      more.after,
    );
    for (const associated of page.results) {
      const to = { type: more.toType, id: String(associated.toObjectId) };
      this.#addRecord(to);
      const labels = associated.associationTypes.map((type) => type.label ?? '').filter(Boolean);
      const edgeId = [nodeId(more.from), nodeId(to)].sort().join('--');
      if (this.#cy.getElementById(edgeId).empty()) {
        this.#cy.add({
          group: 'edges',
          data: {
            id: edgeId,
            source: nodeId(more.from),
            target: nodeId(to),
            caption: labels.join(', '),
          },
        });
      }
    }
    const after = page.paging?.next?.after;
    if (after !== undefined) {
      const id = `more:${nodeId(more.from)}:${more.toType}:${after}`;
      this.#cy.add({
        group: 'nodes',
        data: { id, more: { ...more, after }, caption: `more ${more.toType}…` },
      });
      this.#cy.add({
        group: 'edges',
        data: { source: nodeId(more.from), target: id, caption: '' },
      });
    }
    this.#cy.layout({ name: 'cose', animate: false }).run();
    this.onChange();
  }

  #addRecord(ref: RecordRef): void {
    if (!this.#cy.getElementById(nodeId(ref)).empty()) return;
    this.#cy.add({
      group: 'nodes',
      data: { id: nodeId(ref), ref, caption: `${ref.type} ${ref.id}` },
    });
  }
}

interface MoreData {
  readonly from: RecordRef;
  readonly toType: string;
  readonly after?: string;
}
