// The renderer's one cache of project reads. Each read is keyed by call name and request; every view that asks for
// the same read shares one request and one answer. After each change the host announces what it touched
// (`{ type: 'changed', entities, articleIds?, codeIds? }`) and every read that depends on it is fetched again, in every
// window at once. Only the newest answer for a read may land, so overlapping reloads never show stale data.
// No React here, so it is tested in Node with a fake bridge (tests/renderer/queryClient.test.ts).
import type { ChangedEntity, GlossEvent } from '../../src-main/contract/types';

export type ChangeEvent = Extract<GlossEvent, { type: 'changed' }>;

/** Which announced changes make a read stale: any of these entities, or a test of the whole event. */
export type Invalidation = readonly ChangedEntity[] | ((event: ChangeEvent) => boolean);

export const allEntities: readonly ChangedEntity[] = ['articles', 'codes', 'codings', 'memos', 'attributes', 'searches', 'history', 'coders'];

export interface QueryState<T> {
  data: T | undefined;
  error: Error | undefined;
  /** True while a request for this read is in flight (also while refetching with old data still shown). */
  loading: boolean;
}

type Call = (name: string, request: unknown) => Promise<unknown>;
type Subscribe = (listener: (event: GlossEvent) => void) => () => void;

interface Subscriber {
  invalidatedBy: Invalidation;
  notify(): void;
}

interface Entry {
  name: string;
  request: unknown;
  state: QueryState<unknown>;
  /** Number of the newest request; an answer carrying an older number is dropped. */
  latest: number;
  inFlight: Promise<unknown> | undefined;
  subscribers: Set<Subscriber>;
  /** Set while a prefetched read waits for its first watcher; it is forgotten if none comes in time. */
  unclaimed?: ReturnType<typeof setTimeout>;
}

/** How long a prefetched read waits for a view to watch it before it is forgotten. */
export const PREFETCH_KEEP_MS = 10_000;

/**
 * True when the event concerns this read: it names one of `entities` and, when the read is about one article or
 * code, the event either names no articles/codes (it may touch any) or names this one.
 */
export function touches(
  entities: readonly ChangedEntity[],
  scope: { articleId?: number | null; codeId?: number | null } = {},
): (event: ChangeEvent) => boolean {
  return (event) => {
    if (!event.entities.some((e) => entities.includes(e))) return false;
    if (scope.articleId != null && event.articleIds !== undefined && !event.articleIds.includes(scope.articleId)) return false;
    if (scope.codeId != null && event.codeIds !== undefined && !event.codeIds.includes(scope.codeId)) return false;
    return true;
  };
}

function matches(invalidatedBy: Invalidation, event: ChangeEvent): boolean {
  return typeof invalidatedBy === 'function' ? invalidatedBy(event) : event.entities.some((e) => invalidatedBy.includes(e));
}

/** Same request, same key, whatever the order of its fields. */
export function queryKey(name: string, request: unknown): string {
  return `${name} ${stableJson(request ?? {})}`;
}

function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(obj[k])}`).join(',')}}`;
}

const idle: QueryState<unknown> = { data: undefined, error: undefined, loading: false };

/** How a change's answer updates one cached read (see QueryClient.change). */
export interface Patch<R> {
  name: string;
  request: unknown;
  /** The read's new data from its cached data and the answer; `undefined` data means nothing cached yet. */
  update(data: unknown, result: R): unknown;
}

/** A change this window asked for, whose own 'changed' event may come before or after its answer. */
interface OwnChange {
  keys: Set<string>;
  /** Its event has been heard (and has skipped the reads the answer patches). */
  heard: boolean;
  /** Answered; after a while an answer whose event never came stops covering anything. */
  answeredAt: number | undefined;
}

/** An answered change whose own event has not arrived within this time no longer keeps reads from refetching. */
const OWN_EVENT_WAIT_MS = 5000;

export class QueryClient {
  private readonly entries = new Map<string, Entry>();
  private readonly changeListeners = new Set<(event: ChangeEvent) => void>();
  private readonly unsubscribe: () => void;
  /** Changes this window asked for, oldest first, until their event is heard and their answer has landed. */
  private readonly own: OwnChange[] = [];

