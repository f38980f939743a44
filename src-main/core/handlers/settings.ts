import type { Handlers, Session } from '../session';

export function settingsHandlers(session: Session): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': async () => session.appState.settings(),
    'settings.update': async (changes) => session.appState.updateSettings(changes),
  };
}
