// `gloss coders`: the project's coders (name, colour, GUID, how many codings and memos), and renaming one everywhere.
import { resolve } from 'node:path';
import { UsageError, type ParsedArgs } from './args';
import { withProject } from './cliSession';

export const CODERS_USAGE = `  gloss coders <project.gloss> [--json]
  gloss coders <project.gloss> --rename <old name> <new name> [--json]`;

export const CODERS_HELP = `coders lists the project's coders: name, colour, GUID, and how many codings and memos each made; --json prints
{"coders":[{"id","guid","name","colour","createdAt","codings","memos"}]}. --rename OLD NEW renames a coder on every
coding and memo at once (names compare ignoring case; a name another coder has is refused).`;

export const CODERS_VALUES = ['rename'];

export async function codersCommand(args: ParsedArgs): Promise<number> {
  const path = args.positional[1];
  if (!path) throw new UsageError('the project file is missing');
  const json = args.options.has('json');
  const rename = args.options.get('rename');
  if (rename !== undefined) {
    const newName = args.positional[2];
    if (typeof rename !== 'string' || !newName) throw new UsageError('--rename needs the old and the new name: --rename OLD NEW');
    return withProject(resolve(path), 'write', async (cli) => {
      const { coders } = await cli.call('coders.list', {});
      const old = coders.find((c) => c.name.toLowerCase() === rename.trim().toLowerCase());
      if (!old) throw new UsageError(`there is no coder named "${rename}" (coders: ${coders.map((c) => c.name).join(', ') || 'none'})`);
      const renamed = await cli.call('coders.update', { id: old.id, name: newName });
      if (json) process.stdout.write(`${JSON.stringify({ renamed: { from: old.name, to: renamed.name }, coder: renamed })}\n`);
      else process.stdout.write(`Renamed ${old.name} to ${renamed.name} on ${renamed.codings} codings and ${renamed.memos} memos.\n`);
      return 0;
    });
  }
  if (args.positional.length > 2) throw new UsageError(`unexpected argument "${args.positional[2]}"`);
  return withProject(resolve(path), 'read', async (cli) => {
    const { coders } = await cli.call('coders.list', {});
    if (json) {
      process.stdout.write(`${JSON.stringify({ coders })}\n`);
      return 0;
    }
    if (coders.length === 0) process.stdout.write('No coders yet.\n');
    for (const c of coders) process.stdout.write(`${c.name}\t${c.colour}\t${c.guid}\t${c.codings} codings\t${c.memos} memos\n`);
    return 0;
  });
}
