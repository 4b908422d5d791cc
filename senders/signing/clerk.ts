import { clerk as scheme } from "../clerk";
import { standardWebhooks } from "./standard-webhooks";
import { presetSigner } from "./preset";

export const clerk = presetSigner(standardWebhooks, scheme);
