export function ArticleList() {
  return <div className="placeholder">Articles</div>;
}
