import type { FastifyRequest } from 'fastify';
import { AppError } from '@smsgw/core';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The request's `Idempotency-Key` header, checked: 1-200 printable ASCII characters. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
    throw new AppError('invalid_idempotency_key', 'Idempotency-Key must be 1-200 printable ASCII characters');
  }
  return key;
}

/** A batch item's own key: the batch's key and the item's position, so a retried batch repeats item by item. */
export const batchItemKey = (key: string, index: number): string => `${key}#${index}`;
