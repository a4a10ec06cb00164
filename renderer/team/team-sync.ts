/**
 * Continuous two-way replication of the workspace with a team database.
 *
 * Dexie stays the one source of truth for the screens. Between it and the team
 * server sits a local PouchDB database (IndexedDB) that PouchDB replicates with
 * the server (`PouchDB.sync`, live, retrying):
 *
 * - local edits: the change log (every repository write appends to it in its
 *   own transaction) is followed from a cursor; each line or product it names
 *   is written into the local PouchDB as its team document (planPush: _rev and
 *   unknown fields kept, `changed` names the user, via "app");
 * - team changes: the local PouchDB's changes feed; each line or product
 *   document is checked (readTeamDocs) and applied through the repository
 *   (applyTeamDocument), one transaction per document; a deleted document
 *   deletes the product or line.
 *
 * Echoes end by content: a document written from the workspace comes back
 * through the changes feed holding what the workspace holds ('unchanged'), and
 * a team change applied to the workspace comes back through the change log
 * holding what its document holds (planPush: unchanged). Both directions run
 * on one queue, local edits first, so a team change never overwrites an edit
 * that was not written to the local PouchDB yet.
 *
 * The cursors (last change-log entry and last PouchDB change handled) live in
 * a `_local` document of the local PouchDB (never replicated), so a reload
 * picks up where it stopped.
 */
import PouchDB from 'pouchdb-browser';
import { liveQuery, type Subscription } from 'dexie';
import { parseDatabaseUrl, type DatabaseAddress } from '../../shared/team/database-url';
import { lineDocId, LINE_DOC_PREFIX, planPush, PRODUCT_DOC_PREFIX, productDocId, readTeamDocs, type LineDoc, type ProductDoc, type StoredDoc } from '../../shared/team/documents';
import type { SupportspanDb } from '../db/database';
import { describeError } from '../db/errors';
import { currentAuthor } from '../db/repositories/change-log';
import { applyTeamDeletion, applyTeamDocument, docIdsOfChange, workspaceContentOf } from '../db/repositories/team-documents';
import { useUiStore } from '../state/ui-store';
import { reasonForStatus, useTeamStatus } from './team-status';

export interface TeamSyncConfig {
  url: string;
  user: string;
}

const CURSOR_ID = '_local/supportspan-sync';

interface Cursor {
  _id: typeof CURSOR_ID;
  _rev?: string;
  /** The last change-log entry written to the local PouchDB. */
  changeSeq: number;
  /** The last local PouchDB change applied to the workspace. */
  pouchSeq: number | string;
}

/** The local PouchDB's name: one per workspace and team database. */
export function localDatabaseName(workspaceDb: string, address: DatabaseAddress): string {
  return `${workspaceDb}-team-${address.name}@${new URL(address.origin).host}`;
}

function statusOf(error: unknown): number | undefined {
  const status = error && typeof error === 'object' ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}

