import published from "./published.json";

/** Where a sender publishes the addresses its webhooks come from, and how to read them from its answer. */
export interface PublishedRanges {
  /** The sender's document, fetched only by `npm run ip-ranges -- --refresh`. */
  readonly url: string;
  /** The CIDR ranges in the document's JSON. */
  readonly extract: (document: unknown) => string[];
}

const asCidr = (address: string) => (address.includes("/") ? address : `${address}/${address.includes(":") ? 128 : 32}`);
const stringsAt = (document: unknown, field: string): string[] => {
  const value = (document as Record<string, unknown> | null)?.[field];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw new Error(`the document has no list of addresses at "${field}"`);
  return value.map(asCidr);
};

/** The senders that publish their webhooks' source addresses, by scheme name. */
export const PUBLISHED_RANGES: Readonly<Record<string, PublishedRanges>> = {
  github: { url: "https://api.github.com/meta", extract: (document) => stringsAt(document, "hooks") },
  stripe: { url: "https://stripe.com/files/ips/ips_webhooks.json", extract: (document) => stringsAt(document, "WEBHOOKS") },
};

/** One sender's ranges as last refreshed into `published.json`, and when. */
export interface RefreshedRanges {
  readonly url: string;
  readonly retrieved: string;
  readonly ranges: readonly string[];
}

/** The ranges as last refreshed (`npm run ip-ranges -- --refresh`): data in the repository, never fetched at synth. */
export const REFRESHED_RANGES: Readonly<Record<string, RefreshedRanges>> = published;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/(3[0-2]|[12]?\d)$/;
const IPV6 = /^[0-9a-f:]*:[0-9a-f:]*\/(12[0-8]|1[01]\d|[1-9]?\d)$/i;

/** Whether `range` is an IPv4 or IPv6 CIDR range, as `aws:SourceIp` takes them. */
export function isCidr(range: string): boolean {
  return IPV4.test(range) || (IPV6.test(range) && range.split("/")[0].split("::").length <= 2);
}
