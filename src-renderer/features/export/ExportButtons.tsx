export function ExportButtons() {
  return null;
}
