/** The people you can act as in the sandbox (`as alice`, `who`). */
import type { Role } from "../domain/roles.js";

export type SandboxPerson = {
  id: string;
  handle: string;
  realName: string;
  role: Role;
  clusterKey?: string;
  about: string;
};

export const sandboxPeople: readonly SandboxPerson[] = [
  {
    id: "U0ADA00001",
    handle: "ada",
    realName: "Ada Lindqvist",
    role: "admin",
    clusterKey: "sbh-se",
    about: "admin (from EC2I_ADMINS)",
  },
  {
    id: "U0ALICE001",
    handle: "alice",
    realName: "Alice Sørensen",
    role: "staff",
    clusterKey: "clean-dk",
    about: "staff at CLEAN (DK)",
  },
  {
    id: "U0THEO0001",
    handle: "theo",
    realName: "Théo Martin",
    role: "staff",
    clusterKey: "tenerrdis-fr",
    about: "staff at Tenerrdis (FR)",
  },
  {
    id: "U0BOB00001",
    handle: "bob",
    realName: "Bob Jensen",
    role: "sme",
    about: "runs a heat-pump SME, not in the directory yet",
  },
  {
    id: "U0ERIK0001",
    handle: "erik",
    realName: "Erik Nilsson",
    role: "sme",
    about: "SME contact with a China template in progress (demo data)",
  },
  { id: "U0CAROL001", handle: "carol", realName: "Carol Dupont", role: "guest", about: "has no role yet" },
];
