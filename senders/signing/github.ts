import { github as scheme } from "../github";
import { hmacPresetSigner } from "./hmac";

export const github = hmacPresetSigner(scheme);
