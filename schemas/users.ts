import { z } from "zod";

/** The seed's user webhook: a new user with a name, an adult age and an email address. */
export const usersSchema = z.object({
  name: z.string().min(1).max(256),
  age: z.number().int().min(18),
  email: z.string().email(),
});
