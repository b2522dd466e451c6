/**
 * One hand-written day in Asia/Shanghai (2026-12-02, UTC+8), driven through a
 * real engine: three agents, seven sessions, one of them across midnight. The
 * figures it must give are worked out by hand in workloadDay.unit.spec.ts.
 *
 * Only the agent meant to receive a customer's session is online when the
 * customer writes (the others are busy: they still take transfers and open
 * proactive sessions).
 */
import { SEC, workloadHarness } from './workloadHarness.js';

/** 2026-12-02 hh:mm:ss in Shanghai, as epoch ms. */
export const local = (hh: number, mm: number, ss = 0, day = 2) => Date.UTC(2026, 11, day, hh - 8, mm, ss);
export { SEC };

export const driveDay = async () => {
  const h = workloadHarness(local(8, 0));
  await h.agents(['a1', 'a2', 'a3']);
  await h.run(h.d.busy('a2'));
  await h.run(h.d.busy('a3'));

  // s1, a1, web-mall, from a product page: a welcome notice, two pairs of exactly 30 s.
  await h.at(local(9, 0, 0));
  await h.says('c1', 's1', { entry: { kind: 'product-page', card: { kind: 'product-card', productId: 'p-9', title: 'Tea' } } });
  await h.auto('s1', 'welcome');
  await h.at(local(9, 0, 30));
  await h.replies('a1', 's1');
  await h.at(local(9, 1, 0));
  await h.says('c1', 's1');
  await h.at(local(9, 1, 10));
  await h.says('c1', 's1');
  await h.at(local(9, 1, 30));
  await h.replies('a1', 's1');
  await h.at(local(9, 1, 35));
  await h.replies('a1', 's1');
  await h.at(local(9, 2, 0));
  await h.run(h.d.end({ sessionId: 's1' }));
  await h.rate('c1', 's1', 5);

  // s2, a1 then a2, app: an FAQ auto answer, a pair of exactly 50 s, a transfer, a pair of 60 s.
  await h.at(local(9, 5, 0));
  await h.says('c2', 's2', { channel: 'app' });
  await h.at(local(9, 5, 5));
  await h.auto('s2', 'faq');
  await h.at(local(9, 6, 0));
  await h.says('c2', 's2');
  await h.at(local(9, 6, 50));
  await h.replies('a1', 's2');
  await h.at(local(9, 7, 0));
  await h.run(h.d.transfer({ sessionId: 's2', toAgentId: 'a2' }));
  await h.at(local(9, 7, 20));
  await h.says('c2', 's2');
  await h.at(local(9, 8, 20));
  await h.replies('a2', 's2');
  await h.at(local(9, 10, 0));
  await h.run(h.d.end({ sessionId: 's2' }));

  // s3, a2 proactive, web-mall: replied only once c3 answered and a2 wrote again.
  await h.at(local(9, 20, 0));
  await h.run(h.d.proactive({ sessionId: 's3', customerId: 'c3', agentId: 'a2', channel: 'web-mall' }));
  await h.at(local(9, 20, 10));
  await h.replies('a2', 's3');
  await h.at(local(9, 21, 0));
  await h.says('c3', 's3');
  await h.at(local(9, 21, 20));
  await h.replies('a2', 's3');
  await h.at(local(9, 25, 0));
  await h.run(h.d.end({ sessionId: 's3' }));

  // s4, a2 proactive, app: c4 never answers.
  await h.at(local(9, 30, 0));
  await h.run(h.d.proactive({ sessionId: 's4', customerId: 'c4', agentId: 'a2', channel: 'app' }));
  await h.at(local(9, 30, 5));
  await h.replies('a2', 's4');
  await h.at(local(9, 31, 0));
  await h.run(h.d.end({ sessionId: 's4' }));

  // s6, queued while a1 is busy: two messages in the queue, timed from a1's reception.
  await h.at(local(10, 0, 0));
  await h.run(h.d.busy('a1'));
  await h.says('c6', 's6');
  await h.at(local(10, 0, 30));
  await h.says('c6', 's6');
  await h.at(local(10, 1, 0));
  await h.run(h.d.online('a1'));
  await h.at(local(10, 1, 40));
  await h.replies('a1', 's6');
  await h.at(local(10, 2, 0));
  await h.run(h.d.end({ sessionId: 's6' }));

  // s7, c1 again, on app: a1 receives c1 a second time that day.
  await h.at(local(11, 0, 0));
  await h.says('c1', 's7', { channel: 'app' });
  await h.at(local(11, 0, 15));
  await h.replies('a1', 's7');
  await h.at(local(11, 0, 30));
  await h.run(h.d.end({ sessionId: 's7' }));

  // s5, across midnight: a1 from 23:59 (an internal note, replies after 00:00), then a3 from 00:01.
  await h.at(local(23, 59, 0));
  await h.says('c5', 's5');
  await h.at(local(23, 59, 40));
  await h.note('a1', 's5');
  await h.at(local(0, 0, 20, 3));
  await h.replies('a1', 's5');
  await h.at(local(0, 0, 30, 3));
  await h.says('c5', 's5');
  await h.at(local(0, 0, 40, 3));
  await h.replies('a1', 's5');
  await h.at(local(0, 1, 0, 3));
  await h.run(h.d.transfer({ sessionId: 's5', toAgentId: 'a3' }));
  await h.at(local(0, 2, 0, 3));
  await h.run(h.d.end({ sessionId: 's5' }));
  return h;
};
