/**
 * The people you can act as in the sandbox (`as alice`, `who`). `role` is where the story starts them
 * (admins through EC2I_ADMINS, staff and Erik through the demo data); `who` shows what the database says today.
 */
import type { Role } from "../domain/roles.js";

export type SandboxPerson = {
  id: string;
  handle: string;
  realName: string;
  role: Role;
  clusterKey?: string;
};

export const sandboxPeople: readonly SandboxPerson[] = [
  {
    id: "U0ADA00001",
    handle: "ada",
    realName: "Ada Lindqvist",
    role: "admin",
    clusterKey: "sbh-se",
  },
  {
    id: "U0ALICE001",
    handle: "alice",
    realName: "Alice Sørensen",
    role: "staff",
    clusterKey: "clean-dk",
  },
  {
    id: "U0THEO0001",
    handle: "theo",
    realName: "Théo Martin",
    role: "staff",
    clusterKey: "tenerrdis-fr",
  },
  {
    id: "U0BOB00001",
    handle: "bob",
    realName: "Bob Jensen",
    role: "sme",
  },
  {
    id: "U0ERIK0001",
    handle: "erik",
    realName: "Erik Nilsson",
    role: "sme",
  },
  { id: "U0CAROL001", handle: "carol", realName: "Carol Dupont", role: "guest" },
];
