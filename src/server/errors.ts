/** The API's error codes: stable, documented, the only error shape the API returns. */
export const API_ERRORS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;
export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
  get status(): number {
    return API_ERRORS[this.code];
  }
}

/** `{"error":{"code","message"}}` */
export function envelope(code: ApiErrorCode, message: string) {
  return { error: { code, message } };
}
