import { z } from "zod";

/**
 * Any form (`application/x-www-form-urlencoded`): each field a string, or a list of strings when
 * it repeats. A JSON body must have the same shape, so choose `json` for a sender that posts both.
 */
export const formSchema = z.record(z.union([z.string(), z.array(z.string())]));
