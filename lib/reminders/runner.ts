/**
 * Runs the reminder plan against the outside world through ports: the background gives it the
 * extension API and IndexedDB, tests give it fakes and fake timers. Runs never overlap: a request
 * during a run queues one more run after it (tasks changed mid-run are then seen).
 */
import { reminderNotifications, type ReminderNotification } from './notifications';
import { planReminders, type AnnouncedLog, type ReminderPlan, type ReminderTask } from './schedule';

export interface ReminderPorts {
  now(): number;
  /** Open follow-ups of live contacts. */
  readOpenTasks(): Promise<ReminderTask[]>;
  contactNames(ids: readonly string[]): Promise<Map<string, string>>;
  readAnnounced(): Promise<AnnouncedLog>;
  writeAnnounced(log: AnnouncedLog): Promise<void>;
  show(notification: ReminderNotification): Promise<void>;
  /** Takes down a task's notification (done, deleted or moved). */
  withdraw(taskId: string): Promise<void>;
  /**
   * Contacts due a keep-in-touch (lib/cadences) and when the next one falls due or a snooze ends.
   * They are derived from the contacts' last touch, not stored as tasks: logging any interaction
   * moves the due date by itself, with nothing to complete or delete, and no browser of a synced
   * workspace writes duplicate tasks for the same person. The badge counts them beside the tasks.
   */
  readKeepInTouch(now: number): Promise<{ count: number; nextAt?: number }>;
  setBadge(count: number): Promise<void>;
  /** Run again at this time (an alarm in the extension: it survives the worker being stopped). */
  wakeAt(at: number): Promise<void>;
}

export interface ReminderRunner {
  /** Re-plans from stored data: announces what is due, updates the badge and the next wake-up. */
  reconcile(): Promise<ReminderPlan>;
}

export function createReminderRunner(ports: ReminderPorts): ReminderRunner {
  let running: Promise<ReminderPlan> | undefined;
  let queued: Promise<ReminderPlan> | undefined;

  async function runOnce(): Promise<ReminderPlan> {
    const [tasks, log] = await Promise.all([ports.readOpenTasks(), ports.readAnnounced()]);
    const now = ports.now();
    const plan = planReminders(tasks, log, now);
    for (const taskId of plan.withdraw) await ports.withdraw(taskId);
    if (plan.announce.length > 0) {
      const names = await ports.contactNames([...new Set(plan.announce.map((task) => task.contactId))]);
      for (const notification of reminderNotifications(plan.announce, names, now)) await ports.show(notification);
    }
    // Logged after showing: a worker stopped in between announces again rather than never.
    await ports.writeAnnounced(plan.announced);
    const keepInTouch = await ports.readKeepInTouch(now);
    await ports.setBadge(plan.dueToday + keepInTouch.count);
    await ports.wakeAt(keepInTouch.nextAt === undefined ? plan.wakeAt : Math.min(plan.wakeAt, keepInTouch.nextAt));
    return plan;
  }

  function reconcile(): Promise<ReminderPlan> {
    if (!running) {
      running = runOnce().finally(() => {
        running = undefined;
      });
      return running;
    }
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return reconcile();
      });
    return queued;
  }

  return { reconcile };
}
