/**
 * Prisma's error codes the app acts on, read in one place (the same on SQLite and PostgreSQL).
 * P2002: a unique constraint refused the row (someone, or another instance, wrote it first).
 */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}
