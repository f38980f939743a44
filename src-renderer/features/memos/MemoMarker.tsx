/** The ✎ a list row shows when its article or code has a memo; read out as "Has a memo". */
export function MemoMarker({ testId }: { testId: string }) {
  return (
    <span className="memo-marker" role="img" aria-label="Has a memo" title="Has a memo" data-testid={testId}>
      ✎
    </span>
  );
}
