// The logging rules live in @smsgw/core so the worker applies the same ones.
export { LOG_REDACT, loggableError, loggerOptions } from '@smsgw/core';