  constructor(
    private readonly call: Call,
    subscribe: Subscribe,
    /**
     * Runs work that may wait until the browser has painted (the renderer passes "after the next frames"): the
     * reads a window's own change leaves stale, and the patch of its answer into the cache, which re-renders views.
     */
    private readonly afterPaint: (work: () => void) => void = (work) => setTimeout(work, 0),
  ) {
    this.unsubscribe = subscribe((event) => {
      if (event.type === 'changed') this.changed(event);
      // Another project (or a restored one): nothing cached belongs to it.
      else if (event.type === 'project.changed') this.changed({ type: 'changed', entities: [...allEntities] });
    });
  }

  /** The read's current state; the same object until it changes, as useSyncExternalStore needs. */
  get<T>(name: string, request: unknown): QueryState<T> {
    return (this.entries.get(queryKey(name, request))?.state ?? idle) as QueryState<T>;
  }

  /**
   * Starts watching a read: fetches it unless an answer or a request is already there. `notify` hears every state
   * change. Returns the function that stops watching; the last watcher leaving forgets the read.
   */
  watch(name: string, request: unknown, invalidatedBy: Invalidation, notify: () => void): () => void {
    const key = queryKey(name, request);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { name, request, state: idle, latest: 0, inFlight: undefined, subscribers: new Set() };
      this.entries.set(key, entry);
    }
    const subscriber: Subscriber = { invalidatedBy, notify };
    entry.subscribers.add(subscriber);
    if (entry.unclaimed !== undefined) {
      clearTimeout(entry.unclaimed);
      entry.unclaimed = undefined;
    }
    if (entry.state.data === undefined && entry.state.error === undefined && !entry.inFlight) void this.fetch(entry);
    const watched = entry;
    return () => {
      watched.subscribers.delete(subscriber);
      if (watched.subscribers.size === 0 && this.entries.get(key) === watched) this.entries.delete(key);
    };
  }

  /**
   * Starts a read before any view watches it, so its request is on the way while the view that will need it is
   * still rendering (the reader's open: the request leaves on the click, not after the click's render). The view's
   * `watch` then shares the request or its answer. A prefetched read nobody watches is forgotten after
   * PREFETCH_KEEP_MS, and at once on any announced change (nothing would refetch it, so it could only go stale).
   */
  prefetch(name: string, request: unknown): void {
    const key = queryKey(name, request);
    if (this.entries.has(key)) return;
    const entry: Entry = { name, request, state: idle, latest: 0, inFlight: undefined, subscribers: new Set() };
    entry.unclaimed = setTimeout(() => {
      if (entry.subscribers.size === 0 && this.entries.get(key) === entry) this.entries.delete(key);
    }, PREFETCH_KEEP_MS);
    this.entries.set(key, entry);
    void this.fetch(entry);
  }

  /** Fetches a watched read again now (after a change this window made that the host does not announce). */
  refetch(name: string, request: unknown): Promise<void> {
    const entry = this.entries.get(queryKey(name, request));
    return entry ? this.fetch(entry).then(() => undefined) : Promise.resolve();
  }

  /** Hears every announced change, for views that keep their own state (e.g. a paged list). */
  onChange(listener: (event: ChangeEvent) => void): () => void {
    this.changeListeners.add(listener);
    return () => {
      this.changeListeners.delete(listener);
    };
  }

  /**
   * Makes a change from this window (issue 16): runs `run` (the call) and puts its answer into the cached reads
   * `patches` name, after the next paint, instead of reading them again. The host's event for this change, marked
   * `own` for this window alone, then refetches only the other reads it concerns, also after the paint, so the
   * analyst sees the change before any of that work; every other window refetches as for any change. Correct
   * whichever arrives first, the event or the answer; a refused call patches nothing (and announces nothing).
   */
  async change<R>(run: () => Promise<R>, patches: readonly Patch<R>[]): Promise<R> {
    this.expireOwn();
    const mine: OwnChange = { keys: new Set(patches.map((p) => queryKey(p.name, p.request))), heard: false, answeredAt: undefined };
    this.own.push(mine);
    let result: R;
    try {
      result = await run();
    } catch (err) {
      this.forget(mine);
      throw err;
    }
    mine.answeredAt = Date.now();
    if (mine.heard) this.forget(mine);
    this.afterPaint(() => {
      for (const p of patches) this.patch(p.name, p.request, (data) => p.update(data, result));
    });
    return result;
  }

  /**
   * Replaces a cached read's data without asking the host (what this window's own change's answer says it now is).
   * A request already in flight may have been answered before the change: it is asked again, so it cannot land last.
   */
  patch(name: string, request: unknown, update: (data: unknown) => unknown): void {
    const entry = this.entries.get(queryKey(name, request));
    if (!entry || entry.state.data === undefined) return;
    this.set(entry, { ...entry.state, data: update(entry.state.data) });
    if (entry.inFlight) void this.fetch(entry);
  }

  /**
   * Forgets answered changes whose event has not come within OWN_EVENT_WAIT_MS. (An answered change whose event was
   * heard is forgotten at once, by `change` or `ownEventCovers`, whichever comes second.)
   */
  private expireOwn(): void {
    const now = Date.now();
    for (const c of [...this.own]) if (c.answeredAt !== undefined && now - c.answeredAt > OWN_EVENT_WAIT_MS) this.forget(c);
  }

  private forget(change: OwnChange): void {
    const at = this.own.indexOf(change);
    if (at >= 0) this.own.splice(at, 1);
  }

  /** The reads the answer to this window's own change will patch (its oldest change whose event is not heard yet). */
  private ownEventCovers(event: ChangeEvent): Set<string> | undefined {
    if (!event.own) return undefined;
    this.expireOwn();
    const change = this.own.find((c) => !c.heard);
    if (!change) return undefined;
    change.heard = true;
    if (change.answeredAt !== undefined) this.forget(change);
    return change.keys;
  }

  /** Treats an event as if the host had announced it: refetches every watched read it concerns. */
  changed(event: ChangeEvent): void {
    this.dropUnclaimedPrefetches();
    const covered = this.ownEventCovers(event);
    if (covered) {
      // This window's own change: what its answer tells is patched in; the rest is refetched once it is on screen.
      this.afterPaint(() => {
        this.refetchFor(event, covered);
        for (const listener of this.changeListeners) listener(event);
      });
      return;
    }
    this.refetchFor(event, undefined);
    for (const listener of this.changeListeners) listener(event);
  }

  /** A prefetched read no view has picked up may predate this change: dropped, never shown stale. */
  private dropUnclaimedPrefetches(): void {
    for (const [key, entry] of this.entries) {
      if (entry.unclaimed === undefined) continue;
      clearTimeout(entry.unclaimed);
      this.entries.delete(key);
    }
  }

  private refetchFor(event: ChangeEvent, skip: Set<string> | undefined): void {
    for (const [key, entry] of this.entries) {
      if (skip?.has(key)) continue;
      for (const s of entry.subscribers) {
        if (matches(s.invalidatedBy, event)) {
          void this.fetch(entry);
          break;
        }
      }
    }
  }

  dispose(): void {
    this.unsubscribe();
    for (const entry of this.entries.values()) if (entry.unclaimed !== undefined) clearTimeout(entry.unclaimed);
    this.entries.clear();
    this.changeListeners.clear();
    this.own.length = 0;
  }

  private fetch(entry: Entry): Promise<unknown> {
    const mine = ++entry.latest;
    this.set(entry, { ...entry.state, loading: true });
    const request = this.call(entry.name, entry.request).then(
      (data) => {
        if (mine === entry.latest) this.set(entry, { data, error: undefined, loading: false });
      },
      (err: unknown) => {
        if (mine === entry.latest) this.set(entry, { data: entry.state.data, error: err instanceof Error ? err : new Error(String(err)), loading: false });
      },
    );
    entry.inFlight = request.finally(() => {
      if (mine === entry.latest) entry.inFlight = undefined;
    });
    return entry.inFlight;
  }

  private set(entry: Entry, state: QueryState<unknown>): void {
    entry.state = state;
    for (const s of [...entry.subscribers]) s.notify();
  }
}
