import { AppError, afterQuietHours, isTimeZone, localSendTime } from '@smsgw/core';
import type { BilleeDefaultsRow } from '@smsgw/db';
import type { MessageInput } from '../schemas/messages.js';

/**
 * When a message may be sent: its `sendAt` (an instant, or `{local}` read in the given time zone,
 * else its billee's), then moved past its billee's quiet hours when it falls in them. Undefined:
 * now. Throws 422 `invalid_send_at` for a local time with no zone to read it in, or one that is
 * neither `HH:MM` nor a local date-time.
 */
export function planSendAt(input: MessageInput['sendAt'], billee: BilleeDefaultsRow | undefined, now: Date): Date | undefined {
  let at: number | undefined;
  if (typeof input === 'string') {
    at = new Date(input).getTime();
  } else if (input !== undefined) {
    const zone = input.timeZone ?? billee?.timeZone ?? undefined;
    if (zone === undefined) {
      throw new AppError('invalid_send_at', 'sendAt.local needs a time zone: give sendAt.timeZone or a billee that has one');
    }
    if (!isTimeZone(zone)) throw new AppError('invalid_time_zone', `"${zone}" is not a known IANA time zone`);
    at = localSendTime(input.local, zone, now.getTime());
    if (at === undefined) throw new AppError('invalid_send_at', 'sendAt.local must be HH:MM or YYYY-MM-DDTHH:MM[:SS]');
  }
  if (billee?.timeZone && billee.quietStart && billee.quietEnd) {
    const planned = at ?? now.getTime();
    const allowed = afterQuietHours(planned, billee.timeZone, { start: billee.quietStart, end: billee.quietEnd });
    if (allowed !== planned) at = allowed;
  }
  return at === undefined ? undefined : new Date(at);
}
