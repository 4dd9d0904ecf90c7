import { concernChannelPostCard } from '../cards/concern-post-cards';
import type { AdaptiveCardJson } from '../cards/render-card';
import type { DistrictConfig } from '../config/district';
import { stringsFor } from '../domain/i18n';
import type { AuditLog } from '../store/repositories/audit-log';
import type { ChannelMessages } from '../store/repositories/channel-messages';
import type { ConcernReports } from '../store/repositories/concern-reports';
import type { ChannelPostSource } from './channel-post-outbox';

/** Reports, in the district's language; a delivered post is a disclosure and is audited. */
export function reportPosts(reports: ConcernReports, audit: AuditLog, district: DistrictConfig): ChannelPostSource {
  const t = stringsFor(district.language);
  return {
    async due(by, limit) {
      return (await reports.duePosts(by, limit)).map((read) => {
        let document = read;
        return {
          id: document.id,
          kind: 'report',
          delivery: document.body.channelPost,
          card: () => concernChannelPostCard(t, district, document.body),
          claim: async (until) => {
            const claimed = await reports.claimPost(document, until);
            if (claimed) document = claimed;
            return claimed !== undefined;
          },
          // The id Teams gave the post: to redraw it (case steps, markers) and to mark it at gallring.
          record: async (next, activityId) => void (await reports.setChannelPost(document, { ...next, ...(activityId ? { activityId } : {}) })),
          delivered: async (next) =>
            audit.record({ at: next.deliveredAt!, actor: { kind: 'system' }, action: 'report.posted_to_channel', subject: document.id }),
        };
      });
    },
  };
}

/**
 * Delivered report posts to redraw for everyone, from the report as stored when the edit is
 * sent (not as it was when the edit was asked for), so the latest state always wins.
 */
export function reportPostUpdates(reports: ConcernReports, district: DistrictConfig): ChannelPostSource {
  const t = stringsFor(district.language);
  return {
    async due(by, limit) {
      return (await reports.duePostUpdates(by, limit)).flatMap((read) => {
        let document = read;
        const { postUpdate, channelPost } = document.body;
        if (!postUpdate || !channelPost.activityId) return [];
        return [
          {
            id: document.id,
            kind: 'report-update',
            delivery: postUpdate,
            updates: channelPost.activityId,
            card: () => concernChannelPostCard(t, district, document.body),
            claim: async (until) => {
              const claimed = await reports.claimPostUpdate(document, until);
              if (claimed) document = claimed;
              return claimed !== undefined;
            },
            record: (next) => reports.recordPostUpdate(document, next),
          },
        ];
      });
    },
  };
}

/** Digests and forum follow-ups, posted as they were queued; edits of posted messages (gallring) likewise. */
export function channelMessagePosts(messages: ChannelMessages): ChannelPostSource {
  return {
    async due(by, limit) {
      return (await messages.due(by, limit)).map((read) => {
        let document = read;
        return {
          id: document.id,
          kind: document.body.kind,
          delivery: document.body.delivery,
          ...(document.body.updates ? { updates: document.body.updates } : {}),
          card: () => document.body.card as AdaptiveCardJson,
          claim: async (until) => {
            const claimed = await messages.claim(document, until);
            if (claimed) document = claimed;
            return claimed !== undefined;
          },
          record: (next) => messages.setDelivery(document, next),
        };
      });
    },
  };
}
