import { useCall } from '../../api/query';
import type { BlindState, Coder } from '../../../src-main/contract/types';
import { useAppStore } from '../../app/store';

export interface Team {
  coders: Coder[];
  /** This window's coder, null until one is chosen for this window. */
  current: string | null;
  /** The coder chosen last time (app settings), offered first. */
  remembered: string;
  blind: BlindState | null;
  loaded: boolean;
  colourOf(name: string): string | undefined;
}

/** The project's coders, this window's coder and its blind state, kept current through the query layer. */
export function useTeam(): Team {
  const { project } = useAppStore();
  const list = useCall('coders.list', {}, { invalidatedBy: ['coders', 'codings', 'memos'], enabled: project !== null });
  const coders = list.data?.coders ?? [];
  return {
    coders,
    current: list.data?.current ?? null,
    remembered: list.data?.remembered ?? '',
    blind: list.data?.blind ?? null,
    loaded: list.data !== undefined,
    colourOf: (name) => coders.find((c) => c.name.toLowerCase() === name.toLowerCase())?.colour,
  };
}
