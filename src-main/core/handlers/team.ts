// Coders as people and blind coding (issue #12): this window's current coder, its "show only my codings" state, and
// the calls that list coders and tombstones. The coder commands (create, rename/recolour) are in
// commands/coderCommands.ts; the reads that honour blind mode call `readCoder` (below) in session.ts.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { BlindState } from '../../contract/types';
import type { Handlers, Session } from '../session';
import { updateCoder } from '../commands/coderCommands';
import type { Project } from '../store/Project';

/** What one window chose: its current coder and, once it chose, its blind mode (null: follow the project's default). */
export interface TeamWindowState {
  /** The chosen coder's name, and its row in the open project: the id follows a rename (and its undo). */
  coder: string | null;
  coderId: number | null;
  blind: boolean | null;
}

/** The name of the window's chosen coder as the open project spells it now, or null when none was chosen. */
export function windowCoderName(session: Session): string | null {
  const w = session.teamWindow;
  if (w.coderId !== null) {
    const name = session.currentProject?.db.prepare('SELECT name FROM coders WHERE id = ?').pluck().get(w.coderId) as string | undefined;
    if (name !== undefined) return name;
  }
  return w.coder;
}

const SETUP_KEY = 'team.setup';

/**
 * Which window a call comes from (the web host: the page's X-Gloss-Window header; the app: the window's id), for the
 * length of the call and everything it awaits. Calls without one (the CLI, tests) share one default window.
 */
const windowScope = new AsyncLocalStorage<string>();
const DEFAULT_WINDOW = 'main';
/** More windows than a person opens; beyond it the oldest window's choices are forgotten. */
const MAX_WINDOWS = 64;

/** Each window's choices, by window id. */
export class TeamWindows {
  private readonly byId = new Map<string, TeamWindowState>();

  /** Runs `work` as a call from window `id` (no id: the default window). */
  run<T>(id: string | undefined, work: () => T): T {
    return id === undefined ? work() : windowScope.run(id, work);
  }

  /** The id of the window the current call comes from; none for the CLI, tests and work outside a call. */
  currentId(): string | undefined {
    return windowScope.getStore();
  }

  /** The state of the window the current call comes from. */
  current(): TeamWindowState {
    const id = windowScope.getStore() ?? DEFAULT_WINDOW;
    let state = this.byId.get(id);
    if (!state) {
      if (this.byId.size >= MAX_WINDOWS) this.byId.delete(this.byId.keys().next().value!);
      state = { coder: null, coderId: null, blind: null };
      this.byId.set(id, state);
    }
    return state;
  }

  /** A project opened: every window starts from that project's blind default again (and its coder ids are another project's). */
  projectChanged(): void {
    for (const state of this.byId.values()) {
      state.blind = null;
      state.coderId = null;
    }
  }
}

function setupSetting(project: Project | null): boolean {
  if (!project) return false;
  return (project.db.prepare('SELECT value FROM project_meta WHERE key = ?').pluck().get(SETUP_KEY) as string | undefined) === '1';
}

/**
 * The window's blind state. "An agreement set up" means two or more coders with codings, or the project setting
 * `team.setup`; then a window that has not chosen is blind. The CLI has no window and is never blind by default (a
 * script's export or count sees every coder unless it asks for one with `coder`).
 */
export function blindState(session: Session): BlindState {
  const project = session.currentProject;
  const setting = setupSetting(project);
  const teamSetUp = setting || (project !== null && project.coders.codersWithCodings() >= 2);
  const byDefault = session.host.kind !== 'cli' && teamSetUp;
  const explicit = session.teamWindow.blind !== null;
  return { on: session.teamWindow.blind ?? byDefault, coder: session.coder(), explicit, teamSetUp, setupSetting: setting };
}

/**
 * The coder a read is narrowed to: this window's coder when it is blind (whatever the request asked), else the
 * coder the request named, else none. Spread `filtered` into the response so it says when it was narrowed.
 */
export function readCoder(session: Session, requested: string | undefined): { coder: string | undefined; filtered: { filteredToCoder?: string } } {
  const coder = blindState(session).on ? session.coder() : requested;
  if (coder === undefined) return { coder: undefined, filtered: {} };
  // The coder's own spelling, when the project knows the name (names compare ignoring case).
  const own = session.currentProject?.coders.byName(coder)?.name ?? coder;
  return { coder: own, filtered: { filteredToCoder: own } };
}

export function teamHandlers(session: Session): Pick<Handlers, 'coders.list' | 'coders.setCurrent' | 'coders.update' | 'team.blind' | 'team.setBlind' | 'team.setup' | 'team.tombstones'> {
  return {
    // The command (commands/coderCommands.ts), and then the app settings follow a rename of the coder they remember.
    'coders.update': async (request) => {
      const before = session.requireProject().coders.get(request.id).name;
      const renamed = await session.execute(updateCoder, request);
      const settings = session.appState.settings();
      if (renamed.name !== before && settings.coderName.toLowerCase() === before.toLowerCase()) session.appState.updateSettings({ coderName: renamed.name });
      return renamed;
    },
    'coders.list': async () => {
      const project = session.requireProject();
      return { coders: project.coders.list(), current: windowCoderName(session), remembered: session.appState.settings().coderName, blind: blindState(session) };
    },
    'coders.setCurrent': async ({ id, name }) => {
      const project = session.requireProject();
      let coder = id !== undefined ? project.coders.get(id) : project.coders.byName(name!);
      // A new name becomes a coder at once (the start dialog's "someone new"), through the command so undo knows it.
      if (!coder) coder = await session.handlers['coders.create']({ name: name! });
      session.teamWindow.coder = coder.name;
      session.teamWindow.coderId = coder.id;
      // Remembered for the next start; the CLI's settings live in memory only.
      session.appState.updateSettings({ coderName: coder.name });
      // A blind window now shows another coder's codings (and counts).
      session.announce({ entities: ['coders', 'codes', 'codings', 'memos'] });
      return { current: coder, blind: blindState(session) };
    },
    'team.blind': async () => {
      session.requireProject();
      return blindState(session);
    },
    'team.setBlind': async ({ on }) => {
      session.requireProject();
      session.teamWindow.blind = on;
      // Every read that shows codings answers differently now.
      session.announce({ entities: ['coders', 'codes', 'codings', 'memos'] });
      return blindState(session);
    },
    'team.setup': async ({ on }) => {
      const project = session.requireWritable();
      if (on) project.db.prepare('INSERT INTO project_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(SETUP_KEY, '1');
      else project.db.prepare('DELETE FROM project_meta WHERE key = ?').run(SETUP_KEY);
      session.announce({ entities: ['coders', 'codes', 'codings', 'memos'] });
      return blindState(session);
    },
    'team.tombstones': async () => ({ tombstones: session.requireProject().coders.tombstones() }),
  };
}
