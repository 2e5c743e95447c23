/**
 * Reading configuration from an environment, collecting every problem instead of stopping at
 * the first, so a misconfigured deployment is told everything wrong in one start.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export interface EnvReader {
  str(name: string, fallback: string): string;
  optional(name: string): string | undefined;
  int(name: string, fallback: number, min?: number, max?: number): number;
  bool(name: string, fallback: boolean): boolean;
  url(name: string, fallback: string | undefined, protocols?: string[]): string | undefined;
  problem(message: string): void;
  /** Throws a ConfigError listing every problem, if there were any. */
  done(): void;
}

export function envReader(env: Env): EnvReader {
  const problems: string[] = [];
  const raw = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  return {
    str: (name, fallback) => raw(name) ?? fallback,
    optional: (name) => raw(name),
    int(name, fallback, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
      const v = raw(name);
      if (v === undefined) return fallback;
      // Plain decimal digits only: Number() would also take "0x1F90", "1e3" and "3000.0".
      const n = /^[+-]?\d+$/.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(n) || n < min || n > max) {
        problems.push(`${name} must be an integer from ${min} to ${max} (got "${v}")`);
        return fallback;
      }
      return n;
    },
    bool(name, fallback) {
      const v = raw(name)?.toLowerCase();
      if (v === undefined) return fallback;
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      problems.push(`${name} must be true or false (got "${v}")`);
      return fallback;
    },
    url(name, fallback, protocols = ['http:', 'https:']) {
      const v = raw(name) ?? fallback;
      if (v === undefined) return undefined;
      try {
        const u = new URL(v);
        if (!protocols.includes(u.protocol)) problems.push(`${name} must be a ${protocols.join(' or ')} URL`);
      } catch {
        problems.push(`${name} is not a valid URL`);
      }
      return v;
    },
    problem: (message) => void problems.push(message),
    done() {
      if (problems.length > 0) throw new ConfigError(problems);
    },
  };
}
