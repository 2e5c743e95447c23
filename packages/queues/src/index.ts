// The package's API, named one by one: what the apps and the root tests import. Job options and
// the queue internals stay inside; the package's tests import the modules themselves.
export { duplicateConnection, logConnectionErrors, redisConnection, type RedisClient } from './connection.js';
export { createQueues, queuesFromConfig, type Queues } from './queues.js';
export { gatewayNotifier, notifyKeysChanged, onGatewaysChanged, onKeysChanged } from './notify.js';
export { createPacer, type Pacer } from './pacer.js';
export { createUnsentMarkers, type UnsentMarkers } from './unsent.js';
