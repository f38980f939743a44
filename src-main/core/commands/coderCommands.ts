// Coders as people (issue #12): adding and editing coders. A rename is one UPDATE of `coders`; the foreign key from
// codings and memos (ON UPDATE CASCADE, migration 010) renames the coder on every one of them in the same statement,
// so the undo scope names the coder with all its codings and memos (`ofCoders`).
import { command } from './command';

export const createCoder = command({
  name: 'coders.create',
  label: () => 'Add coder',
  scope: () => ({}),
  created: (_ctx, _req, coder) => ({ coders: [coder.id] }),
  run: ({ project }, { name, colour }) => project.coders.create({ name, colour }),
  changes: () => ({ entities: ['coders'] }),
});

export const updateCoder = command({
  name: 'coders.update',
  label: ({ name }) => (name !== undefined ? 'Rename coder' : 'Recolour coder'),
  prepare: ({ project }, { id }) => {
    project.coders.get(id);
    return { plan: undefined };
  },
  scope: (_ctx, { id }) => ({ ofCoders: [id] }),
  run: ({ project }, { id, name, colour }) => project.coders.update(id, { name, colour }),
  // Every coding and memo of the coder now shows the new name.
  changes: () => ({ entities: ['coders', 'codings', 'memos'] }),
});

export const coderCommands = {
  'coders.create': createCoder,
  'coders.update': updateCoder,
} as const;
