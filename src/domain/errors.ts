/**
 * The one error catalogue. A code is stable (users' scripts and the API rely on it);
 * the message names the subsystem and the offending value.
 */
export const errors = {
  USAGE: { exit: 1, summary: 'bad command-line usage' },
  FILE_NOT_FOUND: { exit: 1, summary: 'input file not found' },
  UNKNOWN_FORMAT: { exit: 1, summary: 'input format not recognised' },
  BAD_INPUT: { exit: 1, summary: 'input record is malformed' },
  BAD_CONFIG: { exit: 1, summary: 'configuration is invalid' },
  BAD_DATABASE_URL: { exit: 1, summary: 'VIGIL_DB is not a usable path or URL' },
  NOT_FOUND: { exit: 1, summary: 'no such record' },
  MODEL_FORMAT: { exit: 2, summary: 'model artefact has an unsupported format version' },
  INTERNAL: { exit: 2, summary: 'internal error' },
} as const satisfies Record<string, { exit: 1 | 2; summary: string }>;

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
}

/** A per-record problem, returned as a value so one bad record never stops a batch. */
export interface RecordError {
  file: string;
  line: number | null;
  /** The field at fault, when one is; never its value. */
  field?: string | null;
  message: string;
}
