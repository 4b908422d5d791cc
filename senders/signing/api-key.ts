import type { ApiKeySettings } from "../api-key";
import type { Signer } from "./signer";

export const apiKey: Signer<ApiKeySettings> = {
  sign: (_message, s, secret) => ({ [s.header]: s.prefix + secret }),
};
