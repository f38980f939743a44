import type { Handlers, Session } from '../session';

export function attributesHandlers(session: Session): Pick<Handlers, 'attributes.list'> {
  return {
    'attributes.list': async () => ({ attributes: session.requireProject().attributes.list() }),
  };
}
