import { mkdirSync, readFileSync, existsSync, renameSync, writeFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { userInfo } from 'node:os';
import type { RecentProject, Settings } from '../contract/types';
import { DEFAULT_BACKUPS_TO_KEEP } from './store/backups';

const MAX_RECENT = 12;

/** Per-user state that lives outside any project: settings and the recent-projects list. */
export class AppState {
  /** `dir` null: nothing on disk (see MemoryAppState). */
  constructor(readonly dir: string | null) {
    if (dir !== null) mkdirSync(dir, { recursive: true });
  }

  protected read<T>(name: string, fallback: T): T {
    try {
      return { ...fallback, ...JSON.parse(readFileSync(join(this.dir!, name), 'utf8')) };
    } catch {
      return fallback;
    }
  }

  protected write(name: string, value: unknown): void {
    const file = join(this.dir!, name);
    const temp = `${file}.tmp`;
    writeFileSync(temp, JSON.stringify(value, null, 2));
    renameSync(temp, file);
  }

  settings(): Settings {
    return this.read<Settings>('settings.json', { coderName: defaultCoderName(), backupsToKeep: DEFAULT_BACKUPS_TO_KEEP });
  }

  updateSettings(changes: Partial<Settings>): Settings {
    const next = { ...this.settings(), ...changes };
    this.write('settings.json', next);
    return next;
  }

  recent(): RecentProject[] {
    const items = this.read<{ items: RecentProject[] }>('recent.json', { items: [] }).items;
    return items.map((r) => ({ ...r, exists: existsSync(r.path) }));
  }

  noteOpened(path: string, name = basename(path)): void {
    const items = this.recent().filter((r) => r.path !== path);
    items.unshift({ path, name, openedAt: new Date().toISOString(), exists: true });
    this.write('recent.json', { items: items.slice(0, MAX_RECENT) });
  }
}

function defaultCoderName(): string {
  try {
    return userInfo().username || 'analyst';
  } catch {
    return 'analyst';
  }
}

/**
 * Settings and recent projects kept in memory only: for a host that runs one command and must not rewrite the
 * user's app settings or recent list (the CLI).
 */
export class MemoryAppState extends AppState {
  private readonly files = new Map<string, unknown>();

  constructor(initial: Partial<Settings> = {}) {
    super(null);
    if (Object.keys(initial).length) this.files.set('settings.json', { ...this.settings(), ...initial });
  }

  protected override read<T>(name: string, fallback: T): T {
    const value = this.files.get(name);
    return value === undefined ? fallback : { ...fallback, ...(value as object) };
  }

  protected override write(name: string, value: unknown): void {
    this.files.set(name, value);
  }
}
