import { seededRandom } from "../../../local/faults";

/**
 * What the soak sends, decided by a seed: the mix of deliveries senders and attackers make.
 *
 * - `genuine`: a delivery of its own content, signed with the source's secret.
 * - `resent`: a sender sending one of its deliveries again (a timeout on its side): the same bytes
 *   and delivery id, or for Stripe, which signs every attempt afresh, the same event signed now.
 *   Where the source has no delivery id (`users`), the API gives each request its own, so a resend
 *   is a replay by content.
 * - `replayed`: an attacker sending a captured genuine delivery again under a new delivery id.
 * - `forged`: signed with a secret that is not the source's.
 * - `invalid`: signed, but a body its schema refuses: the API's model answers 400.
 */
export const DELIVERY_KINDS = ["genuine", "resent", "replayed", "forged", "invalid"] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/** The sources the soak's stack receives: a body-only HMAC with a delivery id header, one without any id, and a timestamped sender whose id is in the body. */
export const SOAK_SOURCES = {
  // GitHub and Stripe store their bodies (the default); users' stay inline: batches mix both.
  github: { schema: "github", verification: { scheme: "github" } },
  users: { schema: "users", verification: { scheme: "hmac" }, maxBodyBytes: 4_096 },
  stripe: { schema: "stripe", verification: { scheme: "stripe" } },
} as const;
export type SoakSource = keyof typeof SOAK_SOURCES;

export interface PlannedDelivery {
  readonly index: number;
  readonly kind: DeliveryKind;
  readonly source: SoakSource;
  /** For a resend or a replay: the index of the genuine delivery it repeats. */
  readonly of?: number;
  /** The id the sender puts in its delivery id header (GitHub's); a replay's is new. */
  readonly deliveryIdHeader?: string;
  readonly body: string;
}

/** Shares of the mix, in order of DELIVERY_KINDS. */
const MIX: Record<DeliveryKind, number> = { genuine: 0.6, resent: 0.1, replayed: 0.1, forged: 0.1, invalid: 0.1 };

function bodyOf(source: SoakSource, index: number, valid: boolean): string {
  if (source === "github") {
    return JSON.stringify(valid ? { action: "opened", sender: { login: "octocat", id: 1 }, repository: { id: index, full_name: `octo/r${index}` } } : { action: 7 });
  }
  if (source === "users") return JSON.stringify(valid ? { name: `User ${index}`, age: 20 + (index % 60), email: `u${index}@example.com` } : { name: 7 });
  return JSON.stringify(valid ? { id: `evt_${index}`, object: "event", type: "invoice.paid", created: 1_764_000_000, livemode: false, data: { object: {} } } : { object: "event" });
}

/**
 * `n` deliveries in the order they are sent. A resend or replay repeats an earlier genuine
 * delivery of a source that allows it (a Stripe event cannot be replayed under a new id without
 * changing its body, so Stripe's repeats are resends).
 */
export function soakPlan(n: number, seed: number): PlannedDelivery[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const genuine: PlannedDelivery[] = [];
  const plan: PlannedDelivery[] = [];
  for (let index = 0; index < n; index++) {
    let draw = random();
    const kind = DELIVERY_KINDS.find((k) => (draw -= MIX[k]) < 0) ?? "genuine";
    const source = pick(Object.keys(SOAK_SOURCES) as SoakSource[]);
    const original = genuine.length > 0 ? pick(genuine) : undefined;
    let delivery: PlannedDelivery;
    if ((kind === "resent" || kind === "replayed") && original) {
      const asKind = kind === "replayed" && original.source === "stripe" ? "resent" : kind;
      delivery = {
        index,
        kind: asKind,
        source: original.source,
        of: original.index,
        ...(original.deliveryIdHeader ? { deliveryIdHeader: asKind === "resent" ? original.deliveryIdHeader : `gh-${index}` } : {}),
        body: original.body,
      };
    } else {
      const asKind = kind === "resent" || kind === "replayed" ? "genuine" : kind;
      delivery = { index, kind: asKind, source, ...(source === "github" ? { deliveryIdHeader: `gh-${index}` } : {}), body: bodyOf(source, index, asKind !== "invalid") };
      if (asKind === "genuine") genuine.push(delivery);
    }
    plan.push(delivery);
  }
  return plan;
}
