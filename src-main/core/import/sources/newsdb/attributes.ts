// Stores the fields read from a news-database export as article attributes: onto the built-in ones (outlet,
// publication date, author, language) and onto attributes defined on first use (section, length, source_id,
// database). A value that does not fit an attribute the analyst already defined with another type is left out
// rather than failing the article.
import type { Database } from 'better-sqlite3';
import { AttributeStore, coerceAttributeValue } from '../../../store/AttributeStore';

export interface ImportedAttribute {
  name: string;
  type: 'text' | 'number' | 'date';
  value: string | number;
}

export function storeImportedAttributes(store: AttributeStore, articleId: number, attributes: ImportedAttribute[]): void {
  for (const a of attributes) {
    const definition = store.find(a.name) ?? store.define(a.name, a.type);
    let value;
    try {
      value = coerceAttributeValue(definition.type, a.value, definition.name);
    } catch {
      continue;
    }
    if (value !== null) store.setChecked(articleId, definition.id, value);
  }
}

export function attributeStoreFor(db: Database): AttributeStore {
  return new AttributeStore(db);
}
