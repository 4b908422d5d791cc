// dynalite ships no types: the one call the twin makes.
declare module "dynalite" {
  import type { Server } from "node:http";
  const dynalite: (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;
  export default dynalite;
}
