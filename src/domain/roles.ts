/** Roles of SPEC "Roles". Forum chairs arrive with the forum registry. */
export type Role = 'staff' | 'coordinator';

/** Anything but a non-empty string (a forged number, array or object) is nobody in particular: staff. */
export function roleOf(aadObjectId: unknown, coordinatorIds: ReadonlySet<string>): Role {
  if (typeof aadObjectId === 'string' && aadObjectId !== '' && coordinatorIds.has(aadObjectId.toLowerCase())) return 'coordinator';
  return 'staff';
}
