/**
 * Reminder scheduling: the pure plan, then the runner driven by fake timers, with an "alarm"
 * made of a fake setTimeout so time can be advanced past due times and midnights.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inTimeZone } from '../time-zone';
import {
  badgeText,
  createReminderRunner,
  planReminders,
  reminderNotifications,
  SUMMARY_NOTIFICATION_ID,
  type AnnouncedLog,
  type ReminderNotification,
  type ReminderTask,
} from '@/lib/reminders';

inTimeZone('Europe/Berlin');

const utc = (iso: string) => Date.parse(iso);
const MIN = 60_000;
// Wednesday 10 June 2026, 10:00 in Berlin (CEST, UTC+2).
const NOW = utc('2026-06-10T08:00:00Z');
const MIDNIGHT = utc('2026-06-10T22:00:00Z');

function task(id: string, dueAt: number, extra: Partial<ReminderTask> = {}): ReminderTask {
  return { id, contactId: `c-${id}`, title: `Task ${id}`, dueAt, ...extra };
}

describe('planReminders', () => {
  it('announces due tasks once, counts today’s (overdue included), and wakes at the next reminder', () => {
    const tasks = [
      task('overdue', NOW - 3 * 86_400_000),
      task('now', NOW),
      task('later-today', NOW + 2 * 3_600_000),
      task('tomorrow', MIDNIGHT + 9 * 3_600_000),
      task('done', NOW - MIN, { doneAt: NOW - 2 * MIN }),
    ];
    const plan = planReminders(tasks, {}, NOW);
    expect(plan.announce.map((t) => t.id)).toEqual(['overdue', 'now']);
    expect(plan.announced).toEqual({ overdue: NOW - 3 * 86_400_000, now: NOW });
    expect(plan.dueToday).toBe(3);
    expect(plan.wakeAt).toBe(NOW + 2 * 3_600_000);
    expect(plan.withdraw).toEqual([]);

    // The same moment again: nothing new to say.
    const again = planReminders(tasks, plan.announced, NOW);
    expect(again.announce).toEqual([]);
  });

  it('wakes at midnight when nothing reminds before it, so the badge’s day rolls over', () => {
    expect(planReminders([task('next-week', NOW + 7 * 86_400_000)], {}, NOW).wakeAt).toBe(MIDNIGHT);
    expect(planReminders([], {}, NOW)).toMatchObject({ wakeAt: MIDNIGHT, dueToday: 0, announce: [] });
  });

  it('reminds at remindAt when a task has one', () => {
    const early = task('early', NOW + 3_600_000, { remindAt: NOW - MIN });
    expect(planReminders([early], {}, NOW).announce.map((t) => t.id)).toEqual(['early']);
  });

  it('withdraws notifications of tasks done, deleted or snoozed, and re-announces a snoozed task at its new time', () => {
    const log: AnnouncedLog = { done: NOW - MIN, gone: NOW - MIN, snoozed: NOW - MIN };
    const tasks = [task('done', NOW - MIN, { doneAt: NOW }), task('snoozed', NOW + 3_600_000, { remindAt: NOW + 3_600_000 })];
    const plan = planReminders(tasks, log, NOW);
    expect(plan.withdraw.sort()).toEqual(['done', 'gone', 'snoozed']);
    expect(plan.announced).toEqual({});
    const hourLater = planReminders(tasks, plan.announced, NOW + 3_600_000);
    expect(hourLater.announce.map((t) => t.id)).toEqual(['snoozed']);
  });

  it('says the count on the badge, blank at zero', () => {
    expect([0, 1, 42, 99, 100].map(badgeText)).toEqual(['', '1', '42', '99', '99+']);
  });
});

describe('reminderNotifications', () => {
  it('gives each of a few due tasks its own notification opening its contact', () => {
    const names = new Map([['c-a', 'Ada Lovelace']]);
    const [only] = reminderNotifications([task('a', NOW - MIN)], names, NOW);
    expect(only).toMatchObject({ id: 'reminder:a', title: 'Follow up: Ada Lovelace', opens: { view: 'contact', contactId: 'c-a' } });
    expect(only?.message).toMatch(/^Task a — was due /);
  });

  it('sums up more than three at once in one notification that opens the Tasks list', () => {
    const many = ['a', 'b', 'c', 'd', 'e'].map((id) => task(id, NOW - MIN));
    const notes = reminderNotifications(many, new Map(), NOW);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ id: SUMMARY_NOTIFICATION_ID, title: '5 follow-ups are due', opens: { view: 'tasks' } });
  });
});

describe('the reminder runner, on fake timers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function harness(tasks: ReminderTask[]) {
    let log: AnnouncedLog = {};
    let alarm: ReturnType<typeof setTimeout> | undefined;
    const shown: ReminderNotification[] = [];
    const withdrawn: string[] = [];
    const badges: number[] = [];
    const wakes: number[] = [];
    const runner = createReminderRunner({
      now: () => Date.now(),
      readOpenTasks: async () => tasks.filter((t) => t.doneAt === undefined),
      contactNames: async (ids) => new Map(ids.map((id) => [id, id.toUpperCase()])),
      readAnnounced: async () => ({ ...log }),
      writeAnnounced: async (next) => {
        log = next;
      },
      show: async (notification) => void shown.push(notification),
      withdraw: async (id) => void withdrawn.push(id),
      readKeepInTouch: async () => ({ count: 0 }),
      setBadge: async (count) => void badges.push(count),
      // One alarm, replaced on each plan, like chrome.alarms.create with the same name.
      wakeAt: async (at) => {
        wakes.push(at);
        clearTimeout(alarm);
        alarm = setTimeout(() => void runner.reconcile(), Math.max(0, at - Date.now()));
      },
    });
    return { runner, shown, withdrawn, badges, wakes, log: () => log };
  }

  it('announces a task when its time comes, not before, and counts it on the badge', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    const tasks = [task('call', NOW + 30 * MIN)];
    const h = harness(tasks);
    await h.runner.reconcile();
    expect(h.shown).toEqual([]);
    expect(h.badges.at(-1)).toBe(1);
    expect(h.wakes.at(-1)).toBe(NOW + 30 * MIN);

    await vi.advanceTimersByTimeAsync(29 * MIN);
    expect(h.shown).toEqual([]);
    await vi.advanceTimersByTimeAsync(MIN);
    expect(h.shown.map((n) => n.id)).toEqual(['reminder:call']);
    expect(h.shown[0]?.title).toBe('Follow up: C-CALL');
    // After announcing, the next wake-up is midnight (for the badge), and nothing is repeated.
    expect(h.wakes.at(-1)).toBe(MIDNIGHT);
    await vi.advanceTimersByTimeAsync(3 * 3_600_000);
    expect(h.shown).toHaveLength(1);
  });

  it('rolls the badge over at midnight: a task due tomorrow morning counts from then', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    const h = harness([task('tomorrow', MIDNIGHT + 9 * 3_600_000)]);
    await h.runner.reconcile();
    expect(h.badges.at(-1)).toBe(0);
    await vi.advanceTimersByTimeAsync(MIDNIGHT - NOW);
    expect(h.badges.at(-1)).toBe(1);
    expect(h.shown).toEqual([]);
    await vi.advanceTimersByTimeAsync(9 * 3_600_000);
    expect(h.shown.map((n) => n.id)).toEqual(['reminder:tomorrow']);
  });

  it('after a restart (a fresh runner over the same stored log) announces nothing twice', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    const tasks = [task('overdue', NOW - 86_400_000)];
    const first = harness(tasks);
    await first.runner.reconcile();
    expect(first.shown).toHaveLength(1);
    const stored = first.log();

    const restarted = harness(tasks);
    await restarted.runner.reconcile(); // its log starts empty, as on a fresh profile…
    expect(restarted.shown).toHaveLength(1);
    // …but given the stored log, as the real worker reads it from storage.local, it stays quiet.
    const withLog = createReminderRunner({
      now: () => Date.now(),
      readOpenTasks: async () => tasks,
      contactNames: async () => new Map(),
      readAnnounced: async () => stored,
      writeAnnounced: async () => {},
      show: async () => {
        throw new Error('announced twice');
      },
      withdraw: async () => {},
      readKeepInTouch: async () => ({ count: 0 }),
      setBadge: async () => {},
      wakeAt: async () => {},
    });
    await expect(withLog.reconcile()).resolves.toMatchObject({ announce: [], dueToday: 1 });
  });

  it('withdraws the notification of a task marked done, and runs never overlap', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    const tasks = [task('a', NOW - MIN)];
    const h = harness(tasks);
    await h.runner.reconcile();
    tasks[0]!.doneAt = NOW;
    await Promise.all([h.runner.reconcile(), h.runner.reconcile(), h.runner.reconcile()]);
    expect(h.withdrawn).toEqual(['a']);
    expect(h.badges.at(-1)).toBe(0);
  });

  it('counts contacts due a keep-in-touch on the badge and wakes when the next one falls due', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    const badges: number[] = [];
    const wakes: number[] = [];
    const runner = createReminderRunner({
      now: () => Date.now(),
      readOpenTasks: async () => [task('call', NOW - MIN)],
      contactNames: async () => new Map(),
      readAnnounced: async () => ({}),
      writeAnnounced: async () => {},
      show: async () => {},
      withdraw: async () => {},
      readKeepInTouch: async () => ({ count: 2, nextAt: NOW + 5 * MIN }),
      setBadge: async (count) => void badges.push(count),
      wakeAt: async (at) => void wakes.push(at),
    });
    await runner.reconcile();
    expect(badges).toEqual([3]);
    expect(wakes).toEqual([NOW + 5 * MIN]);
  });
});
