import { telegram as scheme } from "../telegram";
import { apiKey } from "./api-key";
import { presetSigner } from "./preset";

export const telegram = presetSigner(apiKey, scheme);
