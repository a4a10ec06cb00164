/**
 * The part of Node's `events` module that pouchdb-browser uses (it imports
 * `events` and leaves providing it to the bundler): on/once/emit, removing
 * listeners, counting them. vite.config.ts resolves `events` here.
 *
 * Methods are plain enumerable prototype properties, as in Node's
 * implementation: PouchDB copies `Object.keys(EventEmitter.prototype)` onto its
 * constructor.
 */
type Listener = (...args: unknown[]) => void;

interface Emitter {
  _events?: Map<string | symbol, Listener[]>;
}

function listenersOf(self: Emitter, type: string | symbol): Listener[] {
  self._events ??= new Map();
  let list = self._events.get(type);
  if (!list) {
    list = [];
    self._events.set(type, list);
  }
  return list;
}

function EventEmitter(this: Emitter): void {
  this._events = new Map();
}

const proto = EventEmitter.prototype as Record<string, unknown>;

proto.on = proto.addListener = function (this: Emitter & { emit(type: string, ...a: unknown[]): boolean }, type: string | symbol, listener: Listener) {
  if (this._events?.has('newListener') && typeof type === 'string') this.emit('newListener', type, listener);
  listenersOf(this, type).push(listener);
  return this;
};

proto.prependListener = function (this: Emitter, type: string | symbol, listener: Listener) {
  listenersOf(this, type).unshift(listener);
  return this;
};

proto.once = function (this: Emitter & { on(t: string | symbol, l: Listener): unknown; removeListener(t: string | symbol, l: Listener): unknown }, type: string | symbol, listener: Listener) {
  const wrapped: Listener & { listener?: Listener } = (...args) => {
    this.removeListener(type, wrapped);
    listener.apply(this, args);
  };
  wrapped.listener = listener;
  this.on(type, wrapped);
  return this;
};

proto.removeListener = proto.off = function (this: Emitter, type: string | symbol, listener: Listener) {
  const list = this._events?.get(type);
  if (!list) return this;
  const i = list.findIndex((l) => l === listener || (l as { listener?: Listener }).listener === listener);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) this._events?.delete(type);
  return this;
};

proto.removeAllListeners = function (this: Emitter, type?: string | symbol) {
  if (type === undefined) this._events = new Map();
  else this._events?.delete(type);
  return this;
};

proto.emit = function (this: Emitter, type: string | symbol, ...args: unknown[]) {
  const list = this._events?.get(type);
  if (!list || list.length === 0) {
    if (type === 'error') throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error event: ${String(args[0])}`);
    return false;
  }
  for (const l of [...list]) l.apply(this, args);
  return true;
};

proto.listeners = function (this: Emitter, type: string | symbol) {
  return [...(this._events?.get(type) ?? [])].map((l) => (l as { listener?: Listener }).listener ?? l);
};

proto.listenerCount = function (this: Emitter, type: string | symbol) {
  return this._events?.get(type)?.length ?? 0;
};

proto.setMaxListeners = function (this: Emitter) {
  return this;
};

proto.getMaxListeners = function () {
  return Infinity;
};

(EventEmitter as unknown as { listenerCount(e: { listenerCount(t: string | symbol): number }, t: string | symbol): number }).listenerCount = (emitter, type) => emitter.listenerCount(type);
(EventEmitter as unknown as { EventEmitter: unknown }).EventEmitter = EventEmitter;

export default EventEmitter;
export { EventEmitter };
