/**
 * A child process for the loopback guard's own test (loopback-guard.test.ts): connects to
 * PROBE_HOST:PROBE_PORT and prints how that ended. Under the guard a non-loopback target must
 * end in ELOOPBACKGUARD, never in a packet.
 */
import { connect } from 'node:net';

const socket = connect(Number(process.env['PROBE_PORT'] ?? '80'), process.env['PROBE_HOST'] ?? '192.0.2.1');
socket.once('connect', () => {
  process.stdout.write('probe: connected\n');
  socket.destroy();
});
socket.once('error', (err: NodeJS.ErrnoException) => process.stdout.write(`probe: ${err.code ?? err.message}\n`));
