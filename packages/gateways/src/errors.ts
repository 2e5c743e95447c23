import { AppError, type ErrorDetails } from '@smsgw/core';

/** The error codes the gateway engine raises (each has its HTTP status in core's error model). */
export type GatewayErrorCode =
  | 'unknown_preset'
  | 'invalid_gateway_config'
  | 'invalid_gateway_url'
  | 'gateway_template_error'
  | 'unicode_not_supported'
  | 'too_many_segments'
  | 'balance_not_supported'
  | 'number_check_not_supported'
  | 'balance_query_failed'
  | 'number_check_failed';

/**
 * A gateway cannot do what was asked: its config or preset is wrong or lacks the feature, or the
 * provider gave no usable answer. The two flags say what a caller may do about it:
 * - `retryable`: the same call may succeed later (the provider's trouble, not the config's);
 * - `gatewayFault`: the gateway is to blame, not the message, so another gateway of the route may
 *   do better (the worker fails over instead of failing the message).
 *
 * An AppError, so the API answers it by its code like any other; the worker reads the flags.
 */
export class GatewayError extends AppError<GatewayErrorCode> {
  readonly retryable: boolean;
  readonly gatewayFault: boolean;

  constructor(code: GatewayErrorCode, message: string, flags: { retryable: boolean; gatewayFault: boolean }, details?: ErrorDetails) {
    super(code, message, { details });
    this.name = 'GatewayError';
    this.retryable = flags.retryable;
    this.gatewayFault = flags.gatewayFault;
  }
}

/** The gateway's config (or preset) cannot serve the request: never retried, another gateway may do. */
export function gatewayConfigError(code: GatewayErrorCode, message: string, details?: ErrorDetails): GatewayError {
  return new GatewayError(code, message, { retryable: false, gatewayFault: true }, details);
}

/** The provider gave no usable answer: a later try may get one, another gateway may do better. */
export function gatewayUnavailable(code: GatewayErrorCode, message: string, details?: ErrorDetails): GatewayError {
  return new GatewayError(code, message, { retryable: true, gatewayFault: true }, details);
}

export function isGatewayError(err: unknown): err is GatewayError {
  return err instanceof GatewayError;
}
