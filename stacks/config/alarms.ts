import { z } from "zod";
import { DAY } from "./section";

export const alarmsSchema = z
  .object({
    /** An address alarms are emailed to; it must confirm the subscription. @default none */
    email: z.string().email().optional(),
    /** Age of the oldest queued delivery that raises an alarm, in seconds. @default 900 */
    oldestMessageAgeSeconds: z.number().int().min(60).max(14 * DAY).default(900),
    /** Rejected deliveries in five minutes that raise an alarm. @default 20 */
    rejectedDeliveriesPerFiveMinutes: z.number().int().min(0).max(1_000_000).default(20),
  })
  .strict()
  .default({});
