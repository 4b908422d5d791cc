import { name } from "./section";

// What names the stack's resources, and where they are.

export const environmentSchema = name(/^[a-z][a-z0-9]{0,9}$/, "lower-case letters and digits, at most 10, starting with a letter").default("dev");
export const namePrefixSchema = name(/^[a-z][a-z0-9-]{0,18}[a-z0-9]$/, "2 to 20 lower-case letters, digits or dashes").default("webhooks");
export const regionSchema = name(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, "an AWS region such as eu-west-1").default("us-east-1");
