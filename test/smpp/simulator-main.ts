/**
 * The simulator as a process of its own (the benchmark's SMSC, so the bind under test does not
 * share its event loop with the server): listens on 127.0.0.1, prints `SMSC_PORT <port>`, runs
 * until killed. Accepts every submit_sm, sends no receipts, keeps no record.
 */
import { startSimulator } from './simulator.js';

const sim = await startSimulator({ dlrDelayMs: -1, record: false, accounts: { bench: 'bench' } });
process.stdout.write(`SMSC_PORT ${sim.port}\n`);
const stop = () => void sim.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
