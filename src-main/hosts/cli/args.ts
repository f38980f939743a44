// A small argv parser with exactly the rules the CLI documents: `--name value` or `--name=value`; a value that
// starts with '-' needs the '=' form; `--` ends options.
import { at } from '../../contract/must';

export class UsageError extends Error {}

export interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

export function parseArgs(argv: string[], spec: { flags: string[]; values: string[] }): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = at(argv, i);
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      if (spec.flags.includes(name)) {
        if (eq >= 0) throw new UsageError(`--${name} takes no value`);
        options.set(name, true);
      } else if (spec.values.includes(name)) {
        let value: string | undefined;
        if (eq >= 0) value = arg.slice(eq + 1);
        else {
          value = argv[i + 1];
          if (value === undefined || value.startsWith('-')) {
            throw new UsageError(`--${name} needs a value (write --${name}=VALUE for a value that starts with "-")`);
          }
          i++;
        }
        options.set(name, value);
      } else {
        throw new UsageError(`unknown option --${name}`);
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      if (arg === '-h') options.set('help', true);
      else throw new UsageError(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  return { positional, options };
}
