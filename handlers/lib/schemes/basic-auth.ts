import { constantTimeEqual } from "../constant-time";
import { headerValue } from "../headers";
import { GENUINE, rejected, type Scheme } from "./scheme";

const BASIC = /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i;

/** `Authorization: Basic base64(user:password)` against the secret's `basicAuth` entries. */
export const verifyBasicAuth: Scheme<unknown> = (request, _settings, secret) => {
  const header = headerValue(request.headers, "authorization");
  if (header === "") return rejected("missing-credentials");
  const match = BASIC.exec(header);
  if (!match) return rejected("malformed-signature");
  const presented = Buffer.from(match[1], "base64");
  let matched = false;
  for (const expected of secret.basicAuth) {
    matched = constantTimeEqual(presented, Buffer.from(expected, "utf8")) || matched;
  }
  return matched ? GENUINE : rejected("credentials-mismatch");
};
