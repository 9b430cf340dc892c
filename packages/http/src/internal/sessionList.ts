import type { SessionSummary } from '@monban/core';
import { describeUserAgent, type SessionDevice } from '../describeUserAgent.js';

/**
 * One of the member's sessions as `GET /settings/sessions` answers it: core's `SessionSummary`
 * with its raw `userAgent` turned into a `device` (browser, OS, kind of device).
 */
export interface SessionListItem extends Omit<SessionSummary, 'userAgent'> {
  /** What the session's `User-Agent` names (`describeUserAgent`), or `null`. */
  device: SessionDevice | null;
}

/** Core's session summaries as the sessions list answers them, in the same order. */
export function sessionList(sessions: readonly SessionSummary[]): SessionListItem[] {
  return sessions.map(({ userAgent, ...summary }) => ({
    ...summary,
    device: describeUserAgent(userAgent),
  }));
}
