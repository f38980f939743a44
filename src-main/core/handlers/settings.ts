import type { Handlers, Session } from '../session';

export function settingsHandlers(session: Session): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': async () => session.appState.settings(),
    'settings.update': async (changes) => {
      // The coder named in the settings is who this window codes as from now on (coders.setCurrent is the call that
      // also adds the coder to the project).
      if (changes.coderName !== undefined && session.teamWindow.coder !== null) Object.assign(session.teamWindow, { coder: changes.coderName, coderId: null });
      return session.appState.updateSettings(changes);
    },
  };
}
