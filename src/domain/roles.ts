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
  "missions.read": members,
  "missions.manage": staffAndAdmins,
  "missions.join": members,
  "meetings.request": members,
  "meetings.manage": staffAndAdmins,
  // SME members build and list consortia their own company is in; staff any (checked per consortium).
  "consortia.build": members,
  "consortia.read": members,
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

/** How a role reads in a sentence: "you are an SME member", "Only admins and cluster staff can do that". */
export const roleNames: Record<Role, { one: string; many: string }> = {
  admin: { one: "an admin", many: "admins" },
  staff: { one: "a staff member", many: "cluster staff" },
  sme: { one: "an SME member", many: "SME members" },
  guest: { one: "a guest", many: "guests" },
};

/** "admins", "admins and cluster staff", "admins, cluster staff and SME members". */
export function roleList(list: readonly Role[]): string {
  const names = list.map((role) => roleNames[role].many);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** Roles that work within one cluster, so they cannot be given without one. */
export const rolesWithCluster: readonly Role[] = ["staff", "sme"];

/** Cluster staff or an admin: those who may act for a company other than their own. */
export function isStaff(person: { role: Role }): boolean {
  return staffAndAdmins.includes(person.role);
}
