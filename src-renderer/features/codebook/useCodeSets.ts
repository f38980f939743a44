import type { CodeSet } from '../../../src-main/contract/types';
import { useCall } from '../../api/query';
import { useAppStore } from '../../app/store';

const none: CodeSet[] = [];

/** The project's code sets, current in every window (a set changes with the codebook: 'codes' events). */
export function useCodeSets(): CodeSet[] {
  const { project } = useAppStore();
  const { data } = useCall('codes.sets.list', {}, { invalidatedBy: ['codes'], enabled: project !== null });
  return project === null ? none : (data?.codeSets ?? none);
}
