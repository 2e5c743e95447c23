import { isSmsgwError } from '@smsgw/client';

/** The exit codes of `smsgw`, documented in docs/cli.md. */
export const EXIT = {
  ok: 0,
  /** The API refused the request (any error answer not listed below), or something unexpected. */
  api: 1,
  /** Bad flags or arguments, an unreadable file, not logged in. */
  usage: 2,
  /** 401 or 403: no key, a wrong or disabled key, or a key without the scope the command needs. */
  auth: 3,
  /** 404: the message, gateway, key or account does not exist (or is not yours). */
  notFound: 4,
  /** A bulk send where some rows were rejected (see the rejects CSV); a gateway import where some gateways could not be imported. */
  partial: 5,
  /** The API could not be reached (after retries). */
  network: 6,
  /** The message ended failed, expired or cancelled (`messages watch`, `gateways test`, `send --wait`). */
  undelivered: 7,
  /** Gave up waiting (`--timeout`). */
  timeout: 8,
  interrupted: 130,
} as const;

/** A failure the CLI itself reports: bad usage, a file it cannot read. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

/** The exit code for an error thrown by a command. */
export function exitCodeOf(err: unknown): number {
  if (err instanceof CliError) return err.exitCode;
  if (isSmsgwError(err)) {
    if (err.code === 'network_error') return EXIT.network;
    if (err.code === 'watch_timeout') return EXIT.timeout;
    if (err.status === 401 || err.status === 403) return EXIT.auth;
    if (err.status === 404) return EXIT.notFound;
    return EXIT.api;
  }
  return EXIT.api;
}
