import { Menu, type MenuItemConstructorOptions } from 'electron';
import { dispatch, type Session } from '../../core/app';
import type { GlossEvent, MenuCommand } from '../../contract/types';

/**
 * The application menu. Items that need the renderer (export options, the new-project flow, import progress)
 * are forwarded to it as `menu.command` events, so each flow is written once, in the renderer, for both hosts.
 */
export function buildMenu(session: Session, send: (event: GlossEvent) => void): Menu {
  const command = (c: MenuCommand) => () => send({ type: 'menu.command', command: c });
  const hasProject = Boolean(session.currentProject);
  const recent = session.appState.recent().filter((r) => r.exists);
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Project…', accelerator: 'CmdOrCtrl+Shift+N', click: command('project.new') },
        { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: command('project.open') },
        {
          label: 'Open Recent',
          submenu: recent.length
            ? recent.map((r) => ({
                label: r.name,
                sublabel: r.path,
                // Through the dispatcher like every call the window makes: the same validation and the same events.
                click: async () => {
                  const reply = await dispatch(session, 'project.open', { path: r.path });
                  if (!reply.ok) {
                    send({ type: 'menu.command', command: 'project.open' });
                    console.error(`[gloss] Open Recent: ${reply.error.message}`);
                  }
                },
              }))
            : [{ label: 'No recent projects', enabled: false }],
        },
        { type: 'separator' },
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+I', enabled: hasProject, click: command('import.files') },
        { label: 'Import Folder…', enabled: hasProject, click: command('import.folder') },
        { label: 'Import Annotations…', enabled: hasProject && !session.currentProject?.readOnly, click: command('import.annotations') },
        { label: 'Merge Teammate\'s Work…', enabled: hasProject && !session.currentProject?.readOnly, click: command('project.merge') },
        { type: 'separator' },
        { label: 'Export JSON…', enabled: hasProject, click: command('export.json') },
        { label: 'Export CSV…', accelerator: 'CmdOrCtrl+E', enabled: hasProject, click: command('export.csv') },
        {
          label: 'Export',
          enabled: hasProject,
          submenu: [
            { label: 'REFI-QDA Project (.qdpx)…', enabled: hasProject, click: command('export.qdpx') },
            { label: 'REFI-QDA Codebook (.qdc)…', enabled: hasProject, click: command('export.qdc') },
            { label: 'For a Coder (.gloss)…', enabled: hasProject, click: command('export.forCoder') },
          ],
        },
        { type: 'separator' },
        // The renderer lists the backups (backups.list) and asks before restoring one (backups.restore).
        // The renderer runs project.check and shows the findings, offering a restore when there are any.
        { label: 'Check Project…', enabled: hasProject, click: command('project.check') },
        { label: 'Restore from Backup…', enabled: hasProject && !session.currentProject?.readOnly, click: command('backups.restore') },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // Undo and Redo go to the renderer: in a text field it runs the field's own undo, elsewhere the project's
        // (history.undo / history.redo). On macOS the menu takes Cmd+Z first, so these items do all the work; on
        // Windows and Linux the page sees the keys first (a field undoes its typing, the workbench cancels the key
        // after its own undo), so the accelerators reach these items only when nothing else took them.
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: command('history.undo') },
        {
          label: 'Redo',
          accelerator: process.platform === 'win32' ? 'Ctrl+Y' : 'Shift+CmdOrCtrl+Z',
          click: command('history.redo'),
        },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...(process.platform === 'darwin' ? [{ role: 'pasteAndMatchStyle' as const }] : []),
        { role: 'delete' },
        { type: 'separator' },
        { role: 'selectAll' },
      ],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
