import type { FastifyInstance } from 'fastify';

/** After every gateway change: this process's directory reloads, and the workers are told (no restart needed). */
export async function gatewaysChanged(app: FastifyInstance): Promise<void> {
  app.directory.invalidate();
  await app.notifier.gatewaysChanged();
}
