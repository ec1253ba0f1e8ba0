/** Who may see and change what in the directory, beyond the role checks of domain/roles.ts. */
import type { Actor } from "../../platform/auth.js";

export function isStaff(actor: Actor): boolean {
  return actor.role === "admin" || actor.role === "staff";
}

/** Contact details and editing: staff, and the SME's own members. */
export function canManageSme(actor: Actor, smeId: number): boolean {
  return isStaff(actor) || actor.smeId === smeId;
}
