#!/usr/bin/env node
// The `smsgw` command. The CLI is TypeScript run through tsx, like the rest of this repository:
// this shim registers tsx's loader and imports the entry point. No build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
