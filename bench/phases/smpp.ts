import { spawn } from 'node:child_process';

export interface SmppFigures {
  window10: number;
  window100: number;
}

/**
 * submit_sm/s through one bind against the loopback SMSC simulator (bench/smpp.ts, a process of
 * its own like every other part of the run); its last stdout line is the JSON figure.
 */
export async function runSmpp(timeoutMs: number): Promise<SmppFigures> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/smpp.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  const last = output.trim().split('\n').at(-1) ?? '';
  if (code !== 0) throw new Error(`bench/smpp.ts exited ${code}: ${last}`);
  const parsed: unknown = JSON.parse(last);
  const figures = typeof parsed === 'object' && parsed !== null ? (parsed as { smppSubmitPerSec?: unknown }).smppSubmitPerSec : undefined;
  if (typeof figures !== 'object' || figures === null) throw new Error(`bench/smpp.ts printed no figure: ${last}`);
  const { window10, window100 } = figures as Record<string, unknown>;
  if (typeof window10 !== 'number' || typeof window100 !== 'number') throw new Error(`bench/smpp.ts printed no figure: ${last}`);
  return { window10, window100 };
}
