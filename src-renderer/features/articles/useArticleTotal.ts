import { useCall } from '../../api/query';
import { useAppStore } from '../../app/store';

/** All articles in the project, asked for only while a filter hides some ("12 of 340"); current after every import or delete. */
export function useArticleTotal(filtered: boolean): number | null {
  const { project } = useAppStore();
  const { data } = useCall('articles.list', { limit: 1 }, { invalidatedBy: ['articles'], enabled: filtered && project !== null });
  return filtered ? (data?.total ?? null) : null;
}
