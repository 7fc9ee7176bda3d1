/**
 * The server's own clock for the writes it makes for an address book client (CardDAV PUT and
 * DELETE, issue 20): a hybrid logical clock like every browser's (lib/sync/shared/hlc.ts), with a
 * node id of its own per process, so its stamps never tie with another writer's. A write is
 * stamped after the newest stamp of the row it changes, so it wins over every write the server
 * has seen for that contact (a browser whose clock runs ahead included), as a later edit should.
 */
import { type HlcState, initialHlc, randomNodeId, receiveHlc, sendHlc } from '../../lib/sync/shared/hlc';

export class DavClock {
  private state: HlcState = initialHlc(randomNodeId());

  /** A stamp after `now` and after every stamp in `seen` (the row's field stamps). */
  stampAfter(seen: Iterable<string>, now: number): string {
    let newest = '';
    for (const stamp of seen) if (stamp > newest) newest = stamp;
    // The sync API refuses stamps over a minute ahead of its clock, so the row holds none further.
    if (newest !== '') this.state = receiveHlc(this.state, newest, now);
    const { state, stamp } = sendHlc(this.state, now);
    this.state = state;
    return stamp;
  }
}
