/**
 * Who may do what. Every listener asks `can` (through platform/auth.ts) before it acts, so the rules
 * live here once and are tested without Slack or a database.
 */
export const roles = ["admin", "staff", "sme", "guest"] as const;
export type Role = (typeof roles)[number];

/** Roles an admin can hand out; "none" takes a role away (the person becomes a guest). */
export const assignableRoles = ["admin", "staff", "sme", "none"] as const;
export type AssignableRole = (typeof assignableRoles)[number];

const everyone: readonly Role[] = roles;
const members: readonly Role[] = ["admin", "staff", "sme"];
const staffAndAdmins: readonly Role[] = ["admin", "staff"];

/** Each permission with the roles that hold it. */
export const permissions = {
  "help.read": everyone,
  "home.read": everyone,
  "profile.own": members,
  "roles.read": staffAndAdmins,
  "roles.manage": ["admin"],
  "directory.search": members,
  "directory.register": members,
  "directory.review": staffAndAdmins,
  "directory.manage": staffAndAdmins,
  "privacy.self": everyone,
  "bi.own": members,
  "bi.manage": staffAndAdmins,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}

/** The roles that hold a permission, for "you need to be …" messages. */
export function rolesFor(permission: Permission): readonly Role[] {
  return permissions[permission];
}

export const roleLabels: Record<Role, string> = {
  admin: "admin",
  staff: "cluster staff",
  sme: "SME member",
  guest: "guest",
};
