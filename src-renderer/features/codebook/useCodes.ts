import type { Code } from '../../../src-main/contract/types';
import { queryClient, useCall } from '../../api/query';
import { useAppStore } from '../../app/store';

const none: Code[] = [];

/** The project's codebook with each code's coding count, current in every window (codes and codings change it). */
export function useCodes(): Code[] {
  const { project } = useAppStore();
  const { data } = useCall('codes.list', {}, { invalidatedBy: ['codes', 'codings', 'memos'], enabled: project !== null });
  return project === null ? none : (data?.codes ?? none);
}

/**
 * Fetches the codebook now, for an action that needs the new code on screen before it goes on (the host's change
 * event would bring it a moment later anyway).
 */
export const refetchCodes = (): Promise<void> => queryClient.refetch('codes.list', {});
