/** Who may see and change what in the directory, beyond the role checks of domain/roles.ts. */
import { isStaff } from "../../domain/roles.js";
import type { Actor } from "../../platform/auth.js";

// The rule lives in domain/roles.ts; re-exported so the directory's files keep one import for access.
export { isStaff };

/** Contact details and editing: staff, and the SME's own members. */
export function canManageSme(actor: Actor, smeId: number): boolean {
  return isStaff(actor) || actor.smeId === smeId;
}
