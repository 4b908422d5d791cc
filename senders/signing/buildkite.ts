import { buildkite as scheme } from "../buildkite";
import { signatureHeader } from "./signature-header";
import { presetSigner } from "./preset";

export const buildkite = presetSigner(signatureHeader, scheme);
