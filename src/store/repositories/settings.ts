import type { ContainerName, DocumentStore } from '../document-store';

const CONTAINER = 'settings';
const PARTITION = 'settings';
const GENERATED_SECRET = 'generatedSecret';

/**
 * Whether a document is key material: the generated secret keys the pseudonyms and the sealed
 * answer pool, so whoever holds it and the data can tell who answered what. A store dump never
 * carries it, either way (store/dump.ts).
 */
export function isKeyMaterial(container: ContainerName, id: string): boolean {
  return container === CONTAINER && id === GENERATED_SECRET;
}

/** Where the coordinators' channel is: an opaque conversation reference kept for the transport. */
export interface CoordinatorChannel {
  conversationReference: Record<string, unknown>;
  boundAt: string;
}

/** Where proactive 1:1 messages go: the tenant's Bot Connector endpoint, as Teams last told us. */
export interface ProactiveTarget {
  serviceUrl: string;
  tenantId?: string;
}

/** The stored form of a target, to compare one with another. */
const targetKey = (target: ProactiveTarget) => JSON.stringify({ serviceUrl: target.serviceUrl, tenantId: target.tenantId });

export class Settings {
  /** The target this process last stored or read, so that an unchanged one costs no write per turn. */
  private knownTarget?: string;

  constructor(private readonly store: DocumentStore) {}

  async coordinatorChannel(): Promise<CoordinatorChannel | undefined> {
    return (await this.store.read<CoordinatorChannel>(CONTAINER, PARTITION, 'coordinatorChannel'))?.body;
  }

  async bindCoordinatorChannel(channel: CoordinatorChannel): Promise<void> {
    await this.store.upsert(CONTAINER, PARTITION, 'coordinatorChannel', channel);
  }

  async proactiveTarget(): Promise<ProactiveTarget | undefined> {
    return (await this.store.read<ProactiveTarget>(CONTAINER, PARTITION, 'proactiveTarget'))?.body;
  }

  async setProactiveTarget(target: ProactiveTarget): Promise<void> {
    await this.store.upsert(CONTAINER, PARTITION, 'proactiveTarget', target);
    this.knownTarget = targetKey(target);
  }

  /**
   * Keeps the endpoint of an inbound turn (already checked by the caller) as the proactive
   * target; writes only when it differs from what is stored.
   */
  async recordProactiveTarget(target: ProactiveTarget): Promise<void> {
    const wanted = targetKey(target);
    if (this.knownTarget === undefined) {
      const stored = await this.proactiveTarget();
      this.knownTarget = stored ? targetKey(stored) : '';
    }
    if (this.knownTarget === wanted) return;
    await this.setProactiveTarget({ serviceUrl: target.serviceUrl, tenantId: target.tenantId });
  }

  /** A secret created once per installation, for when DATA_KEY is not configured (development). */
  async generatedSecret(create: () => string): Promise<string> {
    const existing = await this.store.read<{ secret: string }>(CONTAINER, PARTITION, GENERATED_SECRET);
    if (existing) return existing.body.secret;
    try {
      return (await this.store.create(CONTAINER, PARTITION, GENERATED_SECRET, { secret: create() })).body.secret;
    } catch {
      // Another process created it first: use theirs.
      const winner = await this.store.read<{ secret: string }>(CONTAINER, PARTITION, GENERATED_SECRET);
      if (!winner) throw new Error('generated secret could not be stored');
      return winner.body.secret;
    }
  }
}
