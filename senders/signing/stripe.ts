import { stripe as scheme } from "../stripe";
import { presetSigner } from "./preset";
import { signatureHeader } from "./signature-header";

export const stripe = presetSigner(signatureHeader, scheme);
