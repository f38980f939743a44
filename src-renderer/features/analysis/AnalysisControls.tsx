/** A labelled choice in an analysis view's control bar (per interval, co-occurrence unit, chart measure…). */
export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  /** NoInfer: T comes from the value and options; a state setter (which also takes a function) must not widen it. */
  onChange: (value: NoInfer<T>) => void;
  testId: string;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      {/* The select offers only `options`, so its value is always one of T. */}
      <select value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={testId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The roll-up switch every count offers: a coding of a sub-code also counts for each of its ancestors. */
export function RollUpCheckbox({ checked, onChange, testId }: { checked: boolean; onChange(checked: boolean): void; testId: string }) {
  return (
    <label className="checkbox-field">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      <span>Count sub-codes with their parent</span>
    </label>
  );
}
