export function ReaderPane() {
  return <div className="placeholder">Select an article</div>;
}
