import { resend as scheme } from "../resend";
import { standardWebhooks } from "./standard-webhooks";
import { presetSigner } from "./preset";

export const resend = presetSigner(standardWebhooks, scheme);
