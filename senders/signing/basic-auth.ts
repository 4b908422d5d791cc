import { BASIC_AUTH_HEADER, type BasicAuthSettings } from "../basic-auth";
import type { Signer } from "./signer";

export const basicAuth: Signer<BasicAuthSettings> = {
  sign: (_message, _s, secret) => ({ [BASIC_AUTH_HEADER]: `Basic ${Buffer.from(secret, "utf8").toString("base64")}` }),
};
