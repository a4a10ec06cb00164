/**
 * Types for the part of pouchdb-browser the team replication uses. tsconfig `paths`
 * (tsconfig.base.json) maps the module here instead of @types/pouchdb-browser, because
 * @types/pouchdb-core declares a global `Buffer` interface that merges with Node's and
 * breaks every Node file type-checked in the same program (the test project checks the
 * renderer, the main process and the tests together).
 */
declare namespace PouchDB {
  namespace Core {
    interface Document { _id: string; _rev?: string; _deleted?: boolean; [field: string]: unknown }
    type PutDocument<T extends object> = T & { _id: string; _rev?: string; _deleted?: boolean };
    interface Response { ok: boolean; id: string; rev: string }
    interface ChangesResponseChange { id: string; seq: number | string; deleted?: boolean; changes: { rev: string }[] }
    interface Changes<T extends object> {
      on(event: 'change', listener: (change: ChangesResponseChange) => void): this;
      on(event: string, listener: (value: unknown) => void): this;
      cancel(): void;
      readonly __content?: T;
    }
    interface ChangesOptions { since?: number | string | 'now'; live?: boolean; include_docs?: boolean }
    interface GetOptions { revs?: boolean; open_revs?: 'all' | string[] }
  }
  namespace Replication {
    interface Replication<T extends object> {
      on(event: string, listener: (value: unknown) => void): this;
      cancel(): void;
      readonly __content?: T;
    }
    interface Sync<T extends object> extends Replication<T> {
      push: Replication<T>;
      pull: Replication<T>;
    }
    interface SyncOptions { live?: boolean; retry?: boolean }
  }
  interface Database {
    readonly name: string;
    get(id: string, options?: Core.GetOptions): Promise<unknown>;
    put<T extends object>(doc: Core.PutDocument<T>): Promise<Core.Response>;
    changes(options: Core.ChangesOptions): Core.Changes<object>;
    close(): Promise<void>;
    destroy(): Promise<void>;
  }
  interface Options {
    adapter?: string;
    skip_setup?: boolean;
    fetch?: (url: string | Request, opts?: RequestInit) => Promise<Response>;
  }
}

declare const PouchDB: {
  new (name: string, options?: PouchDB.Options): PouchDB.Database;
  sync(source: PouchDB.Database, target: PouchDB.Database, options?: PouchDB.Replication.SyncOptions): PouchDB.Replication.Sync<object>;
  fetch(url: string | Request, opts?: RequestInit): Promise<Response>;
};

export default PouchDB;
