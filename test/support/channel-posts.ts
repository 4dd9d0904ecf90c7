import type { FakeConnector } from './fake-connector';

/** The coordinators' channel as the fixtures bind it (message.channel.json). */
export const CHANNEL_ID = '19:coordinators-channel@thread.tacv2';
export const REPORT_REFERENCE = /VBE-\d{4}-\d{4,}/;

/** The references of the report cards that reached the coordinators' channel. */
export function postedReferences(connector: FakeConnector, channelId = CHANNEL_ID): Set<string> {
  const references = new Set<string>();
  for (const sent of connector.sentTo(channelId)) {
    const match = REPORT_REFERENCE.exec(JSON.stringify(sent.activity.attachments ?? []));
    if (match) references.add(match[0]);
  }
  return references;
}
