/**
 * What an API key may do. Every route declares one scope (apps/api/src/plugins/auth.ts); a key
 * holds a list of them. `admin` is everything, across accounts, and is the only scope that
 * reaches other accounts' data; `gateways:*` reach what all accounts share (gateways, routing
 * rules, sender numbers, prices), so only an admin grants them.
 */
export const SCOPES = [
  'messages:write',
  'messages:read',
  'replies:read',
  'billing',
  'gateways:read',
  'gateways:admin',
  'webhooks:read',
  'account:admin',
  'admin',
] as const;

export type Scope = (typeof SCOPES)[number];

/**
 * What a key stored with no scopes may do: everything inside its own account, which is what
 * non-admin keys could do before scopes were enforced (gateways were admin-only then too).
 */
export const ACCOUNT_SCOPES: readonly Scope[] = Object.freeze([
  'messages:write',
  'messages:read',
  'replies:read',
  'billing',
  'webhooks:read',
  'account:admin',
]);

/** The parts of a key that decide its rights. */
export interface ScopedKey {
  readonly admin: boolean;
  readonly scopes: readonly string[];
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** The scopes a key has in effect: `['admin']` for admin keys, the account scopes for a key stored with none. */
export function effectiveScopes(key: ScopedKey): readonly Scope[] {
  if (key.admin) return ['admin'];
  if (key.scopes.length === 0) return ACCOUNT_SCOPES;
  return key.scopes.filter(isScope);
}

/** Whether a key may use a route of this scope. Called on every request: no allocation. */
export function hasScope(key: ScopedKey, scope: Scope): boolean {
  if (key.admin) return true;
  if (key.scopes.length === 0) return ACCOUNT_SCOPES.includes(scope);
  return key.scopes.includes(scope);
}
