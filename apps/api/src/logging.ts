// The logging rules live in @smsgw/core so the worker applies the same ones.
export { loggableError } from '@smsgw/core';
