// zod's object schemas probe `new Function('')` as they are built, to decide whether to compile fast parsers. The
// renderer's Content-Security-Policy forbids eval, so that probe was reported as a CSP violation (and logged as an
// error) at every start. The renderer never parses with the contract's schemas (main validates every request), so
// the compiler is switched off here, before the contract module builds them: main.tsx imports this file first.
import { config } from 'zod';

config({ jitless: true });
