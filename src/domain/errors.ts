/**
 * The one error catalogue, for the CLI and the API alike: each stable code carries its exit code
 * and its HTTP status (users' scripts and API clients rely on both). A message names the subsystem
 * and what was expected, never analysed content.
 */
export const errors = {
  USAGE: { exit: 1, http: 400, summary: 'bad command-line usage' },
  FILE_NOT_FOUND: { exit: 1, http: 404, summary: 'input file not found' },
  UNKNOWN_FORMAT: { exit: 1, http: 400, summary: 'input format not recognised' },
  BAD_INPUT: { exit: 1, http: 400, summary: 'input record is malformed' },
  BAD_REQUEST: { exit: 1, http: 400, summary: 'the request is malformed' },
  BAD_CONFIG: { exit: 1, http: 500, summary: 'configuration is invalid' },
  BAD_DATABASE_URL: { exit: 1, http: 500, summary: 'VIGIL_DB is not a usable path or URL' },
  NOT_FOUND: { exit: 1, http: 404, summary: 'no such record' },
  UNSUPPORTED_MEDIA: { exit: 1, http: 415, summary: 'the file is not an image Vigil can show' },
  UNAUTHENTICATED: { exit: 1, http: 401, summary: 'sign in or send an API token' },
  FORBIDDEN: { exit: 1, http: 403, summary: 'the role does not allow this' },
  CSRF: { exit: 1, http: 403, summary: 'a cookie-session write without the CSRF token' },
  CONFLICT: { exit: 1, http: 409, summary: 'conflicts with the stored state' },
  RATE_LIMITED: { exit: 1, http: 429, summary: 'too many attempts' },
  QUEUE_UNAVAILABLE: { exit: 1, http: 503, summary: 'the work queue (NATS JetStream) cannot be reached' },
  MODEL_FORMAT: { exit: 2, http: 500, summary: 'model artefact has an unsupported format version' },
  INTERNAL: { exit: 2, http: 500, summary: 'internal error' },
} as const satisfies Record<string, { exit: 1 | 2; http: number; summary: string }>;

export type ErrorCode = keyof typeof errors;

/** An expected failure a user can act on; the CLI prints its message on one line. */
export class VigilError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'VigilError';
    this.code = code;
  }
  get exitCode(): 1 | 2 {
    return errors[this.code].exit;
  }
  get status(): number {
    return errors[this.code].http;
  }
}

/** A per-record problem, returned as a value so one bad record never stops a batch. */
export interface RecordError {
  file: string;
  line: number | null;
  /** The field at fault, when one is; never its value. */
  field?: string | null;
  message: string;
}

/** The API's error body: `{"error":{"code","message"}}`. */
export function errorEnvelope(code: ErrorCode, message: string) {
  return { error: { code, message } };
}
