export function CodebookPanel() {
  return <div className="placeholder">Codebook</div>;
}
