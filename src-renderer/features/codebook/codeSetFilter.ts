import type { Code } from '../../../src-main/contract/types';

/**
 * The codes to show when the codebook is filtered to a code set: its members, and the ancestors they hang under so
 * the tree keeps its shape (an ancestor that is not a member is shown for orientation and marked as such).
 */
export function codesInSet(codes: readonly Code[], memberIds: readonly number[]): { codes: Code[]; context: Set<number> } {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const members = new Set(memberIds.filter((id) => byId.has(id)));
  const context = new Set<number>();
  for (const id of members) {
    let parentId = byId.get(id)?.parentId ?? null;
    while (parentId !== null && !members.has(parentId) && !context.has(parentId)) {
      context.add(parentId);
      parentId = byId.get(parentId)?.parentId ?? null;
    }
  }
  return { codes: codes.filter((c) => members.has(c.id) || context.has(c.id)), context };
}
