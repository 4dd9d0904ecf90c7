/**
 * SPEC: activities from any tenant but the district's are refused. Teams names the tenant twice,
 * in `conversation.tenantId` and in `channelData.tenant.id`; a sender who can set one can set the
 * other, so both are read: the two must agree, neither may name another tenant, and at least one
 * must name a tenant at all.
 */
export type TenantVerdict = { accepted: true; tenantId?: string } | { accepted: false; reason: 'no_tenant' | 'disagreeing' | 'other_tenant' };

export interface NamedTenants {
  conversationTenantId?: string;
  channelDataTenantId?: string;
}

export function tenantVerdict(allowedTenantId: string | undefined, named: NamedTenants): TenantVerdict {
  const names = [named.conversationTenantId, named.channelDataTenantId]
    .filter((name): name is string => name !== undefined && name.trim() !== '')
    .map((name) => name.trim().toLowerCase());
  const [first] = names;
  if (names.some((name) => name !== first)) return { accepted: false, reason: 'disagreeing' };
  if (!allowedTenantId) return { accepted: true, tenantId: first };
  if (first === undefined) return { accepted: false, reason: 'no_tenant' };
  return first === allowedTenantId.trim().toLowerCase() ? { accepted: true, tenantId: first } : { accepted: false, reason: 'other_tenant' };
}
