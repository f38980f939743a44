// Typed errors that cross the contract. Hosts turn any GlossError into `{ error: { code, message } }`;
// anything else becomes 'internal' with a generic message so stack traces never reach the renderer.

export type ErrorCode =
  | 'invalid_request' // payload failed the contract's schema
  | 'unknown_call'
  | 'not_found' // an id that does not exist
  | 'conflict' // a name clash, a duplicate coding, a merge into itself
  | 'no_project' // the call needs an open project
  | 'project_error' // the file is not a Gloss project, is from a newer version, is locked, ...
  | 'io_error'
  | 'cancelled'
  | 'timeout' // work stopped at its time limit (a runaway regular expression)
  | 'forbidden'
  /** stored text no longer matches its fingerprint (or its article): the project file is damaged */
  | 'damaged'
  | 'internal';

export class GlossError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'GlossError';
  }
}

export interface WireError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export function toWireError(err: unknown): WireError {
  if (err instanceof GlossError) return { code: err.code, message: err.message, details: err.details };
  return { code: 'internal', message: 'Something went wrong inside Gloss; the project was not changed by this call.' };
}

export function fromWireError(wire: WireError): GlossError {
  return new GlossError(wire.code, wire.message, wire.details);
}
