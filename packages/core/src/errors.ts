/**
 * The API's error model, closed: every error a client can see has a code from this list, and the
 * code alone decides the HTTP status. Every layer throws `AppError` (or lets unknown errors become
 * 500s with the details hidden), so the API's single error handler can answer
 * `{error:{code,message,details?}}` without knowing where the error came from, and the OpenAPI
 * document can list every code a client must handle.
 */
export type ErrorStatus = 400 | 401 | 402 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 502 | 503;

/**
 * Each code with its one status. Adding a code here is the only way to create one; a status is
 * never chosen where the error is thrown.
 */
export const ERROR_STATUS = {
  // The request cannot be read as it is.
  invalid_request: 400,
  invalid_json: 400,
  invalid_idempotency_key: 400,
  /** A provider's callback that cannot be parsed by its gateway's config. */
  invalid_callback: 400,

  unauthorized: 401,
  /** The message's prepaid billee has not enough credit left for it (or it has no price in the credit's currency). */
  insufficient_credit: 402,
  forbidden: 403,
  /** A provider's callback whose signature does not verify. */
  signature_invalid: 403,
  not_found: 404,

  // The request is valid, but the state of what it names forbids it.
  idempotency_key_reused: 409,
  not_cancellable: 409,
  not_resendable: 409,
  gateway_missing: 409,
  gateway_exists: 409,
  gateway_in_use: 409,
  route_exists: 409,
  number_owned: 409,
  /** A billee's credit keeps the currency it was opened in: its ledger adds up in one currency. */
  credit_currency_fixed: 409,
  /** Rotating a key that is already revoked or expired (it cannot be brought back). */
  key_inactive: 409,
  /** An admin disabling the account its own key belongs to (it would lock itself out). */
  own_account: 409,
  template_exists: 409,

  body_too_large: 413,
  unsupported_media_type: 415,

  // A message that reads well but cannot be sent.
  invalid_recipient: 422,
  invalid_sender: 422,
  invalid_content: 422,
  empty_content: 422,
  /**
   * More segments than allowed (SMSGW_MAX_SEGMENTS, or every gateway's send.maxSegments), or a
   * template that renders past what those segments can hold: the same refusal to the client.
   */
  too_many_segments: 422,
  template_error: 422,
  unknown_template: 422,
  invalid_send_at: 422,
  invalid_time_zone: 422,
  invalid_valid_until: 422,
  unknown_gateway: 422,
  gateway_disabled: 422,
  no_gateway: 422,
  unicode_not_supported: 422,
  recipient_opted_out: 422,
  webhook_url_not_allowed: 422,
  batch_rejected: 422,
  unknown_account: 422,
  /** A key's `expiresAt` (or a rotation's `expiresOldAt`) that is not in the future. */
  invalid_expiry: 422,

  // A gateway definition that reads well but cannot be used.
  unknown_preset: 422,
  invalid_gateway_config: 422,
  missing_credentials: 422,
  gateway_url_not_allowed: 422,
  invalid_gateway_url: 422,
  gateway_template_error: 422,
  balance_not_supported: 422,
  number_check_not_supported: 422,

  /** Over the key's requests per minute: wait `Retry-After` seconds. */
  rate_limited: 429,

  internal_error: 500,
  /** The provider answered a balance query with something we could not read. */
  balance_query_failed: 502,
  /** The provider answered a number check with something we could not read. */
  number_check_failed: 502,
  database_unavailable: 503,
} as const satisfies Record<string, ErrorStatus>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The status of a code, as a type: `StatusOf<'not_found'>` is `404`. */
export type StatusOf<C extends ErrorCode> = (typeof ERROR_STATUS)[C];

/** The codes whose status is `S`: what the status-named helpers below accept. */
export type CodeWithStatus<S extends ErrorStatus> = { [C in ErrorCode]: StatusOf<C> extends S ? C : never }[ErrorCode];

/** Every code, in the order of the map (a non-empty tuple, as schema enums want). */
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** The HTTP status of a code. */
export function statusOf<C extends ErrorCode>(code: C): StatusOf<C> {
  return ERROR_STATUS[code];
}

/** Machine-readable specifics shown to the client under `error.details` (counts, fields). */
export type ErrorDetails = Readonly<Record<string, unknown>>;

export interface AppErrorOptions {
  details?: ErrorDetails | undefined;
  /** The error this one stands for: logged with it, never shown to the client. */
  cause?: unknown;
}

export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly status: StatusOf<C>;
  readonly details: ErrorDetails | undefined;

  constructor(code: C, message: string, options?: AppErrorOptions);
  /**
   * @deprecated The status follows from the code: write `new AppError(code, message, { details })`.
   * Kept so callers written before the closed model still compile; the status given must be the
   * code's own (checked by the type), and the map's is used.
   */
  constructor(status: StatusOf<C>, code: C, message: string, details?: ErrorDetails);
  constructor(first: C | StatusOf<C>, second: string, third?: string | AppErrorOptions, fourth?: ErrorDetails) {
    const legacy = typeof first === 'number';
    const code = (legacy ? second : first) as C;
    const message = legacy ? String(third) : second;
    const options: AppErrorOptions = legacy ? { details: fourth } : ((third as AppErrorOptions | undefined) ?? {});
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    // The map decides. A code outside it can only come from an unchecked caller: it keeps the
    // status it asked for (or 500), and the API's response schema still refuses the code.
    this.status = (statusOf(code) as StatusOf<C> | undefined) ?? ((legacy ? first : 500) as StatusOf<C>);
    this.details = options.details;
  }
}

export const unauthorized = (message = 'A valid API key is required') => new AppError('unauthorized', message);
export const forbidden = (message = 'This key may not do that') => new AppError('forbidden', message);
export const notFound = (what: string) => new AppError('not_found', `${what} not found`);

/** @deprecated Name the code, not the status: `new AppError(code, message, { details })`. */
export const badRequest = (code: CodeWithStatus<400>, message: string, details?: ErrorDetails) => new AppError(code, message, { details });
/** @deprecated Name the code, not the status: `new AppError(code, message, { details })`. */
export const unprocessable = (code: CodeWithStatus<422>, message: string, details?: ErrorDetails) =>
  new AppError(code, message, { details });

/** True for errors raised on purpose with a code; anything else is a bug or an outage. */
export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
