import { calendly as scheme } from "../calendly";
import { signatureHeader } from "./signature-header";
import { presetSigner } from "./preset";

export const calendly = presetSigner(signatureHeader, scheme);
