import { gitlab as scheme } from "../gitlab";
import { apiKey } from "./api-key";
import { presetSigner } from "./preset";

export const gitlab = presetSigner(apiKey, scheme);
