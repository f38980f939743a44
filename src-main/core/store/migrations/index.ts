import type { Database } from 'better-sqlite3';
import { migration001 } from './001-initial';
import { migration002 } from './002-article-sources';
import { migration003 } from './003-analysis-toolkit';
import { migration004 } from './004-search-index';
import { migration005 } from './005-one-text-index';
import { migration006 } from './006-text-fingerprints';
import { migration007 } from './007-document-sources';
import { migration008 } from './008-encoding-runner-up';
import { migration009 } from './009-guids';
import { migration010 } from './010-coders';
import { migration011 } from './011-retrieval-index';
import { migration012 } from './012-code-names-with-slash';
import { migration013 } from './013-code-sets';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/**
 * In order of version. Never edit a released migration: add the next one. Versions are numbers handed out per
 * branch, so a branch may lack an earlier one that lands elsewhere first (it runs the versions it has, in order).
 */
export const migrations: Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]?.version ?? 0;
