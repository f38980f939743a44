import { EVERYTHING } from '../events';
import type { Handlers, Session } from '../session';

export function historyHandlers(session: Session): Pick<Handlers, 'history.state' | 'history.undo' | 'history.redo'> {
  return {
    'history.state': async () => session.recorder().state(),
    'history.undo': async () => {
      const label = session.recorder().undo();
      if (label) session.announce(EVERYTHING);
      return { ...session.recorder().state(), label };
    },
    'history.redo': async () => {
      const label = session.recorder().redo();
      if (label) session.announce(EVERYTHING);
      return { ...session.recorder().state(), label };
    },
  };
}
