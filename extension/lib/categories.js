// Each finding category's label and colour, as the server declares them (GET /v1/rules lists
// them, core and team packs alike): the extension keeps no list of its own. Until they arrive,
// or for a category the server did not declare, a neutral grey and the category's id.
const FALLBACK_COLOR = '#868e96';
let known = new Map();

/** categories: the `categories` list of GET /v1/rules ({id, label, colour, layer}). */
export function setCategories(categories) {
  known = new Map((categories ?? []).map((category) => [category.id, category]));
}

export function categoryColor(category) {
  return known.get(category)?.colour ?? FALLBACK_COLOR;
}

/** 'tone', 'proofreading' or 'reading'; a category the server did not declare counts as tone. */
export function categoryLayer(category) {
  return known.get(category)?.layer ?? 'tone';
}

export function categoryLabel(category) {
  return known.get(category)?.label ?? category ?? 'Note';
}

/** Highlight-registry name for a category (CSS Custom Highlight API). */
export function highlightName(category) {
  return `tactful-${known.has(category) ? category : 'other'}`;
}

/** ::highlight() rules for the given categories; injected into the page's styles. */
export function highlightCss(categories) {
  const rule = (name, color) =>
    `::highlight(${name}){text-decoration:underline wavy ${color};text-decoration-thickness:1.5px;` +
    `text-underline-offset:3px;background-color:${color}1f}`;
  return [...(categories ?? []).map(({ id, colour }) => rule(`tactful-${id}`, colour)),
    rule('tactful-other', FALLBACK_COLOR)].join('\n');
}
