// Merging a teammate's work and exporting for a coder: the two dialogs, opened from the toolbar and from the File menu.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ForCoderDialog } from './ForCoderDialog';
import { MergeDialog } from './MergeDialog';

interface MergeContextValue {
  openMerge(): void;
  openForCoder(): void;
}

const MergeContext = createContext<MergeContextValue | null>(null);

export function useMerge(): MergeContextValue {
  const value = useContext(MergeContext);
  if (!value) throw new Error('useMerge outside MergeProvider');
  return value;
}

export function MergeProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<'merge' | 'forCoder' | null>(null);
  const openMerge = useCallback(() => setOpen('merge'), []);
  const openForCoder = useCallback(() => setOpen('forCoder'), []);
  const value = useMemo(() => ({ openMerge, openForCoder }), [openMerge, openForCoder]);
  return (
    <MergeContext.Provider value={value}>
      {children}
      {open === 'merge' && <MergeDialog onClose={() => setOpen(null)} />}
      {open === 'forCoder' && <ForCoderDialog onClose={() => setOpen(null)} />}
    </MergeContext.Provider>
  );
}
