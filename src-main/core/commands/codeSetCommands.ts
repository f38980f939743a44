// Code sets: named groups of codes. The codebook's own tables travel together in the undo history (a set's scope
// names the set; its members come along), so these are small.
import { command } from './command';

export const createCodeSet = command({
  name: 'codes.sets.create',
  label: () => 'Create code set',
  scope: () => ({}),
  created: (_ctx, _req, set) => ({ codeSets: [set.id] }),
  run: ({ project }, request) => project.codeSets.create(request),
  changes: () => ({ entities: ['codes'] }),
});

export const updateCodeSet = command({
  name: 'codes.sets.update',
  label: (request) => (request.codeIds && request.name === undefined ? 'Change code set' : 'Edit code set'),
  scope: (_ctx, { id }) => ({ codeSets: [id] }),
  run: ({ project }, { id, ...changes }) => project.codeSets.update(id, changes),
  changes: () => ({ entities: ['codes'] }),
});

export const addCodesToSet = command({
  name: 'codes.sets.addCodes',
  label: () => 'Add codes to set',
  scope: (_ctx, { id }) => ({ codeSets: [id] }),
  run: ({ project }, { id, codeIds }) => {
    project.codeSets.addMembers(id, codeIds);
    return project.codeSets.get(id);
  },
  changes: () => ({ entities: ['codes'] }),
});

export const deleteCodeSet = command({
  name: 'codes.sets.delete',
  label: () => 'Delete code set',
  prepare: ({ project }, { id }) => {
    project.codeSets.get(id);
    return { plan: undefined };
  },
  scope: (_ctx, { id }) => ({ codeSets: [id] }),
  run: ({ project }, { id }) => ({ removed: project.codeSets.remove(id) }),
  changes: () => ({ entities: ['codes'] }),
});

export const codeSetCommands = {
  'codes.sets.create': createCodeSet,
  'codes.sets.update': updateCodeSet,
  'codes.sets.addCodes': addCodesToSet,
  'codes.sets.delete': deleteCodeSet,
} as const;
