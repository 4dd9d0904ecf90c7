/** Roles of SPEC "Roles". Forum chairs arrive with the forum registry. */
export type Role = 'staff' | 'coordinator';

export function roleOf(aadObjectId: string | undefined, coordinatorIds: ReadonlySet<string>): Role {
  if (aadObjectId && coordinatorIds.has(aadObjectId.toLowerCase())) return 'coordinator';
  return 'staff';
}