async function getOrNull(db: PouchDB.Database, id: string): Promise<StoredDoc | null> {
  try {
    return (await db.get(id)) as unknown as StoredDoc;
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

export class TeamSync {
  private readonly address: DatabaseAddress;
  private readonly local: PouchDB.Database;
  private readonly remote: PouchDB.Database;
  private replication: PouchDB.Replication.Sync<object> | null = null;
  private feed: PouchDB.Core.Changes<object> | null = null;
  private logWatch: Subscription | null = null;
  private queue: Promise<void> = Promise.resolve();
  private cursor: Cursor = { _id: CURSOR_ID, changeSeq: -1, pouchSeq: 0 };
  private stopped = false;
  /** Products whose line document has not arrived, by line id. */
  private readonly waitingForLine = new Map<string, Set<string>>();
  /** Documents written to the local PouchDB since the replication was last idle. */
  private written = 0;
  /** A request to the server failed and the replication is backing off. */
  private failing = false;

  constructor(private readonly db: SupportspanDb, private readonly config: TeamSyncConfig) {
    this.address = parseDatabaseUrl(config.url);
    this.local = new PouchDB(localDatabaseName(db.name, this.address), { adapter: 'idb' });
    this.remote = new PouchDB(this.address.url, {
      skip_setup: true,
      // The session cookie from signing in (team-session.ts) is the only credential.
      fetch: (url, opts) => PouchDB.fetch(url, { ...opts, credentials: 'include' }),
    });
  }

  async start(): Promise<void> {
    const status = useTeamStatus.getState();
    status.set({ kind: 'connecting' });
    const stored = await getOrNull(this.local, CURSOR_ID);
    if (stored) this.cursor = stored as unknown as Cursor;
    if (this.stopped) return;
    // Local edits first (and, the first time, the whole workspace), then team changes.
    await this.enqueue(() => this.flushLocal());
    if (this.stopped) return;
    this.logWatch = liveQuery(() => this.db.changes.orderBy('seq').lastKey()).subscribe({
      next: (last) => {
        if (typeof last === 'number' && last > this.cursor.changeSeq) void this.enqueue(() => this.flushLocal());
      },
      error: (error: unknown) => this.fail(`the change log could not be read: ${describeError(error)}`),
    });
    this.feed = this.local.changes({ since: this.cursor.pouchSeq, live: true, include_docs: false })
      .on('change', (change) => {
        void this.enqueue(() => this.applyRemote(change.id, change.seq, change.deleted === true));
      })
      .on('error', (error: unknown) => this.fail(`the local team copy could not be read: ${describeError(error)}`));
    const sync = PouchDB.sync(this.local, this.remote, { live: true, retry: true });
    this.replication = sync;
    sync
      .on('active', () => {
        this.failing = false;
        useTeamStatus.getState().set({ kind: 'syncing', changes: this.written });
      })
      .on('change', () => {
        const state = useTeamStatus.getState().state;
        if (state.kind === 'syncing') useTeamStatus.getState().set({ kind: 'syncing', changes: this.written });
      })
      .on('paused', (error: unknown) => {
        // The combined replication reports "paused" without the error when one side stopped on one.
        if (error) this.offlineOrError(error);
        if (error || this.failing) return;
        this.written = 0;
        useTeamStatus.getState().set({ kind: 'up-to-date', at: new Date().toISOString() });
      })
      .on('denied', () => this.fail(reasonForStatus(403, this.config.user, this.address.name)))
      .on('error', (error: unknown) => this.offlineOrError(error));
    // Each side reports the failed request itself (then retries, backing off).
    const sides = sync as unknown as { push: PouchDB.Replication.Replication<object>; pull: PouchDB.Replication.Replication<object> };
    for (const side of [sides.push, sides.pull]) {
      (side as unknown as { on(event: string, listener: (e: unknown) => void): void }).on('requestError', (error) => {
        this.failing = true;
        this.offlineOrError(error);
      });
      side.on('active', () => {
        this.failing = false;
      });
    }
  }

  /** Stops replicating; the local copy stays for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.logWatch?.unsubscribe();
    this.feed?.cancel();
    this.replication?.cancel();
    await this.queue.catch(() => undefined);
    await this.local.close().catch(() => undefined);
    await this.remote.close().catch(() => undefined);
  }

  /** Resolves once every queued step so far has run (tests, sign-out). */
  idle(): Promise<void> {
    return this.queue;
  }

  private offlineOrError(error: unknown): void {
    const status = statusOf(error);
    if (status === 401 || status === 403 || status === 404) {
      this.fail(reasonForStatus(status, this.config.user, this.address.name));
      return;
    }
    const state = useTeamStatus.getState().state;
    if (state.kind !== 'offline') useTeamStatus.getState().set({ kind: 'offline', since: new Date().toISOString() });
  }

  private fail(reason: string): void {
    useTeamStatus.getState().set({ kind: 'error', reason });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(async () => {
      if (this.stopped) return;
      try {
        await step();
      } catch (error) {
        if (this.stopped) return;
        useUiStore.getState().pushNotice({ kind: 'error', message: `Team replication: ${describeError(error)}` });
      }
    });
    return this.queue;
  }

  private async saveCursor(): Promise<void> {
    const result = await this.local.put(this.cursor as unknown as PouchDB.Core.PutDocument<object>);
    this.cursor._rev = result.rev;
  }

  /** Writes the lines and products the change log names since the cursor (all of them the first time). */
  private async flushLocal(): Promise<void> {
    const db = this.db;
    const docIds = new Set<string>();
    let last = this.cursor.changeSeq;
    if (this.cursor.changeSeq < 0) {
      last = ((await db.changes.orderBy('seq').lastKey()) as number | undefined) ?? 0;
      for (const id of (await db.lines.toCollection().primaryKeys()) as string[]) docIds.add(lineDocId(id));
      for (const id of (await db.products.toCollection().primaryKeys()) as string[]) docIds.add(productDocId(id));
    } else {
      const records = await db.changes.where('seq').above(this.cursor.changeSeq).toArray();
      for (const record of records) {
        for (const id of docIdsOfChange(record)) docIds.add(id);
        if (typeof record.seq === 'number' && record.seq > last) last = record.seq;
      }
    }
    // Lines before products, so a product never arrives before its line.
    const ordered = [...docIds].sort((a, b) => Number(b.startsWith(LINE_DOC_PREFIX)) - Number(a.startsWith(LINE_DOC_PREFIX)));
    for (const docId of ordered) {
      if (this.stopped) return;
      await this.writeLocal(docId);
    }
    if (last !== this.cursor.changeSeq) {
      this.cursor.changeSeq = last;
      await this.saveCursor();
    }
  }

  private changedBy() {
    return { by: currentAuthor() || this.config.user, at: new Date().toISOString(), via: 'app' };
  }

  private async writeLocal(docId: string): Promise<void> {
    const existing = await getOrNull(this.local, docId);
    const content = await workspaceContentOf(this.db, docId);
    const inWorkspace = content.lines.length + content.products.length > 0;
    if (!inWorkspace) {
      if (existing && existing._deleted !== true && existing._rev) {
        await this.local.put({ _id: docId, _rev: existing._rev, _deleted: true, changed: this.changedBy() } as unknown as PouchDB.Core.PutDocument<object>);
        this.count();
      }
      return;
    }
    const plan = planPush(content, existing ? new Map([[docId, existing]]) : new Map(), this.changedBy());
    for (const refused of plan.refused) {
      useUiStore.getState().pushNotice({ kind: 'warning', message: `Team replication: ${refused.docId} was ${refused.message}` });
    }
    for (const write of plan.writes) {
      await this.local.put(write.doc as unknown as PouchDB.Core.PutDocument<object>);
      this.count();
    }
  }

  private count(): void {
    this.written++;
    const state = useTeamStatus.getState().state;
    if (state.kind === 'syncing' || state.kind === 'up-to-date') useTeamStatus.getState().set({ kind: 'syncing', changes: this.written });
  }

  /** A document changed in the local PouchDB: from the team, or our own write coming back. */
  private async applyRemote(docId: string, seq: number | string, deleted: boolean): Promise<void> {
    if (docId.startsWith(LINE_DOC_PREFIX) || docId.startsWith(PRODUCT_DOC_PREFIX)) {
      // Edits made here meanwhile go out first; the document is read as it is now, after them.
      await this.flushLocal();
      await this.applyDoc(docId, deleted);
    }
    this.cursor.pouchSeq = seq;
    await this.saveCursor();
  }

  private async applyDoc(docId: string, deleted: boolean): Promise<void> {
    if (deleted) {
      if (await getOrNull(this.local, docId)) return; // written again since
      await applyTeamDeletion(this.db, docId, await this.deletedBy(docId));
      return;
    }
    const doc = await getOrNull(this.local, docId);
    if (!doc) return;
    const docs: StoredDoc[] = [doc];
    if (docId.startsWith(PRODUCT_DOC_PREFIX)) {
      const lineId = (doc.product as { lineId?: unknown } | undefined)?.lineId;
      if (typeof lineId === 'string') {
        const lineDoc = await getOrNull(this.local, lineDocId(lineId));
        const workspaceLine = await this.db.lines.get(lineId);
        if (lineDoc) docs.push(lineDoc);
        else if (workspaceLine) docs.push({ _id: lineDocId(lineId), type: 'product-line', docVersion: 1, line: workspaceLine });
      }
    }
    const read = readTeamDocs(docs);
    const own = read.problems.filter((p) => p.docId === docId);
    if (own.length) {
      if (own.some((p) => p.message.includes('has no document')) && typeof (doc.product as { lineId?: unknown })?.lineId === 'string') {
        this.waitFor((doc.product as { lineId: string }).lineId, docId);
        return;
      }
      useUiStore.getState().pushNotice({ kind: 'warning', message: `Team replication: ${docId} was not applied: ${own.map((p) => p.message).join('; ')}` });
      return;
    }
    const by = typeof (doc.changed as { by?: unknown } | undefined)?.by === 'string' ? (doc.changed as { by: string }).by : '';
    const line = read.portfolio.lines.find((l) => lineDocId(l.id) === docId);
    const product = read.portfolio.products.find((p) => productDocId(p.id) === docId);
    let checked: LineDoc | ProductDoc | null = null;
    if (line) checked = { ...(doc as unknown as LineDoc), line };
    else if (product) checked = { ...(doc as unknown as ProductDoc), product, decisions: read.portfolio.decisions.filter((d) => d.productId === product.id) };
    if (!checked) return;
    const outcome = await applyTeamDocument(this.db, checked, by);
    if (outcome === 'needs-line' && product) {
      this.waitFor(product.lineId, docId);
      return;
    }
    if (docId.startsWith(LINE_DOC_PREFIX)) {
      const lineId = docId.slice(LINE_DOC_PREFIX.length);
      const waiting = this.waitingForLine.get(lineId);
      this.waitingForLine.delete(lineId);
      for (const productDoc of waiting ?? []) await this.applyDoc(productDoc, false);
    }
  }

  private waitFor(lineId: string, docId: string): void {
    const set = this.waitingForLine.get(lineId) ?? new Set<string>();
    set.add(docId);
    this.waitingForLine.set(lineId, set);
  }

  private async deletedBy(docId: string): Promise<string> {
    try {
      const revs = await this.local.get(docId, { revs: true, open_revs: 'all' }) as unknown as { ok?: StoredDoc }[];
      const tomb = revs.find((r) => r.ok?._deleted)?.ok;
      const by = (tomb?.changed as { by?: unknown } | undefined)?.by;
      return typeof by === 'string' ? by : '';
    } catch {
      return '';
    }
  }
}
