// Preload for node children of tests (NODE_OPTIONS --import, see guardNodeOptions): node 20 cannot
// load TypeScript by itself, so the guard is loaded through tsx's scoped loader, which works
// whether or not the child itself runs under tsx. Plain JS on purpose, and nothing else here.
import { tsImport } from 'tsx/esm/api';

const guard = await tsImport('./loopback-guard.ts', import.meta.url);
guard.installLoopbackGuard();
